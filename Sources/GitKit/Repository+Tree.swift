import CLibGit2
import Foundation

/// What a path names in a commit's tree.
public struct TreeEntry: Hashable, Sendable {
  /// The kinds of entry git records.
  public enum Kind: Hashable, Sendable {
    case file, executable, link, folder, submodule
  }

  /// The repository path.
  public let path: String
  public let kind: Kind
  /// The object: a blob for files and links (a link's blob holds its target), a tree for folders.
  public let id: ObjectID
}

extension Repository {
  /// The entry `path` names in `commit`'s tree; nil when the tree has none.
  ///
  /// Read from the object database only: the working tree and the index play no part, so what
  /// a commit holds cannot be changed by files beside it.
  public func entry(_ path: String, at commit: ObjectID) throws(GitError) -> TreeEntry? {
    let root = try tree(of: commit)
    defer { git_tree_free(root) }
    if path.isEmpty || path == "." {
      return TreeEntry(path: "", kind: .folder, id: ObjectID(git_tree_id(root)))
    }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, root, path)
    if code == gitNotFound { return nil }
    try check(code, "git_tree_entry_bypath")
    defer { git_tree_entry_free(entry) }
    return Self.treeEntry(entry, path: path)
  }

  /// The files, links and submodules under the folder `folder` of `commit`, recursively, sorted
  /// by path; at most `limit` of them (one more when there are more, so callers can tell).
  public func entries(
    under folder: String, at commit: ObjectID, limit: Int
  ) throws(GitError) -> [TreeEntry] {
    guard let start = try entry(folder, at: commit), start.kind == .folder else { return [] }
    var found: [TreeEntry] = []
    var pending: [(prefix: String, id: ObjectID)] = [(start.path, start.id)]
    while let (prefix, id) = pending.popLast(), found.count <= limit {
      var oid = id.oid
      var tree: OpaquePointer?
      try check(git_tree_lookup(&tree, pointer, &oid), "git_tree_lookup")
      defer { git_tree_free(tree) }
      for index in 0..<git_tree_entrycount(tree) {
        guard let raw = git_tree_entry_byindex(tree, index) else { continue }
        let name = String(cString: git_tree_entry_name(raw))
        let path = prefix.isEmpty ? name : prefix + "/" + name
        let entry = Self.treeEntry(raw, path: path)
        if entry.kind == .folder {
          pending.append((path, entry.id))
        } else {
          found.append(entry)
        }
      }
    }
    return Array(found.sorted { $0.path < $1.path }.prefix(limit + 1))
  }

  /// The size in bytes of the blob `id`, read from its header without inflating it.
  public func blobSize(_ id: ObjectID) throws(GitError) -> Int {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, pointer), "git_repository_odb")
    defer { git_odb_free(odb) }
    var size = 0
    var type = GIT_OBJECT_INVALID
    var oid = id.oid
    try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header")
    return size
  }

  /// The bytes of the blob `id`.
  public func blobContents(_ id: ObjectID) throws(GitError) -> Data {
    try blob(id.oid)
  }

  private static func treeEntry(_ raw: OpaquePointer?, path: String) -> TreeEntry {
    let kind: TreeEntry.Kind
    switch git_tree_entry_filemode(raw) {
    case GIT_FILEMODE_TREE: kind = .folder
    case GIT_FILEMODE_LINK: kind = .link
    case GIT_FILEMODE_COMMIT: kind = .submodule
    case GIT_FILEMODE_BLOB_EXECUTABLE: kind = .executable
    default: kind = .file
    }
    return TreeEntry(path: path, kind: kind, id: ObjectID(git_tree_entry_id(raw)))
  }
}
