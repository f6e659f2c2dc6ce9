import Testing

@testable import GitKit

@Suite("Line origins carried through a diff")
struct LineOriginsTests {
  let first = LineOrigin(commit: 0, path: 0, line: 1)

  /// The commit of each of the first `count` lines (-1: older than the range).
  func commits(_ origins: LineOrigins?, _ count: Int) -> [Int32]? {
    origins?.expanded(count: count)?.map(\.commit)
  }

  @Test("A file from before the range keeps older lines around what a commit adds")
  func olderFile() {
    // Old lines 1-5; the commit replaces line 2 with two lines and adds one after line 5.
    let hunks = [
      DiffHunk(oldStart: 2, oldLines: 1, newStart: 2, newLines: 2),
      DiffHunk(oldStart: 5, oldLines: 0, newStart: 7, newLines: 1),
    ]
    let after = LineOrigins.older.applying(hunks, commit: 3, path: 1)
    #expect(commits(after, 9) == [-1, 3, 3, -1, -1, -1, 3, -1, -1])
    #expect(after?.expanded(count: 7)?[6].line == 7)
    #expect(after?.olderTail == true)
  }

  @Test("Lines keep the line number their commit gave them after later shifts")
  func shiftedLines() {
    let added = LineOrigins().applying(
      [DiffHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 3)], commit: 0, path: 0)
    let shifted = added?.applying(
      [DiffHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 2)], commit: 1, path: 0)
    #expect(commits(shifted, 5) == [1, 1, 0, 0, 0])
    #expect(shifted?.expanded(count: 5)?.map(\.line) == [1, 2, 1, 2, 3])
    #expect(shifted?.runs.count == 2)
  }

  @Test("Hunks that reach past a new file's end are refused, not guessed")
  func hunksPastTheEnd() {
    let file = LineOrigins(lines: [first, LineOrigin(commit: 0, path: 0, line: 2)])
    #expect(
      file.applying(
        [DiffHunk(oldStart: 3, oldLines: 1, newStart: 2, newLines: 0)], commit: 1, path: 0) == nil)
    #expect(file.expanded(count: 3) == nil)
    #expect(
      file.applying(
        [DiffHunk(oldStart: 2, oldLines: 1, newStart: 1, newLines: 0)], commit: 1, path: 0)?.runs
        .count == 1)
  }
}
