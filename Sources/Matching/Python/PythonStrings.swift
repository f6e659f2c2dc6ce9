/// Where Python string literals and f-string replacement fields end.
///
/// Python 3.12 (PEP 701) lets a replacement field hold any expression: strings in the
/// f-string's own quotes, nested f-strings, newlines and comments. One scanner serves the
/// lexer (where a string token ends) and the parser (where each field's expression and format
/// spec are), so the two never disagree. Every step moves forward and nesting is capped, so a
/// scan is bounded by the bytes it reads.
enum PythonStrings {
  /// Strings and fields nested deeper than this are read as plain text.
  static let maxNesting = 16

  private static let backslash = UInt8(ascii: "\\")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Where the string literal whose opening quote is at `quoteAt` ends (past its closing
  /// quotes), and whether it was closed: an unclosed one stops at its line end (or at `limit`
  /// when triple-quoted).
  static func stringEnd(
    _ bytes: [UInt8], quoteAt: Int, limit: Int, formatted: Bool, raw: Bool, nesting: Int = 0
  ) -> (end: Int, closed: Bool) {
    let quote = bytes[quoteAt]
    let triple = closesTriple(bytes, quoteAt, limit, quote)
    var index = quoteAt + (triple ? 3 : 1)
    while index < limit {
      let c = bytes[index]
      if c == backslash {
        index = PythonLexer.afterEscape(bytes, index, end: limit, formatted: formatted, raw: raw)
        continue
      }
      if c == quote {
        if !triple { return (index + 1, true) }
        if closesTriple(bytes, index, limit, quote) { return (index + 3, true) }
      } else if !triple && (c == newline || c == carriageReturn) {
        return (index, false)
      } else if formatted && c == UInt8(ascii: "{") {
        if index + 1 < limit && bytes[index + 1] == UInt8(ascii: "{") {
          index += 2
          continue
        }
        if nesting < maxNesting {
          index =
            fieldEnd(
              bytes, from: index + 1, limit: limit, quote: quote, triple: triple, raw: raw,
              nesting: nesting + 1
            ).end
          continue
        }
      }
      index += 1
    }
    return (limit, false)
  }

  /// The replacement field whose `{` is just before `start`: where its expression ends (at a
  /// top-level `!`, `:` or `}`) and where the field ends (past its `}`); an unclosed field
  /// stops where its string does (the closing quote, or the line end of a one-line string).
  static func fieldEnd(
    _ bytes: [UInt8], from start: Int, limit: Int, quote: UInt8, triple: Bool, raw: Bool,
    nesting: Int
  ) -> (expressionEnd: Int, end: Int, closed: Bool) {
    var index = start
    var brackets = 0
    var expressionEnd: Int?
    // The expression: brackets, nested strings and comments, up to `!`, `:` or `}`.
    expression: while index < limit {
      let c = bytes[index]
      switch c {
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        brackets += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        brackets = max(0, brackets - 1)
      case UInt8(ascii: "}"):
        if brackets == 0 { return (index, index + 1, true) }
        brackets -= 1
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        let inner = nestedString(bytes, quoteAt: index, prefix: index, limit: limit, nesting)
        guard inner.closed else { return (inner.end, inner.end, false) }
        index = inner.end
        continue
      case UInt8(ascii: "#"):
        while index < limit, bytes[index] != newline, bytes[index] != carriageReturn {
          index += 1
        }
        continue
      case backslash:
        index += 2
        continue
      case UInt8(ascii: "!") where brackets == 0:
        if index + 1 < limit && bytes[index + 1] != UInt8(ascii: "=") {
          expressionEnd = index
          break expression
        }
      case UInt8(ascii: ":") where brackets == 0:
        expressionEnd = index
        break expression
      default:
        if isNameByte(c) {
          // A name right before a quote may be a string prefix (`f"..."` inside the field).
          let nameStart = index
          while index < limit, isNameByte(bytes[index]) { index += 1 }
          if index < limit, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"),
            index - nameStart <= 2
          {
            let inner = nestedString(
              bytes, quoteAt: index, prefix: nameStart, limit: limit, nesting)
            guard inner.closed else { return (inner.end, inner.end, false) }
            index = inner.end
          }
          continue
        }
      }
      index += 1
    }
    guard let expressionEnd else { return (limit, limit, false) }
    // A conversion (`!r`), then a format spec, which may hold fields of its own.
    if bytes[index] == UInt8(ascii: "!") {
      index += 1
      while index < limit, isNameByte(bytes[index]) { index += 1 }
    }
    while index < limit {
      let c = bytes[index]
      switch c {
      case UInt8(ascii: "}"):
        return (expressionEnd, index + 1, true)
      case UInt8(ascii: "{") where nesting < maxNesting:
        index =
          fieldEnd(
            bytes, from: index + 1, limit: limit, quote: quote, triple: triple, raw: raw,
            nesting: nesting + 1
          ).end
        continue
      case backslash:
        index = PythonLexer.afterEscape(bytes, index, end: limit, formatted: true, raw: raw)
        continue
      case quote where !triple || closesTriple(bytes, index, limit, quote):
        return (expressionEnd, index, false)
      case newline where !triple, carriageReturn where !triple:
        return (expressionEnd, index, false)
      default:
        break
      }
      index += 1
    }
    return (expressionEnd, limit, false)
  }

  /// A string inside a field, its prefix (if any) starting at `prefix`: f-strings nest.
  private static func nestedString(
    _ bytes: [UInt8], quoteAt: Int, prefix: Int, limit: Int, _ nesting: Int
  ) -> (end: Int, closed: Bool) {
    var formatted = false
    var raw = false
    for index in prefix..<quoteAt {
      switch bytes[index] | 0x20 {
      case UInt8(ascii: "f"), UInt8(ascii: "t"): formatted = true
      case UInt8(ascii: "r"): raw = true
      case UInt8(ascii: "b"), UInt8(ascii: "u"): break
      default: return (quoteAt, true)  // a name, not a prefix: the quote is read next
      }
    }
    guard nesting < maxNesting else { return (limit, false) }
    return stringEnd(
      bytes, quoteAt: quoteAt, limit: limit, formatted: formatted, raw: raw, nesting: nesting + 1)
  }

  private static func closesTriple(_ bytes: [UInt8], _ index: Int, _ limit: Int, _ quote: UInt8)
    -> Bool
  {
    index + 2 < limit && bytes[index] == quote && bytes[index + 1] == quote
      && bytes[index + 2] == quote
  }

  private static func isNameByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
      || c >= 0x80
  }
}
