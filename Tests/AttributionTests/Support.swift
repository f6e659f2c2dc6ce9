import Foundation
import GitKit
import TestSupport
import Testing

@testable import Attribution

/// The package's root folder, found from this file's place in it.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped agent table, read once.
let shippedTable: Result<AgentTable, AttributionError> = Result {
  () throws(AttributionError) -> AgentTable in
  try AgentTable.load(path: packageRoot.appendingPathComponent("rulesets/agents.yaml").path)
}

/// The shipped entries, for tests generated per entry (empty when the table does not load,
/// which `shippedTableLoads` reports).
let shippedAgents: [AgentEntry] = (try? shippedTable.get())?.agents ?? []

let dana = "Dana Developer <dana@example.com>"
let claudeTrailer = "Co-Authored-By: Claude Opus 4.1 <noreply@anthropic.com>"

/// Git's own trailers of `message`.
func gitTrailers(in message: String) throws -> [Trailer] {
  try TrailerParser.trailers(in: message)
}

/// The commit or staged commit an example describes.
func facts(of example: AgentExample) throws -> CommitFacts {
  let message = example.message ?? "Change things\n"
  if let environment = example.environment {
    let staged = CommitFacts(stagedMessage: message, environment: environment)
    return CommitFacts(
      author: example.author ?? staged.author, committer: example.committer ?? staged.committer,
      message: staged.message, environment: environment)
  }
  let author = example.author ?? Person(parsing: dana)
  return CommitFacts(
    author: author, committer: example.committer ?? author,
    message: CommitMessage(message, gitTrailers: try gitTrailers(in: message)))
}

/// A scratch repository opened through GitKit, with an attributor over the shipped table.
struct Fixture {
  let scratch: ScratchRepository
  let table: AgentTable

  init() throws {
    scratch = try ScratchRepository()
    table = try shippedTable.get()
  }

  func attributor() throws -> Attributor {
    Attributor(repository: try Repository.open(at: scratch.path, environment: [:]), table: table)
  }

  func attribute(base: String, head: String = "HEAD") throws -> AttributionReport {
    try attributor().attribute(base: base, head: head)
  }

  /// Writes `lines` as a file's whole content.
  func write(_ path: String, _ lines: [String]) throws {
    try scratch.write(path, lines.map { $0 + "\n" }.joined())
  }
}

/// The attribution of each line of `path` in `lines`, as `line: authorship agent`.
func describe(
  _ report: AttributionReport, _ path: String, _ lines: ClosedRange<Int>
) -> [String] {
  lines.map { line in
    guard let found = report.attribution(path: path, line: line) else { return "\(line): -" }
    return "\(line): \(found.authorship.rawValue) \(found.agent ?? "")"
      .trimmingCharacters(in: .whitespaces)
  }
}
