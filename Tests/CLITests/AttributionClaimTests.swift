import Foundation
import TestSupport
import Testing

@Suite("Attribution claims cannot launder an agent's lines")
struct AttributionClaimTests {
  @Test("A trace file added later in the range declaring the agent's lines human is overruled")
  func laterTrace() throws {
    let (repo, base, agent) = try launderingRepository()
    try repo.write(".agent-trace/traces.jsonl", humanTrace(revision: agent, lines: 1...5))
    try repo.commit("Record traces")
    let result = try gate(repo, ["--base", base])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let facts = try aigateFacts(result, rule: "python.eval-dynamic")
    #expect(facts?["authorship"] as? String == "ai")
    #expect(facts?["agent"] as? String == "Claude Code")
    let overruled = facts?["overruled"] as? [String] ?? []
    #expect(overruled.contains { $0.contains("agent-trace") && $0.contains("human") })

    let attribution = try AigateBinary.run(
      ["attribution", "--base", base, "--format", "json"], in: repo.path,
      environment: repo.environment)
    #expect(attribution.status == 0, "\(attribution.stderr)")
    let files = try json(attribution.stdout)["files"] as? [[String: Any]] ?? []
    let ranges = files.first { $0["path"] as? String == "app.py" }?["ranges"] as? [[String: Any]]
    let last = try #require(ranges?.last)
    #expect(last["authorship"] as? String == "ai")
    let lost = last["overruled"] as? [[String: Any]] ?? []
    #expect(lost.first?["signal"] as? String == "agent-trace")
  }

  @Test("A git-ai note declaring the agent's lines human is overruled by the trailer")
  func humanNote() throws {
    let (repo, base, agent) = try launderingRepository()
    let note = """
      app.py
        h_0123456789abcd 1-5
      ---
      {"schema_version": "authorship/3.0.0", "base_commit_sha": "\(base)", "prompts": {}}
      """
    try repo.git(["notes", "--ref=ai", "add", "-F", "-", agent], input: note)
    let result = try gate(repo, ["--base", base])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let facts = try aigateFacts(result, rule: "python.eval-dynamic")
    #expect(facts?["authorship"] as? String == "ai")
    #expect((facts?["overruled"] as? [String] ?? []).contains { $0.contains("git-ai-note") })
  }

  @Test(
    "An untracked trace file cannot make a staged agent change human; a staged one can't either")
  func stagedTrace() throws {
    let repo = try ScratchRepository()
    try repo.write("app.py", "from flask import request\n\n\ndef handler():\n    return None\n")
    let head = try repo.commit("Start")
    try repo.write("app.py", evalApp)
    try repo.git(["add", "app.py"])
    try repo.write(".agent-trace/traces.jsonl", humanTrace(revision: head, lines: 1...5))
    let message = repo.path + "/../MSG"
    try claudeMessage.write(toFile: message, atomically: true, encoding: .utf8)
    let untracked = try gate(repo, ["--staged", "--message-file", message])
    #expect(untracked.status == 1, "\(untracked.stdout)\(untracked.stderr)")
    #expect(
      try aigateFacts(untracked, rule: "python.eval-dynamic")?["authorship"] as? String == "ai")
    try repo.git(["add", ".agent-trace/traces.jsonl"])
    let staged = try gate(repo, ["--staged", "--message-file", message])
    #expect(staged.status == 1, "\(staged.stdout)\(staged.stderr)")
  }

  @Test(
    "A staged trace record can mark the lines of a change with no signal human; untracked can't")
  func stagedHumanClaim() throws {
    let repo = try ScratchRepository()
    try repo.write("app.py", "from flask import request\n\n\ndef handler():\n    return None\n")
    let head = try repo.commit("Start")
    try repo.write("app.py", evalApp)
    try repo.git(["add", "app.py"])
    try repo.write(".agent-trace/traces.jsonl", humanTrace(revision: head, lines: 1...5))
    func authorship() throws -> String? {
      let result = try AigateBinary.run(
        ["attribution", "--staged", "--format", "json"], in: repo.path,
        environment: repo.environment)
      let files = try json(result.stdout)["files"] as? [[String: Any]] ?? []
      let app = files.first { $0["path"] as? String == "app.py" }
      return (app?["ranges"] as? [[String: Any]])?.last?["authorship"] as? String
    }
    #expect(try authorship() == "unknown")
    let untracked = try gate(repo, ["--staged"])
    #expect(
      try aigateFacts(untracked, rule: "python.eval-dynamic")?["authorship"] as? String
        == "unknown")
    try repo.git(["add", ".agent-trace/traces.jsonl"])
    #expect(try authorship() == "human")
  }
}
