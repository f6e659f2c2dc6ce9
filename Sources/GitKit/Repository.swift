import CLibGit2
import Foundation

/// An open git repository.
///
/// The only owner of libgit2 pointers; hands out plain values.
///
/// Not thread-safe: use one `Repository` per thread.
public final class Repository {
  let pointer: OpaquePointer

  /// The `.git` folder (or the bare repository's folder), with a trailing slash.
  public let gitDirectory: String
  /// The working tree's root with a trailing slash; nil for a bare repository.
  public let workingDirectory: String?

  private init(pointer: OpaquePointer) {
    self.pointer = pointer
    gitDirectory = String(cString: git_repository_path(pointer))
    workingDirectory = git_repository_workdir(pointer).map { String(cString: $0) }
  }

  deinit {
    git_repository_free(pointer)
  }

  /// Opens the repository that contains `path`, searching upwards as git does.
  ///
  /// With `environment` (normally this process's), honours git's variables the way git does
  /// inside hooks: `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`, `GIT_OBJECT_DIRECTORY`,
  /// `GIT_CEILING_DIRECTORIES`. An explicit `path` still wins over the search start.
  public static func open(
    at path: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(GitError) -> Repository {
    ensureLibgit2()
    let searchFrom = path ?? FileManager.default.currentDirectoryPath
    var raw: OpaquePointer?
    let code: Int32
    if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
      // GIT_DIR names the repository itself: no search (as git does).
      let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
      code = git_repository_open_ext(&raw, absolute(gitDir), flags, nil)
    } else {
      let ceilings = environment["GIT_CEILING_DIRECTORIES"]
      code = git_repository_open_ext(&raw, searchFrom, 0, ceilings)
    }
    if code == gitNotFound {
      throw .notARepository(path: environment["GIT_DIR"].map(absolute) ?? searchFrom)
    }
    try check(code, "git_repository_open_ext")
    guard let raw else { throw lastError(code, "git_repository_open_ext") }

    if let workTree = environment["GIT_WORK_TREE"], !workTree.isEmpty {
      if git_repository_set_workdir(raw, absolute(workTree), 0) < 0 {
        let error = lastError(-1, "git_repository_set_workdir")
        git_repository_free(raw)
        throw error
      }
    }
    let repository = Repository(pointer: raw)
    let common = String(cString: git_repository_commondir(raw))
    try CorruptionWatchdog.watch(objects: (common as NSString).appendingPathComponent("objects"))
    if let indexFile = environment["GIT_INDEX_FILE"], !indexFile.isEmpty {
      try repository.useIndex(at: absolute(indexFile))
    }
    if let objects = environment["GIT_OBJECT_DIRECTORY"], !objects.isEmpty {
      try CorruptionWatchdog.watch(objects: absolute(objects))
      try repository.addObjectDirectory(absolute(objects))
    }
    return repository
  }

  /// Makes `path` (for example a hook's temporary index) the repository's index.
  private func useIndex(at path: String) throws(GitError) {
    var index: OpaquePointer?
    try check(git_index_open(&index, path), "git_index_open")
    defer { git_index_free(index) }
    try check(git_repository_set_index(pointer, index), "git_repository_set_index")
  }

  private func addObjectDirectory(_ path: String) throws(GitError) {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, pointer), "git_repository_odb")
    defer { git_odb_free(odb) }
    try check(git_odb_add_disk_alternate(odb, path), "git_odb_add_disk_alternate")
  }

  private static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    return URL(
      fileURLWithPath: path,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ).standardizedFileURL.path
  }

  /// Whether this repository is a shallow clone.
  public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

  /// Whether the current branch has no commit yet.
  public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

  // MARK: Revisions

  /// Resolves a revision (full or short id, branch, tag, `HEAD~2`, `origin/main`, …) to a commit.
  public func resolve(_ revision: String) throws(GitError) -> ObjectID {
    var object: OpaquePointer?
    let code = git_revparse_single(&object, pointer, revision)
    guard code >= 0 else {
      if code == gitNotFound || code == GIT_EAMBIGUOUS.rawValue || code == GIT_EINVALIDSPEC.rawValue
        || code == GIT_ERROR.rawValue
      {
        throw missingRevision(revision)
      }
      throw lastError(code, "git_revparse_single")
    }
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
    guard peeled >= 0 else {
      if peeled == gitNotFound || peeled == GIT_EINVALIDSPEC.rawValue
        || peeled == GIT_EPEEL.rawValue
      {
        throw .unknownRevision(revision)
      }
      throw lastError(peeled, "git_object_peel")
    }
    defer { git_object_free(commit) }
    return ObjectID(git_object_id(commit))
  }

  /// The error for a revision that did not resolve: in a shallow clone, say how to get it.
  private func missingRevision(_ revision: String) -> GitError {
    isShallow ? .missingInShallowClone(revision: revision) : .unknownRevision(revision)
  }

  /// The best common ancestor of two commits; nil when their histories do not meet.
  ///
  /// In a shallow clone whose cut-off hides the ancestor, throws `missingInShallowClone`.
  public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID? {
    if isShallow { return try shallowMergeBase(one, two) }
    var out = git_oid()
    var first = one.oid
    var second = two.oid
    let code = git_merge_base(&out, pointer, &first, &second)
    if code == gitNotFound {
      if isShallow {
        throw .missingInShallowClone(revision: "merge-base of \(one.short) and \(two.short)")
      }
      return nil
    }
    try check(code, "git_merge_base")
    return ObjectID(out)
  }

  // MARK: Commits

  /// Reads one commit.
  public func commit(_ id: ObjectID) throws(GitError) -> Commit {
    var oid = id.oid
    var raw: OpaquePointer?
    let code = git_commit_lookup(&raw, pointer, &oid)
    if code == gitNotFound { throw missingRevision(id.hex) }
    try check(code, "git_commit_lookup")
    defer { git_commit_free(raw) }
    return try Self.commitValue(raw)
  }

  static func commitValue(_ raw: OpaquePointer?) throws(GitError) -> Commit {
    let id = ObjectID(git_commit_id(raw))
    let message = git_commit_message_raw(raw).map { String(cString: $0) } ?? ""
    var parents: [ObjectID] = []
    let count = git_commit_parentcount(raw)
    for index in 0..<count {
      if let parent = git_commit_parent_id(raw, index) { parents.append(ObjectID(parent)) }
    }
    guard let author = git_commit_author(raw), let committer = git_commit_committer(raw) else {
      throw lastError(-1, "git_commit_author")
    }
    return Commit(
      id: id, parents: parents, author: Signature(author), committer: Signature(committer),
      message: message, trailers: try TrailerParser.trailers(in: message))
  }

  /// The commits reachable from `head` but not from `base`, oldest first (topological order).
  public func commits(from base: ObjectID?, to head: ObjectID) throws(GitError) -> [Commit] {
    if isShallow { return try shallowCommits(from: base, to: head) }
    var walk: OpaquePointer?
    try check(git_revwalk_new(&walk, pointer), "git_revwalk_new")
    defer { git_revwalk_free(walk) }
    let sorting = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
    try check(git_revwalk_sorting(walk, sorting), "git_revwalk_sorting")
    var headOID = head.oid
    try check(git_revwalk_push(walk, &headOID), "git_revwalk_push")
    if let base {
      var baseOID = base.oid
      try check(git_revwalk_hide(walk, &baseOID), "git_revwalk_hide")
    }
    var result: [Commit] = []
    var next = git_oid()
    while true {
      let code = git_revwalk_next(&next, walk)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_revwalk_next")
      result.append(try commit(ObjectID(next)))
    }
    return result
  }

  // MARK: Notes and contents

  /// The note attached to `commit` under `notesRef` (such as `refs/notes/ai`); nil when none.
  public func note(for commit: ObjectID, ref notesRef: String) throws(GitError) -> String? {
    var note: OpaquePointer?
    var oid = commit.oid
    let code = git_note_read(&note, pointer, notesRef, &oid)
    if code == gitNotFound { return nil }
    try check(code, "git_note_read")
    defer { git_note_free(note) }
    return git_note_message(note).map { String(cString: $0) }
  }

  /// The bytes of `path` in `commit` (a link's are its target's path); nil when the commit has
  /// no such file, or holds a folder or a submodule there.
  public func contents(of path: String, at commit: ObjectID) throws(GitError) -> Data? {
    let found: (type: EntryType, data: Data)? = try entry(path, at: Optional(commit))
    guard let found, found.type != .submodule else { return nil }
    return found.data
  }

  /// What `path` holds in `commit` (in the index when `commit` is nil) with its bytes: a link's
  /// bytes are its target's path; nil when there is no such file (or it is a folder), and a
  /// submodule has no bytes here.
  public func entry(
    _ path: String, at commit: ObjectID?
  ) throws(GitError) -> (type: EntryType, data: Data)? {
    guard let commit else {
      let index = try openIndex()
      defer { git_index_free(index) }
      guard let entry = git_index_get_bypath(index, path, 0) else { return nil }
      switch entry.pointee.mode {
      case GIT_FILEMODE_COMMIT.rawValue: return (.submodule, Data())
      case GIT_FILEMODE_LINK.rawValue: return (.link, try blob(entry.pointee.id))
      default: return (.file, try blob(entry.pointee.id))
      }
    }
    var oid = commit.oid
    var rawCommit: OpaquePointer?
    try check(git_commit_lookup(&rawCommit, pointer, &oid), "git_commit_lookup")
    defer { git_commit_free(rawCommit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, rawCommit), "git_commit_tree")
    defer { git_tree_free(tree) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, tree, path)
    if code == gitNotFound { return nil }
    try check(code, "git_tree_entry_bypath")
    defer { git_tree_entry_free(entry) }
    guard let blobID = git_tree_entry_id(entry) else { return nil }
    switch git_tree_entry_filemode(entry) {
    case GIT_FILEMODE_COMMIT: return (.submodule, Data())
    case GIT_FILEMODE_LINK: return (.link, try blob(blobID.pointee))
    case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: return (.file, try blob(blobID.pointee))
    default: return nil
    }
  }

  /// The bytes of `path` as staged in the index; nil when the index has no such file.
  public func stagedContents(of path: String) throws(GitError) -> Data? {
    let index = try openIndex()
    defer { git_index_free(index) }
    guard let entry = git_index_get_bypath(index, path, 0) else { return nil }
    return try blob(entry.pointee.id)
  }

  func blob(_ id: git_oid) throws(GitError) -> Data {
    var oid = id
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, pointer, &oid), "git_blob_lookup")
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
    return Data(bytes: bytes, count: size)
  }

  /// The repository's index, read afresh from disk.
  ///
  /// The caller frees it.
  func openIndex() throws(GitError) -> OpaquePointer? {
    var index: OpaquePointer?
    let code = git_repository_index(&index, pointer)
    if code == GIT_EBAREREPO.rawValue { throw .bareRepository(operation: "reading the index") }
    try check(code, "git_repository_index")
    let read = git_index_read(index, 0)
    if read < 0 {
      let error = lastError(read, "git_index_read")
      git_index_free(index)
      throw error
    }
    return index
  }

  /// The tree of a commit; the caller frees it.
  func tree(of commit: ObjectID) throws(GitError) -> OpaquePointer? {
    var oid = commit.oid
    var rawCommit: OpaquePointer?
    try check(git_commit_lookup(&rawCommit, pointer, &oid), "git_commit_lookup")
    defer { git_commit_free(rawCommit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, rawCommit), "git_commit_tree")
    return tree
  }
}
