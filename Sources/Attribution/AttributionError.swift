import GitKit
import Rules

/// Everything that can stop attribution; the gate fails closed on each (exit 2).
public enum AttributionError: Error, Sendable, CustomStringConvertible {
  /// The git layer failed.
  case git(GitError)
  /// A file we read (the agent table, a git-ai note, an Agent Trace record) is malformed.
  case invalid(SourceDiagnostic)
  /// The shipped agent table is nowhere we looked.
  case agentTableNotFound(searched: [String])
  /// The commit message file given with `--message-file` cannot be read.
  case unreadableMessageFile(path: String, reason: String)

  public var description: String {
    switch self {
    case .git(let error):
      return error.description
    case .invalid(let diagnostic):
      return diagnostic.description
    case .agentTableNotFound(let searched):
      return "cannot find the agent table (rulesets/agents.yaml); looked in: "
        + searched.joined(separator: ", ")
        + "; set AIGATE_AGENTS to its path"
    case .unreadableMessageFile(let path, let reason):
      return "cannot read the commit message file \(path): \(reason)"
    }
  }
}
