/// The git hooks aigate installs: one gates the staged change, the other re-gates it with the
/// commit message's trailers.
public enum HookKind: String, CaseIterable, Sendable {
  case preCommit = "pre-commit"
  case commitMsg = "commit-msg"

  /// The hooks chosen by `--pre-commit` / `--commit-msg`; neither flag means both.
  public static func selection(preCommit: Bool, commitMsg: Bool) -> [HookKind] {
    if preCommit == commitMsg { return allCases }
    return preCommit ? [.preCommit] : [.commitMsg]
  }
}

/// The environment variables the installed hooks read, documented in the scripts themselves.
public enum HookEnvironment {
  /// Set to `1` to let one commit through without the gate; the hook says so on stderr.
  public static let skip = "AIGATE_SKIP"
  /// Runs this aigate (a path, or a name on PATH) instead of the one recorded at install time.
  public static let binary = "AIGATE_BIN"
}
