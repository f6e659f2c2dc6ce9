import Foundation
import Gate
import GitKit
import Rules
import TestSupport
import Testing

/// The repository's shipped agent table, for runs built here.
private let agentTable =
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("rulesets/agents.yaml").path

@Suite("A check gives the same verdict with the decoded-rule cache as without")
struct RuleCacheGateTests {
  static let rules = """
    rules:
      - id: no-eval
        message: eval of $X
        severity: ERROR
        languages: [python]
        pattern: eval($X)
      - id: no-exec
        message: exec
        severity: WARNING
        languages: [python]
        patterns:
          - pattern: exec(...)
          - pattern-not: exec("")
      - id: tainted
        message: taint
        severity: ERROR
        languages: [python]
        mode: taint
        pattern-sources: [{pattern: source()}]
        pattern-sinks: [{pattern: sink(...)}]
    """

  /// What a caller of the run sees, in comparable form.
  static func outcome(_ run: GateRun) -> [String] {
    run.evaluation.findings.map {
      "\($0.finding.ruleID) \($0.finding.path):\($0.finding.start.line) \($0.finding.message)"
    } + run.rules.map { "rule \($0.rule.id) \($0.execution)" }
      + run.notRun.map { "not run \($0.id): \($0.reason)" } + ["exit \(run.exitStatus)"]
  }

  @Test(
    "Miss, hit, off and a cache folder inside the repository: one outcome",
    arguments: [true, false])
  func sameOutcomeEveryWay(fromPolicy: Bool) throws {
    let repo = try ScratchRepository()
    try repo.write("README", "x\n")
    // semgrep stays off: the taint rule is listed as not run, the same way every time.
    if fromPolicy {
      try repo.write("gate/rules.yaml", Self.rules)
      try repo.write(".aigate.yml", "rules: [gate]\nsemgrep: {mode: off}\n")
    } else {
      try repo.write(".aigate.yml", "semgrep: {mode: off}\n")
    }
    try repo.commit("base")
    try repo.write("a.py", "eval(data)\nexec(code)\nexec(\"\")\nsink(source())\n")
    try repo.git(["add", "a.py"])
    let ruleFile = repo.path + "-rules.yaml"
    try Self.rules.write(toFile: ruleFile, atomically: true, encoding: .utf8)
    let cache = repo.path + "-cache"
    defer {
      try? FileManager.default.removeItem(atPath: ruleFile)
      try? FileManager.default.removeItem(atPath: cache)
    }
    func check(_ cacheSetting: String) throws -> [String] {
      var environment = repo.environment
      environment["AIGATE_RULE_CACHE"] = cacheSetting
      let request = CheckRequest(
        change: .staged(messageFile: nil), configs: fromPolicy ? [] : [ruleFile],
        policyPath: nil, environment: environment, shippedRules: nil, agentTable: agentTable,
        repositoryPath: repo.path)
      let repository = try GateRunner.repository(for: request)
      return Self.outcome(try GateRunner(engine: MatchingEngine()).run(request, in: repository))
    }
    let off = try check("off")
    #expect(off.contains { $0.contains("no-eval a.py:1 eval of data") })
    #expect(off.contains { $0.contains("not run") })
    let miss = try check(cache)
    let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(entries.count == 1)
    let hit = try check(cache)
    #expect(miss == off)
    #expect(hit == off)
    // A folder inside the repository is never used: the change could have written it.
    let inside = repo.path + "/.cache-rules"
    #expect(try check(inside) == off)
    #expect(!FileManager.default.fileExists(atPath: inside))
  }
}
