import ArgumentParser

/// `aigate init`: write a commented default `.aigate.yml`.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a commented default .aigate.yml (not built yet: exits 2)."
  )

  func run() throws {
    throw CommandFailure.notYetAvailable(command: "init", missing: "the policy file")
  }
}
