import ArgumentParser

/// `aigate rules`: check and list rule files.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Check rule files, or list rules with the engine that runs each.",
    subcommands: [Validate.self, List.self]
  )

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check rule files (not built yet: exits 2).")
    @OptionGroup var common: CommonOptions
    func run() throws {
      throw CommandFailure.notYetAvailable(command: "rules validate", missing: "the rule loader")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List rules and the engine that runs each (not built yet: exits 2).")
    @OptionGroup var common: CommonOptions
    func run() throws {
      throw CommandFailure.notYetAvailable(command: "rules list", missing: "the rule loader")
    }
  }
}
