import Foundation

/// Names a Python pattern surely requires, read from its text without parsing it.
///
/// Only names whose place makes them identifiers of the parsed pattern count: a name before a
/// `.` or a `(`, or after a `.` (attribute chains, calls, decorators, dotted imports), outside
/// strings, never a keyword or a metavariable. A pattern with anything this reading does not
/// follow (a comment, a `/`, a backslash, a typed metavariable's `$X:`) requires nothing here.
enum PythonWords {
  static func required(by text: String) -> Set<String> {
    let bytes = Array(text.utf8)
    var words = Set<String>()
    var index = 0
    func isWordByte(_ byte: UInt8) -> Bool {
      GenericLexer.isWordByte(byte) || byte >= 0x80
    }
    /// The next byte after `position` that is not a space or tab.
    func next(from position: Int) -> UInt8? {
      var at = position
      while at < bytes.count && (bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t"))
      {
        at += 1
      }
      return at < bytes.count ? bytes[at] : nil
    }
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        // A string, triple-quoted or not; its escapes are skipped with it.
        let triple =
          index + 2 < bytes.count && bytes[index + 1] == byte && bytes[index + 2] == byte
        let width = triple ? 3 : 1
        var at = index + width
        var closed = false
        while at < bytes.count {
          if bytes[at] == UInt8(ascii: "\\") {
            at += 2
            continue
          }
          if bytes[at] == byte
            && (!triple
              || (at + 2 < bytes.count && bytes[at + 1] == byte && bytes[at + 2] == byte))
          {
            closed = true
            at += width
            break
          }
          if !triple && bytes[at] == UInt8(ascii: "\n") { break }
          at += 1
        }
        guard closed else { return [] }
        index = at
      case UInt8(ascii: "#"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "`"):
        return []
      case UInt8(ascii: "$"):
        // A metavariable (`$X`, `$...X`): skipped; one with a type (`$X: int`) gives up.
        var at = index + 1
        while at < bytes.count && bytes[at] == UInt8(ascii: ".") { at += 1 }
        while at < bytes.count && isWordByte(bytes[at]) { at += 1 }
        if next(from: at) == UInt8(ascii: ":") { return [] }
        index = at
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        // A number, `1.e5` and `0x1F` included: none of it is a name.
        while index < bytes.count && (isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "."))
        {
          index += 1
        }
      case _ where GenericLexer.isWordByte(byte) || byte >= 0x80:
        var end = index
        var plain = true
        while end < bytes.count && (isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: "$")) {
          if bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: "$") { plain = false }
          end += 1
        }
        // A `.` of its own before the name (not the end of `...`, nor a number's `1.e5`), or a
        // `.` or `(` after it.
        let afterDot =
          index >= 2 && bytes[index - 1] == UInt8(ascii: ".")
          && bytes[index - 2] != UInt8(ascii: ".")
          && !(bytes[index - 2] >= UInt8(ascii: "0") && bytes[index - 2] <= UInt8(ascii: "9"))
        let following = end < bytes.count ? bytes[end] : nil
        let beforeDotOrCall =
          (following == UInt8(ascii: ".")
            && !(end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: ".")))
          || following == UInt8(ascii: "(")
        if plain && (afterDot || beforeDotOrCall) {
          let word = String(decoding: bytes[index..<end], as: UTF8.self)
          if !keywords.contains(word) { words.insert(word) }
        }
        // A string prefix (`f"`, `rb'`) belongs to the string that follows.
        index = end
      default:
        index += 1
      }
    }
    return words
  }

  /// Python's keywords and soft keywords, constants, and names that are statements in
  /// Python 2: none is surely an identifier.
  static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", "match", "case", "type", "print", "exec", "_",
  ]
}
