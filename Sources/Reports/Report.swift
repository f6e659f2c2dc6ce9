import Attribution
import Foundation
import Gate
import Rules

/// Everything a reporter needs: a gate run (with the files it scanned) and the tool's identity.
public struct Report: Sendable {
  public let run: GateRun
  /// aigate's version.
  public let toolVersion: String
  /// When the gate started and finished (GitLab's scan record wants both).
  public let startTime: Date
  public let endTime: Date

  /// A report over `run`.
  ///
  /// Times default to now: pass the start time to record how long the gate took.
  public init(run: GateRun, toolVersion: String, startTime: Date? = nil, endTime: Date? = nil) {
    self.run = run
    self.toolVersion = toolVersion
    let now = Date()
    self.endTime = endTime ?? now
    self.startTime = startTime ?? endTime ?? now
  }

  public var findings: [GatedFinding] { run.evaluation.findings }
  public var verdict: Verdict { run.evaluation.verdict }
  /// The scanned files by repository-relative path: code hosts count columns in UTF-16 units
  /// and fingerprint lines, and both need the bytes semgrep's byte columns point into.
  public var sources: [String: SourceFile] { run.sources }
}

/// Renders a report in one format.
public protocol Reporter: Sendable {
  func render(_ report: Report) throws -> String
}
