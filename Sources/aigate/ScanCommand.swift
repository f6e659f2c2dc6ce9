import ArgumentParser

/// `aigate scan`: scan files or folders without git, like `semgrep scan`.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files or folders without git (not built yet: exits 2)."
  )

  @OptionGroup var common: CommonOptions

  @Argument(help: "Files or folders to scan.")
  var paths: [String] = ["."]

  func run() throws {
    throw CommandFailure.notYetAvailable(command: "scan", missing: "the rule engine")
  }
}
