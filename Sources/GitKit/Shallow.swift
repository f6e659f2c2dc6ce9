import CLibGit2
import Foundation

/// History walks for shallow clones.
///
/// libgit2 1.5 does not read `.git/shallow`: walking past a cut-off commit looks for parents
/// the clone does not have, and fails. git treats the commits listed there as having no
/// parents; these walks do the same, so a depth-2 clone gates its last commit as git would.
extension Repository {
  /// The commits `.git/shallow` lists: in this clone they have no parents.
  func shallowRoots() -> Set<ObjectID> {
    let common = String(cString: git_repository_commondir(pointer))
    let path = (common as NSString).appendingPathComponent("shallow")
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
  }

  /// The parents of `id` as this clone has them (none for a shallow root).
  private func presentParents(_ id: ObjectID, roots: Set<ObjectID>) throws(GitError) -> [ObjectID] {
    if roots.contains(id) { return [] }
    var oid = id.oid
    var raw: OpaquePointer?
    let code = git_commit_lookup(&raw, pointer, &oid)
    if code == gitNotFound { throw .missingInShallowClone(revision: id.hex) }
    try check(code, "git_commit_lookup")
    defer { git_commit_free(raw) }
    return (0..<git_commit_parentcount(raw)).compactMap { index in
      git_commit_parent_id(raw, index).map { ObjectID($0) }
    }
  }

  /// `id` and every ancestor the clone has.
  private func presentAncestors(
    of id: ObjectID, roots: Set<ObjectID>
  ) throws(GitError) -> Set<ObjectID> {
    var seen: Set<ObjectID> = [id]
    var stack = [id]
    while let next = stack.popLast() {
      for parent in try presentParents(next, roots: roots) where seen.insert(parent).inserted {
        stack.append(parent)
      }
    }
    return seen
  }

  /// The merge-base in a shallow clone.
  ///
  /// The common ancestors of both that are not ancestors of another common one (the first by
  /// id when several are best, as a criss-cross merge has). Throws `missingInShallowClone` when the clone's history is cut before they meet.
  func shallowMergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID {
    let roots = shallowRoots()
    let first = try presentAncestors(of: one, roots: roots)
    var candidates: [ObjectID] = []
    var seen: Set<ObjectID> = [two]
    var queue = [two]
    var cursor = 0
    while cursor < queue.count {
      let next = queue[cursor]
      cursor += 1
      if first.contains(next) {
        candidates.append(next)
        continue
      }
      for parent in try presentParents(next, roots: roots) where seen.insert(parent).inserted {
        queue.append(parent)
      }
    }
    var best: [ObjectID] = []
    for candidate in candidates {
      var covered = false
      for other in candidates where other != candidate {
        if try presentAncestors(of: other, roots: roots).contains(candidate) {
          covered = true
          break
        }
      }
      if !covered { best.append(candidate) }
    }
    guard let chosen = best.min(by: { $0.hex < $1.hex }) else {
      throw .missingInShallowClone(revision: "merge-base of \(one.short) and \(two.short)")
    }
    return chosen
  }

  /// The commits reachable from `head` and not from `base` in a shallow clone, parents before
  /// children (older first among siblings).
  func shallowCommits(from base: ObjectID?, to head: ObjectID) throws(GitError) -> [Commit] {
    let roots = shallowRoots()
    let hidden =
      try base.map { id throws(GitError) in try presentAncestors(of: id, roots: roots) }
      ?? []
    var order: [ObjectID] = []
    var state: [ObjectID: Bool] = [:]  // false: being visited, true: done
    var stack: [(ObjectID, [ObjectID])] = []
    if !hidden.contains(head) {
      state[head] = false
      stack.append((head, try presentParents(head, roots: roots)))
    }
    while !stack.isEmpty {
      let top = stack.count - 1
      if let parent = stack[top].1.popLast() {
        if hidden.contains(parent) || state[parent] != nil { continue }
        state[parent] = false
        stack.append((parent, try presentParents(parent, roots: roots)))
      } else {
        let (done, _) = stack.removeLast()
        state[done] = true
        order.append(done)
      }
    }
    var commits: [Commit] = []
    for id in order { commits.append(try commit(id)) }
    return commits
  }
}
