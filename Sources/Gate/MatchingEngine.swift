import Foundation
import Matching
import Rules

/// aigate's own engine as the gate sees it: the Matching module's `RuleEngine` over the
/// targets' bytes.
///
/// Each rule is compiled once: classification compiles it to learn whether the engine matches
/// every construct it uses, and the scan reuses that.
public struct MatchingEngine: InProcessEngine {
  private let prepared = PreparedRules()
  /// The seconds one rule may spend on one file (semgrep's `--timeout`); 0 for no limit.
  public let timeout: Double

  /// semgrep's default budget per rule and file.
  public static let defaultTimeout = RuleEngine.defaultTimeout

  public init(timeout: Double = RuleEngine.defaultTimeout) {
    self.timeout = timeout
  }

  public var capabilities: EngineCapabilities { RuleEngine.capabilities }

  /// A rule the engine does not match, or cannot compile (a pattern its parser cannot read),
  /// goes to semgrep: one such rule never ends a run semgrep could make.
  public func delegation(for rule: Rule) -> String? {
    switch prepared.compile(rule) {
    case .success: return nil
    case .failure(.unsupported(let construct)):
      return "aigate's engine does not match \(construct) yet"
    case .failure(let error):
      let (location, reason) = Self.place(of: error, in: rule)
      return "aigate's engine cannot compile it: \(location): \(reason)"
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

  public func scan(rules: [Rule], targets: [ScanTarget]) throws -> EngineOutput {
    var compiled: [RuleEngine.Prepared] = []
    for rule in rules {
      switch prepared.compile(rule) {
      case .success(let rule): compiled.append(rule)
      case .failure(let error):
        // A rule that does not compile stops the scan, at its place in the rule file.
        if case .invalidRule(let id, let location, let reason) = error {
          throw GateError.io(path: "\(location)", reason: "rule '\(id)': \(reason)")
        }
        throw GateError.io(path: "\(rule.location)", reason: "rule '\(rule.id)': \(error)")
      }
    }
    var engine = RuleEngine(prepared: compiled)
    engine.timeout = timeout
    let result = try engine.scan(count: targets.count) { index in
      let target = targets[index]
      // Only a file without an extension may be read by its `#!` line, and only when executable.
      let executable =
        target.isOnDisk && (target.path as NSString).pathExtension.isEmpty
        && FileManager.default.isExecutableFile(atPath: target.absolutePath)
      if let source = target.source {
        return (source, target.lines, executable)
      }
      guard let data = FileManager.default.contents(atPath: target.absolutePath) else {
        throw GateError.io(path: target.absolutePath, reason: "cannot read the file")
      }
      return (SourceFile(path: target.path, data: data), target.lines, executable)
    }
    return EngineOutput(
      findings: result.findings, warnings: result.warnings, failures: result.failures,
      sources: result.sources)
  }
}

/// Compiled rules by their place in the rule files, shared by classification and scanning.
private final class PreparedRules: @unchecked Sendable {
  private var compiled: [String: Result<RuleEngine.Prepared, MatchingError>] = [:]
  private let lock = NSLock()

  func compile(_ rule: Rule) -> Result<RuleEngine.Prepared, MatchingError> {
    let key = "\(rule.location)\u{0}\(rule.id)"
    lock.lock()
    if let known = compiled[key] {
      lock.unlock()
      return known
    }
    lock.unlock()
    let result = Result { () throws(MatchingError) in try RuleEngine.prepare(rule) }
    lock.lock()
    compiled[key] = result
    lock.unlock()
    return result
  }
}
