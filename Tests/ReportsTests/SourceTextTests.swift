import Foundation
import Rules
import Testing

@testable import Reports

@Suite("Columns and line fingerprints")
struct SourceTextTests {
  /// Expected hashes published with GitHub's upload action (`fingerprints.test.ts`), which are
  /// what GitHub computes for results that carry none.
  static let githubVectors: [(String, [String])] = [
    ("", ["c129715d7a2bc9a3:1"]),
    (
      " a\nb\n  \t\tc\n d",
      ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]
    ),
    (
      " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
      [
        "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
        "b86d3392aea1be30:1", "e6ceba753e1a442:1",
      ]
    ),
    (
      " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
      [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
      ]
    ),
    (
      " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
      [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
      ]
    ),
    (
      " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
      [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
      ]
    ),
    (
      String(repeating: "Lorem ipsum dolor sit amet.\n", count: 10),
      [
        "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
        "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
        "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
      ]
    ),
  ]

  @Test("Line hashes equal GitHub's published values", arguments: githubVectors.indices)
  func githubHashes(_ index: Int) {
    let (text, expected) = Self.githubVectors[index]
    let hashes = LineHash.hashes(of: text)
    #expect(hashes.count == expected.count)
    for (offset, hash) in expected.enumerated() {
      #expect(hashes[offset + 1] == hash, "line \(offset + 1) of vector \(index)")
    }
  }

  /// A line with the match between `⟦` and `⟧`: byte columns as semgrep gives them, and the
  /// UTF-16 columns a code host expects, each counted independently of the converter.
  struct Marked: Sendable, CustomTestStringConvertible {
    let marked: String
    var testDescription: String { marked }

    var parts: (before: String, match: String, after: String) {
      let open = marked.components(separatedBy: "⟦")
      let close = (open.count > 1 ? open[1] : "").components(separatedBy: "⟧")
      return (open[0], close[0], close.count > 1 ? close[1] : "")
    }
    var line: String { parts.before + parts.match + parts.after }
    var byteStart: Int { parts.before.utf8.count + 1 }
    var byteEnd: Int { parts.before.utf8.count + parts.match.utf8.count + 1 }
    var utf16Start: Int { parts.before.utf16.count + 1 }
    var utf16End: Int { parts.before.utf16.count + parts.match.utf16.count + 1 }
  }

  static let marked: [Marked] = [
    Marked(marked: "x = ⟦eval(y)⟧"),
    Marked(marked: "x = \"é😀中\" + ⟦eval(y)⟧"),
    Marked(marked: "名前 = ⟦入力(\"😀\")⟧ + 1"),
    Marked(marked: "👩‍👩‍👧 ⟦run(cmd)⟧\r"),
    Marked(marked: "\t⟦os.system(\"日本\")⟧  # 🚀\r"),
  ]

  @Test("Byte columns become UTF-16 columns", arguments: marked)
  func utf16Columns(_ line: Marked) {
    let bytes = Array(line.line.utf8)
    #expect(Columns.utf16(byteColumn: line.byteStart, in: bytes) == line.utf16Start)
    #expect(Columns.utf16(byteColumn: line.byteEnd, in: bytes) == line.utf16End)
  }

  @Test("SARIF regions carry UTF-16 columns for multibyte and CRLF lines", arguments: marked)
  func sarifColumns(_ line: Marked) throws {
    // The marked line sits after a CRLF line, so a splitter that reads "\r\n" as one character
    // would look at the wrong line.
    let text = "first = 1\r\n" + line.line + "\nlast = 2\n"
    let finding = Finding(
      ruleID: "r", path: "f.py", start: FilePosition(line: 2, col: line.byteStart, offset: 0),
      end: FilePosition(line: 2, col: line.byteEnd, offset: 0), message: "m", severity: .error,
      lines: line.line, engine: .semgrep)
    let location = SourceIndex(sources: ["f.py": SourceFile(path: "f.py", text: text)]).resolve(
      finding)
    #expect(location.startColumn == line.utf16Start)
    #expect(location.endColumn == line.utf16End)
    #expect(location.lineHash == LineHash.hashes(of: text)[2])
  }

  @Test("A working tree that differs from the scanned text gives no fingerprint")
  func staleText() {
    let finding = Finding(
      ruleID: "r", path: "f.py", start: FilePosition(line: 1, col: 5, offset: 4),
      end: FilePosition(line: 1, col: 12, offset: 11), message: "m", severity: .error,
      lines: "x = eval(y)", engine: .semgrep)
    let location = SourceIndex(
      sources: ["f.py": SourceFile(path: "f.py", text: "y = 'something else'\n")]).resolve(finding)
    #expect(location.lineHash == nil)
    // The finding's own lines still give the columns.
    #expect(location.startColumn == 5)
    #expect(location.endColumn == 12)
  }

  @Test("With no text at all, columns are left out rather than guessed")
  func noText() {
    let finding = Finding(
      ruleID: "r", path: "f.py", start: FilePosition(line: 3, col: 5, offset: 4),
      end: FilePosition(line: 4, col: 2, offset: 11), message: "m", severity: .error,
      engine: .semgrep)
    let location = SourceIndex(sources: [:]).resolve(finding)
    #expect(location.startColumn == nil && location.endColumn == nil && location.lineHash == nil)
    #expect(location.startLine == 3 && location.endLine == 4)
  }

  @Test("SHA-256 matches the standard's test vectors")
  func sha256() {
    #expect(
      SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
