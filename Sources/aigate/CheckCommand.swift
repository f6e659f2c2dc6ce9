import ArgumentParser
import GitKit

/// `aigate check`: the gate.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Gate a change: a revision range, or the staged index with --staged.",
    discussion: """
      The change is merge-base(base, head)..head. Exit 0 when it passes, 1 when AI-authored lines \
      carry blocking findings, 2 on any error. (The verdict needs the rule engine and attribution, \
      which are not built yet: until then this command reads the change and exits 2.)
      """
  )

  @OptionGroup var change: ChangeOptions
  @OptionGroup var common: CommonOptions

  func run() throws {
    let repository = try Repository.open()
    let changeSet =
      change.staged
      ? try repository.stagedChangeSet()
      : try repository.changeSet(
        base: change.base ?? "HEAD~1", head: change.head ?? "HEAD")
    Diagnostics.note(
      "change: \(changeSet.files.count) files, \(changeSet.addedLineCount) added lines, "
        + "\(changeSet.commits.count) commits")
    throw CommandFailure.notYetAvailable(command: "check", missing: "the rule engine")
  }
}
