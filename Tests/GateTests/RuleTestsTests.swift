import Foundation
import Gate
import Rules
import TestSupport
import Testing

@Suite("Rule tests in semgrep's format")
struct RuleTestsTests {
  @Test("An annotation speaks about the next line, wherever it is written")
  func annotations() {
    let lines = [
      "# ruleid: a, b", "x()", "y()  # ok: a", "z()", "// todook: c", "w()", "# todoruleid: d",
      "v()",
    ]
    let expected = RuleTests.annotations(
      in: SourceFile(path: "t.py", text: lines.joined(separator: "\n")))
    #expect(expected["a"] == [2])
    #expect(expected["b"] == [2])
    #expect(expected["c"] == [6])
    #expect(expected["d"] == [])
  }

  /// A folder holding one rule file and its annotated target.
  func folder(rule: String, target: String, ext: String = "py", fixed: String? = nil) throws
    -> String
  {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-ruletest-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try rule.write(toFile: path + "/check.yaml", atomically: true, encoding: .utf8)
    try target.write(toFile: path + "/check.\(ext)", atomically: true, encoding: .utf8)
    if let fixed {
      try fixed.write(toFile: path + "/check.fixed.\(ext)", atomically: true, encoding: .utf8)
    }
    return path
  }

  let rule = """
    rules:
      - id: no-danger
        message: danger
        severity: ERROR
        languages: [python]
        pattern: danger($X)
        fix: safe($X)

    """

  @Test("Discovery pairs x.yaml with x.<ext> and x.fixed.<ext>")
  func discovery() throws {
    let path = try folder(rule: rule, target: "danger(1)\n", fixed: "safe(1)\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let cases = try RuleTests.discover([path])
    #expect(cases.map { ($0.target as NSString).lastPathComponent } == ["check.py"])
    #expect(cases.first?.fixed.map { ($0 as NSString).lastPathComponent } == "check.fixed.py")
  }

  @Test(
    "Passing, failing and fix cases, run through semgrep for now",
    .enabled(if: InstalledTools.semgrepOrOpengrep != nil, "semgrep is not installed; skipped"))
  func outcomes() throws {
    let engines = EngineSet(
      engine: nil, semgrep: SemgrepPolicy(), environment: ProcessInfo.processInfo.environment)
    let good = try folder(
      rule: rule,
      target: "# ruleid: no-danger\ndanger(1)\n# ok: no-danger\nsafe(2)\n",
      fixed: "# ruleid: no-danger\nsafe(1)\n# ok: no-danger\nsafe(2)\n")
    defer { try? FileManager.default.removeItem(atPath: good) }
    let passing = try RuleTests.run(
      try #require(RuleTests.discover([good]).first), engines: engines)
    #expect(passing.passed, "\(passing)")

    let bad = try folder(
      rule: rule, target: "# ok: no-danger\ndanger(1)\n# ruleid: no-danger\nsafe(2)\n")
    defer { try? FileManager.default.removeItem(atPath: bad) }
    let failing = try RuleTests.run(try #require(RuleTests.discover([bad]).first), engines: engines)
    #expect(!failing.passed)
    #expect(failing.rules.first?.expected == [4])
    #expect(failing.rules.first?.reported == [2])

    let wrongFix = try folder(rule: rule, target: "# ruleid: no-danger\ndanger(1)\n", fixed: "x\n")
    defer { try? FileManager.default.removeItem(atPath: wrongFix) }
    let fix = try RuleTests.run(
      try #require(RuleTests.discover([wrongFix]).first), engines: engines)
    #expect(!fix.passed)
    #expect(fix.problems.first?.contains("applying the fixes") == true)
  }

  @Test("An annotation naming a rule the file lacks fails the case")
  func unknownID() throws {
    let path = try folder(rule: rule, target: "# ruleid: no-such-rule\ndanger(1)\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let engines = EngineSet(
      engine: nil, semgrep: SemgrepPolicy(), environment: ProcessInfo.processInfo.environment)
    let testCase = try #require(RuleTests.discover([path]).first)
    let outcome = try? RuleTests.run(testCase, engines: engines)
    // With semgrep absent the rule cannot run at all, which is an error: never a pass.
    #expect(outcome?.passed != true)
  }
}
