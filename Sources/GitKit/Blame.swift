import CLibGit2

extension Repository {
  /// Which commit last changed each line of `path` in `newest`, looking no further back than
  /// `oldest` (lines older than it are boundary hunks), optionally only for `lines`.
  public func blame(
    path: String, newest: ObjectID, oldest: ObjectID?, lines: ClosedRange<Int>? = nil
  ) throws(GitError) -> [BlameHunk] {
    var options = git_blame_options()
    try check(
      git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)),
      "git_blame_options_init")
    options.newest_commit = newest.oid
    if let oldest { options.oldest_commit = oldest.oid }
    if let lines {
      options.min_line = lines.lowerBound
      options.max_line = lines.upperBound
    }
    var blame: OpaquePointer?
    try check(git_blame_file(&blame, pointer, path, &options), "git_blame_file")
    defer { git_blame_free(blame) }
    var hunks: [BlameHunk] = []
    let count = git_blame_get_hunk_count(blame)
    for index in 0..<count {
      guard let hunk = git_blame_get_hunk_byindex(blame, index)?.pointee else { continue }
      let commit = ObjectID(hunk.final_commit_id)
      let origPath = hunk.orig_path.map { String(cString: $0) }
      hunks.append(
        BlameHunk(
          startLine: Int(hunk.final_start_line_number),
          lineCount: Int(hunk.lines_in_hunk),
          commit: commit,
          isBoundary: hunk.boundary != 0 || commit == oldest,
          originalPath: origPath == path ? nil : origPath,
          originalStartLine: Int(hunk.orig_start_line_number)))
    }
    return hunks
  }
}
