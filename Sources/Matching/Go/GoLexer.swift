/// Kinds of Go tokens; keywords get their own kinds so the parser never compares text.
enum GoTokenKind: UInt8 {
  case endOfFile, semicolon, name, number, string, rawString, rune, error
  case metavariable, ellipsisMetavariable, deepOpen, deepClose
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, dot, ellipsis, colon, colonEqual, equal, arrow, tilde
  case plus, minus, star, slash, percent, amper, vbar, circumflex, leftShift, rightShift
  case amperCircumflex, andAnd, orOr, plusPlus, minusMinus, exclamation
  case equalEqual, notEqual, less, lessEqual, greater, greaterEqual
  case plusEqual, minusEqual, starEqual, slashEqual, percentEqual, amperEqual, vbarEqual
  case circumflexEqual, leftShiftEqual, rightShiftEqual, amperCircumflexEqual
  case kwBreak, kwCase, kwChan, kwConst, kwContinue, kwDefault, kwDefer, kwElse
  case kwFallthrough, kwFor, kwFunc, kwGo, kwGoto, kwIf, kwImport, kwInterface, kwMap
  case kwPackage, kwRange, kwReturn, kwSelect, kwStruct, kwSwitch, kwType, kwVar
}

/// One Go token: a kind and its byte span (empty for an automatic semicolon).
struct GoToken: CursorToken {
  var kind: GoTokenKind
  var start: Int32
  var end: Int32
}

/// Splits Go source into tokens, inserting semicolons at line ends as the Go spec says.
///
/// It always advances, so any bytes end in a finite token list; what it cannot read becomes an
/// `error` token and a warning. In pattern mode `$X`, `$...X`, `<...` and `...>` are tokens,
/// and `...` ends a statement at a line end as a name would.
struct GoLexer {
  private let bytes: [UInt8]
  private let patternMode: Bool
  private var position = 0
  private(set) var tokens: [GoToken] = []
  private(set) var warnings: [(offset: Int, message: String)] = []

  static let keywords: [String: GoTokenKind] = [
    "break": .kwBreak, "case": .kwCase, "chan": .kwChan, "const": .kwConst,
    "continue": .kwContinue, "default": .kwDefault, "defer": .kwDefer, "else": .kwElse,
    "fallthrough": .kwFallthrough, "for": .kwFor, "func": .kwFunc, "go": .kwGo, "goto": .kwGoto,
    "if": .kwIf, "import": .kwImport, "interface": .kwInterface, "map": .kwMap,
    "package": .kwPackage, "range": .kwRange, "return": .kwReturn, "select": .kwSelect,
    "struct": .kwStruct, "switch": .kwSwitch, "type": .kwType, "var": .kwVar,
  ]

  /// Tokenizes all of `bytes`; the list always ends with `endOfFile`.
  static func tokenize(_ bytes: [UInt8], patternMode: Bool) -> GoLexer {
    var lexer = GoLexer(bytes: bytes, patternMode: patternMode)
    lexer.run()
    return lexer
  }

  private init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
  }

  private func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

  private mutating func emit(_ kind: GoTokenKind, _ start: Int, _ end: Int) {
    tokens.append(GoToken(kind: kind, start: Int32(start), end: Int32(end)))
  }

  /// Whether a line end after the last token ends a statement (the spec's rule).
  private var needsSemicolon: Bool {
    guard let last = tokens.last else { return false }
    switch last.kind {
    case .name, .number, .string, .rawString, .rune, .metavariable, .ellipsisMetavariable,
      .kwBreak, .kwContinue, .kwFallthrough, .kwReturn, .plusPlus, .minusMinus, .rightParen,
      .rightBracket, .rightBrace, .deepClose:
      return true
    case .ellipsis:
      return patternMode
    default:
      return false
    }
  }

  private mutating func lineEnd(at offset: Int) {
    if needsSemicolon { emit(.semicolon, offset, offset) }
  }

  private mutating func run() {
    tokens.reserveCapacity(bytes.count / 4 + 8)
    while position < bytes.count {
      let c = bytes[position]
      switch c {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
        position += 1
      case UInt8(ascii: "\n"):
        lineEnd(at: position)
        position += 1
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "/"):
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
      case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "*"):
        scanBlockComment()
      case UInt8(ascii: "\""):
        scanQuoted(quote: c, kind: .string)
      case UInt8(ascii: "'"):
        scanQuoted(quote: c, kind: .rune)
      case UInt8(ascii: "`"):
        scanRawString()
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        scanNumber()
      case UInt8(ascii: ".") where isDigit(byte(position + 1)):
        scanNumber()
      case UInt8(ascii: "$") where patternMode:
        scanMetavariable()
      default:
        if isNameStart(c) {
          scanName()
        } else {
          scanPunctuation()
        }
      }
    }
    lineEnd(at: bytes.count)
    emit(.endOfFile, bytes.count, bytes.count)
  }

  private mutating func scanBlockComment() {
    let start = position
    position += 2
    var sawNewline = false
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "*") && byte(position + 1) == UInt8(ascii: "/") {
        position += 2
        // A comment spanning lines acts like a newline.
        if sawNewline { lineEnd(at: start) }
        return
      }
      if bytes[position] == UInt8(ascii: "\n") { sawNewline = true }
      position += 1
    }
    warnings.append((start, "unterminated comment"))
    lineEnd(at: start)
  }

  /// A `"..."` string or `'x'` rune; a line end before the closing quote is an error.
  private mutating func scanQuoted(quote: UInt8, kind: GoTokenKind) {
    let start = position
    position += 1
    while position < bytes.count {
      let c = bytes[position]
      if c == quote {
        position += 1
        emit(kind, start, position)
        return
      }
      if c == UInt8(ascii: "\n") { break }
      position += c == UInt8(ascii: "\\") && position + 1 < bytes.count ? 2 : 1
    }
    warnings.append((start, kind == .rune ? "unterminated rune literal" : "unterminated string"))
    emit(kind, start, position)
  }

  private mutating func scanRawString() {
    let start = position
    position += 1
    while position < bytes.count, bytes[position] != UInt8(ascii: "`") { position += 1 }
    if position < bytes.count {
      position += 1
    } else {
      warnings.append((start, "unterminated raw string"))
    }
    emit(.rawString, start, position)
  }

  private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  private func isNameStart(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_") || c >= 0x80
  }

  private func isNamePart(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }

  /// Numbers in every base, with `_` separators, fractions, exponents and the `i` suffix.
  private mutating func scanNumber() {
    let start = position
    var previous: UInt8 = 0
    while position < bytes.count {
      let c = bytes[position]
      let isExponentSign =
        (c == UInt8(ascii: "+") || c == UInt8(ascii: "-"))
        && (previous | 0x20 == UInt8(ascii: "e") || previous | 0x20 == UInt8(ascii: "p"))
        && !(bytes[start..<position].contains(UInt8(ascii: "x"))
          && previous | 0x20 == UInt8(ascii: "e"))
      guard isNamePart(c) || c == UInt8(ascii: ".") || isExponentSign else { break }
      if c == UInt8(ascii: "."), byte(position + 1) == UInt8(ascii: ".") { break }
      previous = c
      position += 1
    }
    emit(.number, start, position)
  }

  private mutating func scanName() {
    let start = position
    while position < bytes.count, isNamePart(bytes[position]) { position += 1 }
    let word = String(decoding: bytes[start..<position], as: UTF8.self)
    emit(GoLexer.keywords[word] ?? .name, start, position)
  }

  /// `$X`, `$...X`, or a lone `$` (an error).
  private mutating func scanMetavariable() {
    let start = position
    var cursor = position + 1
    var kind = GoTokenKind.metavariable
    if byte(cursor) == UInt8(ascii: "."), byte(cursor + 1) == UInt8(ascii: "."),
      byte(cursor + 2) == UInt8(ascii: ".")
    {
      cursor += 3
      kind = .ellipsisMetavariable
    }
    let nameStart = cursor
    while cursor < bytes.count, isNamePart(bytes[cursor]) { cursor += 1 }
    guard cursor > nameStart else {
      warnings.append((start, "unexpected '$'"))
      position += 1
      emit(.error, start, position)
      return
    }
    position = cursor
    emit(kind, start, position)
  }

  private static let punctuation: [(String, GoTokenKind)] = [
    ("&^=", .amperCircumflexEqual), ("<<=", .leftShiftEqual), (">>=", .rightShiftEqual),
    ("...", .ellipsis), ("&^", .amperCircumflex), ("&&", .andAnd), ("||", .orOr),
    ("<-", .arrow), ("++", .plusPlus), ("--", .minusMinus), ("==", .equalEqual),
    ("!=", .notEqual), ("<=", .lessEqual), (">=", .greaterEqual), (":=", .colonEqual),
    ("+=", .plusEqual), ("-=", .minusEqual), ("*=", .starEqual), ("/=", .slashEqual),
    ("%=", .percentEqual), ("&=", .amperEqual), ("|=", .vbarEqual), ("^=", .circumflexEqual),
    ("<<", .leftShift), (">>", .rightShift), ("(", .leftParen), (")", .rightParen),
    ("[", .leftBracket), ("]", .rightBracket), ("{", .leftBrace), ("}", .rightBrace),
    (",", .comma), (";", .semicolon), (".", .dot), (":", .colon), ("=", .equal), ("~", .tilde),
    ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("%", .percent), ("&", .amper),
    ("|", .vbar), ("^", .circumflex), ("!", .exclamation), ("<", .less), (">", .greater),
  ]

  private mutating func scanPunctuation() {
    let start = position
    if patternMode {
      if matches("<...") {
        position += 4
        emit(.deepOpen, start, position)
        return
      }
      if matches("...>") {
        position += 4
        emit(.deepClose, start, position)
        return
      }
    }
    for (text, kind) in GoLexer.punctuation where matches(text) {
      position += text.utf8.count
      emit(kind, start, position)
      return
    }
    warnings.append((start, "unexpected character"))
    // Skip one whole UTF-8 sequence so positions stay on scalar boundaries.
    position += 1
    while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
    emit(.error, start, position)
  }

  private func matches(_ text: String) -> Bool {
    var index = position
    for byte in text.utf8 {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
    }
    return true
  }
}
