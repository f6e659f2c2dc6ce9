import Attribution
import Foundation
import Gate
import Rules

/// The report for people: the verdict first, then findings by file with the code and a caret,
/// then who wrote the change and what ran.
public struct TextReporter: Reporter {
  /// Whether to use ANSI colours (a terminal, and `NO_COLOR` unset).
  public let color: Bool

  public init(color: Bool) {
    self.color = color
  }

  /// Colour on a terminal unless `NO_COLOR` is set, as no-color.org asks.
  public static func wantsColor(environment: [String: String], isTerminal: Bool) -> Bool {
    isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
  }

  public func render(_ report: Report) throws -> String {
    guard let run = report.gate else {
      if case .scan(let scan) = report.subject {
        return ScanTextReporter(color: color).render(scan) + TextTail.render(report)
      }
      return ""
    }
    var out = ""
    let verdict = report.verdict
    if verdict.passed {
      out += paint("PASSED", .green) + ": no blocking findings on gated lines\n"
    } else {
      out += paint("BLOCKED", .red) + ": " + verdict.reasons.joined(separator: "; ") + "\n"
    }
    out += "  change: \(describeChange(run))\n"

    var currentPath: String?
    for gated in report.findings {
      let finding = gated.finding
      if finding.path != currentPath {
        currentPath = finding.path
        out += "\n" + paint(finding.path, .bold) + "\n"
      }
      out += findingBlock(gated)
    }
    if report.findings.isEmpty { out += "\nNo findings on the change's added lines.\n" }

    out += "\n" + summary(run) + TextTail.render(report)
    return out
  }

  private func describeChange(_ run: GateRun) -> String {
    let base = run.attribution.base?.short ?? "the empty tree"
    guard let head = run.attribution.head else {
      return "the staged index against \(base)"
    }
    let source = run.base.map { " (base: \($0.source))" } ?? ""
    return "\(base)..\(head.short)\(source)"
  }

  private func findingBlock(_ gated: GatedFinding) -> String {
    let finding = gated.finding
    var who = gated.authorship.rawValue
    if let agent = gated.agent { who += ": \(agent)" }
    if let commit = gated.commit { who += ", \(commit.short)" }
    let status: String
    if let suppression = gated.suppressedBy {
      status = paint("suppressed by \(suppression.marker) (line \(suppression.line))", .dim)
    } else {
      status = gated.blocking ? paint("BLOCKING", .red) : paint("reported", .dim)
    }
    var out = "  \(finding.start.line):\(finding.start.col)  "
    out += paint(finding.severity.rawValue, severityColor(finding.severity))
    out += "  \(finding.ruleID)  [\(who)]  \(status)\n"
    for line in finding.message.split(separator: "\n") {
      out += "    \(line)\n"
    }
    out += snippet(finding)
    out += TextReporter.suggestion(finding)
    return out
  }

  /// The rule's `fix:` as a suggested change for the finding's lines, as semgrep's text shows
  /// its autofix; empty when the rule has none.
  static func suggestion(_ finding: Finding) -> String {
    guard let fix = finding.fix else { return "" }
    let lines = fix.split(separator: "\n", omittingEmptySubsequences: false)
    var out = "    suggested fix (--autofix applies it):\n"
    for line in lines { out += "      \(line)\n" }
    return out
  }

  /// The finding's first line with a caret run under the match.
  ///
  /// Columns arrive in bytes; the caret is placed by characters, so multibyte text lines up.
  private func snippet(_ finding: Finding) -> String {
    guard !finding.lines.isEmpty,
      var bytes = SourceFile(path: finding.path, text: finding.lines).lineBytes(1)
    else {
      return ""
    }
    if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
    let number = String(finding.start.line)
    let gutter = String(repeating: " ", count: number.count)
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\t", with: " ")
    let startColumn = Columns.characters(byteColumn: max(finding.start.col, 1), in: bytes)
    let endColumn =
      finding.end.line == finding.start.line
      ? max(Columns.characters(byteColumn: finding.end.col, in: bytes), startColumn + 1)
      : text.count + 1
    let width = max(min(endColumn, text.count + 1) - startColumn, 1)
    let caret =
      String(repeating: " ", count: startColumn - 1) + String(repeating: "^", count: width)
    return "    \(number) | \(text)\n    \(gutter) | \(paint(caret, .red))\n"
  }

  private func summary(_ run: GateRun) -> String {
    let summary = run.attribution.summary
    var out = "Added lines: \(summary.added)"
    if summary.added > 0 {
      let share = String(format: "%.0f%%", summary.aiShare * 100)
      out += " (ai \(summary.ai) = \(share), human \(summary.human), unknown \(summary.unknown)"
      if summary.maintenanceBot > 0 { out += ", maintenance bots \(summary.maintenanceBot)" }
      out += ")"
    }
    out += "\n"
    for (agent, count) in summary.byAgent.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
      out += "  \(agent): \(count)\n"
    }
    let engines = run.engines.map { engine in
      let version = engine.version.map { " \($0)" } ?? ""
      return
        "\(engine.engine.rawValue)\(version): \(engine.rules) rules, \(engine.findings) findings"
    }
    out +=
      "Ran: " + (engines.isEmpty ? "no engine (nothing to scan)" : engines.joined(separator: "; "))
    out += "; \(run.scanned.count) files scanned\n"
    if !run.notRun.isEmpty {
      let reasons = Dictionary(grouping: run.notRun, by: \.reason)
      for (reason, rules) in reasons.sorted(by: { $0.key < $1.key }) {
        out += "Not run (\(reason)): \(rules.map(\.id).joined(separator: ", "))\n"
      }
    }
    for skipped in run.skipped {
      out += "Skipped \(skipped.path): \(skipped.reason)\n"
    }
    for failure in run.engines.flatMap(\.failures) {
      out += "Stopped: \(failure.message)\n"
    }
    let hidden = run.evaluation.outsideChange
    if hidden > 0 {
      out +=
        "\(hidden) finding\(hidden == 1 ? "" : "s") in lines the change did not add (not gated)\n"
    }
    return out
  }

  private enum Style: String {
    case red = "31"
    case green = "32"
    case yellow = "33"
    case bold = "1"
    case dim = "2"
  }

  private func severityColor(_ severity: Rule.Severity) -> Style {
    switch severity.rank {
    case 4...: return .red
    case 3: return .yellow
    default: return .dim
    }
  }

  private func paint(_ text: String, _ style: Style) -> String {
    color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
