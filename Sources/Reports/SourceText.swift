import Rules

/// Column conversions between semgrep's units and the ones code hosts expect.
enum Columns {
  /// The 1-based UTF-16 column of a 1-based UTF-8 byte column on `line`.
  ///
  /// SARIF's `utf16CodeUnits` column kind is what GitHub reads; semgrep (and the in-process
  /// engine, which reports as semgrep does) counts bytes. A column past the end of the line (an
  /// exclusive end after the last byte) counts the missing bytes one unit each.
  static func utf16(byteColumn: Int, in line: some Collection<UInt8>) -> Int {
    let wanted = max(byteColumn - 1, 0)
    let prefix = line.prefix(wanted)
    // A cut inside a multibyte character counts that character whole, as an editor would.
    var units = 0
    var index = prefix.startIndex
    while index < prefix.endIndex {
      let lead = prefix[index]
      let length: Int
      switch lead {
      case 0..<0x80: length = 1
      case 0xC0..<0xE0: length = 2
      case 0xE0..<0xF0: length = 3
      case 0xF0..<0xF8: length = 4
      default: length = 1
      }
      units += length == 4 ? 2 : 1
      index = prefix.index(index, offsetBy: length, limitedBy: prefix.endIndex) ?? prefix.endIndex
    }
    return units + max(wanted - line.count, 0) + 1
  }
}

extension Columns {
  /// The 1-based character (grapheme) column of a 1-based UTF-8 byte column on `line`, for
  /// placing a caret under text in a terminal.
  static func characters(byteColumn: Int, in line: some Collection<UInt8>) -> Int {
    let wanted = max(byteColumn - 1, 0)
    let prefix = String(decoding: line.prefix(wanted), as: UTF8.self)
    return prefix.count + max(wanted - line.count, 0) + 1
  }
}

/// The line fingerprints GitHub's upload action (`github/codeql-action`, `fingerprints.ts`) gives
/// results that carry none, reproduced so that the values we write are the ones GitHub would
/// compute, and alerts keep their identity across pushes.
///
/// Each line's hash is a rolling hash (base 37, 64-bit wrap-around) over the next 100 UTF-16
/// code units of the file from that line's start, with spaces and tabs skipped and every line
/// ending read as one `\n`; an end-of-file mark and zero padding close the file. A hash already
/// seen earlier in the file gets the next `:N` occurrence suffix.
enum LineHash {
  private static let blockSize = 100
  private static let base: UInt64 = 37
  private static let endOfFile: UInt16 = 65535

  /// The fingerprint of every line of `text`, by 1-based line number.
  static func hashes(of text: String) -> [Int: String] {
    var firstMod: UInt64 = 1
    for _ in 0..<blockSize { firstMod = firstMod &* base }

    var window = [UInt64](repeating: 0, count: blockSize)
    var lineNumbers = [Int](repeating: -1, count: blockSize)
    var hash: UInt64 = 0
    var index = 0
    var lineNumber = 0
    var lineStart = true
    var previousCR = false
    var counts: [UInt64: Int] = [:]
    var result: [Int: String] = [:]

    func output() {
      let count = (counts[hash] ?? 0) + 1
      counts[hash] = count
      result[lineNumbers[index]] = String(hash, radix: 16) + ":\(count)"
      lineNumbers[index] = -1
    }
    func update(_ unit: UInt64) {
      let leaving = window[index]
      window[index] = unit
      hash = base &* hash &+ unit &- firstMod &* leaving
      index = (index + 1) % blockSize
    }
    func process(_ codeUnit: UInt16) {
      var unit = codeUnit
      let (space, tab, lf, cr): (UInt16, UInt16, UInt16, UInt16) = (0x20, 0x09, 0x0A, 0x0D)
      if unit == space || unit == tab || (previousCR && unit == lf) {
        previousCR = false
        return
      }
      if unit == cr {
        unit = lf
        previousCR = true
      } else {
        previousCR = false
      }
      if lineNumbers[index] != -1 { output() }
      if lineStart {
        lineStart = false
        lineNumber += 1
        lineNumbers[index] = lineNumber
      }
      if unit == lf { lineStart = true }
      update(UInt64(unit))
    }

    for unit in text.utf16 { process(unit) }
    process(endOfFile)
    for _ in 0..<blockSize {
      if lineNumbers[index] != -1 { output() }
      update(0)
    }
    return result
  }
}

/// Where a finding sits in code-host terms: UTF-16 columns and GitHub's line fingerprint, each
/// present only when the scanned text was there to compute it from.
struct ResolvedLocation: Sendable {
  let startLine: Int
  let endLine: Int
  let startColumn: Int?
  let endColumn: Int?
  let lineHash: String?
}

/// Resolves findings against the scanned files, computing each file's line hashes once.
final class SourceIndex {
  private let sources: [String: SourceFile]
  private var hashCache: [String: [Int: String]] = [:]

  init(sources: [String: SourceFile]) {
    self.sources = sources
  }

  func resolve(_ finding: Finding) -> ResolvedLocation {
    let startLine = max(finding.start.line, 1)
    let endLine = max(finding.end.line, startLine)
    let matched = SourceFile(path: finding.path, text: finding.lines)
    let file = verifiedFile(for: finding, matched: matched)
    // The scanned file when it agrees with the finding, else the finding's own lines.
    let startText =
      file?.lineBytes(startLine) ?? (finding.lines.isEmpty ? nil : matched.lineBytes(1))
    let spanMatches = matched.lineCount == endLine - startLine + 1 && !finding.lines.isEmpty
    let endText =
      file?.lineBytes(endLine) ?? (spanMatches ? matched.lineBytes(matched.lineCount) : nil)
    var lineHash: String?
    if let file {
      if hashCache[finding.path] == nil { hashCache[finding.path] = LineHash.hashes(of: file.text) }
      lineHash = hashCache[finding.path]?[startLine]
    }
    return ResolvedLocation(
      startLine: startLine, endLine: endLine,
      startColumn: startText.map { Columns.utf16(byteColumn: finding.start.col, in: $0) },
      endColumn: endText.map { Columns.utf16(byteColumn: finding.end.col, in: $0) },
      lineHash: lineHash)
  }

  /// The scanned file when it is known and holds the finding's lines where it says.
  private func verifiedFile(for finding: Finding, matched: SourceFile) -> SourceFile? {
    guard let file = sources[finding.path],
      let line = file.lineBytes(max(finding.start.line, 1))
    else { return nil }
    if !finding.lines.isEmpty, let first = matched.lineBytes(1),
      Self.trimCR(first) != Self.trimCR(line)
    {
      return nil
    }
    return file
  }

  private static func trimCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == UInt8(ascii: "\r") ? line.dropLast() : line
  }
}
