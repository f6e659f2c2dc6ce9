import Foundation
import Gate
import Rules
import Testing

@testable import Reports

@Suite("Reports match their goldens")
struct GoldenTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let golden: String
    let json: Bool
    let reporter: any Reporter
    var testDescription: String { golden }
  }

  static let cases: [Case] = [
    Case(golden: "report.sarif", json: true, reporter: SARIFReporter(category: "aigate/python")),
    Case(golden: "report.json", json: true, reporter: JSONReporter()),
    Case(golden: "report.github.txt", json: false, reporter: GitHubReporter()),
    Case(golden: "report.summary.md", json: false, reporter: GitHubSummary()),
    Case(golden: "gl-sast-report.json", json: true, reporter: GitLabSASTReporter()),
    Case(golden: "gl-code-quality-report.json", json: true, reporter: CodeQualityReporter()),
    Case(golden: "report.junit.xml", json: false, reporter: JUnitReporter()),
    Case(golden: "report.txt", json: false, reporter: TextReporter(color: false)),
  ]

  @Test("A run with findings", arguments: cases)
  func findings(_ format: Case) throws {
    let fixture = Fixture()
    let rendered = try format.reporter.render(fixture.report())
    try expectGolden(normalized(rendered, root: fixture.root), format.golden, json: format.json)
  }

  @Test("A clean run", arguments: cases)
  func clean(_ format: Case) throws {
    let fixture = Fixture()
    let report = fixture.report(
      findings: [],
      engines: [
        EngineRun(engine: .semgrep, version: "1.185.0", rules: 3, findings: 0, warnings: [])
      ])
    let rendered = try format.reporter.render(report)
    #expect(!rendered.isEmpty)
    try expectGolden(
      normalized(rendered, root: fixture.root), "clean." + format.golden, json: format.json)
  }

  @Test("Every SARIF golden passes the validator in GitHub's strict profile", needsValidator)
  func sarifGoldensValidate() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: goldensFolder.path)
      .filter { $0.hasSuffix(".sarif") }
    #expect(names.count >= 2)
    for name in names {
      let text = try String(contentsOf: goldensFolder.appendingPathComponent(name), encoding: .utf8)
      let problems = try sarifProblems(text)
      #expect(problems == nil, "\(name): \(problems ?? "")")
    }
  }
}
