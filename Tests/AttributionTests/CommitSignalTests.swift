import Foundation
import GitKit
import Testing

@testable import Attribution

@Suite("Signals in a commit")
struct CommitSignalTests {
  let classifier: CommitClassifier

  init() throws {
    classifier = CommitClassifier(table: try shippedTable.get())
  }

  func classify(message: String, author: String = dana, committer: String? = nil) throws
    -> LineAttribution
  {
    let person = Person(parsing: author)
    return classifier.classify(
      CommitFacts(
        author: person, committer: committer.map(Person.init(parsing:)) ?? person,
        message: CommitMessage(message, gitTrailers: try gitTrailers(in: message))))
  }

  @Test(
    "Trailer keys are case-insensitive",
    arguments: [
      "Co-Authored-By", "Co-authored-by", "co-authored-by", "CO-AUTHORED-BY", "cO-aUtHoReD-bY",
    ])
  func trailerKeyCase(key: String) throws {
    let decided = try classify(message: "Fix\n\n\(key): Claude <noreply@anthropic.com>\n")
    #expect(decided.authorship == .ai && decided.agent == "Claude Code")
    #expect(
      decided.evidence == Evidence(signal: .trailer, text: "\(key): Claude <noreply@anthropic.com>")
    )
  }

  @Test(
    "Generic keys are case-insensitive too",
    arguments: ["Assisted-by", "ASSISTED-BY", "generated-BY"])
  func genericKeyCase(key: String) throws {
    let decided = try classify(message: "Fix\n\n\(key): some-tool:some-model\n")
    #expect(decided.authorship == .ai && decided.agent == "declared AI assistance")
  }

  @Test("A squash merge's trailers in the middle of the body are found")
  func squashMerge() throws {
    let message = """
      Add the importer (#42)

      * Parse the header

      Co-authored-by: Claude <noreply@anthropic.com>

      * Handle empty files

      Co-authored-by: Pat Reviewer <pat@example.com>

      * Document it

      Signed-off-by: Dana Developer <dana@example.com>
      """
    // Git's own trailer block is only the last paragraph: it does not see the middle one.
    #expect(
      !(try gitTrailers(in: message)).contains { $0.value.contains("anthropic") })
    let decided = try classify(message: message)
    #expect(decided.authorship == .ai && decided.agent == "Claude Code")
    #expect(decided.evidence?.text == "Co-authored-by: Claude <noreply@anthropic.com>")
  }

  @Test(
    "A trailer quoted in a fenced code block is not a signal",
    arguments: ["```", "~~~", "````text"])
  func fencedTrailer(fence: String) throws {
    let closing = String(fence.prefix { $0 == fence.first })
    let message = """
      Explain how to credit an agent

      Write the trailer like this:

      \(fence)
      Co-Authored-By: Claude <noreply@anthropic.com>
      Generated with [Claude Code](https://claude.com/claude-code)
      \(closing)
      """
    let decided = try classify(message: message)
    #expect(decided.authorship == .unknown && decided.evidence == nil)
  }

  @Test("An indented or bulleted trailer (a squash body's list) is an agent's signal")
  func indentedTrailer() throws {
    for line in [
      "    Co-Authored-By: Claude <noreply@anthropic.com>",
      "* Co-authored-by: Claude <noreply@anthropic.com>",
      "  - Co-authored-by: Claude <noreply@anthropic.com>",
    ] {
      let decided = try classify(message: "Squash (#3)\n\n* First\n\n\(line)\n")
      #expect(decided.authorship == .ai && decided.agent == "Claude Code", "\(line)")
    }
  }

  @Test("A quoted trailer, one mid-sentence, or a nested human marker is not a signal")
  func notTrailers() throws {
    #expect(try classify(message: "Doc\n\n> Assisted-by: codex\n").authorship == .unknown)
    #expect(
      try classify(message: "Doc\n\nWe never add Co-authored-by: Claude <noreply@anthropic.com>\n")
        .authorship == .unknown)
    #expect(
      try classify(message: "Doc\n\n*Co-authored-by: Claude <noreply@anthropic.com>\n")
        .authorship == .unknown)
  }

  @Test("A footer is found in the body")
  func footer() throws {
    let decided = try classify(
      message: "Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n")
    #expect(decided.agent == "Claude Code" && decided.evidence?.signal == .footer)
  }

  @Test("A human co-author is not an AI signal")
  func humanCoAuthor() throws {
    let decided = try classify(
      message: "Pair on it\n\nCo-authored-by: Pat Reviewer <pat@example.com>\n")
    #expect(decided.authorship == .unknown)
  }

  @Test("Someone at an AI company committing as themselves is not an agent")
  func aiCompanyEmployee() throws {
    for author in [
      "Sam Someone <sam@openai.com>", "Ann Example <ann@anthropic.com>", "Ravi <ravi@cursor.com>",
    ] {
      #expect(try classify(message: "Fix\n", author: author).authorship == .unknown)
    }
  }

  @Test("A committer-only ' (aider)' is not AI authorship; an author one is")
  func aiderCommitter() throws {
    let committerOnly = try classify(
      message: "Fix\n", author: dana, committer: "Dana Developer (aider) <dana@example.com>")
    #expect(committerOnly.authorship == .unknown)
    let authored = try classify(
      message: "Fix\n", author: "Dana Developer (aider) <dana@example.com>",
      committer: "Dana Developer (aider) <dana@example.com>")
    #expect(authored.agent == "aider" && authored.evidence?.signal == .author)
  }

  @Test("A bot as committer counts; maintenance bots are their own class")
  func bots() throws {
    let committed = try classify(
      message: "Fix\n", author: dana,
      committer: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>")
    #expect(committed.agent == "GitHub Copilot" && committed.evidence?.signal == .committer)
    let bumped = try classify(
      message: "Bump foo from 1.0 to 1.1\n",
      author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>")
    #expect(bumped.authorship == .maintenanceBot && bumped.agent == "Dependabot")
  }

  @Test("An AI signal beats a maintenance bot and a human marker")
  func precedence() throws {
    let message = "Update\n\nAI-assisted: no\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
    let decided = try classify(
      message: message,
      author: "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>")
    #expect(decided.authorship == .ai && decided.agent == "Claude Code")
  }

  @Test("The strongest signal is the evidence")
  func strongestEvidence() throws {
    let decided = try classify(
      message:
        "Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n\(claudeTrailer)\n",
      author: "Claude Code <noreply@anthropic.com>")
    #expect(decided.evidence?.signal == .author)
  }

  @Test("Text output does not pass control characters through from commit messages")
  func controlCharacters() throws {
    let evidence = Evidence(signal: .trailer, text: "Assisted-by: x\u{1B}[2J")
    let report = AttributionReport(
      base: nil, head: nil,
      files: [
        FileAttribution(
          path: "a.txt",
          lines: [
            (1, LineAttribution(authorship: .ai, agent: "x", commit: nil, evidence: evidence))
          ])
      ])
    #expect(!report.text().contains("\u{1B}") && report.text().contains("Assisted-by: x?[2J"))
  }

  @Test("A plain commit is unknown, never human")
  func plainCommit() throws {
    let decided = try classify(
      message: "Refactor the loader\n\nSigned-off-by: Dana Developer <dana@example.com>\n")
    #expect(decided == .unknown(commit: nil))
  }

  @Test("A message being written drops git's comments and everything below the scissors")
  func editedMessage() {
    let text = """
      Fix the loop

      # Co-Authored-By: Claude <noreply@anthropic.com>
      # ------------------------ >8 ------------------------
      Assisted-by: codex
      """
    let message = CommitMessage.editedMessage(text)
    #expect(message.subject == "Fix the loop" && message.trailers.isEmpty)
  }
}
