import CLibGit2

/// Configuration values and the shared git folder, for code that must find files the way git
/// does (the hooks folder, say).
extension Repository {
  /// The folder shared by every worktree of this repository, with a trailing slash.
  ///
  /// For the main working tree this is `gitDirectory`; for a linked worktree it is the main
  /// repository's `.git`, where hooks, config and refs live.
  public var commonDirectory: String {
    git_repository_commondir(pointer).map { String(cString: $0) } ?? gitDirectory
  }

  /// Whether the repository has no working tree.
  public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

  /// A configuration value as git reads it (system, global, repository and worktree levels);
  /// nil when no level sets it.
  public func configString(_ key: String) throws(GitError) -> String? {
    try readConfig("git_config_get_string_buf") { buffer, config in
      git_config_get_string_buf(buffer, config, key)
    }
  }

  /// A path-valued configuration value with a leading `~/` expanded, as git does for keys such
  /// as `core.hooksPath`; nil when no level sets it.
  public func configPath(_ key: String) throws(GitError) -> String? {
    try readConfig("git_config_get_path") { buffer, config in
      git_config_get_path(buffer, config, key)
    }
  }

  /// Reads one key from a consistent snapshot of the configuration.
  private func readConfig(
    _ function: String, _ read: (UnsafeMutablePointer<git_buf>, OpaquePointer?) -> Int32
  ) throws(GitError) -> String? {
    var config: OpaquePointer?
    try check(
      git_repository_config_snapshot(&config, pointer), "git_repository_config_snapshot")
    defer { git_config_free(config) }
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    let code = read(&buffer, config)
    if code == gitNotFound { return nil }
    try check(code, function)
    guard let bytes = buffer.ptr else { return "" }
    return String(cString: bytes)
  }
}
