import ArgumentParser

/// `aigate test`: rule tests in semgrep's annotated format.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run rule tests (ruleid:/ok: annotations) (not built yet: exits 2)."
  )

  @Argument(help: "Folders of rules and their annotated test files.")
  var directories: [String] = []

  func run() throws {
    throw CommandFailure.notYetAvailable(command: "test", missing: "the rule engine")
  }
}
