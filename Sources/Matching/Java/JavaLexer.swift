/// Kinds of Java tokens.
///
/// Words (keywords included) are one kind, read by their text, since Java has many contextual
/// keywords (`record`, `var`, `yield`, `sealed`) that are also names.
enum JavaTokenKind: UInt8 {
  case endOfFile, word, number, string, textBlock, character, error
  case metavariable, ellipsisMetavariable
  /// `<...` and `...>` of a pattern's deep expression.
  case deepOpen, deepClose
  /// Punctuation and operators; the parser reads them by their text. `>` is always a token of
  /// its own so that `List<List<T>>` closes two type argument lists; the parser joins adjacent
  /// `>`s into shift operators.
  case punctuation
}

/// One Java token: a kind and its byte span.
struct JavaToken: CursorToken {
  var kind: JavaTokenKind
  var start: Int32
  var end: Int32
}

/// Splits Java source into tokens, dropping comments and whitespace.
///
/// It always advances, so any bytes end in a finite token list; what it cannot read becomes an
/// `error` token and a warning.
struct JavaLexer {
  private let bytes: [UInt8]
  private let patternMode: Bool
  private var position = 0
  private(set) var tokens: [JavaToken] = []
  private(set) var warnings: [(offset: Int, message: String)] = []

  /// Operators longest first, so the first that fits is the one the source spells.
  private static let operators: [[UInt8]] = [
    "<<=", "...", "::", "->", "++", "--", "&&", "||", "==", "!=", "<=", "+=", "-=",
    "*=", "/=", "%=", "&=", "|=", "^=", "<<", "(", ")", "[", "]", "{", "}", ";", ",", ".", "@",
    "=", "<", ">", "!", "~", "?", ":", "+", "-", "*", "/", "&", "|", "^", "%",
  ].map { Array($0.utf8) }

  static func tokenize(_ bytes: [UInt8], patternMode: Bool) -> JavaLexer {
    var lexer = JavaLexer(bytes: bytes, patternMode: patternMode)
    lexer.run()
    return lexer
  }

  private init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
  }

  private func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

  private mutating func emit(_ kind: JavaTokenKind, _ start: Int, _ end: Int) {
    tokens.append(JavaToken(kind: kind, start: Int32(start), end: Int32(end)))
  }

  static func isWordStart(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x24 || c >= 0x80
  }

  static func isWordByte(_ c: UInt8) -> Bool {
    isWordStart(c) || (c >= 0x30 && c <= 0x39)
  }

  private mutating func run() {
    tokens.reserveCapacity(bytes.count / 4 + 8)
    while position < bytes.count {
      let c = bytes[position]
      let start = position
      switch c {
      case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
        position += 1
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "/"):
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "*"):
        position += 2
        while position < bytes.count
          && !(bytes[position] == UInt8(ascii: "*") && byte(position + 1) == UInt8(ascii: "/"))
        {
          position += 1
        }
        if position >= bytes.count {
          warnings.append((start, "unterminated comment"))
        } else {
          position += 2
        }
      case UInt8(ascii: "\""):
        lexString(start)
      case UInt8(ascii: "'"):
        lexCharacter(start)
      case UInt8(ascii: "$") where patternMode && isMetavariable(at: position + 1):
        position += 1
        while position < bytes.count && JavaLexer.isWordByte(bytes[position]) { position += 1 }
        emit(.metavariable, start, position)
      case UInt8(ascii: "$")
      where patternMode && matches("$...", at: position) && isMetavariable(at: position + 4):
        position += 4
        while position < bytes.count && JavaLexer.isWordByte(bytes[position]) { position += 1 }
        emit(.ellipsisMetavariable, start, position)
      case UInt8(ascii: "<") where patternMode && matches("<...", at: position):
        position += 4
        emit(.deepOpen, start, position)
      case UInt8(ascii: ".") where patternMode && matches("...>", at: position):
        position += 4
        emit(.deepClose, start, position)
      case UInt8(ascii: "."):
        if byte(position + 1) >= 0x30 && byte(position + 1) <= 0x39 {
          lexNumber(start)
        } else {
          lexOperator(start)
        }
      case _ where c >= 0x30 && c <= 0x39:
        lexNumber(start)
      case _ where JavaLexer.isWordStart(c):
        position += 1
        while position < bytes.count && JavaLexer.isWordByte(bytes[position]) { position += 1 }
        emit(.word, start, position)
      default:
        lexOperator(start)
      }
    }
    emit(.endOfFile, bytes.count, bytes.count)
  }

  private func matches(_ text: StaticString, at index: Int) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    let pointer = text.utf8Start
    for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
    return true
  }

  /// Whether a metavariable name (`[A-Z_][A-Z0-9_]*`) starts here.
  private func isMetavariable(at index: Int) -> Bool {
    let c = byte(index)
    return (c >= 0x41 && c <= 0x5A) || c == 0x5F
  }

  private mutating func lexOperator(_ start: Int) {
    for candidate in JavaLexer.operators where position + candidate.count <= bytes.count {
      if bytes[position..<position + candidate.count].elementsEqual(candidate) {
        position += candidate.count
        emit(.punctuation, start, position)
        return
      }
    }
    position += 1
    // Continuation bytes of one UTF-8 character stay in one error token.
    while position < bytes.count && bytes[position] & 0xC0 == 0x80 { position += 1 }
    warnings.append((start, "unexpected character"))
    emit(.error, start, position)
  }

  private mutating func lexNumber(_ start: Int) {
    position += 1
    while position < bytes.count {
      let c = bytes[position]
      if JavaLexer.isWordByte(c) || c == UInt8(ascii: ".") {
        // `1..2` is not Java, but `1.e5` and `0x1.8p3` are: a dot belongs to the number
        // unless a second one follows it.
        if c == UInt8(ascii: ".") && byte(position + 1) == UInt8(ascii: ".") { break }
        position += 1
      } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")),
        [UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "p"), UInt8(ascii: "P")].contains(
          bytes[position - 1]),
        !(bytes[start] == UInt8(ascii: "0")
          && [UInt8(ascii: "x"), UInt8(ascii: "X")].contains(byte(start + 1))
          && !bytes[start..<position].contains(UInt8(ascii: ".")))
      {
        position += 1
      } else {
        break
      }
    }
    emit(.number, start, position)
  }

  private mutating func lexString(_ start: Int) {
    if matches("\"\"\"", at: start) {
      position = start + 3
      while position < bytes.count {
        if bytes[position] == UInt8(ascii: "\\") {
          position += 2
          continue
        }
        if matches("\"\"\"", at: position) {
          position += 3
          emit(.textBlock, start, position)
          return
        }
        position += 1
      }
      position = bytes.count
      warnings.append((start, "unterminated text block"))
      emit(.textBlock, start, position)
      return
    }
    lexQuoted(start, quote: UInt8(ascii: "\""), as: .string, name: "string")
  }

  private mutating func lexCharacter(_ start: Int) {
    lexQuoted(start, quote: UInt8(ascii: "'"), as: .character, name: "character literal")
  }

  /// A one-line literal between `quote`s, backslash escapes skipped; unterminated at the line's
  /// end, with a warning.
  private mutating func lexQuoted(_ start: Int, quote: UInt8, as kind: JavaTokenKind, name: String)
  {
    position = start + 1
    while position < bytes.count {
      let c = bytes[position]
      if c == UInt8(ascii: "\\") {
        position += 2
        continue
      }
      if c == 0x0A { break }
      position += 1
      if c == quote {
        emit(kind, start, position)
        return
      }
    }
    position = min(position, bytes.count)
    warnings.append((start, "unterminated \(name)"))
    emit(kind, start, position)
  }
}
