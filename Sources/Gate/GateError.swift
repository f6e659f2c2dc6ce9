import Attribution
import GitKit
import Matching
import Rules
import Semgrep

/// Everything that stops the gate from giving a verdict; each one exits 2.
public indirect enum GateError: Error, Sendable, CustomStringConvertible {
  /// Problems in `.aigate.yml`, each at its place.
  case invalidPolicy([SourceDiagnostic])
  case git(GitError)
  case attribution(AttributionError)
  case rules(RuleError)
  case semgrep(SemgrepError)
  /// A rule aigate's engine was to run and cannot compile, at its place in the rule file.
  case matching(MatchingError)
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
  /// Files that could not be read (`path: reason` each), when `--strict` asked for every file.
  case unreadableFiles([String])
  /// A problem in the policy or rules read from a commit (`origin` names it: "the merge-base
  /// 1a2b3c4"), not from the change.
  case fromRevision(String, GateError)

  public var description: String {
    switch self {
    case .invalidPolicy(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .git(let error): return error.description
    case .attribution(let error): return error.description
    case .rules(let error): return error.description
    case .semgrep(let error): return error.description
    case .matching(let error): return error.description
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
    case .unreadableFiles(let files):
      return "--strict: files that could not be scanned: " + files.joined(separator: "; ")
    case .fromRevision(let origin, let error):
      return error.description
        + "\nnote: read from \(origin): aigate takes .aigate.yml and the repository's rules "
        + "from there, never from the change it gates; edits to them take effect once merged"
    }
  }
}
