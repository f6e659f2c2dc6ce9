import CLibGit2

extension Repository {
  /// The files changed from `base` to `head` with their added lines, renames detected.
  ///
  /// `base` nil means the empty tree (the root commit's own change).
  public func diff(from base: ObjectID?, to head: ObjectID) throws(GitError) -> [FileChange] {
    let oldTree = try base.map { id throws(GitError) in try tree(of: id) }
    defer { if let oldTree { git_tree_free(oldTree) } }
    let newTree = try tree(of: head)
    defer { git_tree_free(newTree) }
    var options = try Self.diffOptions()
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, pointer, oldTree ?? nil, newTree, &options),
      "git_diff_tree_to_tree")
    defer { git_diff_free(diff) }
    return try Self.fileChanges(diff)
  }

  /// The staged change: the index against `HEAD` (against the empty tree before the first commit).
  public func diffIndexToHead() throws(GitError) -> [FileChange] {
    let headTree: OpaquePointer? = isHeadUnborn ? nil : try tree(of: try resolve("HEAD"))
    defer { if let headTree { git_tree_free(headTree) } }
    let index = try openIndex()
    defer { git_index_free(index) }
    var options = try Self.diffOptions()
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_index(&diff, pointer, headTree, index, &options), "git_diff_tree_to_index")
    defer { git_diff_free(diff) }
    return try Self.fileChanges(diff)
  }

  /// The unstaged change: the working tree against the index, optionally with untracked files.
  public func diffWorkingTreeToIndex(includeUntracked: Bool = false) throws(GitError)
    -> [FileChange]
  {
    guard workingDirectory != nil else {
      throw .bareRepository(operation: "diffing the working tree")
    }
    let index = try openIndex()
    defer { git_index_free(index) }
    var options = try Self.diffOptions()
    if includeUntracked {
      options.flags |=
        GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
        | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue
    }
    var diff: OpaquePointer?
    try check(
      git_diff_index_to_workdir(&diff, pointer, index, &options), "git_diff_index_to_workdir")
    defer { git_diff_free(diff) }
    return try Self.fileChanges(diff)
  }

  /// The change from the merge-base of `base` and `head` to `head`, with its commits.
  ///
  /// `base` nil means everything from the root: the whole history of `head`.
  public func changeSet(base: String?, head: String = "HEAD") throws(GitError) -> ChangeSet {
    let headID = try resolve(head)
    var mergeBase: ObjectID?
    if let base {
      let baseID = try resolve(base)
      guard let found = try self.mergeBase(baseID, headID) else {
        throw .noMergeBase(base, head)
      }
      mergeBase = found
    }
    return try changeSet(mergeBase: mergeBase, head: headID)
  }

  /// The change from `mergeBase` (nil: the empty tree) to `head`, with its commits.
  public func changeSet(mergeBase: ObjectID?, head: ObjectID) throws(GitError) -> ChangeSet {
    let files = try diff(from: mergeBase, to: head)
    let commits = try commits(from: mergeBase, to: head)
    return ChangeSet(mergeBase: mergeBase, head: head, commits: commits, files: files)
  }

  /// The staged change as a change set (no commits: the commit is still being written).
  public func stagedChangeSet() throws(GitError) -> ChangeSet {
    let headID = isHeadUnborn ? nil : try resolve("HEAD")
    return ChangeSet(mergeBase: headID, head: nil, commits: [], files: try diffIndexToHead())
  }

  private static func diffOptions() throws(GitError) -> git_diff_options {
    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.context_lines = 0
    options.interhunk_lines = 0
    return options
  }

  /// Detects renames, then reads each delta's added lines.
  private static func fileChanges(_ diff: OpaquePointer?) throws(GitError) -> [FileChange] {
    var find = git_diff_find_options()
    try check(
      git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
      "git_diff_find_options_init")
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")

    var changes: [FileChange] = []
    let count = git_diff_num_deltas(diff)
    for index in 0..<count {
      var patch: OpaquePointer?
      try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff")
      defer { git_patch_free(patch) }
      guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
      guard let status = status(delta.status) else { continue }
      let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""
      let oldPath = delta.old_file.path.map { String(cString: $0) } ?? newPath
      let binary = (delta.flags & GIT_DIFF_FLAG_BINARY.rawValue) != 0
      let added = binary ? [] : try addedLines(patch)
      changes.append(
        FileChange(
          path: status == .deleted ? oldPath : newPath,
          oldPath: oldPath != newPath ? oldPath : nil,
          status: status, isBinary: binary, addedLines: added))
    }
    return changes.sorted { $0.path < $1.path }
  }

  /// The new side's line numbers of every added line.
  ///
  /// With no context lines every new-side line of a hunk is an added one, so the hunk headers
  /// say it all, without visiting each line.
  private static func addedLines(_ patch: OpaquePointer?) throws(GitError) -> [Int] {
    var lines: [Int] = []
    let hunks = git_patch_num_hunks(patch)
    for index in 0..<hunks {
      var hunk: UnsafePointer<git_diff_hunk>?
      try check(git_patch_get_hunk(&hunk, nil, patch, index), "git_patch_get_hunk")
      guard let value = hunk?.pointee, value.new_lines > 0 else { continue }
      let start = Int(value.new_start)
      lines.append(contentsOf: start..<(start + Int(value.new_lines)))
    }
    return lines
  }

  private static func status(_ delta: git_delta_t) -> FileStatus? {
    switch delta {
    case GIT_DELTA_ADDED: return .added
    case GIT_DELTA_MODIFIED: return .modified
    case GIT_DELTA_DELETED: return .deleted
    case GIT_DELTA_RENAMED: return .renamed
    case GIT_DELTA_COPIED: return .copied
    case GIT_DELTA_TYPECHANGE: return .typeChanged
    case GIT_DELTA_UNTRACKED: return .untracked
    default: return nil
    }
  }
}
