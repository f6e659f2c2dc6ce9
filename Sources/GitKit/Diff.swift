import CLibGit2
import Foundation

/// Whether a file whose content looks binary (a NUL byte) is still code to read line by line,
/// judged from its path and its first bytes (a `#!` line): the gate knows which languages it
/// reads, git does not.
public typealias CodeJudge = (_ path: String, _ start: Data) -> Bool

extension Repository {
  /// The files changed from `base` to `head` with their added lines, renames detected.
  ///
  /// `base` nil means the empty tree (the root commit's own change). Added lines are read for
  /// every text file whatever `.gitattributes` says; a file whose content looks binary has them
  /// only when `isCode` says it is code (so a NUL byte cannot hide a script, and an image adds
  /// no "lines").
  public func diff(
    from base: ObjectID?, to head: ObjectID, isCode: CodeJudge? = nil
  ) throws(GitError) -> [FileChange] {
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
    return try fileChanges(diff, isCode: isCode)
  }

  /// The staged change: the index against `HEAD` (against the empty tree before the first commit).
  public func diffIndexToHead(isCode: CodeJudge? = nil) throws(GitError) -> [FileChange] {
    let headTree: OpaquePointer? = isHeadUnborn ? nil : try tree(of: try resolve("HEAD"))
    defer { if let headTree { git_tree_free(headTree) } }
    let index = try openIndex()
    defer { git_index_free(index) }
    var options = try Self.diffOptions()
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_index(&diff, pointer, headTree, index, &options), "git_diff_tree_to_index")
    defer { git_diff_free(diff) }
    return try fileChanges(diff, isCode: isCode)
  }

  /// The change from the merge-base of `base` and `head` to `head`, with its commits.
  ///
  /// `base` nil means everything from the root: the whole history of `head`.
  public func changeSet(
    base: String?, head: String = "HEAD", isCode: CodeJudge? = nil
  ) throws(GitError) -> ChangeSet {
    let headID = try resolve(head)
    var mergeBase: ObjectID?
    if let base {
      let baseID = try resolve(base)
      guard let found = try self.mergeBase(baseID, headID) else {
        throw .noMergeBase(base, head)
      }
      mergeBase = found
    }
    return try changeSet(mergeBase: mergeBase, head: headID, isCode: isCode)
  }

  /// The change from `mergeBase` (nil: the empty tree) to `head`, with its commits.
  public func changeSet(
    mergeBase: ObjectID?, head: ObjectID, isCode: CodeJudge? = nil
  ) throws(GitError) -> ChangeSet {
    let files = try diff(from: mergeBase, to: head, isCode: isCode)
    let commits = try commits(from: mergeBase, to: head)
    return ChangeSet(mergeBase: mergeBase, head: head, commits: commits, files: files)
  }

  /// The staged change as a change set (no commits: the commit is still being written).
  public func stagedChangeSet(isCode: CodeJudge? = nil) throws(GitError) -> ChangeSet {
    let headID = isHeadUnborn ? nil : try resolve("HEAD")
    return ChangeSet(
      mergeBase: headID, head: nil, commits: [], files: try diffIndexToHead(isCode: isCode))
  }

  private static func diffOptions() throws(GitError) -> git_diff_options {
    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.context_lines = 0
    options.interhunk_lines = 0
    // Every file's added lines are read from its content: a `binary` or `-diff` attribute (in
    // the change itself, or in .git/info/attributes) must not hide code from the gate.
    options.flags = GIT_DIFF_FORCE_TEXT.rawValue
    return options
  }

  /// Detects renames, then reads each delta's added lines.
  private func fileChanges(
    _ diff: OpaquePointer?, isCode: CodeJudge?
  ) throws(GitError) -> [FileChange] {
    var find = git_diff_find_options()
    try check(
      git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
      "git_diff_find_options_init")
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")

    var changes: [FileChange] = []
    let count = git_diff_num_deltas(diff)
    for index in 0..<count {
      guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
      guard let status = Self.status(delta.status) else { continue }
      let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""
      let oldPath = delta.old_file.path.map { String(cString: $0) } ?? newPath
      let side = status == .deleted ? delta.old_file : delta.new_file
      let type = Self.entryType(side.mode)
      let start = type == .file ? binaryStart(side) : nil
      let path = status == .deleted ? oldPath : newPath
      // A gitlink's "content" is a commit id libgit2 prints as text: no lines of code here.
      let readsLines =
        type != .submodule && status != .deleted
        && (start.map { isCode?(path, $0) ?? false } ?? true)
      var added: [Int] = []
      if readsLines {
        var patch: OpaquePointer?
        try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff")
        defer { git_patch_free(patch) }
        added = try Self.addedLines(patch)
      }
      changes.append(
        FileChange(
          path: path, oldPath: oldPath != newPath ? oldPath : nil,
          status: status, isBinary: start != nil, addedLines: added, type: type))
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

  /// The first 8000 bytes of a diffed blob when they hold a NUL byte (git's own test of binary
  /// content), else nil; nil too when the side is not in the object database (a working-tree
  /// file).
  private func binaryStart(_ file: git_diff_file) -> Data? {
    guard (file.flags & GIT_DIFF_FLAG_VALID_ID.rawValue) != 0 else { return nil }
    var oid = file.id
    guard git_oid_is_zero(&oid) == 0 else { return nil }
    var blob: OpaquePointer?
    guard git_blob_lookup(&blob, pointer, &oid) == 0 else { return nil }
    defer { git_blob_free(blob) }
    let size = min(Int(git_blob_rawsize(blob)), 8000)
    guard size > 0, let bytes = git_blob_rawcontent(blob), memchr(bytes, 0, size) != nil else {
      return nil
    }
    return Data(bytes: bytes, count: size)
  }

  private static func entryType(_ mode: UInt16) -> EntryType {
    switch UInt32(mode) {
    case GIT_FILEMODE_LINK.rawValue: return .link
    case GIT_FILEMODE_COMMIT.rawValue: return .submodule
    default: return .file
    }
  }

  private static func status(_ delta: git_delta_t) -> FileStatus? {
    switch delta {
    case GIT_DELTA_ADDED: return .added
    case GIT_DELTA_MODIFIED: return .modified
    case GIT_DELTA_DELETED: return .deleted
    case GIT_DELTA_RENAMED: return .renamed
    case GIT_DELTA_COPIED: return .copied
    case GIT_DELTA_TYPECHANGE: return .typeChanged
    default: return nil
    }
  }
}
