import Foundation
import TestSupport
import Testing

/// Nothing in a change or a rule file can hold the gate hostage (issue 26, defects 6 and 8):
/// a regex that backtracks catastrophically, a rule that runs past its time budget and a YAML
/// file whose aliases multiply each end in a report or an error, through the built binary.
@Suite("Bounded work, end to end")
struct BoundedWorkTests {
  /// A rule whose regex backtracks catastrophically on a long line of words, beside a rule
  /// that finds the eval.
  static let backtrackingRules = """
    rules:
      - id: backtracks
        languages: [python]
        severity: ERROR
        message: a line of words
        pattern-regex: (\\w+\\s?)*$
      - id: no-eval
        languages: [python]
        severity: ERROR
        message: eval of request data
        pattern: eval(...)
    """

  /// A 9 KB line of words that `(\w+\s?)*$` cannot end on, then the eval.
  static let hostileFile =
    "# " + String(repeating: "word ", count: 1800) + "!\n" + "eval(request.args[\"q\"])\n"

  private func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-bounded-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func errors(_ output: [String: Any]) -> [[String: Any]] {
    output["errors"] as? [[String: Any]] ?? []
  }

  @Test("Defect 8: a backtracking regex on a 9 KB line is reported, the other rules still run")
  func backtrackingRegexInScan() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.backtrackingRules.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
    try Self.hostileFile.write(toFile: dir + "/app.py", atomically: true, encoding: .utf8)
    let environment = InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment)
    let scan = try AigateBinary.run(
      ["scan", "--config", "rules.yaml", "--format", "json", "app.py"], in: dir,
      environment: environment)
    #expect(scan.status == 0, "\(scan.stderr)")
    let output = try json(scan.stdout)
    #expect(results(output).map { $0["check_id"] as? String } == ["no-eval"])
    let stopped = errors(output).filter { $0["type"] as? String == "Regex limit" }
    #expect(stopped.count == 1, "\(errors(output))")
    #expect(stopped.first?["rule_id"] as? String == "backtracks")
    #expect(stopped.first?["path"] as? String == "app.py")
    // Text output says so too.
    let text = try AigateBinary.run(
      ["scan", "--config", "rules.yaml", "app.py"], in: dir, environment: environment)
    #expect(text.stdout.contains("Stopped: rule backtracks stopped on app.py"), "\(text.stdout)")
    // --strict refuses a run whose findings are partly unknown.
    let strict = try AigateBinary.run(
      ["scan", "--strict", "--config", "rules.yaml", "app.py"], in: dir, environment: environment)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("rule backtracks stopped on app.py"), "\(strict.stderr)")
  }

  @Test("Defect 8 through the gate: the AI commit's eval still blocks, the regex is reported")
  func backtrackingRegexInCheck() throws {
    let (repo, base) = try gateRepository()
    try repo.write("rules.yaml", Self.backtrackingRules)
    try repo.commit("Add rules")
    try repo.write("app.py", Self.hostileFile)
    try repo.commit(claudeMessage)
    let environment = InstalledTools.withoutSemgrep(repo.environment)
    let result = try AigateBinary.run(
      ["check", "--base", base, "--config", "rules.yaml", "--format", "json"], in: repo.path,
      environment: environment)
    #expect(result.status == 1, "\(result.stderr)")
    let output = try json(result.stdout)
    #expect(results(output).map { $0["check_id"] as? String } == ["no-eval"])
    #expect(errors(output).contains { $0["rule_id"] as? String == "backtracks" })
    let strict = try AigateBinary.run(
      ["check", "--base", base, "--config", "rules.yaml", "--strict"], in: repo.path,
      environment: environment)
    #expect(strict.status == 2, "\(strict.stdout)\(strict.stderr)")
  }

  @Test("A rule over its --timeout is reported as timed out on that file; --strict exits 2")
  func timeoutFlag() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let rules = """
      rules:
        - id: many-calls
          languages: [python]
          severity: WARNING
          message: m
          pattern: f(..., 3)
      """
    try rules.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
    try String(repeating: "f(0, 2, 3)\n", count: 5000).write(
      toFile: dir + "/calls.py", atomically: true, encoding: .utf8)
    let environment = InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment)
    let arguments = ["scan", "--config", "rules.yaml", "--timeout", "0.000001", "calls.py"]
    let scan = try AigateBinary.run(
      arguments + ["--format", "json"], in: dir, environment: environment)
    #expect(scan.status == 0, "\(scan.stderr)")
    let output = try json(scan.stdout)
    let timeout = errors(output).first { $0["type"] as? String == "Timeout" }
    #expect(timeout?["rule_id"] as? String == "many-calls", "\(errors(output))")
    #expect(timeout?["path"] as? String == "calls.py")
    #expect(results(output).isEmpty)
    let strict = try AigateBinary.run(arguments + ["--strict"], in: dir, environment: environment)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("rule many-calls timed out on calls.py"), "\(strict.stderr)")
    // --timeout 0 is no limit, as in semgrep.
    let unlimited = try AigateBinary.run(
      ["scan", "--config", "rules.yaml", "--timeout", "0", "--format", "json", "calls.py"],
      in: dir, environment: environment)
    #expect(results(try json(unlimited.stdout)).count == 5000)
    let negative = try AigateBinary.run(
      ["scan", "--config", "rules.yaml", "--timeout", "-1", "calls.py"], in: dir,
      environment: environment)
    #expect(negative.status == 2)
    #expect(negative.stderr.contains("--timeout"), "\(negative.stderr)")
  }

  /// Defect 6: nine levels of nine aliases, about 550 bytes that expand to 387 million nodes,
  /// reached from a rule's metadata (which the old reader expanded: gigabytes, then killed).
  static let billionLaughs: String = {
    var text = "x:\n  a0: &a0 [lol]\n"
    for level in 1...9 {
      let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",")
      text += "  a\(level): &a\(level) [\(previous)]\n"
    }
    return text
      + "rules:\n- id: r\n  message: m\n  severity: INFO\n  languages: [python]\n"
      + "  pattern: f()\n  metadata: {x: *a9}\n"
  }()

  @Test("Defect 6: a rule file whose aliases multiply is refused at its place, quickly")
  func billionLaughsRuleFile() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Self.billionLaughs.utf8.count < 600)
    try Self.billionLaughs.write(toFile: dir + "/lol.yaml", atomically: true, encoding: .utf8)
    try "x = 1\n".write(toFile: dir + "/app.py", atomically: true, encoding: .utf8)
    for arguments in [
      ["rules", "validate", "--config", "lol.yaml"], ["scan", "--config", "lol.yaml", "app.py"],
    ] {
      let result = try AigateBinary.run(arguments, in: dir, timeout: 60)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("lol.yaml:8:"), "\(result.stderr)")
      #expect(result.stderr.contains("billion laughs"), "\(result.stderr)")
    }
  }

  @Test("Defect 6: the policy file and the agent table go through the same bound")
  func billionLaughsPolicyAndAgents() throws {
    let (repo, base) = try gateRepository()
    try repo.write("bomb.yml", Self.billionLaughs)
    try repo.write("app.py", "x = 1\n")
    try repo.commit("Change")
    let policy = try AigateBinary.run(
      ["check", "--base", base, "--policy", "bomb.yml"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment), timeout: 60)
    #expect(policy.status == 2)
    #expect(policy.stderr.contains("bomb.yml:8:"), "\(policy.stderr)")
    #expect(policy.stderr.contains("billion laughs"), "\(policy.stderr)")
    var environment = InstalledTools.withoutSemgrep(repo.environment)
    environment["AIGATE_AGENTS"] = repo.path + "/bomb.yml"
    let agents = try AigateBinary.run(
      ["check", "--base", base], in: repo.path, environment: environment, timeout: 60)
    #expect(agents.status == 2)
    #expect(agents.stderr.contains("bomb.yml:8:"), "\(agents.stderr)")
  }
}
