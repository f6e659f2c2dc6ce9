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

  func scan(rules: [Rule], targets: [ScanTarget]) throws(GateError) -> EngineOutput {
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

  /// Rules for the real engine: one that cannot compile and that any Python file could match
  /// (its words are not read past a typed metavariable), one that cannot compile whose words
  /// no target holds, and one that runs.
  static let compiling = RuleLoader.parse(
    """
    rules:
      - id: typed-sleep
        message: m
        severity: ERROR
        languages: [python]
        pattern: "time.sleep($X: int)"
      - id: broken-absent
        message: m
        severity: ERROR
        languages: [python]
        pattern: "absent.thing("
      - id: kept
        message: m
        severity: ERROR
        languages: [python]
        pattern: danger(...)

    """, file: "compiling.yaml"
  ).rules

  @Test("Compiling on demand hands semgrep only the broken rules a target could match")
  func compilingOnDemand() throws {
    var semgrep = SemgrepPolicy()
    semgrep.mode = .off
    let target = ScanTarget(
      inMemory: SourceFile(path: "a.py", text: "import time\ntime.sleep(1)\ndanger(1)\n"),
      absolutePath: "/nonexistent/a.py")
    var engines = EngineSet(engine: MatchingEngine(), semgrep: semgrep, environment: [:])
    engines.compilesOnDemand = true
    let lazy = try engines.run(
      engines.classify(Self.compiling), targets: [target], root: "/nonexistent", strict: false)
    #expect(lazy.notRun.map(\.id) == ["typed-sleep"])
    #expect(lazy.findings.map(\.ruleID) == ["kept"])
    let executions = Dictionary(uniqueKeysWithValues: lazy.rules.map { ($0.rule.id, $0.execution) })
    #expect(executions["broken-absent"] == .inProcess)
    #expect(executions["kept"] == .inProcess)
    guard case .semgrepOnly(let reason)? = executions["typed-sleep"] else {
      Issue.record("typed-sleep: \(String(describing: executions["typed-sleep"]))")
      return
    }
    #expect(reason.contains("cannot compile it: compiling.yaml:"), "\(reason)")

    // Compiling every rule up front, as `rules validate` and `scan` do, finds both.
    engines.compilesOnDemand = false
    let eager = try engines.run(
      engines.classify(Self.compiling), targets: [target], root: "/nonexistent", strict: false)
    #expect(eager.notRun.map(\.id) == ["typed-sleep", "broken-absent"])
    #expect(eager.findings.map(\.ruleID) == ["kept"])
  }

  @Test("A rule the engine is asked to run and cannot compile is an error at its place")
  func compileErrorNamesTheRule() throws {
    let target = ScanTarget(
      inMemory: SourceFile(path: "a.py", text: "danger(1)\n"), absolutePath: "/nonexistent/a.py")
    let error: GateError
    do {
      _ = try MatchingEngine().scan(rules: Self.compiling, targets: [target])
      Issue.record("a broken rule was run")
      return
    } catch let thrown {
      error = thrown
    }
    guard case .matching = error else {
      Issue.record("not a matching error: \(error)")
      return
    }
    #expect(error.description.hasPrefix("compiling.yaml:6:"), "\(error.description)")
    #expect(error.description.contains("typed-sleep"))
  }
}
