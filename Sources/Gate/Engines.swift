import Foundation
import Rules

/// What an in-process scan found.
public struct EngineOutput: Sendable {
  /// Every match, with no `nosemgrep` applied: the gate decides what a suppression may do.
  public var findings: [Finding]
  /// Files that did not parse completely, and the like.
  public var warnings: [String]
  /// Rules that stopped on a file (time budget, regex limits).
  public var failures: [RuleFailure]
  /// The files findings point into (those the engine read from disk among them), so that no
  /// one reads them again.
  public var sources: [SourceFile]
  /// With `--time`: where the time went, per file.
  public var timings: [FileTiming] = []

  public init(
    findings: [Finding], warnings: [String] = [], failures: [RuleFailure] = [],
    sources: [SourceFile] = []
  ) {
    self.findings = findings
    self.warnings = warnings
    self.failures = failures
    self.sources = sources
  }
}

/// The in-process engine as the gate sees it: which rules it can run exactly, and a scan.
public protocol InProcessEngine: Sendable {
  /// What the engine implements; rules needing more go to semgrep.
  var capabilities: EngineCapabilities { get }
  /// Why `rule`, which the capabilities admit, must still go to semgrep (a pattern construct
  /// the engine does not match), or nil.
  func delegation(for rule: Rule) -> String?
  /// Why the engine cannot compile `rule` (a pattern that does not parse), as a warning at the
  /// place in the rule file: the rule then runs only in semgrep. Nil when it compiles.
  func problem(with rule: Rule) -> SourceDiagnostic?
  /// Runs `rules` (all classified `.inProcess`) over `targets`.
  func scan(rules: [Rule], targets: [ScanTarget]) throws(GateError) -> EngineOutput
  /// How the engine takes each of `rules` (all admitted by the capabilities) for a scan of
  /// `targets`: compiling only the rules some target could match is what keeps a check of a
  /// small change against many rules cheap.
  func uptake(of rules: [Rule], on targets: [ScanTarget]) throws(GateError) -> [RuleUptake]
}

/// How the in-process engine takes one rule for one set of targets.
public enum RuleUptake: Equatable, Sendable {
  /// The engine runs it.
  case runs
  /// No target could match it (by language, `paths:` or the words its patterns require), so
  /// the engine did not compile it: it stays the engine's rule, and finds nothing.
  case unreachable
  /// semgrep must run it, for this reason (a pattern the engine cannot compile).
  case delegated(String)
}

extension InProcessEngine {
  public func delegation(for rule: Rule) -> String? { nil }

  public func problem(with rule: Rule) -> SourceDiagnostic? { nil }

  public func uptake(of rules: [Rule], on targets: [ScanTarget]) throws(GateError)
    -> [RuleUptake]
  {
    rules.map { rule in delegation(for: rule).map(RuleUptake.delegated) ?? .runs }
  }

  /// Who runs `rule`: the capabilities' answer, narrowed by the engine's own look at it.
  public func execution(of rule: Rule) -> Execution {
    let execution = Rules.classify(rule, with: capabilities)
    guard execution == .inProcess, let reason = delegation(for: rule) else { return execution }
    return .semgrepOnly(reason: reason)
  }
}

/// Describes one engine's part in a run, for reports.
public struct EngineRun: Hashable, Sendable {
  public let engine: EngineName
  /// The version it reported.
  public let version: String?
  /// How many rules it ran.
  public let rules: Int
  public let findings: Int
  public let warnings: [String]
  /// Rules that stopped on a file before finishing (time budget, regex limits).
  public let failures: [RuleFailure]
  /// With `--time`: where the in-process engine's time went, per file.
  public var timings: [FileTiming] = []

  public init(
    engine: EngineName, version: String?, rules: Int, findings: Int, warnings: [String],
    failures: [RuleFailure] = []
  ) {
    self.engine = engine
    self.version = version
    self.rules = rules
    self.findings = findings
    self.warnings = warnings
    self.failures = failures
  }
}
