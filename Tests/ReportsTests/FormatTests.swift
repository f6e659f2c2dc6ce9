import Foundation
import Gate
import Rules
import TestSupport
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("What each format promises")
struct FormatTests {
  func object(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
  }

  @Test("SARIF: every result's ruleIndex names its rule, descriptions fit GitHub's limits")
  func sarifRuleIndexes() throws {
    let fixture = Fixture()
    let long = String(repeating: "A very long message that goes on. ", count: 60)
    var findings = fixture.findings()
    findings[0].finding.message = long
    var run = fixture.run(findings: findings)
    run = GateRun.assembled(
      evaluation: run.evaluation, attribution: run.attribution,
      rules: run.rules + [(Fixture.rule("python.long", long + "🚀", .error), .inProcess)],
      notRun: run.notRun, engines: run.engines, scanned: run.scanned, root: run.root,
      sources: run.sources)
    let sarif = try object(try SARIFReporter().render(Report(run: run, toolVersion: "1")))
    let runs = sarif["runs"] as? [[String: Any]] ?? []
    #expect(runs.count == 2)
    var resultCount = 0
    for run in runs {
      let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
      let rules = driver?["rules"] as? [[String: Any]] ?? []
      for rule in rules {
        for key in ["shortDescription", "fullDescription"] {
          let text = (rule[key] as? [String: Any])?["text"] as? String ?? ""
          #expect(!text.isEmpty && text.utf16.count <= 1024, "\(key) of \(rule["id"] ?? "")")
        }
      }
      for result in run["results"] as? [[String: Any]] ?? [] {
        resultCount += 1
        let index = result["ruleIndex"] as? Int ?? -1
        #expect(index >= 0 && index < rules.count)
        if index >= 0 && index < rules.count {
          #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
      }
      #expect(run["automationDetails"] == nil)
    }
    #expect(resultCount == findings.count)
    // Only rules with results are described: the file grows with the findings, not the packs.
    for run in runs {
      let described = Set(
        (((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"]
          as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
      let reported = Set(
        (run["results"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String })
      #expect(described == reported)
      // No absolute path of this machine in the log.
      #expect(run["originalUriBaseIds"] == nil)
    }
  }

  @Test("SARIF: a clean run is one run per engine with an empty results array")
  func sarifClean() throws {
    let fixture = Fixture()
    let sarif = try object(
      try SARIFReporter(category: "ci").render(fixture.report(findings: [], engines: [])))
    let runs = sarif["runs"] as? [[String: Any]] ?? []
    #expect(runs.count == 1)
    #expect((runs.first?["results"] as? [Any])?.isEmpty == true)
    #expect((runs.first?["automationDetails"] as? [String: Any])?["id"] as? String == "ci/")
  }

  @Test(
    "GitHub workflow commands escape what would end or forge a command",
    arguments: [
      ("100%", "100%25", "100%25"),
      ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
      ("x:y,z", "x:y,z", "x%3Ay%2Cz"),
      ("::error ::forged", "::error ::forged", "%3A%3Aerror %3A%3Aforged"),
    ])
  func workflowEscaping(_ input: String, _ data: String, _ property: String) {
    #expect(WorkflowCommand.escapeData(input) == data)
    #expect(WorkflowCommand.escapeProperty(input) == property)
  }

  @Test("GitHub: one command per finding, and no command a message could split")
  func githubLines() throws {
    let fixture = Fixture()
    let output = try GitHubReporter().render(fixture.report())
    let lines = output.split(separator: "\n")
    let commands = lines.filter { $0.hasPrefix("::") }
    #expect(commands.count == fixture.findings().count)
    #expect(commands.filter { $0.hasPrefix("::error ") }.count == 1)
    #expect(commands.filter { $0.hasPrefix("::notice ") }.count == 1)
    #expect(lines.count == commands.count + 1)
  }

  @Test("JUnit parses as XML with a suite per rule and a failure per blocking finding")
  func junitParses() throws {
    let fixture = Fixture()
    var findings = fixture.findings()
    findings[2].finding.message += " \u{1} control ]]> end"
    findings[2].blocking = true
    let xml = try JUnitReporter().render(fixture.report(findings: findings))
    let document = try XMLDocument(xmlString: xml, options: [])
    let suites = try document.nodes(forXPath: "/testsuites/testsuite")
    // The fixture's taint rule did not run: a suite of its own, one skipped case with the reason.
    let ruleIDs = Set(findings.map(\.finding.ruleID)).union(["python.quiet", "python.taint-flow"])
    #expect(suites.count == ruleIDs.count)
    let notRun = try document.nodes(
      forXPath: "//testsuite[@name='python.taint-flow']/testcase/skipped")
    #expect(notRun.count == 1)
    #expect(
      (notRun.first as? XMLElement)?.attribute(forName: "message")?.stringValue
        == "not run: semgrep timed out on it")
    let failures = try document.nodes(forXPath: "//failure")
    #expect(failures.count == findings.filter(\.blocking).count)
    let message = try document.nodes(forXPath: "//testsuite[@name='extra.config-rule']//failure")
      .first.flatMap { ($0 as? XMLElement)?.attribute(forName: "message")?.stringValue }
    #expect(message?.contains("\"quoted\", 'single'\nline two") == true)
    #expect(try document.nodes(forXPath: "//skipped").count == 2)
    let root = try document.nodes(forXPath: "/testsuites").first as? XMLElement
    #expect(root?.attribute(forName: "skipped")?.stringValue == "2")
  }

  /// The fields GitLab's SAST schema 15.x requires, checked as the schema states them (no
  /// validator here carries that schema).
  @Test("GitLab SAST report has the schema's required fields and values")
  func gitlabSAST() throws {
    let fixture = Fixture()
    let report = try object(try GitLabSASTReporter().render(fixture.report()))
    #expect((report["version"] as? String)?.hasPrefix("15.") == true)
    let scan = report["scan"] as? [String: Any] ?? [:]
    #expect(scan["type"] as? String == "sast")
    #expect(["success", "failure"].contains(scan["status"] as? String ?? ""))
    let timestamp = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"#
    for key in ["start_time", "end_time"] {
      #expect((scan[key] as? String)?.range(of: timestamp, options: .regularExpression) != nil)
    }
    for key in ["analyzer", "scanner"] {
      let tool = scan[key] as? [String: Any] ?? [:]
      for field in ["id", "name", "version"] {
        #expect(!((tool[field] as? String) ?? "").isEmpty, "scan.\(key).\(field)")
      }
      let vendor = (tool["vendor"] as? [String: Any])?["name"] as? String
      #expect(vendor?.isEmpty == false, "scan.\(key).vendor.name")
    }
    let messages = scan["messages"] as? [[String: Any]] ?? []
    #expect(messages.count == 2)
    for message in messages {
      #expect(["info", "warn", "fatal"].contains(message["level"] as? String ?? ""))
      #expect(!((message["value"] as? String) ?? "").isEmpty)
    }
    let vulnerabilities = report["vulnerabilities"] as? [[String: Any]] ?? []
    #expect(vulnerabilities.count == fixture.findings().filter { $0.suppressedBy == nil }.count)
    let severities = ["Critical", "High", "Medium", "Low", "Info", "Unknown"]
    var ids: Set<String> = []
    for vulnerability in vulnerabilities {
      let id = vulnerability["id"] as? String ?? ""
      #expect(!id.isEmpty && ids.insert(id).inserted)
      #expect(severities.contains(vulnerability["severity"] as? String ?? ""))
      #expect((vulnerability["name"] as? String ?? "").count <= 255)
      let identifiers = vulnerability["identifiers"] as? [[String: Any]] ?? []
      #expect(!identifiers.isEmpty)
      for identifier in identifiers {
        for field in ["type", "name", "value"] {
          #expect(!((identifier[field] as? String) ?? "").isEmpty)
        }
      }
      let location = vulnerability["location"] as? [String: Any] ?? [:]
      #expect(!((location["file"] as? String) ?? "").isEmpty)
      #expect((location["start_line"] as? Int ?? 0) >= 1)
    }
  }

  /// The one constant behind SARIF's `informationUri` and the GitLab report's tool `url`.
  @Test("aigate's address: left out of SARIF and GitLab reports when unset, else in both")
  func informationURI() throws {
    let fixture = Fixture()
    func aigateLinks(_ address: String?) throws -> (sarif: Any?, analyzer: Any?, text: String) {
      let text = try SARIFReporter(informationURI: address).render(fixture.report())
      let runs = try object(text)["runs"] as? [[String: Any]] ?? []
      let aigate = runs.map { ($0["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:] }
        .first { $0["name"] as? String == "aigate" }
      let gitlab = try object(
        try GitLabSASTReporter(informationURI: address).render(fixture.report()))
      let analyzer = (gitlab["scan"] as? [String: Any])?["analyzer"] as? [String: Any]
      return (aigate?["informationUri"], analyzer?["url"], text)
    }
    let unset = try aigateLinks(nil)
    #expect(unset.sarif == nil && unset.analyzer == nil)
    let address = "https://packager.test/aigate"
    let set = try aigateLinks(address)
    #expect(set.sarif as? String == address)
    #expect(set.analyzer as? String == address)
    if SARIFValidator.available {
      for text in [unset.text, set.text] {
        let problems = try sarifProblems(text)
        #expect(problems == nil, "\(problems ?? "")")
      }
    }
    // What a packager sets must be an address a report can carry.
    if let shipped = AigateTool.informationURI {
      #expect(URL(string: shipped)?.scheme == "https", "AigateTool.informationURI: \(shipped)")
    }
  }

  @Test("Code Quality fingerprints survive the code moving down the file")
  func codeQualityFingerprints() throws {
    let fixture = Fixture()
    func fingerprints(_ findings: [GatedFinding]) throws -> [String] {
      let text = try CodeQualityReporter().render(fixture.report(findings: findings))
      let issues = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
      return (issues ?? []).compactMap { $0["fingerprint"] as? String }
    }
    let original = try fingerprints(fixture.findings())
    let moved = fixture.findings().map { gated -> GatedFinding in
      var copy = gated
      copy.finding.start = FilePosition(
        line: gated.finding.start.line + 7, col: gated.finding.start.col, offset: 0)
      copy.finding.end = FilePosition(
        line: gated.finding.end.line + 7, col: gated.finding.end.col, offset: 0)
      return copy
    }
    #expect(try fingerprints(moved) == original)
    #expect(Set(original).count == original.count)
  }

  @Test("The job summary lists findings up to its limit and counts the rest")
  func summaryRenders() throws {
    let fixture = Fixture()
    let summary = try GitHubSummary(limit: 2).render(fixture.report())
    #expect(summary.hasPrefix("## aigate: blocked"))
    #expect(summary.contains("3 more findings"))
  }
}
