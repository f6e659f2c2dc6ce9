import Foundation
import GitKit

extension AttributionReport {
  /// The report as DESIGN.md's attribution JSON, keys sorted so that output is deterministic.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = try encoder.encode(JSONReport(self))
    return String(decoding: data, as: UTF8.self)
  }

  /// The report for a person: each file's ranges with authorship, agent, commit and evidence,
  /// then the summary with the AI share.
  public func text() -> String {
    var out = ""
    let baseText = base?.short ?? "(empty tree)"
    let headText = head?.short ?? "staged"
    out += "attribution of \(baseText)..\(headText)\n"
    // Evidence quotes commit messages: never let them drive the terminal.
    func printable(_ text: String) -> String {
      String(
        String.UnicodeScalarView(
          text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
    let agentWidth = files.flatMap(\.ranges).map { ($0.attribution.agent ?? "-").count }.max() ?? 1
    func pad(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(text.count, width), withPad: " ", startingAt: 0)
    }
    for file in files {
      out += "\n\(file.path)\n"
      for range in file.ranges {
        let attribution = range.attribution
        let lines = range.start == range.end ? "\(range.start)" : "\(range.start)-\(range.end)"
        var row = "  \(pad(lines, 11)) \(pad(attribution.authorship.rawValue, 15))"
        row += " \(pad(attribution.agent ?? "-", agentWidth))"
        row += "  \(attribution.commit?.short ?? "-------")"
        if let evidence = attribution.evidence {
          row += "  [\(evidence.signal.rawValue)] \(printable(evidence.text))"
        }
        for lost in attribution.overruled {
          row += "  (overruled: [\(lost.signal.rawValue)] \(printable(lost.text)))"
        }
        out += row + "\n"
      }
    }
    let percent = String(format: "%.1f", summary.aiShare * 100)
    out +=
      "\n\(summary.added) added lines: \(summary.ai) ai (\(percent)%), \(summary.human) human, "
    out += "\(summary.unknown) unknown"
    if summary.maintenanceBot > 0 { out += ", \(summary.maintenanceBot) maintenance-bot" }
    out += "\n"
    for (agent, count) in summary.byAgent.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
      out += "  \(agent): \(count)\n"
    }
    return out
  }
}

/// The JSON shape, with absent values `null` rather than left out.
///
/// `{base, head, files: [{path, ranges: [{start, end, authorship, agent, commit, evidence,
/// overruled?}]}],
/// summary: {added, ai, human, unknown, maintenance_bot, ai_share, by_agent}}`.
private struct JSONReport: Encodable {
  struct Range: Encodable {
    let start: Int
    let end: Int
    let authorship: Authorship
    let agent: String?
    let commit: String?
    let evidence: Evidence?
    /// Claims that lost to an agent signal; left out when none did.
    let overruled: [Evidence]

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(start, forKey: .start)
      try container.encode(end, forKey: .end)
      try container.encode(authorship, forKey: .authorship)
      try container.encode(agent, forKey: .agent)
      try container.encode(commit, forKey: .commit)
      try container.encode(evidence, forKey: .evidence)
      if !overruled.isEmpty { try container.encode(overruled, forKey: .overruled) }
    }

    enum CodingKeys: String, CodingKey {
      case start, end, authorship, agent, commit, evidence, overruled
    }
  }

  struct File: Encodable {
    let path: String
    let ranges: [Range]
  }

  let base: String?
  let head: String?
  let files: [File]
  let summary: AttributionSummary

  init(_ report: AttributionReport) {
    base = report.base?.hex
    head = report.head?.hex
    files = report.files.map { file in
      File(
        path: file.path,
        ranges: file.ranges.map { range in
          Range(
            start: range.start, end: range.end, authorship: range.attribution.authorship,
            agent: range.attribution.agent, commit: range.attribution.commit?.hex,
            evidence: range.attribution.evidence, overruled: range.attribution.overruled)
        })
    }
    summary = report.summary
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(base, forKey: .base)
    try container.encode(head, forKey: .head)
    try container.encode(files, forKey: .files)
    try container.encode(summary, forKey: .summary)
  }

  enum CodingKeys: String, CodingKey {
    case base, head, files, summary
  }
}
