import Attribution
import Gate
import Rules

/// Everything a reporter needs: a gate run, plus the tool's identity.
public struct Report: Sendable {
  public let run: GateRun
  /// aigate's version.
  public let toolVersion: String

  public init(run: GateRun, toolVersion: String) {
    self.run = run
    self.toolVersion = toolVersion
  }

  public var findings: [GatedFinding] { run.evaluation.findings }
  public var verdict: Verdict { run.evaluation.verdict }
}

/// Renders a report in one format.
public protocol Reporter: Sendable {
  func render(_ report: Report) throws -> String
}
