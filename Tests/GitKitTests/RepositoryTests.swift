import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Opening repositories and resolving revisions")
struct RepositoryTests {
  @Test("libgit2 starts without loading the system's CA bundle, and still reads repositories")
  func startsOffline() throws {
    // libgit2's start must reach aigate's no-op certificate loaders (else every start parses
    // the whole bundle again): the link's --wrap must have taken.
    #expect(offlineTLSActive)
    let repo = try ScratchRepository()
    try repo.write("a.txt", "x\n")
    let head = try repo.commit("one")
    let repository = try Repository.open(at: repo.path, environment: [:])
    #expect(try repository.resolve("HEAD").hex == head)
  }

  @Test("Opens from a folder deep inside the working tree")
  func openFromSubfolder() throws {
    let repo = try ScratchRepository()
    try repo.write("a/b/c.txt", "x\n")
    try repo.commit("one")
    let repository = try Repository.open(at: repo.path + "/a/b", environment: [:])
    let root = URL(fileURLWithPath: repo.path).resolvingSymlinksInPath().path
    #expect(
      repository.workingDirectory.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        == root)
  }

  @Test("A folder outside any repository is a clear error")
  func notARepository() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-norepo-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: GitError.notARepository(path: folder)) {
      try Repository.open(at: folder, environment: ["GIT_CEILING_DIRECTORIES": folder])
    }
  }

  @Test("GIT_DIR names the repository without searching")
  func gitDirEnvironment() throws {
    let repo = try ScratchRepository()
    try repo.write("a.txt", "x\n")
    let head = try repo.commit("one")
    let elsewhere = FileManager.default.temporaryDirectory.path
    let repository = try Repository.open(
      at: elsewhere, environment: ["GIT_DIR": repo.path + "/.git"])
    #expect(try repository.resolve("HEAD").hex == head)
  }

  @Test(
    "Revisions resolve the way git resolves them",
    arguments: ["HEAD", "HEAD~2", "HEAD^", "main", "v1", "v1^{commit}", "origin/main", "topic~1"])
  func resolveRevisions(revision: String) throws {
    let repo = try ScratchRepository()
    for number in 1...4 {
      try repo.write("f.txt", "\(number)\n")
      try repo.commit("commit \(number)")
    }
    try repo.git(["tag", "-a", "v1", "-m", "release", "HEAD~1"])
    try repo.git(["update-ref", "refs/remotes/origin/main", "HEAD~3"])
    try repo.git(["branch", "topic", "HEAD~1"])
    let repository = try Repository.open(at: repo.path, environment: [:])
    let expected = try repo.head(revision + "^{commit}")
    #expect(try repository.resolve(revision).hex == expected)
    let short = String(expected.prefix(8))
    #expect(try repository.resolve(short).hex == expected)
  }

  @Test("An unknown revision is a clear error", arguments: ["nope", "HEAD~40", "deadbeef"])
  func unknownRevision(revision: String) throws {
    let repo = try ScratchRepository()
    try repo.write("f.txt", "1\n")
    try repo.commit("one")
    let repository = try Repository.open(at: repo.path, environment: [:])
    #expect(throws: GitError.unknownRevision(revision)) {
      try repository.resolve(revision)
    }
  }

  @Test("A base missing from a shallow clone says how to fetch it")
  func shallowClone() throws {
    let repo = try ScratchRepository()
    var ids: [String] = []
    for number in 1...3 {
      try repo.write("f.txt", "\(number)\n")
      ids.append(try repo.commit("commit \(number)"))
    }
    let clonePath = repo.path + "-shallow"
    try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clonePath])
    let repository = try Repository.open(at: clonePath, environment: [:])
    #expect(repository.isShallow)
    #expect(throws: GitError.missingInShallowClone(revision: ids[0])) {
      try repository.changeSet(base: ids[0], head: "HEAD")
    }
    let message = String(describing: GitError.missingInShallowClone(revision: ids[0]))
    #expect(message.contains("fetch"))
  }

  @Test("Merge-base of two branches, and of unrelated histories")
  func mergeBase() throws {
    let repo = try ScratchRepository()
    try repo.write("a", "1\n")
    let fork = try repo.commit("fork point")
    try repo.git(["checkout", "-q", "-b", "side"])
    try repo.write("b", "1\n")
    try repo.commit("side")
    try repo.git(["checkout", "-q", "main"])
    try repo.write("c", "1\n")
    try repo.commit("main")
    try repo.git(["checkout", "-q", "--orphan", "lonely"])
    try repo.write("d", "1\n")
    try repo.commit("unrelated")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let base = try repository.mergeBase(repository.resolve("main"), repository.resolve("side"))
    #expect(base?.hex == fork)
    #expect(
      try repository.mergeBase(repository.resolve("main"), repository.resolve("lonely")) == nil)
    #expect(throws: GitError.noMergeBase("lonely", "main")) {
      try repository.changeSet(base: "lonely", head: "main")
    }
  }

  @Test("Notes are read from the ref they were written to")
  func notes() throws {
    let repo = try ScratchRepository()
    try repo.write("a", "1\n")
    let commit = try repo.commit("one")
    try repo.git(["notes", "--ref=ai", "add", "-m", "src/a.py\n  abc 1-3\n---\n{}", commit])
    let repository = try Repository.open(at: repo.path, environment: [:])
    let id = try repository.resolve(commit)
    #expect(try repository.note(for: id, ref: "refs/notes/ai") == "src/a.py\n  abc 1-3\n---\n{}\n")
    #expect(try repository.note(for: id, ref: "refs/notes/commits") == nil)
  }

  @Test("Commit values carry both identities and the whole message")
  func commitValues() throws {
    let repo = try ScratchRepository()
    try repo.write("a", "1\n")
    let id = try repo.commit(
      "Subject line\n\nBody text.\n", author: "Claude Code <noreply@anthropic.com>",
      committer: "Dana Developer <dana@example.com>")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let commit = try repository.commit(try repository.resolve(id))
    #expect(commit.author.name == "Claude Code")
    #expect(commit.author.email == "noreply@anthropic.com")
    #expect(commit.committer.email == "dana@example.com")
    #expect(commit.subject == "Subject line")
    #expect(commit.message == "Subject line\n\nBody text.\n")
    #expect(commit.parents.isEmpty)
  }
}
