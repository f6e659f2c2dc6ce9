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

/// UTF-8 text with the start of each line, so offsets become lines and columns on demand instead
/// of every node carrying them.
public struct SourceText: Sendable {
  /// The file's bytes.
  public let bytes: [UInt8]
  /// Byte offset where each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]
  /// Whether each line is all ASCII, so a column there is a subtraction rather than a count
  /// (minified code has lines of many kilobytes).
  private let asciiLines: [Bool]

  public init(_ text: String) {
    self.init(bytes: Array(text.utf8))
  }

  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    var ascii: [Bool] = []
    ascii.reserveCapacity(bytes.count / 32 + 1)
    var lineIsASCII = true
    bytes.withUnsafeBufferPointer { buffer in
      for (index, byte) in buffer.enumerated() {
        if byte == UInt8(ascii: "\n") {
          starts.append(index + 1)
          ascii.append(lineIsASCII)
          lineIsASCII = true
        } else if byte >= 0x80 {
          lineIsASCII = false
        }
      }
    }
    ascii.append(lineIsASCII)
    lineStarts = starts
    asciiLines = ascii
  }

  /// The 0-based index of the line holding `offset`.
  private func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The position of a byte offset (clamped to the text).
  public func position(at offset: Int) -> Position {
    let clamped = max(0, min(offset, bytes.count))
    let line = lineIndex(of: clamped)
    if asciiLines[line] {
      return Position(line: line + 1, column: clamped - lineStarts[line] + 1, offset: clamped)
    }
    var column = 1
    var index = lineStarts[line]
    while index < clamped {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return Position(line: line + 1, column: column, offset: clamped)
  }

  /// The 1-based column of a byte offset in UTF-16 code units, as LSP and SARIF may ask for.
  public func utf16Column(at offset: Int) -> Int {
    let clamped = max(0, min(offset, bytes.count))
    var column = 1
    var index = lineStarts[lineIndex(of: clamped)]
    while index < clamped {
      let byte = bytes[index]
      if byte & 0xC0 != 0x80 { column += byte >= 0xF0 ? 2 : 1 }
      index += 1
    }
    return column
  }

  /// The range between two byte offsets.
  public func range(from start: Int, to end: Int) -> SourceRange {
    SourceRange(start: position(at: start), end: position(at: end))
  }

  /// The text between two byte offsets, with invalid UTF-8 repaired.
  public func text(from start: Int, to end: Int) -> String {
    let low = max(0, min(start, bytes.count))
    let high = max(low, min(end, bytes.count))
    return String(decoding: bytes[low..<high], as: UTF8.self)
  }
}
