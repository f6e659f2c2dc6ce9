import ArgumentParser
import GitKit
import Hooks

extension HookKind: ExpressibleByArgument {}

/// `aigate hook`: git hooks.
struct HookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hook",
    abstract: "Install, remove or run aigate's git hooks (pre-commit, commit-msg).",
    discussion: """
      The hooks go where git looks for them: core.hooksPath when set, else the hooks folder of \
      the repository (shared by its worktrees). A hook already there is kept and runs first. \
      Set \(HookEnvironment.skip)=1 to let one commit through unchecked (the hook says so), and \
      \(HookEnvironment.binary) to run another aigate than the one recorded at install time.
      """,
    subcommands: [Install.self, Uninstall.self, Run.self]
  )

  /// Which hooks a command acts on; neither flag means both.
  struct Selection: ParsableArguments {
    @Flag(help: "The pre-commit hook (gates the staged change).")
    var preCommit = false

    @Flag(help: "The commit-msg hook (re-gates it with the message's trailers).")
    var commitMsg = false

    var kinds: [HookKind] { HookKind.selection(preCommit: preCommit, commitMsg: commitMsg) }
  }

  struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "install",
      abstract: "Install the hooks (both by default), chaining any hook already there.")

    @OptionGroup var selection: Selection

    func run() throws {
      let folder = try HooksFolder.locate(in: try Repository.open())
      if folder.isConfigured {
        Diagnostics.note(
          "core.hooksPath is set: installing into \(folder.path); hooks there run for every "
            + "repository that uses that folder")
      }
      let installer = HookInstaller(folder: folder)
      let aigate = try ExecutableLocator.current()
      for change in try installer.install(selection.kinds, aigatePath: aigate) {
        print(change)
      }
    }
  }

  struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "uninstall",
      abstract: "Remove aigate's hooks, putting back exactly what was there before.")

    @OptionGroup var selection: Selection

    func run() throws {
      let installer = HookInstaller(folder: try HooksFolder.locate(in: try Repository.open()))
      for change in try installer.uninstall(selection.kinds) {
        print(change)
      }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "What the installed hooks call: runs 'aigate check --staged' for the hook.",
      discussion: """
        pre-commit runs 'check --staged'; commit-msg FILE runs 'check --staged \
        --message-file FILE'. Options before FILE are passed on to check.
        """
    )

    @Argument(help: "pre-commit or commit-msg.")
    var hook: HookKind

    @Argument(
      parsing: .captureForPassthrough,
      help: "The hook's own arguments (commit-msg: the message file), after any check options.")
    var arguments: [String] = []

    func run() throws {
      // Through the protocol, so that check's own run() may keep or drop `mutating`.
      var check: any ParsableCommand = try CheckCommand.parse(
        try HookRun.checkArguments(for: hook, arguments))
      try check.run()
    }
  }
}
