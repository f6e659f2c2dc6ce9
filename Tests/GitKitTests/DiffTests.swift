import Foundation
import GitKit
import TestSupport
import Testing

/// What `git diff --unified=0` says was added, per new path: the reference for our diff.
func gitAddedLines(_ repo: ScratchRepository, _ arguments: [String]) throws -> [String: [Int]] {
  let output = try repo.git(["diff", "--unified=0", "--find-renames", "--no-color"] + arguments)
  var result: [String: [Int]] = [:]
  var current: String?
  for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("+++ ") {
      let path = line.dropFirst(4)
      current = path == "/dev/null" ? nil : String(path.dropFirst(2))
      if let current, result[current] == nil { result[current] = [] }
    } else if line.hasPrefix("@@ "), let current {
      // @@ -a,b +c,d @@
      let parts = line.split(separator: " ")
      guard parts.count >= 3 else { continue }
      let newSide = parts[2].dropFirst().split(separator: ",")
      let start = Int(newSide[0]) ?? 0
      let count = newSide.count > 1 ? Int(newSide[1]) ?? 0 : 1
      result[current, default: []] += count > 0 ? Array(start..<(start + count)) : []
    }
  }
  return result
}

/// A small history with every kind of change, built once per test.
func linearHistory() throws -> (ScratchRepository, base: String, head: String) {
  let repo = try ScratchRepository()
  try repo.write("keep.py", (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n")
  try repo.write("gone.txt", "to be deleted\n")
  try repo.write(
    "old/name.py", (1...20).map { "def f\($0)(): return \($0)" }.joined(separator: "\n") + "\n")
  try repo.write("image.bin", data: Data([0, 1, 2, 3, 0, 255, 0, 7]))
  let base = try repo.commit("Initial")
  var keep = (1...30).map { "line \($0)" }
  keep[4] = "line 5 changed"
  keep.insert(contentsOf: ["new a", "new b"], at: 10)
  keep.append("tail é ü")
  try repo.write("keep.py", keep.joined(separator: "\n") + "\n")
  try repo.remove("gone.txt")
  try repo.remove("old/name.py")
  var renamed = (1...20).map { "def f\($0)(): return \($0)" }
  renamed[2] = "def f3(): return 333"
  try repo.write("new/name.py", renamed.joined(separator: "\n") + "\n")
  try repo.write("image.bin", data: Data([0, 1, 2, 3, 0, 254, 0, 7, 9]))
  try repo.write("fresh.go", "package main\n\nfunc main() {}\n")
  try repo.commit("Change everything")
  try repo.write("fresh.go", "package main\n\n// hello\nfunc main() {}\n")
  let head = try repo.commit("Touch fresh.go")
  return (repo, base, head)
}

@Suite("Diffs agree with git")
struct DiffTests {
  @Test("A linear range: added, modified, deleted, renamed and binary files")
  func linearRange() throws {
    let (repo, base, head) = try linearHistory()
    let repository = try Repository.open(at: repo.path, environment: [:])
    let changes = try repository.changeSet(base: base, head: head)
    let expected = try gitAddedLines(repo, [base, head])

    let byPath = Dictionary(uniqueKeysWithValues: changes.files.map { ($0.path, $0) })
    #expect(Set(byPath.keys) == ["keep.py", "gone.txt", "new/name.py", "image.bin", "fresh.go"])
    #expect(byPath["gone.txt"]?.status == .deleted)
    #expect(byPath["gone.txt"]?.addedLines == [])
    #expect(byPath["new/name.py"]?.status == .renamed)
    #expect(byPath["new/name.py"]?.oldPath == "old/name.py")
    #expect(byPath["image.bin"]?.isBinary == true)
    #expect(byPath["fresh.go"]?.status == .added)
    #expect(byPath["keep.py"]?.status == .modified)
    for change in changes.files where !change.isBinary && change.status != .deleted {
      #expect(change.addedLines == expected[change.path] ?? [], "\(change.path)")
    }
    #expect(byPath["keep.py"]?.addedRanges == [5...5, 11...12, 33...33])
    #expect(changes.commits.map(\.subject) == ["Change everything", "Touch fresh.go"])
    #expect(changes.mergeBase?.hex == base)
  }

  @Test("Each commit's own diff matches git's", arguments: ["HEAD~1", "HEAD~2"])
  func singleSteps(base: String) throws {
    let (repo, _, _) = try linearHistory()
    let repository = try Repository.open(at: repo.path, environment: [:])
    let changes = try repository.changeSet(base: base, head: "HEAD")
    let expected = try gitAddedLines(repo, [base, "HEAD"])
    for change in changes.files where !change.isBinary && change.status != .deleted {
      #expect(change.addedLines == expected[change.path] ?? [], "\(change.path)")
    }
  }

  @Test("The root commit as base, and no base at all")
  func rootCommit() throws {
    let (repo, base, head) = try linearHistory()
    let repository = try Repository.open(at: repo.path, environment: [:])
    let fromRoot = try repository.changeSet(base: base, head: head)
    #expect(fromRoot.commits.count == 2)
    let whole = try repository.changeSet(base: nil, head: head)
    #expect(whole.commits.count == 3)
    #expect(whole.mergeBase == nil)
    #expect(whole.files.allSatisfy { $0.status == .added })
    let keep = whole.files.first { $0.path == "keep.py" }
    #expect(keep?.addedLines == Array(1...33))
  }

  @Test("An empty range has no files and no commits")
  func emptyRange() throws {
    let (repo, _, head) = try linearHistory()
    let repository = try Repository.open(at: repo.path, environment: [:])
    let changes = try repository.changeSet(base: head, head: head)
    #expect(changes.files.isEmpty)
    #expect(changes.commits.isEmpty)
    #expect(changes.addedLineCount == 0)
  }

  @Test("A merge commit inside the range")
  func mergeInRange() throws {
    let repo = try ScratchRepository()
    try repo.write("a.py", "a = 1\n")
    let base = try repo.commit("base")
    try repo.git(["checkout", "-q", "-b", "feature"])
    try repo.write("b.py", "b = 2\nb2 = 3\n")
    try repo.commit("feature work")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("a.py", "a = 1\na2 = 5\n")
    try repo.commit("main work")
    try repo.git(
      ["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
      environment: [
        "GIT_AUTHOR_DATE": "@1800000000 +0000", "GIT_COMMITTER_DATE": "@1800000000 +0000",
      ])
    let repository = try Repository.open(at: repo.path, environment: [:])
    let changes = try repository.changeSet(base: base, head: "HEAD")
    #expect(changes.commits.count == 3)
    #expect(changes.commits.last?.isMerge == true)
    #expect(changes.commits.last?.subject == "Merge feature")
    let expected = try gitAddedLines(repo, [base, "HEAD"])
    #expect(changes.files.map(\.path) == ["a.py", "b.py"])
    for change in changes.files {
      #expect(change.addedLines == expected[change.path], "\(change.path)")
    }
  }

  @Test("File contents at a commit and in the index")
  func contents() throws {
    let (repo, base, head) = try linearHistory()
    let repository = try Repository.open(at: repo.path, environment: [:])
    let headID = try repository.resolve(head)
    let baseID = try repository.resolve(base)
    let text = try repository.contents(of: "fresh.go", at: headID).map {
      String(decoding: $0, as: UTF8.self)
    }
    #expect(text == "package main\n\n// hello\nfunc main() {}\n")
    #expect(try repository.contents(of: "fresh.go", at: baseID) == nil)
    try repo.write("fresh.go", "package staged\n")
    try repo.git(["add", "fresh.go"])
    let staged = try repository.stagedContents(of: "fresh.go")
    #expect(staged == Data("package staged\n".utf8))
    #expect(try repository.stagedContents(of: "missing.go") == nil)
  }
}
