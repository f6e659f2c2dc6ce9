import CLibGit2

/// A blame hunk with where its lines sat in the commit that introduced them, so that line-level
/// evidence recorded against that commit (git-ai notes, Agent Trace records) can be looked up.
public struct BlameOrigin: Hashable, Sendable {
  /// The hunk as `Repository.blame` reports it.
  public let hunk: BlameHunk
  /// The first line, 1-based, in the file as `hunk.commit` has it.
  public let originalStartLine: Int
  /// The path the file had in `hunk.commit`.
  public let originalPath: String

  public init(hunk: BlameHunk, originalStartLine: Int, originalPath: String) {
    self.hunk = hunk
    self.originalStartLine = originalStartLine
    self.originalPath = originalPath
  }

  /// The line in `hunk.commit`'s version of the file that became `line` of the newest version.
  public func originalLine(for line: Int) -> Int {
    originalStartLine + (line - hunk.startLine)
  }
}

extension Repository {
  /// Blames every line of `path` in `newest`, keeping each hunk's original line numbers and path.
  ///
  /// Looks no further back than `oldest`. One call per file: cheaper than a call per line range.
  public func blameOrigins(
    path: String, newest: ObjectID, oldest: ObjectID?
  ) throws(GitError) -> [BlameOrigin] {
    var options = git_blame_options()
    try check(
      git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)),
      "git_blame_options_init")
    options.newest_commit = newest.oid
    if let oldest { options.oldest_commit = oldest.oid }
    var blame: OpaquePointer?
    try check(git_blame_file(&blame, pointer, path, &options), "git_blame_file")
    defer { git_blame_free(blame) }
    var origins: [BlameOrigin] = []
    let count = git_blame_get_hunk_count(blame)
    for index in 0..<count {
      guard let hunk = git_blame_get_hunk_byindex(blame, index)?.pointee else { continue }
      let commit = ObjectID(hunk.final_commit_id)
      let originalPath = hunk.orig_path.map { String(cString: $0) } ?? path
      let value = BlameHunk(
        startLine: Int(hunk.final_start_line_number),
        lineCount: Int(hunk.lines_in_hunk),
        commit: commit,
        isBoundary: hunk.boundary != 0 || commit == oldest,
        originalPath: originalPath == path ? nil : originalPath)
      origins.append(
        BlameOrigin(
          hunk: value, originalStartLine: Int(hunk.orig_start_line_number),
          originalPath: originalPath))
    }
    return origins
  }
}
