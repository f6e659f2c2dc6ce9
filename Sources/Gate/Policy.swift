import Attribution
import Foundation
import GitKit
import Rules

/// How one class of authors is treated: which severities fail the gate, which are only shown.
public struct Treatment: Sendable, Hashable {
  public var block: Set<Rule.Severity>
  public var report: Set<Rule.Severity>

  public init(block: Set<Rule.Severity>, report: Set<Rule.Severity>) {
    self.block = block
    self.report = report
  }

  /// Whether a finding of `severity` is shown at all.
  public func shows(_ severity: Rule.Severity) -> Bool {
    block.contains(severity) || report.contains(severity)
  }
}

/// What `semgrep:` in `.aigate.yml` says.
public struct SemgrepPolicy: Sendable, Hashable {
  /// `auto` runs semgrep when it is installed; `required` fails without it; `off` never runs it.
  public enum Mode: String, Sendable, Hashable, CaseIterable {
    case auto, required, off
  }

  public var mode: Mode = .auto
  /// Seconds before a semgrep run counts as failed.
  public var timeout: Double = 300
  /// Extra semgrep configs (local files or folders) that only semgrep runs.
  public var configs: [String] = []
  /// Where each of `configs` is written in the policy, for errors about it.
  public var configLocations: [SourceLocation] = []
  /// The executable to use instead of looking for semgrep, then opengrep, on PATH.
  public var executable: String?

  public init() {}
}

/// The gate's policy: `.aigate.yml`, every key optional.
public struct Policy: Sendable {
  public var ai: Treatment
  public var unknown: Treatment
  public var human: Treatment
  public var maintenanceBot: Treatment
  /// Rule files or folders, relative to the repository root; empty means the shipped packs.
  public var rules: [String] = []
  /// Where each of `rules` is written in the policy, for errors about it.
  public var ruleLocations: [SourceLocation] = []
  public var semgrep = SemgrepPolicy()
  /// Globs of paths never scanned.
  public var exclude: [String] = []
  /// Fails the gate when AI wrote more than this share (0...1) of the added lines.
  public var maxAIShare: Double?
  /// Whether a suppression comment added on an AI-authored line may silence a finding.
  public var aiMaySuppress = false
  /// Additions to the agent table.
  public var agents: AgentTable?
  /// The file this policy came from (a repository path when read from a commit); nil for the
  /// defaults.
  public var file: String?
  /// The commit whose tree the policy was read from; nil for the defaults or a `--policy` file.
  public var revision: ObjectID?

  /// ERROR/WARNING and CRITICAL/HIGH/MEDIUM block AI lines; unknown lines are reported; human
  /// lines are not gated; maintenance bots are reported like unknown lines.
  public static let defaults = Policy(
    ai: Treatment(block: Severity.blockingByDefault, report: Severity.informational),
    unknown: Treatment(block: [], report: Severity.blockingByDefault.union(Severity.informational)),
    human: Treatment(block: [], report: []),
    maintenanceBot: Treatment(
      block: [], report: Severity.blockingByDefault.union(Severity.informational)))

  public init(ai: Treatment, unknown: Treatment, human: Treatment, maintenanceBot: Treatment) {
    self.ai = ai
    self.unknown = unknown
    self.human = human
    self.maintenanceBot = maintenanceBot
  }

  /// The treatment of lines of `authorship`.
  public func treatment(for authorship: Authorship) -> Treatment {
    switch authorship {
    case .ai: return ai
    case .unknown: return unknown
    case .human: return human
    case .maintenanceBot: return maintenanceBot
    }
  }

  /// The policy file's name at the repository root.
  public static let fileName = ".aigate.yml"

  /// Named groups of severities.
  public enum Severity {
    public static let blockingByDefault: Set<Rule.Severity> = [
      .error, .warning, .critical, .high, .medium,
    ]
    public static let informational: Set<Rule.Severity> = [.info, .low]
  }
}
