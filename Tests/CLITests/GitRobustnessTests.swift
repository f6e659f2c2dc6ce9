import Foundation
import TestSupport
import Testing

@Suite("Git robustness")
struct GitRobustnessTests {
  @Test("A truncated commit object is exit 2 naming the object, not a hang")
  func truncatedCommit() throws {
    let (repo, base, agent) = try launderingRepository()
    let path = repo.path + "/.git/objects/\(agent.prefix(2))/\(agent.dropFirst(2))"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
    let result = try gate(repo, ["--base", base])
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains(agent))
    #expect(result.stderr.contains("corrupt"))
  }

  @Test("A trailer listed in a squash merge's body, indented or as a bullet, is the agent's signal")
  func squashBullets() throws {
    for listed in [
      "* Co-authored-by: Claude <noreply@anthropic.com>",
      "    Co-Authored-By: Claude <noreply@anthropic.com>",
    ] {
      let (repo, base) = try gateRepository()
      try repo.write("app.py", evalApp)
      try repo.commit("Add handler (#12)\n\n* Add handler\n\n\(listed)\n\n* Tidy\n")
      let result = try gate(repo, ["--base", base])
      #expect(result.status == 1, "\(listed): \(result.stdout)\(result.stderr)")
      let facts = try aigateFacts(result, rule: "python.eval-dynamic")
      #expect(facts?["authorship"] as? String == "ai")
    }
  }

  @Test("A depth-2 clone with --base HEAD~1 gates the last commit")
  func shallowParent() throws {
    let repo = try ScratchRepository()
    try repo.write("README.md", "# app\n")
    try repo.commit("Readme")
    try repo.write("app.py", "from flask import request\n\n\ndef handler():\n    return None\n")
    try repo.commit("Start")
    try repo.write("app.py", evalApp)
    try repo.commit(claudeMessage)
    let clone = repo.path + "-depth2"
    try repo.git(["clone", "-q", "--depth", "2", "file://" + repo.path, clone])
    defer { try? FileManager.default.removeItem(atPath: clone) }
    // The clone's oldest commit (HEAD~1) names a parent the clone does not have.
    #expect(try String(contentsOfFile: clone + "/.git/shallow", encoding: .utf8).count > 0)
    let result = try gate(repo, ["--base", "HEAD~1"], in: clone)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(
      try aigateFacts(result, rule: "python.eval-dynamic")?["authorship"] as? String == "ai")
  }

  @Test("A shallow clone without the base names it and says how to fetch it")
  func shallowMissingBase() throws {
    let (repo, base, _) = try launderingRepository()
    try repo.write("more.py", "y = 2\n")
    try repo.commit("More")
    let clone = repo.path + "-depth1"
    try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clone])
    defer { try? FileManager.default.removeItem(atPath: clone) }
    let result = try gate(repo, ["--base", "HEAD~2"], in: clone)
    #expect(result.status == 2)
    #expect(result.stderr.contains("HEAD~2") && result.stderr.contains("shallow"))
    let byID = try gate(repo, ["--base", base], in: clone)
    #expect(byID.status == 2)
    #expect(byID.stderr.contains(base) && byID.stderr.contains("--depth"), "\(byID.stderr)")
  }
}
