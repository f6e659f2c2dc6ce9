import Attribution
import Foundation
import Gate
import Rules

/// semgrep's `--json` shape, plus `verdict`, `attribution` and per result `extra.aigate`.
public struct JSONReporter: Reporter {
  public init() {}

  struct Output: Encodable {
    let version: String
    let verdict: VerdictJSON
    let results: [ResultJSON]
    let errors: [ErrorJSON]
    let paths: PathsJSON
    let attribution: AttributionSummary
    let engines: [EngineJSON]
    let rules: RulesJSON
  }

  struct VerdictJSON: Encodable {
    let passed: Bool
    let exitCode: Int32
    let reasons: [String]
    let base: String?
    let head: String?
    let baseSource: String?

    enum CodingKeys: String, CodingKey {
      case passed
      case exitCode = "exit_code"
      case reasons
      case base
      case head
      case baseSource = "base_source"
    }
  }

  struct PositionJSON: Encodable {
    let line: Int
    let col: Int
    let offset: Int
  }

  struct AigateJSON: Encodable {
    let authorship: String
    let agent: String?
    let commit: String?
    let blocking: Bool
    let engine: String
    let suppressedBy: String?
    /// Line claims that lost to an agent signal on the finding's lines (`[signal] text`);
    /// left out when none did.
    let overruled: [String]?

    enum CodingKeys: String, CodingKey {
      case authorship
      case agent
      case commit
      case blocking
      case engine
      case suppressedBy = "suppressed_by"
      case overruled
    }
  }

  struct ExtraJSON: Encodable {
    let message: String
    let severity: String
    let metadata: JSONValue
    let lines: String
    let fix: String?
    let isIgnored: Bool
    let aigate: AigateJSON

    enum CodingKeys: String, CodingKey {
      case message
      case severity
      case metadata
      case lines
      case fix
      case isIgnored = "is_ignored"
      case aigate
    }
  }

  struct ResultJSON: Encodable {
    let checkID: String
    let path: String
    let start: PositionJSON
    let end: PositionJSON
    let extra: ExtraJSON

    enum CodingKeys: String, CodingKey {
      case checkID = "check_id"
      case path
      case start
      case end
      case extra
    }
  }

  struct ErrorJSON: Encodable {
    let level: String
    let type: String
    let message: String
    /// For a rule that stopped on a file, as semgrep's timeout entries carry them.
    var ruleID: String? = nil
    var path: String? = nil

    enum CodingKeys: String, CodingKey {
      case level, type, message, path
      case ruleID = "rule_id"
    }
  }

  struct PathsJSON: Encodable {
    let scanned: [String]
    let skipped: [SkippedJSON]
  }

  struct SkippedJSON: Encodable {
    let path: String
    let reason: String
  }

  struct EngineJSON: Encodable {
    let name: String
    let version: String?
    let rules: Int
    let findings: Int
  }

  struct RulesJSON: Encodable {
    let loaded: Int
    let inProcess: Int
    let delegated: Int
    let notRun: [NotRunJSON]

    enum CodingKeys: String, CodingKey {
      case loaded
      case inProcess = "in_process"
      case delegated
      case notRun = "not_run"
    }
  }

  struct NotRunJSON: Encodable {
    let id: String
    let reason: String
  }

  public func render(_ report: Report) throws -> String {
    let run = report.run
    let results = report.findings.map { gated in
      let finding = gated.finding
      return ResultJSON(
        checkID: finding.ruleID, path: finding.path,
        start: PositionJSON(
          line: finding.start.line, col: finding.start.col, offset: finding.start.offset),
        end: PositionJSON(line: finding.end.line, col: finding.end.col, offset: finding.end.offset),
        extra: ExtraJSON(
          message: finding.message, severity: finding.severity.rawValue,
          metadata: finding.metadata, lines: finding.lines, fix: finding.fix,
          isIgnored: gated.suppressedBy != nil,
          aigate: AigateJSON(
            authorship: gated.authorship.rawValue, agent: gated.agent,
            commit: gated.commit?.hex, blocking: gated.blocking,
            engine: finding.engine.rawValue, suppressedBy: gated.suppressedBy?.marker,
            overruled: Self.overruled(finding, in: run.attribution))))
    }
    var warnings = run.engines.flatMap { engine in
      engine.warnings.map {
        ErrorJSON(level: "warn", type: "\(engine.engine.rawValue) warning", message: $0)
      }
    }
    // A rule that stopped on a file: semgrep's level for a timeout.
    warnings += run.engines.flatMap(\.failures).map {
      ErrorJSON(level: "warn", type: $0.type, message: $0.message, ruleID: $0.ruleID, path: $0.path)
    }
    let inProcess = run.rules.filter { $0.execution == .inProcess }.count
    let output = Output(
      version: report.toolVersion,
      verdict: VerdictJSON(
        passed: report.verdict.passed, exitCode: run.exitStatus, reasons: report.verdict.reasons,
        base: run.attribution.base?.hex, head: run.attribution.head?.hex,
        baseSource: run.base?.source),
      results: results,
      errors: warnings,
      paths: PathsJSON(
        scanned: run.scanned,
        skipped: run.skipped.map { SkippedJSON(path: $0.path, reason: $0.reason) }),
      attribution: run.attribution.summary,
      engines: run.engines.map {
        EngineJSON(
          name: $0.engine.rawValue, version: $0.version, rules: $0.rules, findings: $0.findings)
      },
      rules: RulesJSON(
        loaded: run.rules.count, inProcess: inProcess, delegated: run.rules.count - inProcess,
        notRun: run.notRun.map { NotRunJSON(id: $0.id, reason: $0.reason) }))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
  }

  /// The claims overruled on the added lines a finding spans, once each; nil when none.
  static func overruled(_ finding: Finding, in attribution: AttributionReport) -> [String]? {
    guard let file = attribution.files.first(where: { $0.path == finding.path }) else {
      return nil
    }
    var seen: [String] = []
    for line in finding.start.line...max(finding.start.line, finding.end.line) {
      for lost in file.attribution(line: line)?.overruled ?? [] {
        let text = "[\(lost.signal.rawValue)] \(lost.text)"
        if !seen.contains(text) { seen.append(text) }
      }
    }
    return seen.isEmpty ? nil : seen
  }
}
