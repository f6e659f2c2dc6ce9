import Foundation

/// A throwaway git repository built with the real `git` command, for tests.
///
/// Commits get deterministic dates, one minute apart, so that history order is stable.
public final class ScratchRepository: @unchecked Sendable {
  /// The repository's working tree.
  public let path: String
  private let home: String
  private var clock = 1_700_000_000

  /// Creates an empty repository with `main` as its initial branch.
  public init(bare: Bool = false) throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-scratch-\(UUID().uuidString)")
    path = base.appendingPathComponent("repo").path
    home = base.appendingPathComponent("home").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
  }

  /// Wraps an existing folder (a clone, say) that `other` owns the cleanup of.
  public init(existing path: String, sharingHomeWith other: ScratchRepository) {
    self.path = path
    self.home = other.home
  }

  deinit {
    if path.hasSuffix("/repo") {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
  }

  /// The environment every git command here runs with: no user or system config.
  public var environment: [String: String] {
    var env = ProcessRunner.cleanEnvironment
    env["HOME"] = home
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_AUTHOR_NAME"] = "Dana Developer"
    env["GIT_AUTHOR_EMAIL"] = "dana@example.com"
    env["GIT_COMMITTER_NAME"] = "Dana Developer"
    env["GIT_COMMITTER_EMAIL"] = "dana@example.com"
    env["LC_ALL"] = "C"
    return env
  }

  /// Runs git in the repository and returns its standard output; throws when git fails.
  @discardableResult
  public func git(
    _ arguments: [String], environment extra: [String: String] = [:], input: String? = nil
  ) throws -> String {
    let env = environment.merging(extra) { _, new in new }
    let result = try ProcessRunner.run(
      "git", arguments, in: path, environment: env, input: input)
    guard result.status == 0 else {
      throw TestSupportError.failed(command: ["git"] + arguments, result: result)
    }
    return result.stdout
  }

  /// Writes a text file, creating folders as needed.
  public func write(_ relativePath: String, _ content: String) throws {
    try write(relativePath, data: Data(content.utf8))
  }

  /// Writes a file's bytes, creating folders as needed.
  public func write(_ relativePath: String, data: Data) throws {
    let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// Deletes a file from the working tree.
  public func remove(_ relativePath: String) throws {
    try FileManager.default.removeItem(
      atPath: (path as NSString).appendingPathComponent(relativePath))
  }

  /// Stages everything and commits it; returns the new commit's full id.
  ///
  /// `author` and `committer` take git's `Name <email>` form.
  @discardableResult
  public func commit(
    _ message: String,
    author: String? = nil,
    committer: String? = nil,
    stageAll: Bool = true,
    allowEmpty: Bool = false
  ) throws -> String {
    if stageAll { try git(["add", "-A"]) }
    clock += 60
    var env = ["GIT_AUTHOR_DATE": "@\(clock) +0000", "GIT_COMMITTER_DATE": "@\(clock) +0000"]
    if let author, let (name, email) = Self.split(author) {
      env["GIT_AUTHOR_NAME"] = name
      env["GIT_AUTHOR_EMAIL"] = email
    }
    if let committer, let (name, email) = Self.split(committer) {
      env["GIT_COMMITTER_NAME"] = name
      env["GIT_COMMITTER_EMAIL"] = email
    }
    var args = ["commit", "-q", "--no-verify", "--cleanup=verbatim", "-F", "-"]
    if allowEmpty { args.append("--allow-empty") }
    try git(args, environment: env, input: message)
    return try head()
  }

  /// The full id of `HEAD` (or of another revision).
  public func head(_ revision: String = "HEAD") throws -> String {
    try git(["rev-parse", revision]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func split(_ identity: String) -> (String, String)? {
    guard let open = identity.lastIndex(of: "<"), let close = identity.lastIndex(of: ">") else {
      return nil
    }
    let name = identity[..<open].trimmingCharacters(in: .whitespaces)
    let email = String(identity[identity.index(after: open)..<close])
    return (name, email)
  }
}
