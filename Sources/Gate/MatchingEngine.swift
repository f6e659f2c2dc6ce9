import Foundation
import Matching
import Rules

/// aigate's own engine as the gate sees it: the Matching module's `RuleEngine` over the
/// targets' bytes.
public struct MatchingEngine: InProcessEngine {
  public init() {}

  public var capabilities: EngineCapabilities { RuleEngine.capabilities }

  public func scan(rules: [Rule], targets: [ScanTarget]) throws -> EngineOutput {
    let engine: RuleEngine
    do {
      engine = try RuleEngine(rules: rules)
    } catch {
      // A rule that does not compile stops the scan, at its place in the rule file.
      if case .invalidRule(let id, let location, let reason) = error {
        throw GateError.io(path: "\(location)", reason: "rule '\(id)': \(reason)")
      }
      throw GateError.io(path: "rules", reason: error.description)
    }
    let result = try engine.scan(count: targets.count) { index in
      let target = targets[index]
      guard let data = FileManager.default.contents(atPath: target.absolutePath) else {
        throw GateError.io(path: target.absolutePath, reason: "cannot read the file")
      }
      return (target.path, Array(data))
    }
    return EngineOutput(findings: result.findings, warnings: result.warnings)
  }
}
