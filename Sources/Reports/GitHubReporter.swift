import Attribution
import Foundation
import Gate
import Rules

/// GitHub Actions workflow commands: one annotation per finding (blocking ones as errors,
/// reported ones as warnings, suppressed ones as notices), then the verdict as a plain line.
///
/// The job summary is a separate render (`GitHubSummary`): writing `GITHUB_STEP_SUMMARY` is a side
/// effect the command layer performs whenever a `github` report is asked for, so this stays pure.
public struct GitHubReporter: Reporter {
  public init() {}

  public func render(_ report: Report) throws -> String {
    let index = SourceIndex(sources: report.sources)
    var out = ""
    for gated in report.findings {
      out +=
        annotation(
          gated, location: index.resolve(gated.finding), attributed: report.gate != nil) + "\n"
    }
    let verdict = report.verdict
    out +=
      verdict.passed
      ? "aigate: PASSED: no blocking findings on gated lines\n"
      : "aigate: BLOCKED: \(verdict.reasons.joined(separator: "; "))\n"
    return out
  }

  private func annotation(
    _ gated: GatedFinding, location: ResolvedLocation, attributed: Bool
  ) -> String {
    let finding = gated.finding
    let command: String
    let status: String
    if let comment = gated.suppressedBy {
      command = "notice"
      status = "suppressed by \(comment.marker) on line \(comment.line)"
    } else if gated.blocking {
      command = "error"
      status = "blocking"
    } else {
      command = "warning"
      status = "reported"
    }
    var properties: [(String, String)] = [
      ("file", finding.path), ("line", "\(location.startLine)"),
      ("endLine", "\(location.endLine)"),
    ]
    // GitHub takes columns only on a one-line annotation.
    if location.startLine == location.endLine, let start = location.startColumn,
      let end = location.endColumn
    {
      properties += [("col", "\(start)"), ("endColumn", "\(end)")]
    }
    properties.append(("title", "aigate \(finding.ruleID) (\(status))"))
    let message = finding.message + "\n\n" + Self.describe(gated, attributed: attributed)
    let rendered = properties.map { "\($0.0)=\(WorkflowCommand.escapeProperty($0.1))" }
      .joined(separator: ",")
    return "::\(command) \(rendered)::\(WorkflowCommand.escapeData(message))"
  }

  /// Who wrote the lines (a scan's findings have no author to name), the severity and the rule.
  private static func describe(_ gated: GatedFinding, attributed: Bool) -> String {
    guard attributed else {
      return "Severity \(gated.finding.severity.rawValue), rule \(gated.finding.ruleID)."
    }
    var who = "Written by: \(gated.authorship.rawValue)"
    if let agent = gated.agent { who += " (\(agent))" }
    if let commit = gated.commit { who += " in \(commit.short)" }
    return who + ". Severity \(gated.finding.severity.rawValue), rule \(gated.finding.ruleID)."
  }
}

/// The escaping of GitHub's Actions toolkit (`@actions/core`, `command.ts`), so that a message or a
/// path with `%`, a newline, `:` or `,` cannot end a workflow command early or inject another.
public enum WorkflowCommand {
  /// The escaping of a command's message.
  public static func escapeData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25")
      .replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// The escaping of a property value (`file=`, `title=`).
  public static func escapeProperty(_ text: String) -> String {
    escapeData(text)
      .replacingOccurrences(of: ":", with: "%3A")
      .replacingOccurrences(of: ",", with: "%2C")
  }
}

/// The Markdown job summary for `GITHUB_STEP_SUMMARY`: the verdict, the findings as a table,
/// who wrote the change and what ran.
public struct GitHubSummary: Reporter {
  /// The most findings listed; the rest are counted (GitHub caps a summary at 1 MiB).
  public let limit: Int

  public init(limit: Int = 100) {
    self.limit = limit
  }

  public func render(_ report: Report) throws -> String {
    let verdict = report.verdict
    var out = "## aigate: "
    out += verdict.passed ? "passed\n\n" : "blocked\n\n"
    if verdict.passed {
      out += "No blocking findings on gated lines.\n"
    } else {
      out += verdict.reasons.map { "- \(Markdown.escape($0))\n" }.joined()
    }
    let findings = report.findings
    if !findings.isEmpty {
      out += "\n| Status | Rule | Location | Severity | Written by |\n"
      out += "|---|---|---|---|---|\n"
      for gated in findings.prefix(limit) {
        let finding = gated.finding
        let status =
          gated.suppressedBy != nil ? "suppressed" : gated.blocking ? "**blocking**" : "reported"
        var who = report.gate == nil ? "-" : gated.authorship.rawValue
        if let agent = gated.agent { who += " (\(agent))" }
        if let commit = gated.commit { who += ", \(commit.short)" }
        out += "| \(status) | \(Markdown.code(finding.ruleID)) | "
        out += "\(Markdown.code("\(finding.path):\(finding.start.line)")) | "
        out += "\(finding.severity.rawValue) | \(Markdown.escape(who)) |\n"
      }
      if findings.count > limit {
        out += "\n\(findings.count - limit) more findings are in the other reports.\n"
      }
    }
    if let summary = report.gate?.attribution.summary {
      out += "\n**Added lines:** \(summary.added)"
      if summary.added > 0 {
        out += " (AI \(summary.ai), human \(summary.human), unknown \(summary.unknown))"
      }
      out += "\n"
    }
    let engines = report.engines.map { engine in
      "\(engine.engine.rawValue)\(engine.version.map { " \($0)" } ?? ""): \(engine.rules) rules"
    }
    out += "\n**Ran:** " + (engines.isEmpty ? "no engine" : engines.joined(separator: "; "))
    out += ", \(report.scanned.count) files scanned\n"
    let stopped = report.engines.flatMap(\.failures)
    if !stopped.isEmpty {
      out += "\n**Stopped before finishing:** "
      out += stopped.map { Markdown.escape($0.message) }.joined(separator: "; ") + "\n"
    }
    if !report.notRun.isEmpty {
      out += "\n**Not run:** "
      out +=
        report.notRun.map { "\(Markdown.code($0.id)) (\(Markdown.escape($0.reason)))" }
        .joined(separator: ", ") + "\n"
    }
    return out
  }
}

/// Markdown quoting for text placed in a table cell or a list item.
enum Markdown {
  /// Escapes the characters that Markdown or a table would read as syntax, and joins lines.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!":
        out += "\\" + String(character)
      case "\n", "\r\n", "\r":
        out += " "
      default:
        out.append(character)
      }
    }
    return out
  }

  /// A code span that holds any text: the fence is longer than any backtick run inside.
  static func code(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
      .replacingOccurrences(of: "|", with: "\\|")
    var longest = 0
    var current = 0
    for character in flat {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + pad + flat + pad + fence
  }
}
