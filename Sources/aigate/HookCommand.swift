import ArgumentParser

/// `aigate hook`: git hooks.
struct HookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hook",
    abstract: "Install, remove or run aigate's git hooks (pre-commit, commit-msg).",
    subcommands: [Install.self, Uninstall.self, Run.self]
  )

  struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Install the hooks, chaining any existing ones (not built yet: exits 2).")
    func run() throws {
      throw CommandFailure.notYetAvailable(command: "hook install", missing: "hook management")
    }
  }

  struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove the hooks, restoring what was there (not built yet: exits 2).")
    func run() throws {
      throw CommandFailure.notYetAvailable(command: "hook uninstall", missing: "hook management")
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "What the installed hooks call (not built yet: exits 2).")
    @Argument(help: "pre-commit or commit-msg.")
    var hook: String
    @Argument(help: "The hook's own arguments.")
    var arguments: [String] = []
    func run() throws {
      throw CommandFailure.notYetAvailable(command: "hook run", missing: "the gate")
    }
  }
}
