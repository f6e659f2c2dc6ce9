import Foundation
import GitKit
import Rules
import TestSupport
import Testing

@testable import Attribution

@Suite("Line-level evidence")
struct LineEvidenceTests {
  /// A git-ai authorship log for `path` with the given `key ranges` lines.
  func gitAINote(_ path: String, _ entries: [String]) -> String {
    """
    \(path)
    \(entries.map { "  " + $0 }.joined(separator: "\n"))
    ---
    {
      "schema_version": "authorship/3.0.0",
      "base_commit_sha": "0000000000000000000000000000000000000000",
      "prompts": {
        "d9978a8723e02b52": {"agent_id": {"tool": "cursor", "id": "1", "model": "m"}}
      },
      "sessions": {
        "s_0123456789abcd": {"agent_id": {"tool": "claude", "id": "2", "model": "m"}}
      },
      "humans": {"h_0123456789abcd": {"author": "Dana Developer <dana@example.com>"}}
    }
    """
  }

  @Test("A git-ai note covering only some of a commit's lines decides just those lines")
  func partialGitAINote() throws {
    let fixture = try Fixture()
    try fixture.write("lib.rs", ["// header"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("lib.rs", ["// header", "a", "b", "c", "d", "e"])
    let noted = try fixture.scratch.commit("Add letters\n")
    try fixture.scratch.git(
      ["notes", "--ref=ai", "add", "-F", "-", noted],
      input: gitAINote("lib.rs", ["s_0123456789abcd::t_00000000000001 3-4", "h_0123456789abcd 6"]))
    // A later commit shifts everything down two lines: the note's numbers are the noted commit's.
    try fixture.write("lib.rs", ["// header", "// more", "// more", "a", "b", "c", "d", "e"])
    try fixture.scratch.commit("Two more header lines\n")
    let report = try fixture.attribute(base: base)
    #expect(
      describe(report, "lib.rs", 2...8) == [
        "2: unknown", "3: unknown", "4: unknown", "5: ai Claude Code", "6: ai Claude Code",
        "7: unknown", "8: human",
      ])
    let evidence = try #require(report.attribution(path: "lib.rs", line: 5)?.evidence)
    #expect(evidence.signal == .gitAINote && evidence.text.contains("s_0123456789abcd"))
    #expect(report.attribution(path: "lib.rs", line: 5)?.commit?.hex == noted)
  }

  @Test("A git-ai note names the agent more precisely but never clears the commit's agent signal")
  func noteOutranksCommitSignals() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["zero"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["zero", "one", "two", "three"])
    let commit = try fixture.scratch.commit("Lines\n\n\(claudeTrailer)\n")
    try fixture.scratch.git(
      ["notes", "--ref=ai", "add", "-F", "-", commit],
      input: gitAINote("a.txt", ["h_0123456789abcd 2", "d9978a8723e02b52 3"]))
    let report = try fixture.attribute(base: base)
    #expect(
      describe(report, "a.txt", 2...4) == [
        "2: ai Claude Code", "3: ai Cursor", "4: ai Claude Code",
      ])
    #expect(report.attribution(path: "a.txt", line: 4)?.evidence?.signal == .trailer)
    let overruled = report.attribution(path: "a.txt", line: 2)?.overruled ?? []
    #expect(overruled.map(\.signal) == [.gitAINote])
    #expect(overruled.first?.text.contains("h_0123456789abcd") == true)
    #expect(report.attribution(path: "a.txt", line: 4)?.overruled == [])
  }

  @Test(
    "A malformed git-ai note is an error naming the note and line",
    arguments: [
      ("a.txt\n  s_1 2-x\n---\n{\"schema_version\": \"authorship/3.0.0\"}\n", 2, "'2-x'"),
      ("a.txt\n  s_1 2\n", 1, "'---'"),
      ("  s_1 2\n---\n{\"schema_version\": \"authorship/3.0.0\"}\n", 1, "before any file path"),
      ("a.txt\n  s_1 2\n---\n{\"schema_version\": \"authorship/9.0.0\"}\n", 4, "unsupported"),
      ("a.txt\n  s_1 2\n---\nnot json\n", 4, "not valid JSON"),
    ])
  func malformedNote(note: String, line: Int, message: String) throws {
    #expect {
      _ = try GitAINote(text: note, source: "refs/notes/ai@abc1234", table: try shippedTable.get())
    } throws: { error in
      guard let diagnostic = error as? SourceDiagnostic else { return false }
      return diagnostic.location.file == "refs/notes/ai@abc1234"
        && diagnostic.location.line == line && diagnostic.message.contains(message)
    }
  }

  @Test("A broken note in the range fails attribution")
  func brokenNoteFailsClosed() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["zero"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["zero", "one"])
    let commit = try fixture.scratch.commit("Line\n")
    try fixture.scratch.git(["notes", "--ref=ai", "add", "-m", "a.txt\n  s_1 one", commit])
    #expect {
      _ = try fixture.attribute(base: base)
    } throws: { error in
      guard case AttributionError.invalid(let diagnostic) = error else { return false }
      return diagnostic.location.file.hasPrefix("refs/notes/ai@")
    }
  }

  @Test(
    "Agent Trace: AI claims count wherever recorded; human ones only from the describing commit")
  func agentTrace() throws {
    let fixture = try Fixture()
    try fixture.write("a.py", ["x = 0"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.py", ["x = 0", "y = 1", "z = 2", "w = 3", "v = 4"])
    let written = try fixture.scratch.commit("More\n")
    func record(_ revision: String, _ ranges: String, _ type: String) -> String {
      """
      {"version":"0.1.0","id":"r-\(type)","timestamp":"2026-01-01T00:00:00Z",\
      "vcs":{"type":"git","revision":"\(revision)"},"tool":{"name":"cursor"},\
      "files":[{"path":"a.py","conversations":[{"contributor":{"type":"\(type)"},\
      "ranges":[\(ranges)]}]}]}
      """
    }
    let abbreviated = String(written.prefix(12))
    let trace = [
      record(abbreviated, "{\"start_line\":2,\"end_line\":3}", "ai"),
      record(written, "{\"start_line\":4,\"end_line\":4}", "human"),
      record(written, "{\"start_line\":5,\"end_line\":5}", "mixed"),
    ].joined(separator: "\n")
    try fixture.scratch.write(".agent-trace/traces.jsonl", trace + "\n")
    try fixture.scratch.commit("Record traces\n")
    let report = try fixture.attribute(base: base)
    // The human claim was added by a later commit in the range: it does not count.
    #expect(
      describe(report, "a.py", 2...5) == [
        "2: ai Cursor", "3: ai Cursor", "4: unknown", "5: unknown",
      ])
    #expect(report.attribution(path: "a.py", line: 2)?.evidence?.signal == .agentTrace)
    #expect(report.attribution(path: "a.py", line: 4)?.overruled.map(\.signal) == [.agentTrace])

    // A commit that records its own lines (against its parent, while uncommitted) is believed.
    let parent = try fixture.scratch.head()
    try fixture.write("a.py", ["x = 0", "y = 1", "z = 2", "w = 3", "v = 4", "u = 5"])
    try fixture.scratch.write(
      ".agent-trace/traces.jsonl",
      trace + "\n" + record(parent, "{\"start_line\":6,\"end_line\":6}", "human") + "\n")
    try fixture.scratch.commit("Typed by hand\n")
    let own = try fixture.attribute(base: base)
    #expect(describe(own, "a.py", 6...6) == ["6: human"])
  }

  @Test("Precedence is one-way: which claims change what a commit says, and which are overruled")
  func precedence() {
    func claim(_ authorship: Authorship, _ agent: String? = nil) -> RangeClaim {
      RangeClaim(
        lines: 1...3, authorship: authorship, agent: agent,
        evidence: Evidence(signal: .agentTrace, text: "\(authorship.rawValue) \(agent ?? "-")"))
    }
    let trailer = Evidence(signal: .trailer, text: "Co-Authored-By: Claude")
    let agentCommit = LineAttribution(
      authorship: .ai, agent: "Claude Code", commit: nil, evidence: trailer)
    let bot = LineAttribution(
      authorship: .maintenanceBot, agent: "dependabot", commit: nil,
      evidence: Evidence(signal: .author, text: "dependabot[bot]"))
    let humanMarker = LineAttribution(
      authorship: .human, agent: nil, commit: nil,
      evidence: Evidence(signal: .trailer, text: "Human-authored: yes"))
    let unknown = LineAttribution.unknown(commit: nil)

    // A human claim, trusted or not, never clears an agent's or a bot's signal.
    for own in [agentCommit, bot] {
      let kept = decide(own: own, trusted: [claim(.human)], untrusted: [])
      #expect(kept.authorship == own.authorship && kept.agent == own.agent)
      #expect(kept.overruled.map(\.text) == ["human -"])
    }
    // A trusted AI claim names the agent more precisely; an untrusted one cannot rename it.
    #expect(
      decide(own: agentCommit, trusted: [claim(.ai, "Cursor")], untrusted: []).agent == "Cursor")
    #expect(
      decide(own: agentCommit, trusted: [], untrusted: [claim(.ai, "Cursor")]).agent
        == "Claude Code")
    // An AI claim from anywhere marks lines of a commit without an agent signal as AI.
    for own in [unknown, humanMarker, bot] {
      let marked = decide(own: own, trusted: [], untrusted: [claim(.ai, "Cursor")])
      #expect(marked.authorship == .ai && marked.agent == "Cursor")
    }
    #expect(
      decide(own: humanMarker, trusted: [], untrusted: [claim(.ai)]).overruled
        == [
          humanMarker.evidence
        ].compactMap { $0 })
    // A human claim counts on a commit with no signal only when trusted.
    #expect(decide(own: unknown, trusted: [claim(.human)], untrusted: []).authorship == .human)
    let ignored = decide(own: unknown, trusted: [], untrusted: [claim(.human)])
    #expect(ignored.authorship == .unknown && ignored.overruled.count == 1)
    // Of an AI and a human claim, AI wins.
    #expect(
      decide(own: unknown, trusted: [claim(.human), claim(.ai)], untrusted: []).authorship == .ai)
  }

  @Test("A malformed Agent Trace line is an error naming the file and line")
  func malformedTrace() throws {
    let text = "{\"version\":\"0.1.0\",\"files\":[]}\n{\"files\": [{\"conversations\": []}]}\n"
    #expect {
      _ = try AgentTraceLog(text: text, source: "traces.jsonl", table: try shippedTable.get())
    } throws: { error in
      guard let diagnostic = error as? SourceDiagnostic else { return false }
      return diagnostic.location.line == 2 && diagnostic.message.contains("path")
    }
  }
}
