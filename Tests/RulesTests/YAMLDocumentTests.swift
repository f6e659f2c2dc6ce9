import Rules
import Testing

/// The YAML reader builds nodes from libYAML's events itself; these pin the places and errors
/// it must give.
struct YAMLDocumentTests {
  private func parse(_ text: String) throws(SourceDiagnostic) -> YAMLNode? {
    try YAMLDocument.parse(text, file: "t.yaml")
  }

  private func failure(_ text: String) -> SourceDiagnostic? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func emptyTextHasNoDocument() throws {
    #expect(try parse("") == nil)
    #expect(try parse("# only a comment\n") == nil)
  }

  @Test func scalarsStartInsideQuotesAndOnABlocksFirstLine() throws {
    let root = try #require(try parse("é: \"ü$X\"\nk: |\n\n   text\n  \nplain: ü\n"))
    let quoted = try #require(root["é"])
    #expect(quoted.scalar == "ü$X")
    #expect((quoted.location.line, quoted.location.column) == (1, 5))
    let block = try #require(root["k"])
    #expect(block.scalar == "\ntext\n")
    #expect((block.location.line, block.location.column) == (4, 4))
    let plain = try #require(root["plain"])
    #expect(plain.scalar == "ü" && plain.bool == nil && !plain.isNull)
    #expect((plain.location.line, plain.location.column) == (6, 8))
  }

  /// The alias's node is the anchored one, place included (libYAML puts it at the anchor).
  @Test func anAliasIsTheNodeItsAnchorNames() throws {
    let root = try #require(try parse("base: &b\n  x: 1\ncopy: *b\n"))
    let copy = try #require(root["copy"])
    #expect(copy["x"]?.scalar == "1")
    #expect((copy.location.line, copy.location.column) == (1, 7))
  }

  @Test(arguments: [
    ("a: *nope\n", 1, 4, "found undefined alias"),
    (
      "a: 1\n---\nb: 2\n", 2, 1,
      "but found another document (expected a single document in the stream that starts at "
        + "line 1, column 1)"
    ),
    (
      "b: 1\na: 1\nb: 2\na: 2\n", 4, 1,
      "the key 'a' appears more than once in this mapping (first at line 2)"
    ),
    (
      "m:\r\n  'k': 1\r\n  k: 2\r\n", 3, 3,
      "the key 'k' appears more than once in this mapping (first at line 2)"
    ),
    (
      "a: [1, 2\n", 2, 1,
      "did not find expected ',' or ']' (while parsing a flow sequence that starts at line 1, column 4)"
    ),
  ])
  func errorsNameTheirPlace(text: String, line: Int, column: Int, message: String) throws {
    let error = try #require(failure(text))
    #expect(error.message == "invalid YAML: " + message)
    #expect(
      (error.location.file, error.location.line, error.location.column) == ("t.yaml", line, column))
    // "\r\n" is one Character.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    #expect(error.sourceLine == String(lines[line - 1]))
  }

  /// Nine levels of nine aliases each would expand to 387 million nodes.
  ///
  /// Refused at the alias that crosses the bound, before anything walks the expansion.
  @Test func aliasesThatMultiplyAreRefusedAtTheirPlace() throws {
    var text = "a0: &a0 [lol]\n"
    for level in 1...9 {
      let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(previous)]\n"
    }
    let error = try #require(failure(text))
    #expect(error.message.contains("more than 1000000 nodes"), "\(error.message)")
    #expect(error.message.contains("billion laughs"))
    // Each alias on a6's line adds a5's 125479 nodes: the seventh crosses the bound, on line 7.
    #expect(error.location.line == 7)
    #expect(error.location.file == "t.yaml")
  }

  @Test func theNumberOfAliasesIsBounded() throws {
    let many = "k: &k v\nlist:\n" + String(repeating: "  - *k\n", count: 10_001)
    let error = try #require(failure(many))
    #expect(error.message.contains("more than 10000 aliases"), "\(error.message)")
    #expect(error.location.line == 10_003)
    let enough = "k: &k v\nlist:\n" + String(repeating: "  - *k\n", count: 10_000)
    #expect(try parse(enough)?["list"]?.sequence?.count == 10_000)
  }

  /// Debian's libyaml 0.2.5 sets no nesting limit; the composer's own keeps a file of many
  /// `[` from recursing past a worker thread's stack.
  @Test func nestingIsBounded() throws {
    let flow = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
    let error = try #require(failure("k: " + flow + "\n"))
    // The mapping is the first level, the 256th `[` (column 259) the 257th.
    #expect(error.message.contains("nested more than 256 deep"), "\(error.message)")
    #expect(error.location.line == 1 && error.location.column == 259)
    var block = ""
    for level in 0...256 { block += String(repeating: " ", count: level) + "k:\n" }
    let blockError = try #require(failure(block))
    #expect(blockError.message.contains("nested more than 256 deep"), "\(blockError.message)")
    #expect(blockError.location.line == 257)
    // At the bound a file still loads.
    let deep = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    var node = try #require(try parse(deep))
    var levels = 1
    while let inner = node.sequence?.first {
      node = inner
      levels += 1
    }
    #expect(levels == 256)
  }

  @Test func keysDifferingOnlyByQuotesAreTheSameKeyButTaggedOnesAreNot() throws {
    #expect(failure("'x': 1\nx: 2\n") != nil)
    let root = try #require(try parse("1: a\n!!int 1: b\n"))
    #expect(root.mapping?.count == 2)
  }
}
