/// Everything that can go wrong in the git layer, each with what a person needs to fix it.
public enum GitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A libgit2 call failed; `message` is git's own text.
  case libgit2(function: String, code: Int32, message: String)
  /// No repository at or above `path`.
  case notARepository(path: String)
  /// A revision that does not resolve to a commit.
  case unknownRevision(String)
  /// A revision absent from a shallow clone: it was cut off by `--depth`.
  case missingInShallowClone(revision: String)
  /// Two commits whose histories do not meet.
  case noMergeBase(String, String)
  /// The repository has no working tree, or no index, and the operation needs one.
  case bareRepository(operation: String)
  /// A loose object that does not inflate whole (libgit2 would loop on it forever).
  case corruptObject(id: String, path: String, reason: String)

  public var description: String {
    switch self {
    case .libgit2(let function, _, let message):
      return "\(function) failed: \(message)"
    case .notARepository(let path):
      return "not a git repository (or any parent folder): \(path)"
    case .unknownRevision(let revision):
      return "unknown revision '\(revision)': it does not name a commit in this repository"
    case .missingInShallowClone(let revision):
      return
        "revision '\(revision)' is not in this shallow clone; fetch more history "
        + "(git fetch --depth N with a larger N, or git fetch --unshallow; "
        + "actions/checkout with fetch-depth: 0)"
    case .noMergeBase(let one, let two):
      return "'\(one)' and '\(two)' have no common ancestor"
    case .bareRepository(let operation):
      return "\(operation) needs a working tree, and this repository is bare"
    case .corruptObject(let id, let path, let reason):
      return
        "object \(id) (\(path)) is corrupt: \(reason); the repository cannot be read "
        + "safely (git fsck lists what is damaged; fetch or restore the object)"
    }
  }
}
