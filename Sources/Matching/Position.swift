import Rules

/// A point in a source file, as editors and semgrep's JSON report it.
public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// 1-based line.
  public let line: Int
  /// 1-based column counted in Unicode scalars.
  public let column: Int
  /// 0-based byte offset into the UTF-8 text.
  public let offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public var description: String { "\(line):\(column)" }

  public static func < (lhs: Position, rhs: Position) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open span of source text (the end is exclusive), so spans can be compared and cut.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public let start: Position
  public let end: Position

  public init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  /// Whether `other` lies within this range (both ends included).
  public func contains(_ other: SourceRange) -> Bool {
    start.offset <= other.start.offset && other.end.offset <= end.offset
  }

  public var description: String { "\(start)-\(end)" }
}

extension SourceFile {
  /// The position of a byte offset (clamped to the text).
  public func position(at offset: Int) -> Position {
    position(at: offset, in: lines)
  }

  /// The range between two byte offsets.
  public func range(from start: Int, to end: Int) -> SourceRange {
    range(from: start, to: end, in: lines)
  }

  /// The range between two byte offsets, placed by a line table the caller fetched once for
  /// many ranges (a match and its bindings).
  func range(from start: Int, to end: Int, in table: LineTable) -> SourceRange {
    SourceRange(start: position(at: start, in: table), end: position(at: end, in: table))
  }

  private func position(at offset: Int, in table: LineTable) -> Position {
    let clamped = max(0, min(offset, bytes.count))
    let line = table.line(containing: clamped)
    let lineStart = table.starts[line]
    if table.ascii[line] {
      return Position(line: line + 1, column: clamped - lineStart + 1, offset: clamped)
    }
    var column = 1
    var index = lineStart
    while index < clamped {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return Position(line: line + 1, column: column, offset: clamped)
  }

  /// The 1-based column of a byte offset in UTF-16 code units, as LSP and SARIF may ask for.
  public func utf16Column(at offset: Int) -> Int {
    let table = lines
    let clamped = max(0, min(offset, bytes.count))
    var column = 1
    var index = table.starts[table.line(containing: clamped)]
    while index < clamped {
      let byte = bytes[index]
      if byte & 0xC0 != 0x80 { column += byte >= 0xF0 ? 2 : 1 }
      index += 1
    }
    return column
  }
}
