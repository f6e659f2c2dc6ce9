import Attribution
import Foundation
import Gate
import Rules

/// GitLab's Code Quality report, so findings show inline in merge request diffs.
///
/// The Code Climate issue subset GitLab reads. Suppressed findings are left out.
public struct CodeQualityReporter: Reporter {
  public init() {}

  public func render(_ report: Report) throws -> String {
    // Fingerprints over every finding, as in the other reports, then the unsuppressed ones.
    let all = zip(report.findings, FindingIdentity.fingerprints(report.findings.map(\.finding)))
    let kept = all.filter { $0.0.suppressedBy == nil }
    let shown = kept.map(\.0)
    let fingerprints = kept.map(\.1)
    let issues = zip(shown, fingerprints).map { gated, fingerprint in
      let finding = gated.finding
      var description = "\(finding.ruleID): "
      description += finding.message.split(whereSeparator: \.isNewline).joined(separator: " ")
      // A scan's findings have no author to name.
      var notes = report.gate == nil ? [] : [gated.authorship.rawValue]
      if let agent = gated.agent { notes.append(agent) }
      if gated.blocking { notes.append("blocking") }
      if !notes.isEmpty { description += " [\(notes.joined(separator: ", "))]" }
      return CodeQualityIssue(
        type: "issue", description: description, checkName: finding.ruleID,
        fingerprint: fingerprint, severity: Self.severity(gated),
        categories: ["Security"],
        location: CodeQualityLocation(
          path: finding.path,
          lines: CodeQualityLines(
            begin: finding.start.line, end: max(finding.end.line, finding.start.line))))
    }
    return try ReportEncoding.json(issues)
  }

  /// Code Quality's scale; a blocking finding is at least critical, whatever its rule says.
  static func severity(_ gated: GatedFinding) -> String {
    if gated.blocking {
      return gated.finding.severity.rank >= 5 ? "blocker" : "critical"
    }
    switch gated.finding.severity.rank {
    case 5...: return "critical"
    case 4: return "major"
    case 3: return "minor"
    default: return "info"
    }
  }
}

struct CodeQualityIssue: Encodable {
  let type: String
  let description: String
  let checkName: String
  let fingerprint: String
  let severity: String
  let categories: [String]
  let location: CodeQualityLocation

  enum CodingKeys: String, CodingKey {
    case type
    case description
    case checkName = "check_name"
    case fingerprint
    case severity
    case categories
    case location
  }
}

struct CodeQualityLocation: Encodable {
  let path: String
  let lines: CodeQualityLines
}

struct CodeQualityLines: Encodable {
  let begin: Int
  let end: Int
}
