/// Kinds of Python tokens; keywords get their own kinds so the parser never compares text.
enum TokenKind: UInt8 {
  case endOfFile, newline, indent, dedent, name, number, string, error
  case metavariable, ellipsisMetavariable
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case colon, comma, semicolon, dot, ellipsis, arrow, at, colonEqual, exclamation
  case plus, minus, star, doubleStar, slash, doubleSlash, percent, vbar, amper, circumflex, tilde
  case leftShift, rightShift, less, greater, lessEqual, greaterEqual, equalEqual, notEqual, equal
  case plusEqual, minusEqual, starEqual, doubleStarEqual, slashEqual, doubleSlashEqual
  case percentEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual, rightShiftEqual
  case atEqual
  case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
  case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
  case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise, kwReturn
  case kwTry, kwWhile, kwWith, kwYield
}

/// One token: a kind and its byte span.
struct Token: CursorToken {
  var kind: TokenKind
  var start: Int32
  var end: Int32
}

/// Splits Python source into tokens, with INDENT/DEDENT and implicit line joining.
///
/// It always advances, so any bytes at all end in a finite token list; what it cannot read
/// becomes an `error` token and a warning.
struct PythonLexer {
  private let bytes: [UInt8]
  private let patternMode: Bool
  /// Where the text to tokenize ends (an f-string's field ends before the file does).
  private let end: Int
  private var position: Int
  private(set) var tokens: [Token] = []
  private(set) var warnings: [(offset: Int, message: String)] = []
  private var indents: [Int] = [0]
  /// Open brackets with the indentation of the line each was opened on.
  private var brackets: [Int] = []
  private var lineIndent = 0

  init(bytes: [UInt8], patternMode: Bool, range: Range<Int>? = nil, insideBrackets: Bool = false) {
    self.bytes = bytes
    self.patternMode = patternMode
    position = range?.lowerBound ?? 0
    // A UTF-8 byte order mark is no part of the code.
    if range == nil, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    end = range?.upperBound ?? bytes.count
    if insideBrackets { brackets = [Int.max] }
  }

  /// Tokenizes `range` of the text (all of it by default); inside brackets, newlines are
  /// spaces, as in an f-string's replacement field.
  static func tokenize(
    _ bytes: [UInt8], patternMode: Bool, range: Range<Int>? = nil, insideBrackets: Bool = false
  ) -> PythonLexer {
    var lexer = PythonLexer(
      bytes: bytes, patternMode: patternMode, range: range, insideBrackets: insideBrackets)
    lexer.run()
    return lexer
  }

  private func byte(_ index: Int) -> UInt8 { index < end ? bytes[index] : 0 }

  private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
    tokens.append(Token(kind: kind, start: Int32(start), end: Int32(end)))
  }

  private mutating func run() {
    tokens.reserveCapacity(end / 4 + 8)
    var atLineStart = brackets.isEmpty
    while true {
      if atLineStart {
        atLineStart = false
        if !startLine() { break }
      }
      guard position < end else { break }
      let c = bytes[position]
      switch c {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
        position += 1
      case UInt8(ascii: "#"):
        skipToLineEnd()
      case UInt8(ascii: "\\"):
        if byte(position + 1) == UInt8(ascii: "\n") {
          position += 2
        } else if byte(position + 1) == UInt8(ascii: "\r") {
          position += byte(position + 2) == UInt8(ascii: "\n") ? 3 : 2
        } else {
          errorToken("unexpected backslash")
        }
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        let start = position
        position += (c == UInt8(ascii: "\r") && byte(position + 1) == UInt8(ascii: "\n")) ? 2 : 1
        if !brackets.isEmpty && closesBracketsEarly() {
          warnings.append((start, "unclosed bracket"))
          brackets.removeAll()
        }
        if brackets.isEmpty {
          if let last = tokens.last, last.kind != .newline, last.kind != .indent,
            last.kind != .dedent
          {
            emit(.newline, start, start)
          }
          atLineStart = true
        }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        scanString(prefixStart: position, isFormatted: false)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        scanNumber()
      case UInt8(ascii: "."):
        if isDigit(byte(position + 1)) {
          scanNumber()
        } else if byte(position + 1) == UInt8(ascii: "."), byte(position + 2) == UInt8(ascii: ".") {
          emit(.ellipsis, position, position + 3)
          position += 3
        } else {
          emit(.dot, position, position + 1)
          position += 1
        }
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
    if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
      emit(.newline, end, end)
    }
    for _ in 1..<indents.count { emit(.dedent, end, end) }
    emit(.endOfFile, end, end)
  }

  /// Reads a line's indentation and emits INDENT/DEDENT, skipping blank and comment lines.
  ///
  /// Returns false at the end of the text.
  private mutating func startLine() -> Bool {
    while position < end {
      var column = 0
      while position < end {
        let c = bytes[position]
        if c == UInt8(ascii: " ") {
          column += 1
        } else if c == UInt8(ascii: "\t") {
          column = (column / 8 + 1) * 8
        } else if c == 0x0C {
          column = 0
        } else {
          break
        }
        position += 1
      }
      guard position < end else { return false }
      let c = bytes[position]
      if c == UInt8(ascii: "#") {
        skipToLineEnd()
        continue
      }
      if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
        position += (c == UInt8(ascii: "\r") && byte(position + 1) == UInt8(ascii: "\n")) ? 2 : 1
        continue
      }
      lineIndent = column
      if let top = indents.last, column > top {
        indents.append(column)
        emit(.indent, position, position)
      } else {
        while let top = indents.last, column < top {
          indents.removeLast()
          emit(.dedent, position, position)
        }
        if let top = indents.last, column > top {
          warnings.append((position, "unindent does not match any outer indentation level"))
          indents.append(column)
          emit(.indent, position, position)
        }
      }
      return true
    }
    return false
  }

  /// Whether the line after an unclosed bracket starts a definition at or left of the bracket's
  /// line: then the bracket was never closed, and the rest of the file must not be swallowed.
  private func closesBracketsEarly() -> Bool {
    guard let openIndent = brackets.first else { return false }
    var index = position
    var column = 0
    while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
      column += bytes[index] == UInt8(ascii: "\t") ? 8 - column % 8 : 1
      index += 1
    }
    guard column <= openIndent else { return false }
    for word in PythonLexer.statementStarts {
      if index + word.count <= end, bytes[index..<index + word.count].elementsEqual(word) {
        return true
      }
    }
    return false
  }

  /// Words that start a statement and hardly ever continue a bracketed expression.
  private static let statementStarts: [[UInt8]] = [
    "def ", "class ", "import ", "return", "elif ", "else:", "while ", "try:", "except",
    "finally:", "with ", "raise ", "pass", "break", "continue",
  ].map { Array($0.utf8) }

  private mutating func skipToLineEnd() {
    while position < end, bytes[position] != UInt8(ascii: "\n"),
      bytes[position] != UInt8(ascii: "\r")
    {
      position += 1
    }
  }

  private mutating func errorToken(_ message: String) {
    warnings.append((position, message))
    emit(.error, position, position + 1)
    position += 1
  }

  private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  private func isNameStart(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || c == UInt8(ascii: "_") || c >= 0x80
  }

  private func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }

  /// Metavariable names are upper case, digits and underscores, as semgrep requires.
  private func isMetavariableByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_") || isDigit(c)
  }

  private mutating func scanNumber() {
    let start = position
    var isHex = false
    if bytes[position] == UInt8(ascii: "0"), byte(position + 1) | 0x20 == UInt8(ascii: "x") {
      isHex = true
    }
    while position < end {
      let c = bytes[position]
      if isNameByte(c) && c < 0x80 || c == UInt8(ascii: ".") {
        position += 1
        if !isHex, c | 0x20 == UInt8(ascii: "e"),
          byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-")
        {
          position += 1
        }
      } else {
        break
      }
    }
    emit(.number, start, position)
  }

  private mutating func scanMetavariable() {
    let start = position
    var index = position + 1
    var kind = TokenKind.metavariable
    if byte(index) == UInt8(ascii: "."), byte(index + 1) == UInt8(ascii: "."),
      byte(index + 2) == UInt8(ascii: ".")
    {
      index += 3
      kind = .ellipsisMetavariable
    }
    let nameStart = index
    while index < end, isMetavariableByte(bytes[index]) { index += 1 }
    guard index > nameStart, !isDigit(bytes[nameStart]), index >= end || !isNameByte(bytes[index])
    else {
      errorToken("a metavariable is `$` and upper-case letters, digits or `_`, such as $X")
      return
    }
    position = index
    emit(kind, start, index)
  }

  private mutating func scanName() {
    let start = position
    while position < end, isNameByte(bytes[position]) { position += 1 }
    let length = position - start
    let next = byte(position)
    if length <= 2, next == UInt8(ascii: "\"") || next == UInt8(ascii: "'"),
      let formatted = stringPrefix(start, length)
    {
      scanString(prefixStart: start, isFormatted: formatted)
      return
    }
    emit(keyword(start, length) ?? .name, start, position)
  }

  /// Whether the name is a string prefix, and if so whether it makes an f-string.
  private func stringPrefix(_ start: Int, _ length: Int) -> Bool? {
    var formatted = false
    for index in start..<start + length {
      switch bytes[index] | 0x20 {
      case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"): continue
      case UInt8(ascii: "f"), UInt8(ascii: "t"): formatted = true
      default: return nil
      }
    }
    return formatted
  }

  /// Scans a string literal starting at its prefix; an unterminated one ends at the line end
  /// (or the text's end when triple-quoted) with a warning.
  private mutating func scanString(prefixStart: Int, isFormatted: Bool) {
    let isRaw = bytes[prefixStart..<position].contains { $0 | 0x20 == UInt8(ascii: "r") }
    let (stringEnd, closed) = PythonStrings.stringEnd(
      bytes, quoteAt: position, limit: end, formatted: isFormatted, raw: isRaw)
    if !closed { warnings.append((position, "unterminated string literal")) }
    position = max(stringEnd, position + 1)
    emit(.string, prefixStart, position)
  }

  /// Where scanning resumes after the backslash at `index`: in an f-string `\{` leaves the brace
  /// to be read and `\N{NAME}` (when not raw) is one escape; elsewhere the next byte is skipped.
  static func afterEscape(_ bytes: [UInt8], _ index: Int, end: Int, formatted: Bool, raw: Bool)
    -> Int
  {
    guard formatted, index + 1 < end else { return index + 2 }
    let next = bytes[index + 1]
    if next == UInt8(ascii: "{") || next == UInt8(ascii: "}") { return index + 1 }
    if !raw, next == UInt8(ascii: "N"), index + 2 < end, bytes[index + 2] == UInt8(ascii: "{") {
      var probe = index + 3
      while probe < end, bytes[probe] != UInt8(ascii: "}"), bytes[probe] != UInt8(ascii: "\n") {
        probe += 1
      }
      return min(end, probe + 1)
    }
    return index + 2
  }

  private mutating func scanPunctuation() {
    let start = position
    let c = bytes[position]
    let n1 = byte(position + 1)
    let n2 = byte(position + 2)
    let eq = UInt8(ascii: "=")
    var kind: TokenKind
    var length = 1
    switch c {
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: "{"): kind = .leftBrace
    case UInt8(ascii: "}"): kind = .rightBrace
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: ";"): kind = .semicolon
    case UInt8(ascii: "~"): kind = .tilde
    case UInt8(ascii: ":"):
      (kind, length) = n1 == eq ? (.colonEqual, 2) : (.colon, 1)
    case UInt8(ascii: "!"):
      (kind, length) = n1 == eq ? (.notEqual, 2) : (.exclamation, 1)
    case UInt8(ascii: "="):
      (kind, length) = n1 == eq ? (.equalEqual, 2) : (.equal, 1)
    case UInt8(ascii: "+"):
      (kind, length) = n1 == eq ? (.plusEqual, 2) : (.plus, 1)
    case UInt8(ascii: "-"):
      if n1 == UInt8(ascii: ">") {
        (kind, length) = (.arrow, 2)
      } else {
        (kind, length) = n1 == eq ? (.minusEqual, 2) : (.minus, 1)
      }
    case UInt8(ascii: "%"):
      (kind, length) = n1 == eq ? (.percentEqual, 2) : (.percent, 1)
    case UInt8(ascii: "|"):
      (kind, length) = n1 == eq ? (.vbarEqual, 2) : (.vbar, 1)
    case UInt8(ascii: "&"):
      (kind, length) = n1 == eq ? (.amperEqual, 2) : (.amper, 1)
    case UInt8(ascii: "^"):
      (kind, length) = n1 == eq ? (.circumflexEqual, 2) : (.circumflex, 1)
    case UInt8(ascii: "@"):
      (kind, length) = n1 == eq ? (.atEqual, 2) : (.at, 1)
    case UInt8(ascii: "*"):
      if n1 == UInt8(ascii: "*") {
        (kind, length) = n2 == eq ? (.doubleStarEqual, 3) : (.doubleStar, 2)
      } else {
        (kind, length) = n1 == eq ? (.starEqual, 2) : (.star, 1)
      }
    case UInt8(ascii: "/"):
      if n1 == UInt8(ascii: "/") {
        (kind, length) = n2 == eq ? (.doubleSlashEqual, 3) : (.doubleSlash, 2)
      } else {
        (kind, length) = n1 == eq ? (.slashEqual, 2) : (.slash, 1)
      }
    case UInt8(ascii: "<"):
      if n1 == UInt8(ascii: "<") {
        (kind, length) = n2 == eq ? (.leftShiftEqual, 3) : (.leftShift, 2)
      } else if n1 == UInt8(ascii: ">") {
        (kind, length) = (.notEqual, 2)
      } else {
        (kind, length) = n1 == eq ? (.lessEqual, 2) : (.less, 1)
      }
    case UInt8(ascii: ">"):
      if n1 == UInt8(ascii: ">") {
        (kind, length) = n2 == eq ? (.rightShiftEqual, 3) : (.rightShift, 2)
      } else {
        (kind, length) = n1 == eq ? (.greaterEqual, 2) : (.greater, 1)
      }
    default:
      errorToken("unexpected character")
      return
    }
    switch kind {
    case .leftParen, .leftBracket, .leftBrace: brackets.append(lineIndent)
    case .rightParen, .rightBracket, .rightBrace: _ = brackets.popLast()
    default: break
    }
    position += length
    emit(kind, start, position)
  }

  /// Keywords by their bytes packed into an integer (all are at most eight bytes), so a lookup
  /// allocates nothing.
  private static let keywords: [UInt64: TokenKind] = {
    let table: [(String, TokenKind)] = [
      ("False", .kwFalse), ("None", .kwNone), ("True", .kwTrue), ("and", .kwAnd), ("as", .kwAs),
      ("assert", .kwAssert), ("async", .kwAsync), ("await", .kwAwait), ("break", .kwBreak),
      ("class", .kwClass), ("continue", .kwContinue), ("def", .kwDef), ("del", .kwDel),
      ("elif", .kwElif), ("else", .kwElse), ("except", .kwExcept), ("finally", .kwFinally),
      ("for", .kwFor), ("from", .kwFrom), ("global", .kwGlobal), ("if", .kwIf),
      ("import", .kwImport), ("in", .kwIn), ("is", .kwIs), ("lambda", .kwLambda),
      ("nonlocal", .kwNonlocal), ("not", .kwNot), ("or", .kwOr), ("pass", .kwPass),
      ("raise", .kwRaise), ("return", .kwReturn), ("try", .kwTry), ("while", .kwWhile),
      ("with", .kwWith), ("yield", .kwYield),
    ]
    var result: [UInt64: TokenKind] = [:]
    for (word, kind) in table { result[pack(Array(word.utf8)[...])] = kind }
    return result
  }()

  private static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.reduce(0) { $0 << 8 | UInt64($1) }
  }

  private func keyword(_ start: Int, _ length: Int) -> TokenKind? {
    guard length >= 2, length <= 8 else { return nil }
    let first = bytes[start]
    guard first >= UInt8(ascii: "F"), first <= UInt8(ascii: "y") else { return nil }
    return PythonLexer.keywords[PythonLexer.pack(bytes[start..<start + length])]
  }
}
