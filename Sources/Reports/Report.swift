import Attribution
import Foundation
import Gate
import Rules

/// Everything a reporter needs: a gate run, the tool's identity, and the scanned text.
public struct Report: Sendable {
  public let run: GateRun
  /// aigate's version.
  public let toolVersion: String
  /// The scanned files' text by repository-relative path: code hosts count columns in UTF-16
  /// units and fingerprint lines, and both need the text semgrep's byte columns point into.
  public let sources: [String: String]
  /// When the gate started and finished (GitLab's scan record wants both).
  public let startTime: Date
  public let endTime: Date

  /// A report over `run`; without `sources`, the text of each file with findings is read from
  /// the working tree at `run.root` (and used for a finding only where it holds that finding's
  /// lines, so a working tree that differs from the scanned revision changes nothing).
  ///
  /// Times default to now: pass the start time to record how long the gate took.
  public init(
    run: GateRun, toolVersion: String, sources: [String: String]? = nil,
    startTime: Date? = nil, endTime: Date? = nil
  ) {
    self.run = run
    self.toolVersion = toolVersion
    self.sources = sources ?? Self.workingTreeText(run)
    let now = Date()
    self.endTime = endTime ?? now
    self.startTime = startTime ?? endTime ?? now
  }

  public var findings: [GatedFinding] { run.evaluation.findings }
  public var verdict: Verdict { run.evaluation.verdict }

  private static func workingTreeText(_ run: GateRun) -> [String: String] {
    var texts: [String: String] = [:]
    for path in Set(run.evaluation.findings.map(\.finding.path)) {
      let full = (run.root as NSString).appendingPathComponent(path)
      if let data = FileManager.default.contents(atPath: full) {
        texts[path] = String(decoding: data, as: UTF8.self)
      }
    }
    return texts
  }
}

/// Renders a report in one format.
public protocol Reporter: Sendable {
  func render(_ report: Report) throws -> String
}
