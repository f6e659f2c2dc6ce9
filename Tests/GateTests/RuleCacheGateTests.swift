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
        pattern-sources: [{pattern: source(), label: T}]
        pattern-sinks: [{pattern: sink(...), requires: T}]
    """

  /// What a caller of the run sees, in comparable form.
  static func outcome(_ run: GateRun) -> [String] {
    run.evaluation.findings.map {
      "\($0.finding.ruleID) \($0.finding.path):\($0.finding.start.line) \($0.finding.message)"
    } + run.rules.map { "rule \($0.rule.id) \($0.execution)" }
      + run.notRun.map { "not run \($0.id): \($0.reason)" } + ["exit \(run.exitStatus)"]
  }

  /// Commits what `repo` holds, stages `a.py` with `code`, and writes the rules beside the
  /// repository: their file, and the cache folder's path (not created).
  static func stage(_ code: String, in repo: ScratchRepository) throws -> (String, String) {
    try repo.commit("base")
    try repo.write("a.py", code)
    try repo.git(["add", "a.py"])
    let ruleFile = repo.path + "-rules.yaml"
    try rules.write(toFile: ruleFile, atomically: true, encoding: .utf8)
    return (ruleFile, repo.path + "-cache")
  }

  static func remove(_ paths: String...) {
    for path in paths { try? FileManager.default.removeItem(atPath: path) }
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
    let (ruleFile, cache) = try Self.stage(
      "eval(data)\nexec(code)\nexec(\"\")\nsink(source())\n", in: repo)
    defer { Self.remove(ruleFile, cache) }
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

  @Test("Work started before the arguments parse is taken only for the inputs it was done on")
  func preloadsAnswerOnlyForTheirInputs() throws {
    let repo = try ScratchRepository()
    try repo.write(".aigate.yml", "semgrep: {mode: off}\n")
    let (ruleFile, cache) = try Self.stage("eval(data)\nexec(code)\n", in: repo)
    defer { Self.remove(ruleFile, cache) }
    var environment = repo.environment
    environment["AIGATE_RULE_CACHE"] = cache
    func start(_ configs: [String], directory: String = "/", cacheFolder: String = cache)
      -> Preloads
    {
      var setting = environment
      setting["AIGATE_RULE_CACHE"] = cacheFolder
      return Preloads.start(
        configs: configs, directory: directory, agentTable: agentTable, environment: setting)
    }
    // A cold cache: no rules (the runner decodes them and keeps them), nothing written.
    #expect(start([ruleFile]).rules?([ruleFile], "/", cache) == nil)
    #expect(!FileManager.default.fileExists(atPath: cache))
    let loaded = try RuleLoader.load(
      configs: [ruleFile], qualifyingFrom: "/", cache: RuleCache(folder: cache))
    let warm = start([ruleFile])
    let early = try #require(warm.rules?([ruleFile], "/", cache))
    #expect(early.set.rules.map(\.id) == loaded.rules.map(\.id))
    #expect(early.set.rules.map(\.id).contains { $0.hasSuffix("no-eval") })
    // Other configs, another qualifying folder, another cache: not these rules.
    #expect(warm.rules?([ruleFile, ruleFile], "/", cache) == nil)
    #expect(warm.rules?([ruleFile], nil, cache) == nil)
    #expect(warm.rules?([ruleFile], "/", cache + "-other") == nil)
    #expect(warm.agentTable?(agentTable) != nil)
    #expect(warm.agentTable?(agentTable + "-other") == nil)
    // A rule file edited since the cache was written: its old rules are not offered.
    try (Self.rules + "\n").write(toFile: ruleFile, atomically: true, encoding: .utf8)
    #expect(start([ruleFile]).rules?([ruleFile], "/", cache) == nil)
    // Through the runner: the same outcome with preloads as without, and one started for a
    // cache inside the repository (which the runner never uses) writes nothing there.
    func check(_ preloads: Preloads) throws -> [String] {
      var request = CheckRequest(
        change: .staged(messageFile: nil), configs: [ruleFile], environment: environment,
        shippedRules: nil, agentTable: agentTable, repositoryPath: repo.path)
      request.preloads = preloads
      let repository = try GateRunner.repository(for: request)
      return Self.outcome(try GateRunner(engine: MatchingEngine()).run(request, in: repository))
    }
    let plain = try check(Preloads())
    #expect(plain.contains { $0.contains("no-eval a.py:1 eval of data") })
    // The runner qualifies `--config` rules from the current folder.
    let here = FileManager.default.currentDirectoryPath
    let taken = start([ruleFile], directory: here)
    #expect(taken.rules?([ruleFile], here, cache) != nil)
    #expect(try check(taken) == plain)
    let inside = repo.path + "/.cache-rules"
    #expect(try check(start([ruleFile], directory: here, cacheFolder: inside)) == plain)
    #expect(!FileManager.default.fileExists(atPath: inside))
  }
}
