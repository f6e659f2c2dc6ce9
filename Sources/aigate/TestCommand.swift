import ArgumentParser
import Foundation
import Gate

/// `aigate test`: rule tests in semgrep's annotated format.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run rule tests: each x.yaml against its annotated x.<ext> (ruleid:/ok: comments).",
    discussion: """
      Folders are searched recursively for rule files; x.yaml pairs with every \
      same-folder x.<ext> (and x.test.yaml, for rules over YAML files), and x.fixed.<ext> checks the \
      rules' fixes. An annotation on a line \
      (ruleid:, ok:, todoruleid:, todook:, several ids comma-separated) speaks about the next \
      line. Rules the in-process engine cannot run go to semgrep; a rule nothing can run fails. \
      Ends with 'N passed, N failed'; exit 1 when any test fails, 2 on an error.
      """
  )

  @Argument(help: "Rule files or folders of rules with their annotated test files.")
  var paths: [String] = ["."]

  @Flag(name: .shortAndLong, help: "Print every test, not only the failures.")
  var verbose = false

  func run() throws {
    let cases = try RuleTests.discover(paths)
    guard !cases.isEmpty else {
      throw CommandFailure.invalidOption(
        "no rule tests under \(paths.joined(separator: ", ")): a rule file x.yaml needs an "
          + "annotated x.<ext> beside it")
    }
    let engines = EngineSet(
      engine: Engines.inProcess, semgrep: SemgrepPolicy(),
      environment: ProcessInfo.processInfo.environment)
    var passed = 0
    var failed = 0
    for outcome in try RuleTests.run(cases, engines: engines) {
      let testCase = outcome.testCase
      let failures = outcome.rules.filter { !$0.passed }
      let count = max(outcome.rules.count, 1)
      if outcome.passed {
        passed += outcome.rules.count
      } else {
        failed += outcome.problems.isEmpty ? failures.count : count
        passed += outcome.problems.isEmpty ? outcome.rules.count - failures.count : 0
      }
      for rule in outcome.rules where verbose || !rule.passed || !outcome.problems.isEmpty {
        print(describe(rule, target: testCase.target, failed: !rule.passed))
      }
      for problem in outcome.problems {
        print(
          "FAIL \(testCase.ruleFile)\n    \(problem.replacingOccurrences(of: "\n", with: "\n    "))"
        )
      }
    }
    print("\(passed) passed, \(failed) failed")
    if failed > 0 { throw ExitStatus.blocked.exitCode }
  }

  private func describe(
    _ rule: RuleTestOutcome.RuleLines, target: String, failed: Bool
  ) -> String {
    guard failed else { return "ok   \(rule.ruleID)  \(target)" }
    let missed = Set(rule.expected).subtracting(rule.reported).sorted()
    let unexpected = Set(rule.reported).subtracting(rule.expected).sorted()
    return """
      FAIL \(rule.ruleID)  \(target)
          expected lines: \(rule.expected)
          reported lines: \(rule.reported)
          missed: \(missed), not expected: \(unexpected)
      """
  }
}
