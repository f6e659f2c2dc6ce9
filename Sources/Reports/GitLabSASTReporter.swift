import Attribution
import Foundation
import Gate
import Rules

/// `gl-sast-report.json`, so merge requests show the gate's findings in their security widget.
///
/// GitLab's security report schema 15.x. Suppressed findings are left out: a person already
/// decided on them.
public struct GitLabSASTReporter: Reporter {
  /// The schema version written (the newest 15.x whose fields aigate fills).
  public static let schemaVersion = "15.2.1"

  /// The analyzer's `url` (and the scanner's, when aigate is the scanner); left out when nil.
  public let informationURI: String?

  public init(informationURI: String? = AigateTool.informationURI) {
    self.informationURI = informationURI
  }

  public func render(_ report: Report) throws -> String {
    let facts = report.ruleFacts
    // Fingerprints over every finding, as in the other reports, then the unsuppressed ones.
    let all = zip(report.findings, FindingIdentity.fingerprints(report.findings.map(\.finding)))
    let kept = all.filter { $0.0.suppressedBy == nil }
    let shown = kept.map(\.0)
    let fingerprints = kept.map(\.1)
    let semgrepVersion = report.engines.first { $0.engine == .semgrep }?.version
    let aigate = GitLabTool(
      id: "aigate", name: "aigate", url: informationURI, version: report.toolVersion,
      vendor: GitLabVendor(name: "aigate"))
    let scanner =
      report.engines.contains { $0.engine == .aigate } || semgrepVersion == nil
      ? aigate
      : GitLabTool(
        id: "semgrep", name: "Semgrep", url: "https://semgrep.dev",
        version: semgrepVersion ?? "unknown", vendor: GitLabVendor(name: "Semgrep"))
    let vulnerabilities = zip(shown, fingerprints).map { gated, fingerprint in
      vulnerability(
        gated, facts: facts[gated.finding.ruleID], fingerprint: fingerprint,
        attributed: report.gate != nil)
    }
    let output = GitLabSASTReport(
      version: Self.schemaVersion,
      scan: GitLabScan(
        analyzer: aigate, scanner: scanner, type: "sast",
        startTime: GitLabTime.format(report.startTime), endTime: GitLabTime.format(report.endTime),
        status: "success", messages: messages(report).nonEmpty),
      vulnerabilities: vulnerabilities)
    return try ReportEncoding.json(output)
  }

  /// Engine warnings and rules that did not run, for the pipeline's security tab.
  private func messages(_ run: Report) -> [GitLabMessage] {
    let warnings = run.engines.flatMap { engine in
      engine.warnings.map {
        GitLabMessage(level: "warn", value: "\(engine.engine.rawValue): \($0)")
      }
    }
    let notRun = run.notRun.map {
      GitLabMessage(level: "warn", value: "rule \($0.id) did not run: \($0.reason)")
    }
    let stopped = run.engines.flatMap(\.failures).map {
      GitLabMessage(level: "warn", value: $0.message)
    }
    return warnings + notRun + stopped
  }

  private func vulnerability(
    _ gated: GatedFinding, facts: RuleFacts?, fingerprint: String, attributed: Bool
  ) -> GitLabVulnerability {
    let finding = gated.finding
    let facts = facts ?? RuleFacts(finding: finding)
    var identifiers = [
      GitLabIdentifier(
        type: "semgrep_id", name: finding.ruleID, value: finding.ruleID,
        url: facts.references.first)
    ]
    for cwe in facts.cweIDs {
      let number = String(cwe.dropFirst(4))
      identifiers.append(
        GitLabIdentifier(
          type: "cwe", name: cwe, value: number,
          url: "https://cwe.mitre.org/data/definitions/\(number).html"))
    }
    for (id, name) in zip(facts.owaspIDs, facts.owaspNames) {
      identifiers.append(GitLabIdentifier(type: "owasp", name: name, value: id, url: nil))
    }
    // A scan's findings have no author to name.
    var who = attributed ? "Written by: \(gated.authorship.rawValue)" : ""
    if attributed, let agent = gated.agent { who += " (\(agent))" }
    if attributed, let commit = gated.commit { who += ", commit \(commit.hex)" }
    who +=
      (attributed ? ". " : "")
      + (gated.blocking ? "Blocks the merge." : "Reported; does not block.")
    let description = TextLimit.truncate(
      (finding.message.isEmpty ? finding.ruleID : finding.message) + "\n\n" + who, to: 15000)
    return GitLabVulnerability(
      id: FindingIdentity.uuid(fingerprint),
      name: TextLimit.truncate(RuleFacts(finding: finding).summary, to: 255),
      description: description,
      severity: Self.severity(finding.severity),
      solution: finding.fix.map { "Replace the code with: \($0)" },
      identifiers: identifiers,
      location: GitLabLocation(
        file: finding.path, startLine: finding.start.line,
        endLine: max(finding.end.line, finding.start.line)),
      tracking: GitLabTracking(
        type: "source",
        items: [
          GitLabTrackingItem(
            file: finding.path, startLine: finding.start.line,
            endLine: max(finding.end.line, finding.start.line),
            signatures: [GitLabSignature(algorithm: "hash", value: fingerprint)])
        ]))
  }

  /// GitLab's severity names.
  static func severity(_ severity: Rule.Severity) -> String {
    switch severity {
    case .critical: return "Critical"
    case .error, .high: return "High"
    case .warning, .medium: return "Medium"
    case .info, .low: return "Low"
    case .inventory, .experiment: return "Info"
    }
  }
}

/// GitLab's timestamp form: UTC, seconds, no zone suffix.
enum GitLabTime {
  static func format(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter.string(from: date)
  }
}

struct GitLabSASTReport: Encodable {
  let version: String
  let scan: GitLabScan
  let vulnerabilities: [GitLabVulnerability]
}

struct GitLabScan: Encodable {
  let analyzer: GitLabTool
  let scanner: GitLabTool
  let type: String
  let startTime: String
  let endTime: String
  let status: String
  let messages: [GitLabMessage]?

  enum CodingKeys: String, CodingKey {
    case messages
    case analyzer
    case scanner
    case type
    case startTime = "start_time"
    case endTime = "end_time"
    case status
  }
}

struct GitLabMessage: Encodable {
  let level: String
  let value: String
}

struct GitLabTool: Encodable {
  let id: String
  let name: String
  /// Optional in GitLab's schema: left out when nil.
  let url: String?
  let version: String
  let vendor: GitLabVendor
}

struct GitLabVendor: Encodable {
  let name: String
}

struct GitLabVulnerability: Encodable {
  let id: String
  let name: String
  let description: String
  let severity: String
  let solution: String?
  let identifiers: [GitLabIdentifier]
  let location: GitLabLocation
  /// How GitLab follows the finding across pipelines: aigate's fingerprint of the rule, path
  /// and matched text, which edits elsewhere in the file leave alone.
  let tracking: GitLabTracking
}

struct GitLabTracking: Encodable {
  let type: String
  let items: [GitLabTrackingItem]
}

struct GitLabTrackingItem: Encodable {
  let file: String
  let startLine: Int
  let endLine: Int
  let signatures: [GitLabSignature]

  // The tracking item's own spelling, unlike `location`'s.
  enum CodingKeys: String, CodingKey {
    case file
    case startLine = "line_start"
    case endLine = "line_end"
    case signatures
  }
}

struct GitLabSignature: Encodable {
  let algorithm: String
  let value: String
}

struct GitLabIdentifier: Encodable {
  let type: String
  let name: String
  let value: String
  let url: String?
}

struct GitLabLocation: Encodable {
  let file: String
  let startLine: Int
  let endLine: Int

  enum CodingKeys: String, CodingKey {
    case file
    case startLine = "start_line"
    case endLine = "end_line"
  }
}
