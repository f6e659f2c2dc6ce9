import Foundation
import Gate
import Rules
import Testing

/// An engine that admits Python rules by its capabilities but declines any whose pattern
/// mentions `declined`, as the real engine declines constructs it does not match yet.
private struct DecliningEngine: InProcessEngine {
  var capabilities: EngineCapabilities {
    EngineCapabilities(languages: [.python], features: [])
  }

  func delegation(for rule: Rule) -> String? {
    guard case .pattern(let text, _)? = rule.formula, text.contains("declined") else {
      return nil
    }
    return "a construct this engine does not match"
  }

  func scan(rules: [Rule], targets: [ScanTarget]) throws -> EngineOutput {
    EngineOutput(findings: [])
  }
}

@Suite("Rules the in-process engine declines")
struct DelegationTests {
  let rules = RuleLoader.parse(
    """
    rules:
      - id: kept
        message: m
        severity: ERROR
        languages: [python]
        pattern: kept($X)
      - id: declined
        message: m
        severity: ERROR
        languages: [python]
        pattern: declined($X)

    """, file: "rules.yaml"
  ).rules

  @Test("A declined rule goes to semgrep with the engine's reason")
  func classification() {
    var semgrep = SemgrepPolicy()
    semgrep.mode = .off
    let engines = EngineSet(engine: DecliningEngine(), semgrep: semgrep, environment: [:])
    let executions = Dictionary(
      uniqueKeysWithValues: engines.classify(rules).map { ($0.rule.id, $0.execution) })
    #expect(executions["kept"] == .inProcess)
    #expect(
      executions["declined"]
        == .semgrepOnly(reason: "a construct this engine does not match"))
  }

  @Test("Without semgrep a declined rule is reported as not run, and strict mode fails")
  func notRunWithoutSemgrep() throws {
    var semgrep = SemgrepPolicy()
    semgrep.mode = .off
    let engines = EngineSet(engine: DecliningEngine(), semgrep: semgrep, environment: [:])
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-delegation-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "declined(1)\n".write(toFile: folder + "/a.py", atomically: true, encoding: .utf8)
    let targets = [ScanTarget(path: "a.py", absolutePath: folder + "/a.py")]
    let result = try engines.run(
      engines.classify(rules), targets: targets, root: folder, strict: false)
    #expect(result.notRun.map(\.id) == ["declined"])
    #expect(throws: GateError.self) {
      try engines.run(engines.classify(rules), targets: targets, root: folder, strict: true)
    }
  }
}
