import Foundation
import Matching
import Rules

/// aigate's own engine as the gate sees it: the Matching module's `RuleEngine` over the
/// targets' bytes, its rules compiled once by `PreparedRules`.
///
/// Classification compiles each rule to learn whether the engine matches every construct it
/// uses, and the scan reuses that.
public struct MatchingEngine: InProcessEngine {
  private let prepared = PreparedRules()
  /// The seconds one rule may spend on one file (semgrep's `--timeout`); 0 for no limit.
  public let timeout: Double
  /// Whether to measure where the time goes (semgrep's `--time`).
  public let timing: Bool
  /// Counts for a progress line, when one is shown.
  public let progress: ScanProgress?

  /// semgrep's default budget per rule and file.
  public static let defaultTimeout = RuleEngine.defaultTimeout

  public init(
    timeout: Double = RuleEngine.defaultTimeout, timing: Bool = false,
    progress: ScanProgress? = nil
  ) {
    self.timeout = timeout
    self.timing = timing
    self.progress = progress
  }

  public var capabilities: EngineCapabilities { RuleEngine.capabilities }

  /// A rule the engine does not match, or cannot compile (a pattern its parser cannot read),
  /// goes to semgrep: one such rule never ends a run semgrep could make.
  public func delegation(for rule: Rule) -> String? {
    switch prepared.compile(rule) {
    case .success: return nil
    case .failure(let error): return Self.delegation(error, rule)
    }
  }

  /// Why a rule that does not compile goes to semgrep.
  private static func delegation(_ error: MatchingError, _ rule: Rule) -> String {
    if case .unsupported(let construct) = error {
      return "aigate's engine does not match \(construct) yet"
    }
    let (location, reason) = place(of: error, in: rule)
    return "aigate's engine cannot compile it: \(location): \(reason)"
  }

  /// Compiles only the rules some target could match; the rest stay uncompiled.
  public func uptake(of rules: [Rule], on targets: [ScanTarget]) throws(GateError)
    -> [RuleUptake]
  {
    var files: [(path: String, bytes: [UInt8], executable: Bool)] = []
    for target in targets {
      let (source, executable) = try Self.read(target)
      files.append((source.path, source.bytes, executable))
    }
    return zip(rules, prepared.compile(rules, forFiles: files)).map { rule, compiled in
      switch compiled {
      case nil: return .unreachable
      case .success: return .runs
      case .failure(let error): return .delegated(Self.delegation(error, rule))
      }
    }
  }

  public func problem(with rule: Rule) -> SourceDiagnostic? {
    // Rules the capabilities already send to semgrep (taint, other languages) are no problem.
    guard Rules.classify(rule, with: capabilities) == .inProcess else { return nil }
    switch prepared.compile(rule) {
    case .success, .failure(.unsupported): return nil
    case .failure(let error):
      let (location, reason) = Self.place(of: error, in: rule)
      return SourceDiagnostic(
        "rule '\(rule.id)' runs only in semgrep: aigate's engine cannot compile it: \(reason)",
        at: location, severity: .warning)
    }
  }

  /// Where in the rule file a compile error is, and what it says.
  private static func place(
    of error: MatchingError, in rule: Rule
  ) -> (location: SourceLocation, reason: String) {
    if case .invalidRule(_, let location, let reason) = error { return (location, reason) }
    return (rule.location, "\(error)")
  }

  public func scan(rules: [Rule], targets: [ScanTarget]) throws(GateError) -> EngineOutput {
    // A rule that does not compile stops the scan, at its place in the rule file.
    var engine: RuleEngine
    switch prepared.engine(for: rules, timeout: timeout) {
    case .success(let compiled): engine = compiled
    case .failure(let error): throw GateError.matching(error)
    }
    engine.timing = timing
    engine.progress = progress
    let result = try engine.scan(count: targets.count) { index throws(GateError) in
      let (source, executable) = try Self.read(targets[index])
      return (source, targets[index].lines, executable)
    }
    var output = EngineOutput(
      findings: result.findings, warnings: result.warnings, failures: result.failures,
      sources: result.sources)
    output.timings = result.timings
    return output
  }

  /// A target's file, and whether it is an executable file (only a file without an extension
  /// may be read by its `#!` line, and only when executable).
  private static func read(_ target: ScanTarget) throws(GateError) -> (
    source: SourceFile, executable: Bool
  ) {
    let executable =
      target.isOnDisk && (target.path as NSString).pathExtension.isEmpty
      && FileManager.default.isExecutableFile(atPath: target.absolutePath)
    if let source = target.source { return (source, executable) }
    guard let data = FileManager.default.contents(atPath: target.absolutePath) else {
      throw GateError.io(path: target.absolutePath, reason: "cannot read the file")
    }
    return (SourceFile(path: target.path, data: data), executable)
  }
}
