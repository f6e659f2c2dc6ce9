import GitKit
import TestSupport
import Testing

@Suite("Blame within a range")
struct BlameTests {
  /// Line number to commit, for lines git blame attributes inside `range` (not boundary lines).
  func gitBlame(_ repo: ScratchRepository, range: String, path: String) throws -> [Int: String] {
    let output = try repo.git(["blame", "-s", "-l", range, "--", path])
    var result: [Int: String] = [:]
    for (index, line) in output.split(separator: "\n").enumerated() where !line.hasPrefix("^") {
      result[index + 1] = String(line.prefix(40))
    }
    return result
  }

  @Test("Each line gets the commit in the range that last changed it")
  func blameInRange() throws {
    let repo = try ScratchRepository()
    try repo.write("app.py", (1...8).map { "x\($0) = \($0)" }.joined(separator: "\n") + "\n")
    try repo.commit("before the range")
    let base = try repo.commit("base", allowEmpty: true)
    var lines = (1...8).map { "x\($0) = \($0)" }
    lines[1] = "x2 = 'two'"
    lines.append("x9 = 9")
    try repo.write("app.py", lines.joined(separator: "\n") + "\n")
    let second = try repo.commit("second")
    lines[3] = "x4 = 'four'"
    lines[8] = "x9 = 'nine'"
    try repo.write("app.py", lines.joined(separator: "\n") + "\n")
    let third = try repo.commit("third")

    let repository = try Repository.open(at: repo.path, environment: [:])
    let hunks = try repository.blame(
      path: "app.py", newest: try repository.resolve(third), oldest: try repository.resolve(base))
    var byLine: [Int: String] = [:]
    for hunk in hunks where !hunk.isBoundary {
      for line in hunk.lines { byLine[line] = hunk.commit.hex }
    }
    #expect(byLine == [2: second, 4: third, 9: third])
    #expect(byLine == (try gitBlame(repo, range: "\(base)..\(third)", path: "app.py")))
    let covered = hunks.reduce(0) { $0 + $1.lineCount }
    #expect(covered == 9)
  }

  @Test("Blame can be limited to a span of lines")
  func blameSpan() throws {
    let repo = try ScratchRepository()
    try repo.write("a.txt", "1\n2\n3\n4\n")
    let base = try repo.commit("base")
    try repo.write("a.txt", "1\ntwo\n3\nfour\n")
    let head = try repo.commit("change")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let hunks = try repository.blame(
      path: "a.txt", newest: try repository.resolve(head), oldest: try repository.resolve(base),
      lines: 3...4)
    #expect(hunks.first?.startLine == 3)
    #expect(hunks.reduce(0) { $0 + $1.lineCount } == 2)
    #expect(hunks.filter { !$0.isBoundary }.map(\.lines) == [4...4])
  }
}
