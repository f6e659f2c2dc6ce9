import Foundation
import Gate
import Rules

/// `aigate scan` as semgrep's `--json`: `results`, `errors`, `paths`.
public struct ScanJSONReporter: Sendable {
  public init() {}

  struct Extra: Encodable {
    let message: String
    let severity: String
    let metadata: JSONValue
    let lines: String
    let fix: String?
    let engine: String
    let fingerprint: String
    let engineKind: String

    enum CodingKeys: String, CodingKey {
      case message, severity, metadata, lines, fix, engine, fingerprint
      case engineKind = "engine_kind"
    }
  }

  struct Output: Encodable {
    let version: String
    let results: [SemgrepResult<Extra>]
    let errors: [SemgrepShapes.Error]
    let paths: SemgrepShapes.Paths
    let skippedRules: [SemgrepShapes.SkippedRule]
    /// With `--time`.
    var time: TimingJSON?
    /// Findings the baseline left out, when any.
    var baselined: [BaselinedJSON]?

    enum CodingKeys: String, CodingKey {
      case version, results, errors, paths, time, baselined
      case skippedRules = "skipped_rules"
    }
  }

  public func render(_ run: ScanRun, toolVersion: String) throws -> String {
    try render(run, toolVersion: toolVersion, time: nil, baselined: nil)
  }

  func render(
    _ run: ScanRun, toolVersion: String, time: TimingJSON?, baselined: [BaselinedJSON]?
  ) throws -> String {
    let fingerprints = FindingIdentity.fingerprints(run.findings)
    let results = zip(run.findings, fingerprints).map { finding, fingerprint in
      SemgrepResult(
        checkID: finding.ruleID, path: finding.path, start: finding.start, end: finding.end,
        extra: Extra(
          message: finding.message, severity: finding.severity.rawValue,
          metadata: finding.metadata, lines: finding.lines, fix: finding.fix,
          engine: finding.engine.rawValue, fingerprint: fingerprint,
          engineKind: SemgrepShapes.engineKind))
    }
    let notRun = run.notRun.map {
      SemgrepShapes.Error(level: "warn", type: "rule not run", message: "\($0.id): \($0.reason)")
    }
    var output = Output(
      version: toolVersion, results: results,
      errors: SemgrepShapes.Error.warnings(run.engines) + notRun
        + SemgrepShapes.Error.failures(run.engines),
      paths: SemgrepShapes.Paths(scanned: run.scanned, skipped: run.skipped),
      skippedRules: SemgrepShapes.SkippedRule.list(run.notRun))
    output.time = time
    output.baselined = baselined
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
  }
}

/// `aigate scan` for people: findings by file with the code line, then what ran.
public struct ScanTextReporter: Sendable {
  public let color: Bool

  public init(color: Bool) {
    self.color = color
  }

  public func render(_ run: ScanRun) -> String {
    var out = ""
    var current: String?
    for finding in run.findings {
      if finding.path != current {
        current = finding.path
        out += (out.isEmpty ? "" : "\n") + paint(finding.path, "1") + "\n"
      }
      out += "  \(finding.start.line):\(finding.start.col)  \(finding.severity.rawValue)  "
      out += "\(finding.ruleID)\n"
      for line in finding.message.split(separator: "\n") { out += "    \(line)\n" }
      if let first = finding.lines.split(separator: "\n").first {
        out += "    \(finding.start.line) | \(first)\n"
      }
      out += TextReporter.suggestion(finding)
    }
    if !run.findings.isEmpty { out += "\n" }
    let count = run.findings.count
    out += "\(count) finding\(count == 1 ? "" : "s") in \(run.scanned.count) files"
    out += " (\(run.rules.count) rules"
    for engine in run.engines {
      out += "; \(engine.engine.rawValue): \(engine.rules) rules"
    }
    out += ")"
    if run.suppressed > 0 { out += "; \(run.suppressed) silenced by nosemgrep" }
    if !run.skipped.isEmpty { out += "; \(run.skipped.count) files skipped" }
    out += "\n"
    // Ignored files are many and expected; every other skip says why.
    for entry in run.skipped where entry.reason != "ignored" {
      out += "Skipped \(entry.path): \(entry.reason)\n"
    }
    for entry in run.notRun { out += "Not run: \(entry.id) (\(entry.reason))\n" }
    for failure in run.engines.flatMap(\.failures) { out += "Stopped: \(failure.message)\n" }
    return out
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
