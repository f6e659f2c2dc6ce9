import Foundation

/// One file's contents, read once and passed by reference from whoever read it (git, the
/// disk, a rule file) to the engine, the evaluator and the reporters, so that no one reads or
/// splits it again.
///
/// Lines are numbered as semgrep and editors number them: one starts after every `\n`, so a
/// text has one more line than it has `\n` bytes. Where each line starts is worked out the
/// first time a line is asked for, once.
public final class SourceFile: @unchecked Sendable {
  /// The path reports show (repository-relative for a change, as given for a scan).
  public let path: String
  /// The file's bytes, as read.
  public let bytes: [UInt8]
  /// Guards `computed`: files are matched on several threads.
  private let lock = NSLock()
  private var computed: LineTable?

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public convenience init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// A file read as `Data` (from git or the disk), copied once into its bytes.
  public convenience init(path: String, data: Data) {
    // One copy of the whole buffer; `Array(data)` would go byte by byte through an iterator.
    let bytes = [UInt8](unsafeUninitializedCapacity: data.count) { buffer, count in
      count = data.copyBytes(to: buffer)
    }
    self.init(path: path, bytes: bytes)
  }

  /// The text, decoded each time it is asked for (invalid UTF-8 repaired), so that no second
  /// copy of the file is kept.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Where each line starts, and which lines are all ASCII.
  public struct LineTable: Sendable {
    /// The offset of each line's first byte; `starts[0] == 0`.
    public let starts: [Int]
    /// Whether each line is all ASCII, so that a column there is a subtraction rather than a
    /// count (minified code has lines of many kilobytes).
    public let ascii: [Bool]

    /// The 0-based index of the line holding byte `offset`.
    @inlinable
    public func line(containing offset: Int) -> Int {
      var low = 0
      var high = starts.count - 1
      while low < high {
        let middle = (low + high + 1) / 2
        if starts[middle] <= offset { low = middle } else { high = middle - 1 }
      }
      return low
    }
  }

  /// The line table, computed on first use.
  public var lines: LineTable {
    lock.lock()
    defer { lock.unlock() }
    if let computed { return computed }
    let table = Self.table(of: bytes)
    computed = table
    return table
  }

  /// The offset of each line's first byte.
  public var lineStarts: [Int] { lines.starts }

  /// The number of lines: one more than the number of `\n`.
  public var lineCount: Int { lines.starts.count }

  /// The number of lines semgrep reports a whole file as: a final `\n` ends the last line
  /// rather than starting an empty one.
  public var numberedLineCount: Int {
    lineCount - (bytes.isEmpty || bytes.last == UInt8(ascii: "\n") ? 1 : 0)
  }

  /// The bytes of 1-based line `number`, without its `\n` or a `\r` before it; nil past either
  /// end.
  public func lineRange(_ number: Int) -> Range<Int>? {
    let starts = lineStarts
    guard number >= 1 && number <= starts.count else { return nil }
    let start = starts[number - 1]
    guard number < starts.count else { return start..<bytes.count }
    var end = starts[number] - 1
    if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<end
  }

  /// The bytes of 1-based line `number` (see `lineRange`).
  public func lineBytes(_ number: Int) -> ArraySlice<UInt8>? {
    lineRange(number).map { bytes[$0] }
  }

  /// The text of 1-based line `number` (see `lineRange`), invalid UTF-8 repaired.
  public func line(_ number: Int) -> String? {
    lineBytes(number).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The text between two byte offsets (clamped to the file), invalid UTF-8 repaired.
  @inlinable
  public func text(from start: Int, to end: Int) -> String {
    let low = max(0, min(start, bytes.count))
    let high = max(low, min(end, bytes.count))
    return String(decoding: bytes[low..<high], as: UTF8.self)
  }

  private static func table(of bytes: [UInt8]) -> LineTable {
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
    return LineTable(starts: starts, ascii: ascii)
  }
}
