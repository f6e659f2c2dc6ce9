import ArgumentParser
import Attribution
import Foundation
import Gate
import GitKit

/// `aigate attribution`: which added lines an AI agent wrote, and the evidence.
struct AttributionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attribution",
    abstract: "Show which added lines are AI-authored, by which agent, and on what evidence.",
    discussion: """
      The change is merge-base(base, head)..head, as for 'aigate check'. \
      \(ChangeOptions.baseDefault) With --staged it is the index against HEAD; then \
      --message-file (the commit-msg hook's file) is the message being written. A line with no \
      signal is unknown, never human. The agent table is rulesets/agents.yaml (AIGATE_AGENTS \
      overrides where it is found).
      """
  )

  /// What `aigate attribution` can print.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case text, json
  }

  @OptionGroup var change: ChangeOptions

  @Option(help: "text or json.")
  var format: Format = .text

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let table = try AgentTable.load(
      path: try ShippedData.locate(environment: environment).agentTable)
    let repository = try Repository.open()
    let resolved = try ResolvedChange.resolve(
      change.selected, in: repository, environment: environment)
    change.note(resolved.base)
    let report = try resolved.read(from: repository, table: table, environment: environment)
      .attribution
    switch format {
    case .json: print(try report.json())
    case .text: print(report.text(), terminator: "")
    }
  }
}
