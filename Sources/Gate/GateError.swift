import Attribution
import GitKit
import Rules
import Semgrep

/// Everything that stops the gate from giving a verdict; each one exits 2.
public enum GateError: Error, Sendable, CustomStringConvertible {
  /// Problems in `.aigate.yml`, each at its place.
  case invalidPolicy([SourceDiagnostic])
  case git(GitError)
  case attribution(AttributionError)
  case rules(RuleError)
  case semgrep(SemgrepError)
  /// No rule was loaded: a gate with nothing to check would pass everything.
  case noRules(configs: [String])
  /// Rules that could not run (semgrep absent or off) when `--strict` asked for every rule, or
  /// when none of the rules could run at all.
  case rulesNotRun([String])
  /// Rules that stopped on a file (time budget, regex limits) when `--strict` asked for every
  /// rule to finish.
  case rulesStopped([RuleFailure])
  /// A changed file could not be read or written for scanning.
  case io(path: String, reason: String)
  /// The CI environment named a base that could not be used.
  case baseDetection(String)

  public var description: String {
    switch self {
    case .invalidPolicy(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .git(let error): return error.description
    case .attribution(let error): return error.description
    case .rules(let error): return error.description
    case .semgrep(let error): return error.description
    case .noRules(let configs):
      let named = configs.isEmpty ? "no rule configs" : configs.joined(separator: ", ")
      return "no rules were loaded (\(named)); a gate with no rules would pass everything"
    case .rulesNotRun(let ids):
      return
        "these rules need semgrep, which is not installed or is off, so they cannot run: "
        + ids.joined(separator: ", ")
        + " (install semgrep, or run without --strict when other rules cover the change)"
    case .rulesStopped(let failures):
      return
        "rules stopped before finishing, so their findings are unknown (--strict):\n"
        + failures.map { "  \($0.message)" }.joined(separator: "\n")
    case .io(let path, let reason):
      return "\(path): \(reason)"
    case .baseDetection(let message):
      return message
    }
  }
}
