import Foundation
import Rules
import Testing

@testable import Matching

/// Every rule has bounded work on every file: a regex that backtracks catastrophically hits
/// PCRE2's limits, a rule that runs past its time budget stops, and each is reported for its
/// file while the other rules' findings stay. (No timing is asserted: a tiny budget makes the
/// timeout certain, and the test checks that it is reported.)
@Suite struct BudgetTests {
  /// A line of 9,000 bytes of words that ends in a character `(\w+\s?)*$` cannot take.
  static let longLine = String(repeating: "word ", count: 1800) + "!"

  @Test func catastrophicBacktrackingIsAFailureOfThatRuleOnThatFile() throws {
    let yaml = """
      rules:
        - id: backtracks
          languages: [python]
          severity: ERROR
          message: m
          pattern-regex: (\\w+\\s?)*$
        - id: fine
          languages: [python]
          severity: ERROR
          message: m
          pattern: eval(...)
      """
    let engine = try RuleEngine(rules: rules(yaml))
    let text = "# \(Self.longLine)\neval(x)\n"
    let result = engine.scan(path: "a.py", bytes: Array(text.utf8))
    #expect(result.findings.map(\.ruleID) == ["fine"])
    let failure = try #require(result.failures.first)
    #expect(result.failures.count == 1)
    #expect(failure.ruleID == "backtracks" && failure.path == "a.py")
    guard case .regexLimit(let pattern, let limit) = failure.reason else {
      Issue.record("expected a regex limit, got \(failure.reason)")
      return
    }
    #expect(pattern == "(\\w+\\s?)*$")
    #expect(limit.contains("limit"))
    #expect(failure.message.contains("backtracking"))
    // The same rule on a file it handles quickly reports nothing wrong.
    let small = engine.scan(path: "b.py", bytes: Array("# a b c\n".utf8))
    #expect(small.failures.isEmpty)
  }

  @Test func aMetavariableRegexThatBacktracksStopsItsRule() throws {
    let yaml = rule(
      """
          message: m
          patterns:
            - pattern: $X = "..."
            - metavariable-regex:
                metavariable: $X
                regex: (a+)+b
      """)
    let engine = try RuleEngine(rules: rules(yaml))
    let name = String(repeating: "a", count: 5000) + "c"
    let result = engine.scan(path: "a.py", bytes: Array("\(name) = \"v\"\n".utf8))
    #expect(result.findings.isEmpty)
    guard case .regexLimit = result.failures.first?.reason else {
      Issue.record("expected a regex limit, got \(result.failures)")
      return
    }
  }

  /// Thousands of candidate calls take thousands of ticks: with a budget of a microsecond the
  /// clock is read long after the deadline.
  @Test(arguments: [
    ("python", "a.py", "pattern: f(..., 3)", "f(0, 2, 3)\n"),
    ("generic", "a.txt", "pattern: f ( ... 3 )", "f ( 0 2 3 )\n"),
    ("regex", "a.txt", "pattern-regex: f\\(", "f(0, 2, 3)\n"),
  ])
  func aRuleOverItsBudgetIsReportedAsTimedOut(
    language: String, path: String, body: String, line: String
  ) throws {
    var engine = try RuleEngine(
      rules: rules(rule("    message: m\n    \(body)", language: language)))
    let text = String(repeating: line, count: 5000)
    engine.timeout = 0.000_001
    let stopped = engine.scan(path: path, bytes: Array(text.utf8))
    #expect(stopped.findings.isEmpty, "a rule that ran out reports nothing it half found")
    guard case .timeout(let seconds) = stopped.failures.first?.reason else {
      Issue.record("expected a timeout, got \(stopped.failures)")
      return
    }
    #expect(seconds == 0.000_001)
    #expect(stopped.failures.first?.message.contains("timed out on \(path)") == true)
    // No limit (semgrep's --timeout 0): the rule finishes.
    engine.timeout = 0
    let finished = engine.scan(path: path, bytes: Array(text.utf8))
    #expect(finished.failures.isEmpty)
    #expect(finished.findings.count == 5000)
  }
}
