import CLibGit2

extension Repository {
  /// Which commit of `change`'s range last changed each line of `paths` at its head, as
  /// `git blame mergeBase..head -- path` reports it, for all paths in one pass over the range.
  ///
  /// Blaming file by file walks the whole range once per file; this walks it once, oldest commit
  /// first, diffing each commit against its parents and carrying every tracked line's origin
  /// forward. Merges pass lines to their parents in order as git blame does (a parent with the
  /// same file takes all of it; else each parent in turn takes the lines its diff leaves
  /// unchanged); whole-file renames are followed with libgit2's rename detection. Lines git
  /// blame would leave at the merge-base are boundary hunks; with no merge-base (the whole
  /// history) a root commit's lines are its own, as `git blame --root` says. The one-pass result
  /// is checked against each file's length at head, and a file that does not add up is blamed
  /// on its own instead.
  public func blame(
    paths: [String], in change: ChangeSet
  ) throws(GitError) -> [String: [BlameHunk]] {
    try rangeBlame(paths: paths, in: change).hunks
  }

  /// The one-pass blame, with the paths that had to be blamed on their own (for tests).
  func rangeBlame(
    paths: [String], in change: ChangeSet
  ) throws(GitError) -> (hunks: [String: [BlameHunk]], fellBack: Set<String>) {
    guard let head = change.head, !paths.isEmpty else { return ([:], []) }
    var blamer = try RangeBlamer(repository: self, change: change, head: head)
    let hunks = try blamer.run(paths: paths)
    return (hunks, blamer.fellBack)
  }
}

/// One file's change in a commit's diff against one parent.
private struct TreeDelta {
  var status: git_delta_t
  var oldPath: String
  var newPath: String
  var oldBlob: git_oid
  var newBlob: git_oid

  /// Whether both sides are the same blob (a pure rename, or a file the diff did not change).
  var sameContent: Bool {
    var old = oldBlob
    var new = newBlob
    return git_oid_equal(&old, &new) == 1
  }
}

/// What a tree entry holds, as far as blame cares.
private enum EntryKind {
  case tree, file, link, submodule

  init(_ entry: OpaquePointer) {
    switch git_tree_entry_filemode(entry) {
    case GIT_FILEMODE_TREE: self = .tree
    case GIT_FILEMODE_LINK: self = .link
    case GIT_FILEMODE_COMMIT: self = .submodule
    default: self = .file
    }
  }
}

/// The state of one pass: the range's commits, the tracked files' origins at each commit still
/// needed by a child, and the paths they are named by.
private struct RangeBlamer {
  let repository: Repository
  let change: ChangeSet
  let head: ObjectID
  let commitIndex: [ObjectID: Int]
  var diffOptions: git_diff_options
  /// Per commit, per parent (in order), the tree diff parent -> commit.
  var deltas: [[[TreeDelta]]] = []
  var pathIndex: [String: Int32] = [:]
  var pathNames: [String] = []
  /// Per commit still needed, each tracked path's origins (absent: older than the range).
  var states: [Int: [String: LineOrigins]] = [:]
  var childrenLeft: [Int]
  /// Each diff's new side, kept for the next diff of the same file, which reads it as old side.
  var blobs = BlobCache()
  /// The paths blamed on their own because their one-pass origins did not add up.
  var fellBack: Set<String> = []

  init(repository: Repository, change: ChangeSet, head: ObjectID) throws(GitError) {
    self.repository = repository
    self.change = change
    self.head = head
    var index: [ObjectID: Int] = [:]
    for (position, commit) in change.commits.enumerated() { index[commit.id] = position }
    commitIndex = index
    var children = [Int](repeating: 0, count: change.commits.count)
    for commit in change.commits {
      for parent in Set(commit.parents) {
        if let position = index[parent] { children[position] += 1 }
      }
    }
    childrenLeft = children
    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.context_lines = 0
    options.interhunk_lines = 0
    // git blame diffs every blob as text, with the indent heuristic unless configured off.
    options.flags = GIT_DIFF_FORCE_TEXT.rawValue
    if try repository.indentHeuristic() {
      options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
    }
    diffOptions = options
  }

  mutating func run(paths: [String]) throws(GitError) -> [String: [BlameHunk]] {
    defer { blobs.removeAll() }
    let ordered = change.commits.enumerated().allSatisfy { position, commit in
      commit.parents.allSatisfy { (commitIndex[$0] ?? -1) < position }
    }
    guard let headPosition = commitIndex[head], ordered else {
      fellBack = Set(paths)
      return try Dictionary(
        uniqueKeysWithValues: paths.map { path throws(GitError) in
          (path, try fallback(path))
        })
    }
    for commit in change.commits { deltas.append(try treeDeltas(of: commit)) }
    let tracked = trackedPaths(from: Set(paths))
    var untrusted: Set<String> = []
    for position in change.commits.indices {
      let state = try step(position, tracked: tracked, untrusted: &untrusted)
      if childrenLeft[position] > 0 || position == headPosition { states[position] = state }
    }
    let final = states[headPosition] ?? [:]
    var result: [String: [BlameHunk]] = [:]
    for path in paths {
      if !untrusted.contains(path),
        let hunks = try hunks(path: path, origins: final[path] ?? .older)
      {
        result[path] = hunks
      } else {
        fellBack.insert(path)
        result[path] = try fallback(path)
      }
    }
    return result
  }

  /// The paths whose history matters: the asked-for ones and, transitively, every path one of
  /// them was renamed from somewhere in the range.
  private func trackedPaths(from paths: Set<String>) -> Set<String> {
    var renames: [String: Set<String>] = [:]
    for perParent in deltas {
      for delta in perParent.joined() where delta.status == GIT_DELTA_RENAMED {
        renames[delta.newPath, default: []].insert(delta.oldPath)
      }
    }
    var tracked = paths
    var queue = Array(paths)
    while let path = queue.popLast() {
      for source in renames[path] ?? [] where tracked.insert(source).inserted {
        queue.append(source)
      }
    }
    return tracked
  }

  /// The origins of the tracked files at commit `position`, from its parents' (which the
  /// topological order has already computed).
  private mutating func step(
    _ position: Int, tracked: Set<String>, untrusted: inout Set<String>
  ) throws(GitError) -> [String: LineOrigins] {
    let commit = change.commits[position]
    let parents = commit.parents.map { commitIndex[$0] }
    var state: [String: LineOrigins] = [:]
    if let first = parents.first, let parent = first {
      // A linear step takes its parent's state over when no other child needs it (no copy).
      if parents.count == 1, childrenLeft[parent] == 1 {
        state = states.removeValue(forKey: parent) ?? [:]
      } else {
        state = states[parent] ?? [:]
      }
    }
    let firstDeltas = deltas[position].first ?? []
    var updates: [(String, LineOrigins?)] = []
    for delta in firstDeltas {
      switch delta.status {
      case GIT_DELTA_DELETED:
        continue
      case GIT_DELTA_ADDED, GIT_DELTA_MODIFIED, GIT_DELTA_RENAMED, GIT_DELTA_TYPECHANGE:
        guard tracked.contains(delta.newPath) else { continue }
        if untrusted.contains(delta.status == GIT_DELTA_RENAMED ? delta.oldPath : delta.newPath) {
          untrusted.insert(delta.newPath)
        }
        let origins: LineOrigins?
        if parents.count > 1 {
          origins = try mergeOrigins(
            position, path: delta.newPath, blob: delta.newBlob, parents: parents)
        } else {
          let before: LineOrigins
          switch delta.status {
          case GIT_DELTA_ADDED: before = LineOrigins()
          case GIT_DELTA_RENAMED: before = state[delta.oldPath] ?? .older
          default: before = state[delta.newPath] ?? .older
          }
          origins = try before.applying(
            delta.sameContent ? [] : hunks(from: delta), commit: Int32(position),
            path: number(forPath: delta.newPath))
        }
        updates.append((delta.newPath, origins))
      default:
        continue
      }
    }
    for delta in firstDeltas
    where delta.status == GIT_DELTA_DELETED || delta.status == GIT_DELTA_RENAMED {
      state[delta.oldPath] = nil
    }
    for (path, origins) in updates {
      if origins == nil { untrusted.insert(path) }
      state[path] = origins
    }
    for parent in Set(parents.compactMap { $0 }) { release(parent) }
    return state
  }

  /// The origins of `path` at merge commit `position`, passing lines to parents as git blame does.
  ///
  /// The first parent with the same content takes the whole file; otherwise each parent in order
  /// takes the lines its diff leaves unchanged that no earlier parent took, and the rest are the
  /// merge's own. Nil when a parent's diff does not fit its origins.
  private mutating func mergeOrigins(
    _ position: Int, path: String, blob: git_oid, parents: [Int?]
  ) throws(GitError) -> LineOrigins? {
    var sources: [(parent: Int?, delta: TreeDelta?)] = []
    for (number, parent) in parents.enumerated() {
      let delta = deltas[position][number].first {
        $0.newPath == path && $0.status != GIT_DELTA_DELETED
      }
      if let delta, delta.status == GIT_DELTA_ADDED { continue }
      if delta?.sameContent ?? true {
        // Unchanged from this parent: it takes every line.
        return origins(at: parent, path: delta?.oldPath ?? path)
      }
      sources.append((parent, delta))
    }
    let merged = try blobs.take(blob, from: repository)
    let count = lineCount(merged)
    blobs.keep(merged, id: blob)
    var lines = [LineOrigin?](repeating: nil, count: count)
    for source in sources {
      guard let delta = source.delta else { continue }
      let hunks = try hunks(from: delta)
      let before = origins(at: source.parent, path: delta.oldPath)
      let oldCount = hunks.reduce(count) { $0 - $1.newLines + $1.oldLines }
      guard oldCount >= 0, let old = before.expanded(count: oldCount) else { return nil }
      var oldLine = 1
      var newLine = 1
      // Lines between hunks are unchanged: each new line is the next old line.
      for hunk in hunks + [DiffHunk(oldStart: oldCount, oldLines: 0, newStart: count, newLines: 0)]
      {
        let end = hunk.newFirst
        guard end >= newLine, hunk.oldFirst - oldLine == end - newLine, end <= count + 1,
          hunk.oldFirst <= oldCount + 1
        else { return nil }
        while newLine < end {
          if lines[newLine - 1] == nil { lines[newLine - 1] = old[oldLine - 1] }
          newLine += 1
          oldLine += 1
        }
        newLine += hunk.newLines
        oldLine += hunk.oldLines
      }
    }
    let own = number(forPath: path)
    return LineOrigins(
      lines: lines.enumerated().map { offset, origin in
        origin ?? LineOrigin(commit: Int32(position), path: own, line: offset + 1)
      })
  }
}

extension RangeBlamer {
  /// The origins of `path` at commit `position` (nil: a parent before the range, where every
  /// line is older than it).
  fileprivate func origins(at position: Int?, path: String) -> LineOrigins {
    guard let position else { return .older }
    return states[position]?[path] ?? .older
  }

  /// Forgets a parent's state once its last child in the range has used it.
  fileprivate mutating func release(_ parent: Int) {
    childrenLeft[parent] -= 1
    if childrenLeft[parent] == 0 { states[parent] = nil }
  }

  /// The number standing for `name` in line origins.
  fileprivate mutating func number(forPath name: String) -> Int32 {
    if let known = pathIndex[name] { return known }
    let number = Int32(pathNames.count)
    pathIndex[name] = number
    pathNames.append(name)
    return number
  }

  /// The diff of `commit` against each of its parents (against the empty tree for a root),
  /// renames detected, as plain values.
  ///
  /// Trees are compared here, entry by entry, skipping equal subtrees; only a diff that both
  /// adds and deletes files, where a rename may hide, goes through libgit2's diff and rename
  /// detection (a libgit2 diff per commit costs a configuration snapshot and more).
  fileprivate func treeDeltas(of commit: Commit) throws(GitError) -> [[TreeDelta]] {
    let newTree = try repository.tree(of: commit.id)
    defer { git_tree_free(newTree) }
    let parents: [ObjectID?] = commit.parents.isEmpty ? [nil] : commit.parents
    var result: [[TreeDelta]] = []
    for parent in parents {
      let oldTree = try parent.map { id throws(GitError) in try repository.tree(of: id) }
      defer { if let oldTree { git_tree_free(oldTree) } }
      var list: [TreeDelta] = []
      try blobChanges(from: oldTree ?? nil, to: newTree, prefix: "", into: &list)
      if list.contains(where: { $0.status == GIT_DELTA_ADDED })
        && list.contains(where: { $0.status == GIT_DELTA_DELETED })
      {
        list = try renameDetectingDeltas(from: oldTree ?? nil, to: newTree)
      }
      result.append(list)
    }
    return result
  }

  /// The files that differ between two trees (nil: the empty tree), as added, deleted or
  /// modified, without rename detection; a file that changes kind (file, link, folder) is
  /// deleted and added, and submodules are left out, as git blame treats them.
  private func blobChanges(
    from old: OpaquePointer?, to new: OpaquePointer?, prefix: String, into list: inout [TreeDelta]
  ) throws(GitError) {
    let oldCount = old.map { git_tree_entrycount($0) } ?? 0
    let newCount = new.map { git_tree_entrycount($0) } ?? 0
    var oldIndex = 0
    var newIndex = 0
    while oldIndex < oldCount || newIndex < newCount {
      let before = oldIndex < oldCount ? git_tree_entry_byindex(old, oldIndex) : nil
      let after = newIndex < newCount ? git_tree_entry_byindex(new, newIndex) : nil
      let order: Int32
      if let before, let after {
        order = git_tree_entry_cmp(before, after)
      } else {
        order = before == nil ? 1 : -1
      }
      if order == 0, let before, let after {
        oldIndex += 1
        newIndex += 1
        let kind = EntryKind(before)
        if git_oid_equal(git_tree_entry_id(before), git_tree_entry_id(after)) == 1,
          git_tree_entry_filemode(before) == git_tree_entry_filemode(after)
        {
          continue
        }
        if kind == EntryKind(after) {
          switch kind {
          case .tree:
            try subtreeChanges(before, after, prefix: prefix, into: &list)
          case .file, .link:
            let path = prefix + String(cString: git_tree_entry_name(after))
            list.append(
              TreeDelta(
                status: GIT_DELTA_MODIFIED, oldPath: path, newPath: path,
                oldBlob: git_tree_entry_id(before).pointee,
                newBlob: git_tree_entry_id(after).pointee))
          case .submodule:
            continue
          }
          continue
        }
        try entryChange(before, added: false, prefix: prefix, into: &list)
        try entryChange(after, added: true, prefix: prefix, into: &list)
      } else if order < 0, let before {
        oldIndex += 1
        try entryChange(before, added: false, prefix: prefix, into: &list)
      } else if let after {
        newIndex += 1
        try entryChange(after, added: true, prefix: prefix, into: &list)
      }
    }
  }

  /// Every file under one entry, added or deleted as a whole.
  private func entryChange(
    _ entry: OpaquePointer, added: Bool, prefix: String, into list: inout [TreeDelta]
  ) throws(GitError) {
    switch EntryKind(entry) {
    case .tree:
      try added
        ? subtreeChanges(nil, entry, prefix: prefix, into: &list)
        : subtreeChanges(entry, nil, prefix: prefix, into: &list)
    case .file, .link:
      let path = prefix + String(cString: git_tree_entry_name(entry))
      let id = git_tree_entry_id(entry).pointee
      list.append(
        TreeDelta(
          status: added ? GIT_DELTA_ADDED : GIT_DELTA_DELETED, oldPath: path, newPath: path,
          oldBlob: added ? git_oid() : id, newBlob: added ? id : git_oid()))
    case .submodule:
      return
    }
  }

  /// The changes inside a folder entry present on one side or both.
  private func subtreeChanges(
    _ before: OpaquePointer?, _ after: OpaquePointer?, prefix: String,
    into list: inout [TreeDelta]
  ) throws(GitError) {
    let oldTree = try before.map { entry throws(GitError) in try lookupTree(entry) }
    defer { if let oldTree { git_tree_free(oldTree) } }
    let newTree = try after.map { entry throws(GitError) in try lookupTree(entry) }
    defer { if let newTree { git_tree_free(newTree) } }
    guard let named = after ?? before else { return }
    let folder = prefix + String(cString: git_tree_entry_name(named)) + "/"
    try blobChanges(from: oldTree ?? nil, to: newTree ?? nil, prefix: folder, into: &list)
  }

  private func lookupTree(_ entry: OpaquePointer) throws(GitError) -> OpaquePointer? {
    var tree: OpaquePointer?
    try check(
      git_tree_lookup(&tree, repository.pointer, git_tree_entry_id(entry)), "git_tree_lookup")
    return tree
  }

  /// libgit2's diff of two trees with its rename detection, as plain values.
  private func renameDetectingDeltas(
    from oldTree: OpaquePointer?, to newTree: OpaquePointer?
  ) throws(GitError) -> [TreeDelta] {
    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, repository.pointer, oldTree, newTree, &options),
      "git_diff_tree_to_tree")
    defer { git_diff_free(diff) }
    var find = git_diff_find_options()
    try check(
      git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
      "git_diff_find_options_init")
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
    var list: [TreeDelta] = []
    for index in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, index)?.pointee,
        delta.old_file.mode != GIT_FILEMODE_COMMIT.rawValue,
        delta.new_file.mode != GIT_FILEMODE_COMMIT.rawValue
      else { continue }
      let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""
      list.append(
        TreeDelta(
          status: delta.status,
          oldPath: delta.old_file.path.map { String(cString: $0) } ?? newPath,
          newPath: newPath, oldBlob: delta.old_file.id, newBlob: delta.new_file.id))
    }
    return list
  }

  /// The zero-context hunks between a delta's two blobs, diffed as git blame diffs them.
  ///
  /// Diffed as buffers: blobs would make libgit2 look up attributes (a diff driver) on disk for
  /// every diff, and blame's diff is plain text anyway.
  fileprivate mutating func hunks(from delta: TreeDelta) throws(GitError) -> [DiffHunk] {
    let oldBlob: OpaquePointer? =
      delta.status == GIT_DELTA_ADDED ? nil : try blobs.take(delta.oldBlob, from: repository)
    defer { if let oldBlob { git_blob_free(oldBlob) } }
    let newBlob = try blobs.take(delta.newBlob, from: repository)
    defer { blobs.keep(newBlob, id: delta.newBlob) }
    var options = diffOptions
    var patch: OpaquePointer?
    try check(
      git_patch_from_buffers(
        &patch, oldBlob.flatMap(git_blob_rawcontent), oldBlob.map(Self.size) ?? 0, nil,
        newBlob.flatMap(git_blob_rawcontent), newBlob.map(Self.size) ?? 0, nil, &options),
      "git_patch_from_buffers")
    defer { git_patch_free(patch) }
    var hunks: [DiffHunk] = []
    let count = git_patch_num_hunks(patch)
    hunks.reserveCapacity(count)
    for index in 0..<count {
      var hunk: UnsafePointer<git_diff_hunk>?
      try check(git_patch_get_hunk(&hunk, nil, patch, index), "git_patch_get_hunk")
      guard let value = hunk?.pointee else { continue }
      hunks.append(
        DiffHunk(
          oldStart: Int(value.old_start), oldLines: Int(value.old_lines),
          newStart: Int(value.new_start), newLines: Int(value.new_lines)))
    }
    return hunks
  }

  private static func size(_ blob: OpaquePointer) -> Int { Int(git_blob_rawsize(blob)) }

  /// The blame hunks of `path` at head from its origins; nil when they do not cover the file's
  /// lines exactly.
  fileprivate mutating func hunks(path: String, origins: LineOrigins) throws(GitError)
    -> [BlameHunk]?
  {
    guard let id = try repository.blobID(of: path, at: head) else { return nil }
    let blob = try blobs.take(id, from: repository)
    defer { git_blob_free(blob) }
    let count = lineCount(blob)
    let explicit = origins.explicitLineCount
    guard explicit == count || (explicit < count && origins.olderTail) else { return nil }
    let boundary = change.mergeBase ?? head
    var hunks: [BlameHunk] = []
    var line = 1
    for run in origins.runs {
      let origin = run.origin
      if origin.isOlder {
        hunks.append(
          BlameHunk(
            startLine: line, lineCount: run.count, commit: boundary, isBoundary: true,
            originalPath: nil))
      } else {
        let originalPath = pathNames[Int(origin.path)]
        hunks.append(
          BlameHunk(
            startLine: line, lineCount: run.count, commit: change.commits[Int(origin.commit)].id,
            isBoundary: false, originalPath: originalPath == path ? nil : originalPath,
            originalStartLine: origin.line))
      }
      line += run.count
    }
    if line <= count {
      hunks.append(
        BlameHunk(
          startLine: line, lineCount: count - line + 1, commit: boundary, isBoundary: true,
          originalPath: nil))
    }
    return hunks
  }

  /// `path` blamed on its own, for a file whose one-pass origins did not add up.
  fileprivate func fallback(_ path: String) throws(GitError) -> [BlameHunk] {
    let hunks = try repository.blame(path: path, newest: head, oldest: change.mergeBase)
    guard change.mergeBase == nil else { return hunks }
    // libgit2 calls a root commit a boundary; over the whole history it is part of the range.
    return hunks.map { hunk in
      BlameHunk(
        startLine: hunk.startLine, lineCount: hunk.lineCount, commit: hunk.commit,
        isBoundary: false, originalPath: hunk.originalPath,
        originalStartLine: hunk.originalStartLine)
    }
  }
}

extension Repository {
  /// Whether git's diffs use the indent heuristic here (`diff.indentHeuristic`, on by default).
  fileprivate func indentHeuristic() throws(GitError) -> Bool {
    guard let value = try configString("diff.indentHeuristic")?.lowercased() else { return true }
    return !["false", "no", "off", "0"].contains(value)
  }

  /// Reads a blob; the caller frees it.
  fileprivate func lookupBlob(_ id: git_oid) throws(GitError) -> OpaquePointer? {
    var oid = id
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, pointer, &oid), "git_blob_lookup")
    return blob
  }

  /// The blob `path` names in `commit`'s tree; nil when it names none.
  fileprivate func blobID(of path: String, at commit: ObjectID) throws(GitError) -> git_oid? {
    let tree = try tree(of: commit)
    defer { git_tree_free(tree) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, tree, path)
    if code == gitNotFound { return nil }
    try check(code, "git_tree_entry_bypath")
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let id = git_tree_entry_id(entry) else {
      return nil
    }
    return id.pointee
  }
}

/// How many lines a blob has as git's diff counts them (a last line without a newline too).
private func lineCount(_ blob: OpaquePointer?) -> Int {
  let size = Int(git_blob_rawsize(blob))
  guard size > 0, let bytes = git_blob_rawcontent(blob) else { return 0 }
  let buffer = UnsafeRawBufferPointer(start: bytes, count: size)
  var lines = 0
  for byte in buffer where byte == UInt8(ascii: "\n") { lines += 1 }
  return buffer[size - 1] == UInt8(ascii: "\n") ? lines : lines + 1
}

/// Loaded blobs by id, so that the blob a commit's diff reads as its new side is not read and
/// inflated again when the next commit changing the file reads it as its old side.
///
/// Bounded: past `limit` blobs the oldest kept one is freed.
private struct BlobCache {
  let limit = 4096
  var loaded: [ObjectID: OpaquePointer] = [:]
  var order: [ObjectID] = []

  /// The blob `id`, owned by the caller from now on (cached or read).
  mutating func take(_ id: git_oid, from repository: Repository) throws(GitError)
    -> OpaquePointer?
  {
    if let blob = loaded.removeValue(forKey: ObjectID(id)) { return blob }
    return try repository.lookupBlob(id)
  }

  /// Keeps `blob` (which the caller owned) for a later `take`.
  mutating func keep(_ blob: OpaquePointer?, id: git_oid) {
    guard let blob else { return }
    let key = ObjectID(id)
    if let previous = loaded.updateValue(blob, forKey: key) {
      git_blob_free(previous)
      return
    }
    order.append(key)
    while loaded.count > limit, !order.isEmpty {
      if let evicted = loaded.removeValue(forKey: order.removeFirst()) { git_blob_free(evicted) }
    }
    if order.count > 4 * limit { order = order.filter { loaded[$0] != nil } }
  }

  /// Frees every kept blob.
  mutating func removeAll() {
    for blob in loaded.values { git_blob_free(blob) }
    loaded = [:]
    order = []
  }
}
