import Foundation
import GitKit
import TestSupport
import Testing

/// Runs a real `git commit` whose pre-commit hook records what git handed it and runs
/// `aigate check --staged`, then checks our staged diff against git's own in that hook.
@Suite("Staged mode inside a real git commit")
struct HookTests {
  struct HookRecord {
    let indexCopy: String
    let gitDiff: String
    let aigateStdout: String
    let aigateStderr: String
    let indexVariable: String
  }

  func commitWithHook(_ repo: ScratchRepository, arguments: [String]) throws -> HookRecord {
    guard let binary = AigateBinary.path() else {
      Issue.record("aigate binary not found")
      throw TestSupportError.timedOut(command: ["aigate"])
    }
    let out = repo.path + "-hook"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let hook = """
      #!/bin/sh
      cp "$GIT_INDEX_FILE" "$HOOK_OUT/index"
      printf '%s' "$GIT_INDEX_FILE" > "$HOOK_OUT/index-variable"
      git diff --cached --unified=0 --no-color --find-renames > "$HOOK_OUT/diff"
      "$AIGATE" attribution --staged --format json > "$HOOK_OUT/aigate-stdout" 2> "$HOOK_OUT/aigate-stderr"
      exit 0

      """
    let hookPath = repo.path + "/.git/hooks/pre-commit"
    try hook.write(toFile: hookPath, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
    try repo.git(
      ["commit", "-q", "-m", "hooked"] + arguments,
      environment: ["HOOK_OUT": out, "AIGATE": binary])
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: out + "/" + name, encoding: .utf8)
    }
    return HookRecord(
      indexCopy: out + "/index", gitDiff: try read("diff"),
      aigateStdout: try read("aigate-stdout"), aigateStderr: try read("aigate-stderr"),
      indexVariable: try read("index-variable"))
  }

  func prepare() throws -> ScratchRepository {
    let repo = try ScratchRepository()
    try repo.write("a.py", "a = 1\n")
    try repo.write("b.py", "b = 1\n")
    try repo.commit("base")
    try repo.write("a.py", "a = 1\na2 = 2\na3 = 3\n")
    try repo.write("b.py", "b = 1\nb2 = 2\n")
    return repo
  }

  /// aigate, run by the hook, must see what git's own diff saw in the same hook (its staged
  /// attribution reads the index git handed the hook).
  func check(_ record: HookRecord, files: [String], added: Int) {
    let diffLines = record.gitDiff.split(separator: "\n")
    let gitFiles = diffLines.filter { $0.hasPrefix("+++ b/") }.map { String($0.dropFirst(6)) }
    let gitAdded = diffLines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count
    #expect(gitFiles == files)
    #expect(gitAdded == added)
    let object = try? JSONSerialization.jsonObject(with: Data(record.aigateStdout.utf8))
    let output = object as? [String: Any]
    let paths = (output?["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
    #expect(paths == files, "\(record.aigateStderr)")
    #expect((output?["summary"] as? [String: Any])?["added"] as? Int == added)
  }

  @Test("git commit -a hands the hook a temporary index")
  func commitAll() throws {
    let repo = try prepare()
    let record = try commitWithHook(repo, arguments: ["-a"])
    #expect(record.indexVariable.contains("index"))
    check(record, files: ["a.py", "b.py"], added: 3)
  }

  @Test("git commit PATH stages only that path in a temporary index")
  func commitPath() throws {
    let repo = try prepare()
    let record = try commitWithHook(repo, arguments: ["--", "a.py"])
    #expect(record.indexVariable.hasSuffix(".lock"))
    check(record, files: ["a.py"], added: 2)
  }

  @Test("GIT_INDEX_FILE selects the index that staged mode reads")
  func indexVariable() throws {
    let repo = try prepare()
    try repo.git(["add", "a.py"])
    let partial = repo.path + "/.git/partial-index"
    try FileManager.default.copyItem(atPath: repo.path + "/.git/index", toPath: partial)
    try repo.git(["add", "b.py"])
    let full = try Repository.open(at: repo.path, environment: [:])
    #expect(try full.diffIndexToHead().map(\.path) == ["a.py", "b.py"])
    let onlyA = try Repository.open(at: repo.path, environment: ["GIT_INDEX_FILE": partial])
    let staged = try onlyA.stagedChangeSet()
    #expect(staged.files.map(\.path) == ["a.py"])
    #expect(staged.files.first?.addedLines == [2, 3])
    #expect(staged.isStaged)
  }
}
