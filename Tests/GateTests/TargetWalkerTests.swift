import Foundation
import Gate
import TestSupport
import Testing

@Suite("Finding the files to scan")
struct TargetWalkerTests {
  /// A tree with nested .gitignore files exercising negation, anchoring, folders-only and `**`.
  func tree() throws -> ScratchRepository {
    let repo = try ScratchRepository()
    try repo.write(
      ".gitignore",
      """
      # comments and blank lines

      *.log
      !keep.log
      /build/
      docs/**/*.tmp
      cache/
      a?c.py
      [xy]z.py
      \\#literal.py
      """)
    try repo.write("src/.gitignore", "local.py\n/anchored.py\n")
    for path in [
      "app.py", "debug.log", "keep.log", "build/out.py", "src/build/in.py", "docs/a/b/c.tmp",
      "docs/x.tmp", "cache/c.py", "src/cache/d.py", "abc.py", "abbc.py", "xz.py", "zz.py",
      "#literal.py", "src/local.py", "src/deep/local.py", "src/anchored.py",
      "src/deep/anchored.py", "src/ok.py",
    ] {
      try repo.write(path, "x = 1\n")
    }
    try repo.write(".semgrepignore", "")
    return repo
  }

  @Test("Agrees with git on what .gitignore files ignore")
  func matchesGit() throws {
    let repo = try tree()
    let expected = try repo.git(["ls-files", "--others", "--exclude-standard"])
      .split(separator: "\n").map(String.init).sorted()
    let walked = try TargetWalker.walk(["."], workingDirectory: repo.path)
    #expect(walked.targets.map(\.path).sorted() == expected)
  }

  @Test("semgrep's default list applies when there is no .semgrepignore")
  func defaultIgnore() throws {
    let repo = try ScratchRepository()
    for path in ["app.py", "tests/t.py", "node_modules/m.js", "web/app.min.js", "x_test.go"] {
      try repo.write(path, "x = 1\n")
    }
    let walked = try TargetWalker.walk(["."], workingDirectory: repo.path)
    #expect(walked.targets.map(\.path) == ["app.py"])
  }

  /// What semgrep 1.185 does on the same tree: outside git, the scanned folder is the project
  /// root, whose `.semgrepignore` replaces the default list (so `tests/` is scanned), whatever
  /// the working directory holds; a deeper `.semgrepignore` applies to its own folder.
  @Test("Outside git the scanned folder's .semgrepignore decides, and deeper ones apply")
  func semgrepIgnoreOutsideGit() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-walk-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func write(_ path: String, _ text: String) throws {
      let url = URL(fileURLWithPath: folder + "/" + path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    try write(".semgrepignore", "ok.py\n")
    try write("code/.semgrepignore", "foo.py\n")
    try write("code/sub/.semgrepignore", "bar.py\n")
    for path in [
      "code/foo.py", "code/ok.py", "code/sub/bar.py", "code/sub/ok2.py", "code/tests/t.py",
    ] {
      try write(path, "x = 1\n")
    }
    let walked = try TargetWalker.walk(["code"], workingDirectory: folder)
    #expect(
      walked.targets.map(\.path).filter { $0.hasSuffix(".py") }.sorted() == [
        "code/ok.py", "code/sub/ok2.py", "code/tests/t.py",
      ])
    // Outside git, .gitignore files are not read (semgrep's default list included).
    try write("code/.gitignore", "ok.py\n")
    // Without one at the root, the default list applies and the deeper file still does.
    try FileManager.default.removeItem(atPath: folder + "/code/.semgrepignore")
    let defaults = try TargetWalker.walk(["code"], workingDirectory: folder)
    #expect(
      defaults.targets.map(\.path).filter { $0.hasSuffix(".py") }.sorted() == [
        "code/foo.py", "code/ok.py", "code/sub/ok2.py",
      ])
  }

  @Test("Binary and oversized files are skipped and counted; named files are kept")
  func skipped() throws {
    let repo = try ScratchRepository()
    try repo.write(".semgrepignore", "")
    try repo.write("bin.dat", data: Data([0x7f, 0x45, 0, 1]))
    try repo.write("big.py", String(repeating: "x = 1\n", count: 300))
    try repo.write("small.py", "x = 1\n")
    try repo.write("ignored/named.py", "x = 1\n")
    try repo.write(".gitignore", "ignored/\n")
    let walked = try TargetWalker.walk(
      [".", "ignored/named.py"], workingDirectory: repo.path,
      options: TargetWalker.Options(maxFileSize: 1000))
    #expect(
      walked.targets.map(\.path) == [
        ".gitignore", ".semgrepignore", "small.py", "ignored/named.py",
      ])
    let reasons = Dictionary(uniqueKeysWithValues: walked.skipped.map { ($0.path, $0.reason) })
    #expect(reasons["bin.dat"] == "binary")
    #expect(reasons["big.py"] == "larger than 1000 bytes")
  }

  @Test("A path that does not exist is an error")
  func missing() {
    #expect(throws: GateError.self) {
      try TargetWalker.walk(["nope"], workingDirectory: FileManager.default.temporaryDirectory.path)
    }
  }
}
