import Foundation
import Rules
import Testing

@Suite("A file read once")
struct SourceFileTests {
  @Test("Lines split as semgrep numbers them, at every line feed, CRLF as one")
  func lines() {
    let pieces = ["a", "\n", "\r\n", "\r", "é", "e\u{301}", "\n\u{301}", "👩‍👩‍👧", " ", ""]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator) ?? ""
      }.joined()
      let expected = text.split(omittingEmptySubsequences: false) {
        $0 == "\n" || $0 == "\r\n"
      }.map(String.init)
      let file = SourceFile(path: "t.py", text: text)
      let lines = (1...file.lineCount).map { file.line($0) ?? "<missing>" }
      #expect(lines == expected, "\(text.debugDescription)")
      #expect(file.line(0) == nil && file.line(file.lineCount + 1) == nil)
    }
  }

  @Test("A line's bytes leave out its line feed and a carriage return before it, no other")
  func lineRanges() {
    let file = SourceFile(path: "t", text: "ab\r\ncd\r\r\ne\r")
    #expect(file.lineStarts == [0, 4, 9])
    #expect(file.lineRange(1) == 0..<2)
    #expect(file.lineRange(2) == 4..<7)
    #expect(file.lineRange(3) == 9..<11)
    #expect(file.text(from: 4, to: 7) == "cd\r")
  }

  @Test(
    "A whole file is as many lines as semgrep reports: a final line feed starts none",
    arguments: [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\r\n\r\n", 2), ("\n", 1)])
  func numberedLines(_ text: String, _ count: Int) {
    #expect(SourceFile(path: "t", text: text).numberedLineCount == count)
  }

  @Test("Lines of ASCII are marked, so that columns there are a subtraction")
  func asciiLines() {
    let file = SourceFile(path: "t", text: "ab\nxé\n\nz")
    #expect(file.lines.ascii == [true, false, true, true])
    #expect(file.lines.line(containing: 0) == 0)
    #expect(file.lines.line(containing: 3) == 1)
    #expect(file.lines.line(containing: 7) == 2)
    #expect(file.lines.line(containing: 100) == 3)
  }

  @Test("Text is decoded with invalid UTF-8 repaired; the bytes stay as read")
  func invalidUTF8() {
    let file = SourceFile(path: "t", bytes: [0x61, 0xFF, 0x0A, 0x62])
    #expect(file.line(1) == "a\u{FFFD}")
    #expect(file.text == "a\u{FFFD}\nb")
    #expect(file.bytes == [0x61, 0xFF, 0x0A, 0x62])
    // Read as Data, the same bytes.
    #expect(SourceFile(path: "t", data: Data(file.bytes)).bytes == file.bytes)
    #expect(SourceFile(path: "t", data: Data()).bytes.isEmpty)
  }

  @Test("Threads asking for the lines at once all get the same table")
  func concurrentLines() {
    let file = SourceFile(path: "t", text: String(repeating: "line\n", count: 5_000))
    let counts = ParallelSlots<Int>(count: 64)
    DispatchQueue.concurrentPerform(iterations: 64) { index in
      counts.set(index, file.lineStarts.count)
    }
    #expect(counts.values().allSatisfy { $0 == 5_001 })
  }
}
