/// Kinds of JavaScript tokens; punctuators and keywords are told apart by their bytes.
enum JSTokenKind: UInt8 {
  case endOfFile, name, privateName, number, string, punct, error
  /// A template with no substitution, or its parts around `${ }`.
  case template, templateHead, templateMiddle, templateTail
  case regex
  /// Text between JSX tags.
  case jsxText
  /// A pattern's `$...X`.
  case ellipsisMetavariable
}

/// One token: a kind, its byte span, and whether a line break precedes it (for ASI).
struct JSToken: CursorToken {
  var kind: JSTokenKind
  var start: Int32
  var end: Int32
  var newlineBefore: Bool
}

/// Reads JavaScript and TypeScript tokens on demand.
///
/// The parser drives it because what a `/`, a `}` or a `<` starts depends on the grammar:
/// `/` is read as division and re-read as a regular expression where an operand is expected,
/// a `}` ending a substitution is re-read as the rest of its template, and JSX text is read
/// only between tags. It always advances, so any bytes end in a finite token stream.
struct JavaScriptLexer {
  let bytes: [UInt8]
  let patternMode: Bool
  var position = 0

  init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
  }

  private func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

  static func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x24 || c >= 0x80
  }

  static func isIdentifierPart(_ c: UInt8) -> Bool {
    isIdentifierStart(c) || (c >= 0x30 && c <= 0x39)
  }

  static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  /// Skips spaces and comments; true when a line break was crossed.
  private mutating func skipTrivia() -> Bool {
    var newline = false
    while position < bytes.count {
      let c = bytes[position]
      switch c {
      case 0x20, 0x09, 0x0B, 0x0C, 0x0D:
        position += 1
      case 0x0A:
        newline = true
        position += 1
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "/"):
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "*"):
        position += 2
        while position < bytes.count
          && !(bytes[position] == UInt8(ascii: "*") && byte(position + 1) == UInt8(ascii: "/"))
        {
          if bytes[position] == 0x0A { newline = true }
          position += 1
        }
        position = min(bytes.count, position + 2)
      case 0xE2 where byte(position + 1) == 0x80 && (byte(position + 2) | 1) == 0xA9:
        // U+2028 and U+2029 end lines too.
        newline = true
        position += 3
      case 0xC2 where byte(position + 1) == 0xA0:
        position += 2
      case 0xEF where byte(position + 1) == 0xBB && byte(position + 2) == 0xBF:
        position += 3
      case UInt8(ascii: "#") where position == 0 && byte(1) == UInt8(ascii: "!"):
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
      default:
        return newline
      }
    }
    return newline
  }

  /// The next token in ordinary code.
  mutating func next() -> JSToken {
    let newline = skipTrivia()
    let start = position
    func token(_ kind: JSTokenKind) -> JSToken {
      JSToken(kind: kind, start: Int32(start), end: Int32(position), newlineBefore: newline)
    }
    guard position < bytes.count else { return token(.endOfFile) }
    let c = bytes[position]
    if patternMode && c == UInt8(ascii: "$") && byte(position + 1) == UInt8(ascii: ".")
      && byte(position + 2) == UInt8(ascii: ".") && byte(position + 3) == UInt8(ascii: ".")
      && JavaScriptLexer.isIdentifierStart(byte(position + 4))
    {
      position += 4
      while JavaScriptLexer.isIdentifierPart(byte(position)) { position += 1 }
      return token(.ellipsisMetavariable)
    }
    if JavaScriptLexer.isIdentifierStart(c) || c == UInt8(ascii: "\\") {
      position += 1
      while position < bytes.count
        && (JavaScriptLexer.isIdentifierPart(bytes[position]) || bytes[position] == 0x5C)
      {
        position += 1
      }
      return token(.name)
    }
    if c == UInt8(ascii: "#") && JavaScriptLexer.isIdentifierStart(byte(position + 1)) {
      position += 1
      while JavaScriptLexer.isIdentifierPart(byte(position)) { position += 1 }
      return token(.privateName)
    }
    if JavaScriptLexer.isDigit(c)
      || (c == UInt8(ascii: ".") && JavaScriptLexer.isDigit(byte(position + 1)))
    {
      scanNumber()
      return token(.number)
    }
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return token(scanString(quote: c) ? .string : .error)
    case UInt8(ascii: "`"):
      position += 1
      return token(scanTemplate(head: true))
    default:
      scanPunctuator()
      return token(.punct)
    }
  }

  private mutating func scanNumber() {
    while position < bytes.count {
      let c = bytes[position]
      if JavaScriptLexer.isIdentifierPart(c) || c == UInt8(ascii: ".") {
        position += 1
      } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-"))
        && (bytes[position - 1] | 0x20) == UInt8(ascii: "e")
        && !(bytes[position - 2] == UInt8(ascii: "0") && (byte(position - 1) | 0x20) == 0x78)
      {
        position += 1
      } else {
        break
      }
    }
  }

  /// Reads a quoted string; false when the line or file ends first.
  private mutating func scanString(quote: UInt8) -> Bool {
    position += 1
    while position < bytes.count {
      let c = bytes[position]
      if c == quote {
        position += 1
        return true
      }
      if c == 0x0A { return false }
      position += c == UInt8(ascii: "\\") ? 2 : 1
    }
    position = bytes.count
    return false
  }

  /// Reads template text after `` ` `` or `}` up to the closing `` ` `` or the next `${`.
  private mutating func scanTemplate(head: Bool) -> JSTokenKind {
    while position < bytes.count {
      let c = bytes[position]
      if c == UInt8(ascii: "`") {
        position += 1
        return head ? .template : .templateTail
      }
      if c == UInt8(ascii: "$") && byte(position + 1) == UInt8(ascii: "{") {
        position += 2
        return head ? .templateHead : .templateMiddle
      }
      position += c == UInt8(ascii: "\\") ? 2 : 1
    }
    position = bytes.count
    return .error
  }

  private static let punctuators: [[UInt8]] = [
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
    "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "<<", ">>", "**",
  ].map { Array($0.utf8) }

  private mutating func scanPunctuator() {
    for candidate in JavaScriptLexer.punctuators where byte(position) == candidate[0] {
      var matches = true
      for (offset, expected) in candidate.enumerated() where byte(position + offset) != expected {
        matches = false
        break
      }
      // `a?.5:b` is a conditional, not optional chaining.
      if matches && candidate == Array("?.".utf8) && JavaScriptLexer.isDigit(byte(position + 2)) {
        matches = false
      }
      if matches {
        position += candidate.count
        return
      }
    }
    position += 1
  }

  // MARK: - Re-reading

  /// The regular expression starting at `start` (a `/` the parser found in operand position).
  mutating func regex(at start: Int32) -> JSToken {
    position = Int(start) + 1
    var inClass = false
    var closed = false
    while position < bytes.count {
      let c = bytes[position]
      if c == 0x0A { break }
      position += 1
      if c == UInt8(ascii: "\\") {
        position += 1
      } else if c == UInt8(ascii: "[") {
        inClass = true
      } else if c == UInt8(ascii: "]") {
        inClass = false
      } else if c == UInt8(ascii: "/") && !inClass {
        closed = true
        break
      }
    }
    while JavaScriptLexer.isIdentifierPart(byte(position)) { position += 1 }
    position = min(position, bytes.count)
    return JSToken(
      kind: closed ? .regex : .error, start: start, end: Int32(position), newlineBefore: false)
  }

  /// The template text after the `}` at `start` that closes a substitution.
  mutating func templateContinuation(at start: Int32) -> JSToken {
    position = Int(start) + 1
    let kind = scanTemplate(head: false)
    return JSToken(kind: kind, start: start, end: Int32(position), newlineBefore: false)
  }

  /// A single-character token at `start`, to split `>>` or `>=` where types close.
  mutating func single(at start: Int32) -> JSToken {
    position = Int(start) + 1
    return JSToken(kind: .punct, start: start, end: Int32(position), newlineBefore: false)
  }
}
