/// What every parser keeps while it reads: the bytes, the tree built so far and its warnings.
///
/// The token parsers (Python, Java, Go, JavaScript) and the byte parsers (bash, Dockerfile,
/// YAML) build on it through `TokenCursor` and `ByteCursor`.
protocol ParserCursor {
  var bytes: [UInt8] { get }
  var builder: TreeBuilder { get set }
  var warnings: [(offset: Int, message: String)] { get set }
}

extension ParserCursor {
  func text(_ start: Int32, _ end: Int32) -> String {
    String(decoding: bytes[Int(start)..<Int(end)], as: UTF8.self)
  }

  /// Whether the bytes at `start` are `text`, and nothing else fits up to `end`.
  func spells(_ text: StaticString, from start: Int32, to end: Int32) -> Bool {
    let count = text.utf8CodeUnitCount
    guard Int(end - start) == count else { return false }
    let first = Int(start)
    return text.withUTF8Buffer { buffer in
      for offset in 0..<count where bytes[first + offset] != buffer[offset] { return false }
      return true
    }
  }
}

// MARK: - Tokens

/// A lexer's token as the shared cursor reads it.
protocol CursorToken {
  associatedtype Kind: Equatable
  var kind: Kind { get }
  var start: Int32 { get }
  var end: Int32 { get }
}

/// A parser reading tokens one at a time: current token, advance, eat and expect (by kind, or
/// by text for languages whose punctuation is one kind), nesting depth, node building and
/// delimited lists, shared so each parser holds only its grammar.
protocol TokenCursor: ParserCursor {
  associatedtype Token: CursorToken
  /// How deeply rules may nest before the parser gives up on a statement.
  static var maxDepth: Int { get }
  /// The kind the lexer ends with, for ever after.
  static var endOfFileKind: Token.Kind { get }
  var depth: Int { get set }
  var current: Token { get }
  /// Where the code read so far ends: nodes end here.
  var previousEnd: Int32 { get set }
  /// Moves to the next token, returning the one it leaves.
  @discardableResult mutating func advance() -> Token
  /// Whether `token` is read by its text (punctuation, words), so `at("(")` can name it.
  func isSpelled(_ token: Token) -> Bool
  /// How an error message names `token` when its text would not do ("end of line").
  func describe(_ token: Token) -> String?
}

extension TokenCursor {
  var kind: Token.Kind { current.kind }

  func describe(_ token: Token) -> String? { nil }

  /// Whether the current token is spelled `text` (a punctuator or a word).
  func at(_ text: StaticString) -> Bool {
    isSpelled(current) && spells(text, from: current.start, to: current.end)
  }

  mutating func eat(_ expected: Token.Kind) -> Bool {
    guard kind == expected else { return false }
    advance()
    return true
  }

  mutating func eat(_ text: StaticString) -> Bool {
    guard at(text) else { return false }
    advance()
    return true
  }

  @discardableResult
  mutating func expect(_ expected: Token.Kind, _ what: String) throws(ParseFailure) -> Token {
    guard kind == expected else { throw failure("expected \(what)") }
    return advance()
  }

  mutating func expect(_ text: StaticString) throws(ParseFailure) {
    guard at(text) else { throw failure("expected '\(text)'") }
    advance()
  }

  /// A failure at the current token, naming what was found.
  func failure(_ message: String) -> ParseFailure {
    let token = current
    let found: String
    if let described = describe(token) {
      found = described
    } else {
      let end = min(Int(token.end), Int(token.start) + 20)
      found = "'" + String(decoding: bytes[Int(token.start)..<end], as: UTF8.self) + "'"
    }
    return ParseFailure(offset: Int(token.start), message: "\(message), found \(found)")
  }

  /// Counts one more level of nesting; past `maxDepth` the construct fails.
  mutating func enter() throws(ParseFailure) {
    guard depth < Self.maxDepth else {
      throw ParseFailure(offset: Int(current.start), message: "nesting too deep")
    }
    depth += 1
  }

  /// A node from `start` to the end of the code read so far.
  mutating func node(
    _ kind: NodeKind, _ start: Int32, _ children: [Int32] = [], op: Operator = .none,
    flags: UInt8 = 0, text: (Int32, Int32)? = nil
  ) -> Int32 {
    builder.add(
      kind, start: start, end: max(start, previousEnd), children: children, op: op, flags: flags,
      text: text)
  }

  /// `element`s separated by `separator` up to `close` (not read) or the end of the file; a
  /// separator after the last element is allowed.
  mutating func delimited<Element>(
    until close: StaticString, separator: StaticString = ",",
    _ element: (inout Self) throws(ParseFailure) -> Element
  ) throws(ParseFailure) -> [Element] {
    var items: [Element] = []
    while !at(close) && kind != Self.endOfFileKind {
      items.append(try element(&self))
      if !eat(separator) { break }
    }
    return items
  }

  /// The same for languages whose punctuation has kinds of its own.
  mutating func delimited<Element>(
    until close: Token.Kind, separator: Token.Kind,
    _ element: (inout Self) throws(ParseFailure) -> Element
  ) throws(ParseFailure) -> [Element] {
    var items: [Element] = []
    while kind != close && kind != Self.endOfFileKind {
      items.append(try element(&self))
      if !eat(separator) { break }
    }
    return items
  }
}

/// A parser over a lexer's whole token list (Python, Java, Go).
protocol TokenListCursor: TokenCursor {
  var tokens: [Token] { get }
  var index: Int { get set }
  /// Whether reading `token` moves where the code ends (Go's inserted semicolons do not).
  func endsCode(_ token: Token) -> Bool
}

extension TokenListCursor {
  var current: Token { tokens[index] }

  func endsCode(_ token: Token) -> Bool { true }

  /// The kind of the token `ahead` places on; the end of the file past the last one.
  func peekKind(_ ahead: Int) -> Token.Kind {
    let target = index + ahead
    return target < tokens.count ? tokens[target].kind : Self.endOfFileKind
  }

  /// The token `ahead` places on, or the last one.
  func token(_ ahead: Int) -> Token {
    tokens[min(index + ahead, tokens.count - 1)]
  }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    if endsCode(token) { previousEnd = token.end }
    return token
  }
}

// MARK: - Bytes

/// A parser reading bytes directly (bash, Dockerfile, YAML), which never fails: what it cannot
/// read becomes an error node with a warning.
protocol ByteCursor: ParserCursor {
  var position: Int { get set }
  /// Where reading stops: the file's end, unless the parser reads a part of it (a `RUN` body).
  var end: Int { get }
}

extension ByteCursor {
  var end: Int { bytes.count }

  /// The byte at `offset`, 0 past the end.
  func byte(_ offset: Int) -> UInt8 { offset < end ? bytes[offset] : 0 }
  var current: UInt8 { byte(position) }
  var atEnd: Bool { position >= end }

  /// Moves to the line feed that ends this line, or the end.
  mutating func skipToLineEnd() {
    while !atEnd && current != 0x0A { position += 1 }
  }

  /// An error node from `start` to the position, with a warning saying `message`.
  mutating func error(from start: Int, _ message: String) -> Int32 {
    warnings.append((start, message))
    return builder.add(.error, start: Int32(start), end: Int32(position))
  }
}
