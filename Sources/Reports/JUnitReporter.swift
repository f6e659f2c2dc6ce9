import Attribution
import Foundation
import Gate
import Rules

/// JUnit XML, for CI systems that show test results (GitLab's test report, Jenkins, Azure).
///
/// A test suite per rule that ran, a test case per finding, a failure per blocking finding, a
/// skip per suppressed one. A rule with no finding gets one passing case, so it is seen to run;
/// a rule that did not run (semgrep absent or off) gets one skipped case giving the reason, so it
/// is not mistaken for one that ran and found nothing.
public struct JUnitReporter: Reporter {
  public init() {}

  public func render(_ report: Report) throws -> String {
    let byRule = Dictionary(grouping: report.findings, by: \.finding.ruleID)
    let notRun = Set(report.notRun.map(\.id))
    var ruleIDs = Set(report.rules.map(\.rule.id)).subtracting(notRun)
    ruleIDs.formUnion(byRule.keys)
    var suites = ruleIDs.sorted().map { id in
      suite(id, findings: byRule[id] ?? [], attributed: report.gate != nil)
    }
    let reasons = Dictionary(report.notRun.map { ($0.id, $0.reason) }) { first, _ in first }
    let notRunSuites = reasons.keys.filter { byRule[$0] == nil }.sorted().map { id in
      skippedSuite(id, reason: reasons[id] ?? "")
    }
    suites += notRunSuites
    let failures = report.findings.filter(\.blocking).count
    let skipped = report.findings.filter { $0.suppressedBy != nil }.count + notRunSuites.count
    let tests = suites.reduce(0) { $0 + $1.children.count }
    let root = XMLNode(
      "testsuites",
      [
        ("name", "aigate"), ("tests", "\(tests)"), ("failures", "\(failures)"),
        ("errors", "0"), ("skipped", "\(skipped)"),
      ],
      children: suites)
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render(indent: 0)
  }

  private func suite(_ id: String, findings: [GatedFinding], attributed: Bool) -> XMLNode {
    var cases = findings.map { testCase($0, attributed: attributed) }
    if cases.isEmpty {
      cases = [XMLNode("testcase", [("name", "no findings on the change"), ("classname", id)])]
    }
    return XMLNode(
      "testsuite",
      [
        ("name", id), ("tests", "\(cases.count)"),
        ("failures", "\(findings.filter(\.blocking).count)"), ("errors", "0"),
        ("skipped", "\(findings.filter { $0.suppressedBy != nil }.count)"),
      ],
      children: cases)
  }

  /// A rule that did not run: one skipped case, with the reason.
  private func skippedSuite(_ id: String, reason: String) -> XMLNode {
    let skipped = XMLNode("skipped", [("message", "not run: \(reason)")])
    let testCase = XMLNode(
      "testcase", [("name", "not run"), ("classname", id)], children: [skipped])
    return XMLNode(
      "testsuite",
      [("name", id), ("tests", "1"), ("failures", "0"), ("errors", "0"), ("skipped", "1")],
      children: [testCase])
  }

  /// A scan's findings (`attributed` false) have no author to name.
  private func testCase(_ gated: GatedFinding, attributed: Bool) -> XMLNode {
    let finding = gated.finding
    let place = "\(finding.path):\(finding.start.line):\(finding.start.col)"
    var details = "\(place): \(finding.severity.rawValue): \(finding.message)\n"
    if attributed {
      var who = "written by \(gated.authorship.rawValue)"
      if let agent = gated.agent { who += " (\(agent))" }
      if let commit = gated.commit { who += " in \(commit.hex)" }
      details += who + "\n"
    }
    let outcome: XMLNode
    if let comment = gated.suppressedBy {
      outcome = XMLNode(
        "skipped", [("message", "suppressed by \(comment.marker) on line \(comment.line)")])
    } else if gated.blocking {
      outcome = XMLNode(
        "failure", [("message", finding.message), ("type", finding.severity.rawValue)],
        text: details)
    } else {
      outcome = XMLNode("system-out", [], text: details)
    }
    return XMLNode(
      "testcase",
      [("name", place), ("classname", finding.ruleID), ("file", finding.path)],
      children: [outcome])
  }
}

/// A small XML element tree that escapes everything it writes.
struct XMLNode: Sendable {
  let name: String
  let attributes: [(String, String)]
  let children: [XMLNode]
  let text: String?

  init(
    _ name: String, _ attributes: [(String, String)], children: [XMLNode] = [],
    text: String? = nil
  ) {
    self.name = name
    self.attributes = attributes
    self.children = children
    self.text = text
  }

  func render(indent: Int) -> String {
    let pad = String(repeating: "  ", count: indent)
    let attributeText = attributes.map { " \($0.0)=\"\(XMLText.attribute($0.1))\"" }.joined()
    if children.isEmpty && text == nil {
      return "\(pad)<\(name)\(attributeText)/>\n"
    }
    var out = "\(pad)<\(name)\(attributeText)>"
    if let text {
      out += XMLText.content(text)
    }
    if !children.isEmpty {
      out += "\n" + children.map { $0.render(indent: indent + 1) }.joined() + pad
    }
    return out + "</\(name)>\n"
  }
}

/// XML 1.0 escaping; characters XML cannot hold at all (most control characters) become U+FFFD.
enum XMLText {
  static func content(_ text: String) -> String {
    escape(text, attribute: false)
  }

  /// Attribute values also escape quotes and keep line breaks and tabs as references, which an
  /// XML parser would otherwise turn into spaces.
  static func attribute(_ text: String) -> String {
    escape(text, attribute: true)
  }

  private static func escape(_ text: String, attribute: Bool) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "'" where attribute: out += "&apos;"
      case "\n" where attribute: out += "&#10;"
      case "\r": out += "&#13;"
      case "\t" where attribute: out += "&#9;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed =
          (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
          || (0x10000...0x10FFFF).contains(value)
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
