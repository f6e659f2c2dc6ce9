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

  @Test("A file without an extension counts for a bash rule only when its #! names a shell")
  func scriptsByInterpreter() throws {
    let bash = RuleLoader.parse(
      """
      rules:
        - id: shell-rule
          message: m
          severity: ERROR
          languages: [bash]
          pattern: eval $X
      """, file: "bash.yaml"
    ).rules
    var semgrep = SemgrepPolicy()
    semgrep.mode = .off
    let engines = EngineSet(engine: DecliningEngine(), semgrep: semgrep, environment: [:])
    func notRun(_ text: String, name: String) throws -> [String] {
      let target = ScanTarget(
        inMemory: SourceFile(path: name, text: text), absolutePath: "/nonexistent/\(name)")
      return try engines.run(
        engines.classify(bash + rules), targets: [target], root: "/nonexistent", strict: false
      ).notRun.map(\.id)
    }
    // A shell script: the bash rule applies and cannot run, and nothing else covers the file,
    // which is an error rather than a pass.
    #expect(throws: GateError.self) { try notRun("#!/bin/sh\neval \"$1\"\n", name: "deploy") }
    #expect(throws: GateError.self) { try notRun("#!/usr/bin/env bash\n", name: "bin/run") }
    #expect(throws: GateError.self) { try notRun("eval x\n", name: "setup.sh") }
    // Not a shell script: the bash rule does not apply.
    #expect(try notRun("Copyright 2026\n", name: "LICENSE") == [])
    // A Python script: the Python rule the engine declines applies; the bash rule does not.
    #expect(try notRun("#!/usr/bin/env python3\n", name: "tool") == ["declined"])
  }
}
