import Foundation
import GitKit
import TestSupport
import Testing

@testable import Attribution

@Suite("Added lines get the commit git blame gives them, all files blamed in one pass")
struct OnePassTests {
  /// Per line of `path` at HEAD, the commit `git blame base..HEAD` gives it (nil: older).
  func gitBlame(_ fixture: Fixture, base: String, path: String) throws -> [Int: String] {
    let output = try fixture.scratch.git(["blame", "-s", "-l", "\(base)..HEAD", "--", path])
    var result: [Int: String] = [:]
    for (index, line) in output.split(separator: "\n").enumerated() where !line.hasPrefix("^") {
      result[index + 1] = String(line.prefix(40))
    }
    return result
  }

  let agent = "Claude Code <noreply@anthropic.com>"

  @Test("Renames, a merge with lines of its own, moved and re-added lines")
  func mixedHistory() throws {
    let fixture = try Fixture()
    let numbered = { (prefix: String, count: Int) in (1...count).map { "\(prefix) \($0)" } }
    try fixture.write("a.py", numbered("a", 10))
    try fixture.write("b.py", numbered("b", 6))
    try fixture.write("gone.py", numbered("gone", 4))
    let base = try fixture.scratch.commit("Start\n", author: dana)

    var a = numbered("a", 10)
    a.insert(contentsOf: ["ai 1", "ai 2", "ai 3"], at: 4)
    try fixture.write("a.py", a)
    try fixture.write("lib/helper.py", numbered("helper", 12))
    try fixture.scratch.commit("Add helper\n", author: agent)

    try fixture.scratch.remove("lib/helper.py")
    var helper = numbered("helper", 12)
    helper[5] = "helper six, by hand"
    try fixture.write("lib/renamed.py", helper)
    a.removeSubrange(0..<2)
    a.append(contentsOf: ["a 1", "a 2"])
    try fixture.write("a.py", a)
    try fixture.scratch.remove("gone.py")
    try fixture.scratch.commit("Rename helper, move two lines\n", author: dana)

    try fixture.scratch.git(["checkout", "-q", "-b", "side"])
    try fixture.write("b.py", ["side 0"] + numbered("b", 6))
    try fixture.scratch.commit("Side work\n", author: agent)
    try fixture.scratch.git(["checkout", "-q", "main"])
    try fixture.write("b.py", numbered("b", 6) + ["main 7"])
    try fixture.write("gone.py", numbered("gone", 4) + ["back"])
    try fixture.scratch.commit("Main work, gone.py re-created\n", author: dana)
    try fixture.scratch.git(["merge", "-q", "--no-ff", "--no-commit", "side"])
    try fixture.write("b.py", ["side 0"] + numbered("b", 6) + ["main 7", "merge 8"])
    try fixture.scratch.commit("Merge side\n", author: dana)

    let report = try fixture.attribute(base: base)
    #expect(report.files.map(\.path) == ["a.py", "b.py", "gone.py", "lib/renamed.py"])
    var checked = 0
    for file in report.files {
      let expected = try gitBlame(fixture, base: base, path: file.path)
      for range in file.ranges {
        for line in range.start...range.end {
          #expect(
            report.attribution(path: file.path, line: line)?.commit?.hex == expected[line],
            "\(file.path):\(line)")
          checked += 1
        }
      }
    }
    #expect(checked == report.summary.added && checked > 20)
    #expect(describe(report, "b.py", 1...1) == ["1: ai Claude Code"])
    #expect(describe(report, "b.py", 8...8) == ["8: unknown"])
    #expect(
      describe(report, "lib/renamed.py", 5...7) == [
        "5: ai Claude Code", "6: unknown", "7: ai Claude Code",
      ])
  }

  @Test("A line moved inside the range keeps the commit that moved it, as git blame says")
  func movedLine() throws {
    let fixture = try Fixture()
    try fixture.write("m.txt", ["one", "two", "three", "four"])
    let base = try fixture.scratch.commit("Start\n", author: dana)
    try fixture.write("m.txt", ["one", "two", "three", "four", "new"])
    try fixture.scratch.commit("New\n", author: agent)
    try fixture.write("m.txt", ["four", "one", "two", "three", "new"])
    let moved = try fixture.scratch.commit("Move four up\n", author: dana)
    let report = try fixture.attribute(base: base)
    let expected = try gitBlame(fixture, base: base, path: "m.txt")
    #expect(expected[1] == moved)
    #expect(report.attribution(path: "m.txt", line: 1)?.commit?.hex == expected[1])
    #expect(describe(report, "m.txt", 5...5) == ["5: ai Claude Code"])
  }
}
