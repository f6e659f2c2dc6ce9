import Testing

@testable import Rules

/// The files of the project semgrep 1.185.0 was run on to record what each glob selects.
private let files = [
  "foo.py", "sub/foo.py", "a/b.py", "c/a/b.py", "a/x.py", "c/a/x.py", "a/d/x.py", "t/u/v.py",
  "x/t/v.py", "a.py", "ab.py", ".hidden.py",
]

/// What `semgrep scan` 1.185.0 reported for a rule with `paths: {include: [glob]}` over `files`:
/// an unanchored glob matches at any depth even with a `/` inside, and a file or any folder it
/// lies in.
@Test(
  "A rule's paths: include selects what semgrep's does",
  arguments: [
    ("/foo.py", ["foo.py"]),
    ("a/b.py", ["a/b.py", "c/a/b.py"]),
    ("a/", ["a/b.py", "a/d/x.py", "a/x.py", "c/a/b.py", "c/a/x.py"]),
    ("a", ["a/b.py", "a/d/x.py", "a/x.py", "c/a/b.py", "c/a/x.py"]),
    ("a/*.py", ["a/b.py", "a/x.py", "c/a/b.py", "c/a/x.py"]),
    ("[ab].py", ["a.py", "a/b.py", "c/a/b.py"]),
    ("**/t/*.py", ["x/t/v.py"]),
    ("t/", ["t/u/v.py", "x/t/v.py"]),
    ("./a/x.py", ["a/x.py"]),
    ("a/**", ["a/b.py", "a/d/x.py", "a/x.py", "c/a/b.py", "c/a/x.py"]),
    ("a**.py", ["a.py", "ab.py"]),
    ("*", files),
    ("a/d", ["a/d/x.py"]),
    ("/a", ["a/b.py", "a/d/x.py", "a/x.py"]),
    ("**/a/x.py", ["a/x.py", "c/a/x.py"]),
    ("**", files),
    ("c/**/x.py", ["c/a/x.py"]),
    ("a\\b.py", ["ab.py"]),
    (".*.py", [".hidden.py"]),
    ("*.py/", []),
  ])
func rulePathsInclude(glob: String, selected: [String]) {
  let paths = PathGlobs(PathFilter(include: [glob]))
  #expect(files.filter { paths.allows($0) }.sorted() == selected.sorted())
}

/// What `semgrep scan --exclude GLOB` 1.185.0 left out of `files`: gitignore's anchoring, where
/// a `/` before the end ties the glob to the root.
@Test(
  "An exclude glob leaves out what semgrep's --exclude does",
  arguments: [
    ("/foo.py", ["foo.py"]),
    ("a/b.py", ["a/b.py"]),
    ("a/", ["a/b.py", "a/d/x.py", "a/x.py", "c/a/b.py", "c/a/x.py"]),
    ("a/*.py", ["a/b.py", "a/x.py"]),
    ("./a/x.py", ["a/x.py"]),
    ("a**.py", ["a.py", "ab.py"]),
    ("a/d", ["a/d/x.py"]),
    ("[ab].py", ["a.py", "a/b.py", "c/a/b.py"]),
    ("*.py/", []),
    ("c/**/x.py", ["c/a/x.py"]),
    ("a/**", ["a/b.py", "a/d/x.py", "a/x.py"]),
  ])
func excludeGlobs(glob: String, excluded: [String]) {
  let paths = PathGlobs(exclude: [glob], anchoring: .gitignore)
  #expect(files.filter { !paths.allows($0) }.sorted() == excluded.sorted())
}

@Test("Excludes win over includes, and no paths: lets everything through")
func excludesWin() {
  let paths = PathGlobs(PathFilter(include: ["*.py"], exclude: ["tests/"]))
  #expect(paths.allows("src/a.py"))
  #expect(!paths.allows("src/tests/a.py"))
  #expect(!paths.allows("a.js"))
  #expect(files.allSatisfy { PathGlobs(PathFilter()).allows($0) })
}

@Test("A glob of nothing is no glob", arguments: ["", "/", "//", "./"])
func emptyGlobs(text: String) {
  #expect(Glob(text, anchoring: .gitignore) == nil)
}

@Test("A path matches only as a folder when the glob ends in /")
func folderOnly() throws {
  let glob = try #require(Glob("build/", anchoring: .gitignore))
  #expect(glob.matches(["src", "build"], isDirectory: true))
  #expect(!glob.matches(["src", "build"], isDirectory: false))
  #expect(glob.matchesFileOrFolder(["src", "build", "a.py"]))
  #expect(!glob.matchesFileOrFolder(["src", "build"]))
}
