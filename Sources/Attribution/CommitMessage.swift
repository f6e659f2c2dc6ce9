import Foundation
import GitKit

/// A `Key: value` line found in a message body.
public struct BodyTrailer: Hashable, Sendable {
  public let key: String
  public let value: String
  /// The line as written, for evidence.
  public let line: String
  /// Whether it was indented or an item of a bullet list (as squash merges list the squashed
  /// commits' trailers): such a line counts as an agent's signal, never as a human marker.
  public let isNested: Bool

  public init(key: String, value: String, line: String, isNested: Bool = false) {
    self.key = key
    self.value = value
    self.line = line
    self.isNested = isNested
  }
}

/// A commit message read for attribution signals.
///
/// Trailers are looked for on every body line, not only in git's trailer block, because a
/// squash merge concatenates the messages (and trailers) of many commits into the middle of
/// its body, sometimes indented or as bullet items (`* Co-authored-by: …`). Lines inside fenced
/// code blocks (``` or ~~~) and `>` quotes are quotes, not signals.
public struct CommitMessage: Hashable, Sendable {
  /// The first line.
  public let subject: String
  /// Body lines outside fenced code blocks, without the subject.
  public let bodyLines: [String]
  public let trailers: [BodyTrailer]

  /// Reads `text`; `gitTrailers` (git's own parse of the last paragraph) adds folded values
  /// when the message has no fenced block that git's parser could have looked inside.
  public init(_ text: String, gitTrailers: [Trailer] = []) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    subject = lines.first ?? ""
    var body: [String] = []
    var fence: (marker: Character, length: Int)?
    var sawFence = false
    for line in lines.dropFirst() {
      let trimmed = line.drop { $0 == " " }
      let indent = line.count - trimmed.count
      if indent < 4, let marker = trimmed.first, marker == "`" || marker == "~" {
        let run = trimmed.prefix { $0 == marker }.count
        if run >= 3 {
          sawFence = true
          if let open = fence {
            if marker == open.marker && run >= open.length
              && trimmed.dropFirst(run).allSatisfy(\.isWhitespace)
            {
              fence = nil
            }
          } else {
            fence = (marker, run)
          }
          continue
        }
      }
      if fence == nil { body.append(line) }
    }
    bodyLines = body
    var found: [BodyTrailer] = []
    for line in body {
      if let trailer = Self.trailer(in: line) { found.append(trailer) }
    }
    if !sawFence {
      for trailer in gitTrailers
      where !found.contains(where: {
        $0.key.caseInsensitiveCompare(trailer.key) == .orderedSame && $0.value == trailer.value
      }) {
        found.append(
          BodyTrailer(
            key: trailer.key, value: trailer.value, line: "\(trailer.key): \(trailer.value)"))
      }
    }
    trailers = found
  }

  /// Parses `Key: value` at the start of a line (key: letters, digits, '-'), after any
  /// indentation and one bullet marker (`*`, `-`, `+` and a space); never later in a line.
  static func trailer(in line: String) -> BodyTrailer? {
    var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
    var nested = rest.count != line.count
    if let marker = rest.first, "*-+".contains(marker),
      rest.dropFirst().first == " " || rest.dropFirst().first == "\t"
    {
      rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
      nested = true
    }
    guard let colon = rest.firstIndex(of: ":") else { return nil }
    let key = rest[..<colon]
    guard let first = key.first, first.isLetter || first.isNumber,
      key.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII })
    else { return nil }
    let value = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !value.isEmpty else { return nil }
    return BodyTrailer(
      key: String(key), value: value, line: line.trimmingCharacters(in: .whitespaces),
      isNested: nested)
  }

  /// A message being written (the commit-msg hook's file): git's comment lines and everything
  /// below the scissors line are not part of it.
  public static func editedMessage(_ text: String) -> CommitMessage {
    var kept: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("# ") && line.contains(">8") { break }
      if line.hasPrefix("#") { continue }
      kept.append(line)
    }
    while let first = kept.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      kept.removeFirst()
    }
    return CommitMessage(kept.joined(separator: "\n"))
  }
}
