import GitKit

/// Everything that can go wrong installing, removing or running the hooks.
public enum HookError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Reading the repository or its configuration failed.
  case git(GitError)
  /// A file operation in the hooks folder failed.
  case fileSystem(operation: String, path: String, reason: String)
  /// A hook aigate did not write sits beside a saved, chained hook: installing would lose one.
  case chainConflict(hook: String, chained: String)
  /// The hook path is a folder or another non-file, which git cannot run either.
  case notAFile(path: String)
  /// `hook run commit-msg` was called without the message file git passes.
  case missingMessageFile
  /// The path of the running aigate could not be found to record in the hooks.
  case executableNotFound(String)
  /// `core.hooksPath` is set to an empty value, which names no folder.
  case emptyHooksPath

  public var description: String {
    switch self {
    case .git(let error):
      return error.description
    case .fileSystem(let operation, let path, let reason):
      return "\(path): \(operation) failed: \(reason)"
    case .chainConflict(let hook, let chained):
      return
        "\(hook): this hook was not written by aigate, and \(chained) already holds the hook "
        + "aigate chained earlier; move one of them away, then run 'aigate hook install' again"
    case .notAFile(let path):
      return "\(path): not a regular file or link; git cannot run it as a hook"
    case .missingMessageFile:
      return
        "'aigate hook run commit-msg' needs the commit message file as its last argument "
        + "(git passes it to the commit-msg hook)"
    case .executableNotFound(let name):
      return
        "cannot find the running aigate ('\(name)') to record in the hooks; run it by its path"
    case .emptyHooksPath:
      return
        "core.hooksPath is set but empty, so it names no hooks folder; unset it "
        + "(git config --unset core.hooksPath) or set it to a folder"
    }
  }
}
