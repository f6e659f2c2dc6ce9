import Attribution
import Foundation
import Gate
import GitKit
import Rules
import Testing

@testable import Reports

/// Edits to the gate's own policy and rules are findings every report format carries.
@Suite("Trust findings in every format")
struct TrustFindingTests {
  /// A run whose only findings are an agent's edit to `.aigate.yml` and a person's deletion of
  /// a rule file, judged by the evaluator itself.
  func report() throws -> Report {
    let head = ObjectID(hex: Fixture.headHex)
    let ai = LineAttribution(
      authorship: .ai, agent: "Claude Code", commit: head,
      evidence: Evidence(signal: .trailer, text: "Co-authored-by: Claude"))
    let person = LineAttribution(authorship: .human, agent: nil, commit: head, evidence: nil)
    let policy = SourceFile(
      path: ".aigate.yml", text: "version: 1\ngate: {ai: {block: []}}  # é😀\n")
    let attribution = AttributionReport(
      base: ObjectID(hex: Fixture.baseHex), head: head,
      files: [
        FileAttribution(
          path: ".aigate.yml", ranges: [AttributedRange(start: 2, end: 2, attribution: ai)])
      ])
    let changes = [
      TrustChange(
        kind: .policy, path: ".aigate.yml", verb: "edits",
        authors: [TrustChange.Author(line: 2, attribution: ai)], source: policy,
        origin: "the merge-base abcdefa"),
      TrustChange(
        kind: .rules, path: "rules/eval.yaml", verb: "deletes",
        authors: [
          TrustChange.Author(line: 1, attribution: ai),
          TrustChange.Author(line: 1, attribution: person),
        ],
        source: nil, origin: "the merge-base abcdefa"),
    ]
    let evaluation = Evaluator.evaluate(
      findings: [], attribution: attribution, sources: [:], policy: .defaults,
      trustChanges: changes)
    let run = GateRun.assembled(
      evaluation: evaluation, attribution: attribution, rules: [], engines: [], scanned: [],
      root: "/tmp/aigate-trust-report",
      sources: [
        ".aigate.yml": policy, "rules/eval.yaml": SourceFile(path: "rules/eval.yaml", bytes: []),
      ])
    return Report(run: run, toolVersion: Fixture.version)
  }

  @Test("The evaluator blocks an agent's edits, on the first added line, as ERROR")
  func evaluated() throws {
    let findings = try report().findings
    #expect(
      findings.map(\.finding.ruleID) == [
        Evaluator.policyChangedRuleID, Evaluator.rulesChangedRuleID,
      ])
    #expect(findings.allSatisfy { $0.blocking && $0.authorship == .ai })
    #expect(findings.allSatisfy { $0.finding.severity == .error })
    #expect(findings.first?.finding.start.line == 2)
    #expect(findings.first?.finding.lines == "gate: {ai: {block: []}}  # é😀")
    #expect(findings.last?.finding.start.line == 1)
  }

  @Test("Text, JSON, SARIF and the others all carry them")
  func everyFormat() throws {
    let report = try report()
    let reporters: [any Reporter] = [
      TextReporter(color: false), JSONReporter(), SARIFReporter(), GitHubReporter(),
      GitLabSASTReporter(), CodeQualityReporter(), JUnitReporter(),
    ]
    for reporter in reporters {
      let text = try reporter.render(report)
      #expect(text.contains(Evaluator.policyChangedRuleID), "\(type(of: reporter))")
      #expect(text.contains(Evaluator.rulesChangedRuleID), "\(type(of: reporter))")
    }
  }

  @Test("SARIF with trust findings describes their rules and stays schema-valid", needsValidator)
  func sarifValid() throws {
    let text = try SARIFReporter().render(try report())
    let problems = try sarifProblems(text)
    #expect(problems == nil, "\(problems ?? "")")
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let run = (object?["runs"] as? [[String: Any]])?.first
    let rules =
      ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"]
      as? [[String: Any]] ?? []
    for result in run?["results"] as? [[String: Any]] ?? [] {
      let index = result["ruleIndex"] as? Int ?? -1
      #expect(rules.indices.contains(index))
      if rules.indices.contains(index) {
        #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        let help = (rules[index]["fullDescription"] as? [String: Any])?["text"] as? String
        #expect(help?.contains("takes effect once merged") == true)
      }
      #expect(result["level"] as? String == "error")
    }
  }
}
