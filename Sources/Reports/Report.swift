import Attribution
import Foundation
import Gate
import Rules

/// Everything a reporter needs: a gate run or a scan, and the tool's identity.
///
/// Every format renders both; what only a gate knows (authorship, the change, the
/// policy) is shown when the report is a gate's.
public struct Report: Sendable {
  /// What was run.
  public enum Subject: Sendable {
    /// `aigate check`: a change judged by authorship and policy.
    case gate(GateRun)
    /// `aigate scan`: files scanned as semgrep scans them.
    case scan(ScanRun)
  }

  public let subject: Subject
  /// aigate's version.
  public let toolVersion: String
  /// When the run started and finished (GitLab's scan record wants both).
  public let startTime: Date
  public let endTime: Date
  /// The findings in report order; a scan's carry no authorship and block only with `--error`.
  public let findings: [GatedFinding]
  public let verdict: Verdict
  /// Whether `--time` asked for where the time went (JSON `time`, the text's summary).
  public var timed = false

  /// A report over a gate run.
  ///
  /// Times default to now: pass the start time to record how long the gate took.
  public init(run: GateRun, toolVersion: String, startTime: Date? = nil, endTime: Date? = nil) {
    subject = .gate(run)
    findings = run.evaluation.findings
    verdict = run.evaluation.verdict
    self.toolVersion = toolVersion
    let now = Date()
    self.endTime = endTime ?? now
    self.startTime = startTime ?? endTime ?? now
  }

  /// A report over a scan; with `failsOnFindings` (`--error`) any finding fails it.
  public init(
    scan: ScanRun, failsOnFindings: Bool, toolVersion: String, startTime: Date? = nil,
    endTime: Date? = nil
  ) {
    subject = .scan(scan)
    findings = scan.findings.map { finding in
      GatedFinding(
        finding: finding, authorship: .unknown, agent: nil, commit: nil,
        blocking: failsOnFindings)
    }
    let count = scan.findings.count
    let failed = failsOnFindings && count > 0
    verdict = Verdict(
      passed: !failed,
      reasons: failed ? ["\(count) finding\(count == 1 ? "" : "s") (--error)"] : [])
    self.toolVersion = toolVersion
    let now = Date()
    self.endTime = endTime ?? now
    self.startTime = startTime ?? endTime ?? now
  }

  /// The gate run, when the report is a gate's.
  public var gate: GateRun? {
    if case .gate(let run) = subject { return run }
    return nil
  }

  /// The scanned files by path: code hosts count columns in UTF-16 units and fingerprint
  /// lines, and both need the bytes semgrep's byte columns point into.
  public var sources: [String: SourceFile] {
    switch subject {
    case .gate(let run): return run.sources
    case .scan(let run): return run.sources
    }
  }

  /// Every rule loaded, with who ran it.
  public var rules: [(rule: Rule, execution: Execution)] {
    switch subject {
    case .gate(let run): return run.rules
    case .scan(let run): return run.rules
    }
  }

  /// Rules that did not run, with the reason.
  public var notRun: [(id: String, reason: String)] {
    switch subject {
    case .gate(let run): return run.notRun
    case .scan(let run): return run.notRun
    }
  }

  public var engines: [EngineRun] {
    switch subject {
    case .gate(let run): return run.engines
    case .scan(let run): return run.engines
    }
  }

  /// The paths scanned.
  public var scanned: [String] {
    switch subject {
    case .gate(let run): return run.scanned
    case .scan(let run): return run.scanned
    }
  }

  /// Files passed over, with the reason.
  public var skipped: [(path: String, reason: String)] {
    switch subject {
    case .gate(let run): return run.skipped
    case .scan(let run): return run.skipped
    }
  }

  /// The folder report paths are relative to: the repository's root, or the scan's folder.
  public var root: String {
    switch subject {
    case .gate(let run): return run.root
    case .scan(let run): return run.root
    }
  }

  /// Findings left out because the baseline holds them.
  public var baselined: [Finding] {
    switch subject {
    case .gate(let run): return run.baselined
    case .scan(let run): return run.baselined
    }
  }

  /// Whether an AI-added suppression comment is honoured: always, where nothing is attributed.
  public var aiMaySuppress: Bool { gate?.policy.aiMaySuppress ?? true }

  /// The exit status the verdict maps to.
  public var exitStatus: Int32 { verdict.passed ? 0 : 1 }
}

/// Renders a report in one format.
public protocol Reporter: Sendable {
  func render(_ report: Report) throws -> String
}
