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
    let results: [SemgrepResult<ExtraJSON>]
    let errors: [SemgrepShapes.Error]
    let paths: SemgrepShapes.Paths
    let attribution: AttributionSummary
    let engines: [EngineJSON]
    let rules: RulesJSON
    let skippedRules: [SemgrepShapes.SkippedRule]
    /// With `--time`.
    var time: TimingJSON?
    /// Findings the baseline left out, when any.
    var baselined: [BaselinedJSON]?

    enum CodingKeys: String, CodingKey {
      case version, verdict, results, errors, paths, attribution, engines, rules, time
      case baselined
      case skippedRules = "skipped_rules"
    }
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

  struct ExtraJSON: Encodable {
    let message: String
    let severity: String
    let metadata: JSONValue
    let lines: String
    let fix: String?
    let isIgnored: Bool
    let fingerprint: String
    let engineKind: String
    let aigate: GatedFacts

    enum CodingKeys: String, CodingKey {
      case message
      case severity
      case metadata
      case lines
      case fix
      case isIgnored = "is_ignored"
      case fingerprint
      case engineKind = "engine_kind"
      case aigate
    }
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
    guard let run = report.gate else {
      if case .scan(let scan) = report.subject {
        return try ScanJSONReporter().render(
          scan, toolVersion: report.toolVersion, time: TimingJSON(report),
          baselined: BaselinedJSON.list(report))
      }
      return ""
    }
    let fingerprints = FindingIdentity.fingerprints(report.findings.map(\.finding))
    let results = zip(report.findings, fingerprints).map { gated, fingerprint in
      let finding = gated.finding
      var facts = GatedFacts(gated)
      facts.suppressedBy = gated.suppressedBy?.marker
      facts.overruled = Self.overruled(finding, in: run.attribution)
      return SemgrepResult(
        checkID: finding.ruleID, path: finding.path, start: finding.start, end: finding.end,
        extra: ExtraJSON(
          message: finding.message, severity: finding.severity.rawValue,
          metadata: finding.metadata, lines: finding.lines, fix: finding.fix,
          isIgnored: gated.suppressedBy != nil, fingerprint: fingerprint,
          engineKind: SemgrepShapes.engineKind, aigate: facts))
    }
    let inProcess = run.rules.filter { $0.execution == .inProcess }.count
    var output = Output(
      version: report.toolVersion,
      verdict: VerdictJSON(
        passed: report.verdict.passed, exitCode: run.exitStatus, reasons: report.verdict.reasons,
        base: run.attribution.base?.hex, head: run.attribution.head?.hex,
        baseSource: run.base?.source),
      results: results,
      errors: SemgrepShapes.Error.warnings(run.engines) + SemgrepShapes.Error.failures(run.engines),
      paths: SemgrepShapes.Paths(scanned: run.scanned, skipped: run.skipped),
      attribution: run.attribution.summary,
      engines: run.engines.map {
        EngineJSON(
          name: $0.engine.rawValue, version: $0.version, rules: $0.rules, findings: $0.findings)
      },
      rules: RulesJSON(
        loaded: run.rules.count, inProcess: inProcess, delegated: run.rules.count - inProcess,
        notRun: run.notRun.map { NotRunJSON(id: $0.id, reason: $0.reason) }),
      skippedRules: SemgrepShapes.SkippedRule.list(run.notRun))
    output.time = TimingJSON(report)
    output.baselined = BaselinedJSON.list(report)
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
