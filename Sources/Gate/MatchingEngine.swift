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

  public func delegation(for rule: Rule) -> String? {
    if case .failure(.unsupported(let construct)) = prepared.compile(rule) {
      return "aigate's engine does not match \(construct) yet"
    }
    return nil
  }

  public func problem(with rule: Rule) -> String? {
    switch prepared.compile(rule) {
    case .success, .failure(.unsupported): return nil
    case .failure(.invalidRule(let id, let location, let reason)):
      return "\(location): error: rule '\(id)': \(reason)"
    case .failure(let error):
      return "\(rule.location): error: rule '\(rule.id)': \(error)"
    }
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
      if let contents = target.contents {
        return (target.path, contents, target.lines, false)
      }
      guard let data = FileManager.default.contents(atPath: target.absolutePath) else {
        throw GateError.io(path: target.absolutePath, reason: "cannot read the file")
      }
      // Only a file without an extension may be read by its `#!` line, and only when executable.
      let executable =
        (target.path as NSString).pathExtension.isEmpty
        && FileManager.default.isExecutableFile(atPath: target.absolutePath)
      return (target.path, Array(data), target.lines, executable)
    }
    return EngineOutput(
      findings: result.findings, warnings: result.warnings, failures: result.failures)
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
