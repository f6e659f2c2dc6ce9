import Foundation
import TestSupport
import Testing

@testable import Attribution

@Suite("aigate attribution, through the built binary")
struct EndToEndTests {
  @Test("--format json names the AI lines that survive at head, with the agent")
  func json() throws {
    let aigate = try #require(AigateBinary.path(), "build aigate first (swift build)")
    let fixture = try Fixture()
    try fixture.write("src/app.js", ["const a = 1;"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write(
      "src/app.js", ["const a = 1;", "const b = 2;", "const c = 3;", "const d = 4;"])
    let ai = try fixture.scratch.commit("Add b to d\n\nMade-with: Cursor\n")
    try fixture.write(
      "src/app.js", ["const a = 1;", "const b = 2;", "const c = 30;", "const d = 4;"])
    let human = try fixture.scratch.commit("Tune c\n")
    let result = try ProcessRunner.run(
      aigate, ["attribution", "--base", base, "--head", "HEAD", "--format", "json"],
      in: fixture.scratch.path, environment: fixture.scratch.environment)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let root = try #require(object as? [String: Any])
    #expect(root["base"] as? String == base)
    #expect(root["head"] as? String == human)
    let files = try #require(root["files"] as? [[String: Any]])
    #expect(files.count == 1 && files.first?["path"] as? String == "src/app.js")
    let ranges = try #require(files.first?["ranges"] as? [[String: Any]])
    let rows = ranges.map { range in
      [
        "\(range["start"] ?? "")-\(range["end"] ?? "")", "\(range["authorship"] ?? "")",
        range["agent"] as? String ?? "null", range["commit"] as? String ?? "null",
      ]
    }
    #expect(
      rows == [
        ["2-2", "ai", "Cursor", ai], ["3-3", "unknown", "null", human],
        ["4-4", "ai", "Cursor", ai],
      ])
    let evidence = try #require(ranges.first?["evidence"] as? [String: Any])
    #expect(
      evidence["signal"] as? String == "trailer"
        && evidence["text"] as? String == "Made-with: Cursor")
    #expect(ranges[1]["evidence"] is NSNull)
    let summary = try #require(root["summary"] as? [String: Any])
    #expect(summary["added"] as? Int == 3 && summary["ai"] as? Int == 2)
    #expect(summary["human"] as? Int == 0 && summary["unknown"] as? Int == 1)
    #expect(summary["by_agent"] as? [String: Int] == ["Cursor": 2])
  }

  @Test("Text output carries the AI share; a bad revision exits 2")
  func textAndFailure() throws {
    let aigate = try #require(AigateBinary.path(), "build aigate first (swift build)")
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["one", "two"])
    try fixture.scratch.commit("Two\n\n\(claudeTrailer)\n")
    let text = try ProcessRunner.run(
      aigate, ["attribution"], in: fixture.scratch.path, environment: fixture.scratch.environment)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("1 added lines: 1 ai (100.0%)"))
    #expect(text.stdout.contains("Claude Code"))
    let failed = try ProcessRunner.run(
      aigate, ["attribution", "--base", "nope"], in: fixture.scratch.path,
      environment: fixture.scratch.environment)
    #expect(failed.status == 2 && failed.stderr.contains("unknown revision 'nope'"))
  }

  @Test("Without --base the base is found as check finds it (here from the CI), not HEAD~1")
  func detectedBase() throws {
    let aigate = try #require(AigateBinary.path(), "build aigate first (swift build)")
    let fixture = try Fixture()
    try fixture.write("a.py", ["one = 1"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.py", ["one = 1", "two = 2"])
    try fixture.scratch.commit("Two\n\n\(claudeTrailer)\n")
    try fixture.write("a.py", ["one = 1", "two = 2", "three = 3"])
    try fixture.scratch.commit("Three\n\nMade-with: Cursor\n")
    var environment = fixture.scratch.environment
    environment["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base
    let attribution = try ProcessRunner.run(
      aigate, ["attribution", "--format", "json"], in: fixture.scratch.path,
      environment: environment)
    #expect(attribution.status == 0, "\(attribution.stderr)")
    #expect(attribution.stderr.contains("base: \(base) (CI_MERGE_REQUEST_DIFF_BASE_SHA)"))
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(attribution.stdout.utf8)) as? [String: Any])
    #expect(root["base"] as? String == base)
    let summary = try #require(root["summary"] as? [String: Any])
    #expect(summary["by_agent"] as? [String: Int] == ["Claude Code": 1, "Cursor": 1])
    // check, given the same environment, judges the same lines.
    let check = try ProcessRunner.run(
      aigate, ["check", "--format", "json"], in: fixture.scratch.path, environment: environment)
    #expect(check.status == 0, "\(check.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
    let gated = try #require(report["attribution"] as? [String: Any])
    #expect(gated["by_agent"] as? [String: Int] == ["Claude Code": 1, "Cursor": 1])
    #expect((report["verdict"] as? [String: Any])?["base"] as? String == base)
  }

  @Test("--staged --message-file reads the message being written")
  func staged() throws {
    let aigate = try #require(AigateBinary.path(), "build aigate first (swift build)")
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["one", "two"])
    try fixture.scratch.git(["add", "a.txt"])
    try fixture.scratch.write(".git/MSG", "Two\n\nAssisted-by: Claude:claude-opus-4\n")
    let result = try ProcessRunner.run(
      aigate, ["attribution", "--staged", "--message-file", ".git/MSG", "--format", "json"],
      in: fixture.scratch.path, environment: fixture.scratch.environment)
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(root["head"] is NSNull)
    let summary = try #require(root["summary"] as? [String: Any])
    #expect(summary["by_agent"] as? [String: Int] == ["Claude Code": 1])
  }
}
