import Foundation
import GitKit
import TestSupport
import Testing

@testable import Attribution

@Suite("A staged change")
struct StagedTests {
  /// A repository with one commit and a staged new file of three lines.
  func staged() throws -> Fixture {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.scratch.commit("Start\n")
    try fixture.write("b.txt", ["1", "2", "3"])
    try fixture.scratch.git(["add", "b.txt"])
    return fixture
  }

  func messageFile(_ fixture: Fixture, _ text: String) throws -> String {
    let path = fixture.scratch.path + "/.git/COMMIT_EDITMSG"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("The message's trailers decide")
  func messageDecides() throws {
    let fixture = try staged()
    let file = try messageFile(
      fixture, "Add b\n\n\(claudeTrailer)\n# Please enter the commit message\n")
    let report = try fixture.attributor().attributeStaged(messageFile: file, environment: [:])
      .report
    #expect(report.head == nil && report.base != nil)
    #expect(
      describe(report, "b.txt", 1...3) == [
        "1: ai Claude Code", "2: ai Claude Code", "3: ai Claude Code",
      ])
    #expect(report.attribution(path: "b.txt", line: 1)?.commit == nil)
  }

  @Test("A human marker in the message affirms a human")
  func humanMarker() throws {
    let fixture = try staged()
    let file = try messageFile(fixture, "Add b\n\nAI-assisted: false\n")
    let report = try fixture.attributor().attributeStaged(messageFile: file, environment: [:])
      .report
    #expect(report.summary.human == 3)
  }

  @Test(
    "Without a signal in the message, an agent's environment variable decides",
    arguments: [
      (["CLAUDECODE": "1"], "Claude Code"), (["CODEX_SANDBOX": "seatbelt"], "OpenAI Codex"),
      (["CURSOR_AGENT": "1"], "Cursor"), (["GEMINI_CLI": "1"], "Gemini CLI"),
      (["GIT_AUTHOR_NAME": "Dana (aider)", "GIT_AUTHOR_EMAIL": "d@example.com"], "aider"),
      (["AI_AGENT": "codex"], "OpenAI Codex"),
      (["AI_AGENT": "brand-new"], "declared AI assistance"),
    ])
  func environmentDecides(environment: [String: String], agent: String) throws {
    let fixture = try staged()
    let file = try messageFile(fixture, "Add b\n")
    for messageFile in [file, nil] {
      let report = try fixture.attributor().attributeStaged(
        messageFile: messageFile, environment: environment
      ).report
      let line = try #require(report.attribution(path: "b.txt", line: 2))
      #expect(line.authorship == .ai && line.agent == agent && line.evidence?.signal != nil)
    }
  }

  @Test("With nothing to go on, staged lines are unknown")
  func nothing() throws {
    let fixture = try staged()
    let file = try messageFile(
      fixture, "Add b\n\n# Co-Authored-By: Claude <noreply@anthropic.com>\n")
    for messageFile in [file, nil] {
      let report = try fixture.attributor().attributeStaged(
        messageFile: messageFile, environment: ["CURSOR_TRACE_ID": "x", "HOME": "/root"]
      ).report
      #expect(report.summary.unknown == 3 && report.summary.added == 3)
    }
  }

  @Test("A missing message file is an error")
  func missingMessageFile() throws {
    let fixture = try staged()
    #expect {
      _ = try fixture.attributor().attributeStaged(
        messageFile: fixture.scratch.path + "/nope", environment: [:])
    } throws: { error in
      guard case AttributionError.unreadableMessageFile = error else { return false }
      return true
    }
  }

  @Test("Agent Trace records against HEAD decide the staged lines they cover")
  func stagedAgentTrace() throws {
    let fixture = try staged()
    let head = try fixture.scratch.head()
    let record = """
      {"version":"0.1.0","id":"r1","timestamp":"2026-01-01T00:00:00Z",\
      "vcs":{"type":"git","revision":"\(head)"},"tool":{"name":"claude-code"},\
      "files":[{"path":"b.txt","conversations":[{"contributor":{"type":"ai"},\
      "ranges":[{"start_line":2,"end_line":3}]}]}]}
      """
    try fixture.scratch.write(".agent-trace/traces.jsonl", record + "\n")
    let report = try fixture.attributor().attributeStaged(messageFile: nil, environment: [:]).report
    #expect(
      describe(report, "b.txt", 1...3) == ["1: unknown", "2: ai Claude Code", "3: ai Claude Code"])
  }
}
