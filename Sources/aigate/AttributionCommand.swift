import ArgumentParser

/// `aigate attribution`: which added lines an AI agent wrote, and the evidence.
struct AttributionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attribution",
    abstract: "Show which added lines are AI-authored, by which agent (not built yet: exits 2)."
  )

  @OptionGroup var change: ChangeOptions

  @Option(help: "text or json.")
  var format: String = "text"

  func run() throws {
    throw CommandFailure.notYetAvailable(command: "attribution", missing: "attribution")
  }
}
