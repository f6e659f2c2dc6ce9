import Foundation
import Rules

/// A token of generic mode: a word, one punctuation byte, or a run of other bytes.
struct GenericToken: Sendable {
  enum Kind: Sendable {
    case word, punctuation, other, ellipsis, metavariable, ellipsisMetavariable
  }
  var kind: Kind
  var start: Int
  var end: Int
  var line: Int
}

/// Splits text into generic-mode tokens and lines, as semgrep's generic mode reads it: words
/// of `[A-Za-z0-9_]`, one token per ASCII punctuation byte, other bytes alone; in a pattern
/// `...`, `$X` and `$...X` (a capital first) are operators, and four or more dots are dots.
enum GenericLexer {
  static func isWordByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
  }

  static func isCapital(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")
  }

  /// ASCII punctuation, brackets included; any other byte that is not a blank is "other".
  static func isPunctuation(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60)
      || (c >= 0x7B && c <= 0x7E)
  }

  static func tokenize(_ bytes: [UInt8], pattern: Bool) -> [GenericToken] {
    tokenizeLines(bytes, pattern: pattern).tokens
  }

  /// The tokens, and for each line holding some its first token and its indentation (a space
  /// counts one, a tab eight).
  static func tokenizeLines(_ bytes: [UInt8], pattern: Bool)
    -> (tokens: [GenericToken], lines: [(first: Int, indent: Int)])
  {
    var tokens: [GenericToken] = []
    var lines: [(first: Int, indent: Int)] = []
    var index = 0
    var line = 1
    var atLineStart = true
    var indent = 0
    func add(_ kind: GenericToken.Kind, _ start: Int, _ end: Int) {
      if atLineStart {
        lines.append((tokens.count, indent))
        atLineStart = false
      }
      tokens.append(GenericToken(kind: kind, start: start, end: end, line: line))
    }
    while index < bytes.count {
      let c = bytes[index]
      let start = index
      if c == UInt8(ascii: "\n")
        || (c == UInt8(ascii: "\r") && index + 1 < bytes.count
          && bytes[index + 1] == UInt8(ascii: "\n"))
      {
        index += c == UInt8(ascii: "\n") ? 1 : 2
        line += 1
        atLineStart = true
        indent = 0
        continue
      }
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
        if atLineStart { indent += c == UInt8(ascii: " ") ? 1 : 8 }
        index += 1
        continue
      }
      if isWordByte(c) {
        while index < bytes.count && isWordByte(bytes[index]) { index += 1 }
        add(.word, start, index)
        continue
      }
      if c >= 0x80 {
        index += 1
        while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
        add(.other, start, index)
        continue
      }
      if pattern {
        var dots = 0
        while index + dots < bytes.count && bytes[index + dots] == UInt8(ascii: ".") { dots += 1 }
        if dots == 3 {
          index += 3
          add(.ellipsis, start, index)
          continue
        }
        if dots > 3 {
          for offset in 0..<dots { add(.punctuation, start + offset, start + offset + 1) }
          index += dots
          continue
        }
        if c == UInt8(ascii: "$") {
          var probe = index + 1
          var kind = GenericToken.Kind.metavariable
          if probe + 3 < bytes.count, bytes[probe] == UInt8(ascii: "."),
            bytes[probe + 1] == UInt8(ascii: "."), bytes[probe + 2] == UInt8(ascii: "."),
            isCapital(bytes[probe + 3])
          {
            probe += 3
            kind = .ellipsisMetavariable
          }
          if probe < bytes.count, isCapital(bytes[probe]) {
            while probe < bytes.count && isWordByte(bytes[probe]) { probe += 1 }
            index = probe
            add(kind, start, index)
            continue
          }
        }
      }
      index += 1
      add(isPunctuation(c) ? .punctuation : .other, start, index)
    }
    return (tokens, lines)
  }
}

/// Text read as semgrep's generic mode reads it: tokens in nested lists.
///
/// A line indented deeper than the one before opens a list that ends at the first line indented less, and
/// brackets that close on their own line enclose a list of what lies between them.
struct GenericDocument {
  let tokens: [GenericToken]
  /// The innermost list of each token.
  var level: [Int32]
  /// Each list's first token, the token after its last, and the list holding it; list 0 is
  /// the whole text.
  var starts: [Int32] = [0]
  var ends: [Int32]
  var parents: [Int32] = [-1]

  init(_ bytes: [UInt8]) {
    let (tokens, lines) = GenericLexer.tokenizeLines(bytes, pattern: false)
    self.tokens = tokens
    level = Array(repeating: 0, count: tokens.count)
    ends = [Int32(tokens.count)]
    // Indentation: each open list with its indentation, the whole text at zero.
    var open: [(list: Int32, indent: Int)] = [(0, 0)]
    for (index, line) in lines.enumerated() {
      let end = index + 1 < lines.count ? lines[index + 1].first : tokens.count
      while let top = open.last, top.indent > line.indent {
        ends[Int(top.list)] = Int32(line.first)
        open.removeLast()
      }
      if let top = open.last, top.indent < line.indent {
        open.append((addList(from: line.first, parent: top.list), line.indent))
      }
      addBrackets(line.first, end, in: open.last?.list ?? 0, bytes)
    }
    for top in open.dropFirst() { ends[Int(top.list)] = Int32(tokens.count) }
  }

  private mutating func addList(from first: Int, parent: Int32) -> Int32 {
    starts.append(Int32(first))
    ends.append(Int32(tokens.count))
    parents.append(parent)
    return Int32(starts.count - 1)
  }

  /// The bracket lists of one line, whose tokens are `low..<high`: an opening bracket whose
  /// next unmatched closing bracket on the line is of its kind encloses what lies between
  /// (a list when that is not empty); any other bracket is a plain token.
  private mutating func addBrackets(_ low: Int, _ high: Int, in list: Int32, _ bytes: [UInt8]) {
    func closer(of c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "("): return UInt8(ascii: ")")
      case UInt8(ascii: "["): return UInt8(ascii: "]")
      case UInt8(ascii: "{"): return UInt8(ascii: "}")
      default: return nil
      }
    }
    func isCloser(_ c: UInt8) -> Bool {
      c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
    }
    func byte(_ index: Int) -> UInt8? {
      tokens[index].kind == .punctuation ? bytes[tokens[index].start] : nil
    }
    // From right to left: the first unmatched closing bracket at or after each token (or
    // `high`), skipping matched pairs, and the closing bracket of each opening one.
    var next = Array(repeating: high, count: high - low + 1)
    var closing = Array(repeating: -1, count: high - low)
    for index in stride(from: high - 1, through: low, by: -1) {
      let after = next[index + 1 - low]
      if let c = byte(index), isCloser(c) {
        next[index - low] = index
      } else if let c = byte(index), let wanted = closer(of: c), after < high,
        byte(after) == wanted
      {
        closing[index - low] = after
        next[index - low] = next[after + 1 - low]
      } else {
        next[index - low] = after
      }
    }
    var stack: [(list: Int32, end: Int)] = []
    for index in low..<high {
      while let top = stack.last, index >= top.end { stack.removeLast() }
      let current = stack.last?.list ?? list
      level[index] = current
      let close = closing[index - low]
      if close > index + 1 {
        let inner = addList(from: index + 1, parent: current)
        ends[Int(inner)] = Int32(close)
        stack.append((inner, close))
      }
    }
  }
}

/// A generic-mode pattern: its tokens and their text, in nested lists by indentation.
struct GenericPattern: Sendable {
  enum Node: Sendable {
    /// A token to match, by index in `tokens`.
    case token(Int)
    /// `...`, or `$...X` (the token's index).
    case dots(Int)
    /// An indented block, by index in `lists`.
    case list(Int)
    /// The end of the whole pattern.
    case end
  }

  let bytes: [UInt8]
  let tokens: [GenericToken]
  /// The lists; list 0 is the whole pattern.
  let lists: [[Node]]
  /// How many lines an ellipsis reaches past the last token matched (the rule's
  /// `generic_ellipsis_max_span`).
  var ellipsisLineSpan = GenericMatcher.ellipsisLineSpan

  init(_ text: String) {
    bytes = Array(text.utf8)
    let (tokens, lines) = GenericLexer.tokenizeLines(bytes, pattern: true)
    self.tokens = tokens
    var lists: [[Node]] = [[]]
    var open: [(list: Int, indent: Int)] = [(0, 0)]
    for (index, line) in lines.enumerated() {
      let end = index + 1 < lines.count ? lines[index + 1].first : tokens.count
      while let top = open.last, top.indent > line.indent { open.removeLast() }
      if let top = open.last, top.indent < line.indent {
        lists.append([])
        lists[top.list].append(.list(lists.count - 1))
        open.append((lists.count - 1, line.indent))
      }
      let list = open.last?.list ?? 0
      for token in line.first..<end {
        switch tokens[token].kind {
        case .ellipsis, .ellipsisMetavariable: lists[list].append(.dots(token))
        default: lists[list].append(.token(token))
        }
      }
    }
    lists[0].append(.end)
    self.lists = lists
  }

  func text(_ token: Int) -> String {
    String(decoding: bytes[tokens[token].start..<tokens[token].end], as: UTF8.self)
  }

  /// Whether the nodes from `index` of list `list` can match nothing.
  func matchesEmpty(_ list: Int, from index: Int) -> Bool {
    lists[list][index...].allSatisfy {
      switch $0 {
      case .token: return false
      case .dots, .end: return true
      case .list(let inner): return matchesEmpty(inner, from: 0)
      }
    }
  }
}

/// semgrep's generic mode, for text no parser reads.
///
/// The pattern's tokens match in order, whitespace ignored; an ellipsis skips tokens up to
/// ten lines below the last token matched (each further ellipsis in a row ten more), into
/// and out of brackets, but a match never leaves the list it starts in, and an indented
/// block of the pattern matches an indented block of the text. A trailing ellipsis reaches
/// to the end of its list (within its lines). `$X` binds a word; `$...X` binds what an
/// ellipsis skips. Each start is tried; of matches ending at one place the shortest is kept.
enum GenericMatcher {
  static let ellipsisLineSpan = 10

  static func matches(_ pattern: GenericPattern, in source: SourceFile, budget: Budget) -> [Match] {
    let document = GenericDocument(source.bytes)
    let run = GenericRun(pattern: pattern, document: document, bytes: source.bytes, budget: budget)
    var found: [(start: Int, end: Int, environment: [(String, Range<Int>)])] = []
    var byEnd: [Int: Int] = [:]
    let startsWithDots: Bool
    if case .dots = pattern.lists[0].first { startsWithDots = true } else { startsWithDots = false }
    for start in document.tokens.indices {
      let list = document.level[start]
      // A pattern starting with `...` is tried at the start of each list only.
      if startsWithDots && document.starts[Int(list)] != Int32(start) { continue }
      if budget.exhausted() { break }
      let token = document.tokens[start]
      let origin = GenericRun.Last(line: token.line, end: token.start)
      guard
        let (environment, last) = run.match(
          0, 0, start, list, top: list, dots: nil, [], origin),
        last.end > token.start
      else { continue }
      byEnd[last.end] = found.count
      found.append((token.start, last.end, environment))
    }
    let lines = source.lines
    var results: [Match] = []
    for (index, match) in found.enumerated() where byEnd[match.end] == index {
      var bindings: [String: Binding] = [:]
      for (name, range) in match.environment {
        bindings[name] = Binding(
          range: source.range(from: range.lowerBound, to: range.upperBound, in: lines),
          text: source.text(from: range.lowerBound, to: range.upperBound))
      }
      results.append(
        Match(
          range: source.range(from: match.start, to: match.end, in: lines), bindings: bindings))
    }
    return results
  }
}

/// A generic-mode subproblem that failed.
struct GenericState: Hashable {
  let list: Int
  let index: Int
  let position: Int
  let level: Int32
  let top: Int32
  let maxLine: Int
  let skippedFrom: Int
  let skippedTo: Int
  let lastEnd: Int
  let names: [String]
  let bounds: [Int]
}

/// Failed states of one search, so that several ellipses cannot make it exponential.
final class GenericMemo {
  var failed = Set<GenericState>()
}

/// One search over a document; the environment maps names to byte ranges.
struct GenericRun {
  /// The last token matched: its line (an ellipsis counts its lines from it) and where it
  /// ends (where the match ends).
  struct Last {
    var line: Int
    var end: Int
  }

  /// An ellipsis being matched: the last line it may skip, what it skipped, and its name
  /// for `$...X`.
  struct Dots {
    var maxLine: Int
    var from: Int
    var to: Int
    var name: Int?
  }

  typealias Environment = [(String, Range<Int>)]

  let pattern: GenericPattern
  let document: GenericDocument
  let bytes: [UInt8]
  /// The rule's time on this file: each step ticks it.
  let budget: Budget
  let memo = GenericMemo()

  /// The first way the nodes of pattern list `list` from `index` match the text from token
  /// `position`, within list `level` of the text, inside list `top` (which the match may not
  /// leave); nil if none.
  func match(
    _ list: Int, _ index: Int, _ position: Int, _ level: Int32, top: Int32, dots: Dots?,
    _ environment: Environment, _ last: Last
  ) -> (Environment, Last)? {
    if budget.exhausted() { return nil }
    let nodes = pattern.lists[list]
    guard index < nodes.count else {
      return finish(list, position, level, dots, environment, last)
    }
    switch nodes[index] {
    case .end:
      return finish(list, position, level, dots, environment, last)
    case .dots(let token):
      let name = pattern.tokens[token].kind == .ellipsisMetavariable ? token : nil
      var extended: Dots
      if let dots, name == nil {
        extended = dots
        extended.maxLine += pattern.ellipsisLineSpan
      } else {
        extended = Dots(
          maxLine: last.line + pattern.ellipsisLineSpan, from: last.end, to: last.end,
          name: name)
      }
      return match(list, index + 1, position, level, top: top, dots: extended, environment, last)
    case .list(let inner):
      return block(list, index, inner, position, level, top: top, dots: dots, environment, last)
    case .token(let token):
      return atom(list, index, token, position, level, top: top, dots: dots, environment, last)
    }
  }

  /// The pattern list is used up: the rest of the text's list must be empty, unless an
  /// ellipsis is open, which then takes the rest (as far as its lines reach).
  func finish(
    _ list: Int, _ position: Int, _ level: Int32, _ dots: Dots?, _ environment: Environment,
    _ last: Last
  ) -> (Environment, Last)? {
    let end = Int(document.ends[Int(level)])
    guard let dots else {
      // The whole pattern's end accepts what follows; a block's does not.
      return list == 0 || position >= end ? (environment, last) : nil
    }
    var reached = last
    var open = dots
    var probe = position
    while probe < end, document.tokens[probe].line <= dots.maxLine {
      reached = Last(line: document.tokens[probe].line, end: document.tokens[probe].end)
      probe += 1
    }
    open.to = max(open.to, reached.end)
    guard let closed = close(open, environment) else { return nil }
    return (closed, reached)
  }

  /// An indented block of the pattern: it matches the text's block that comes next in this
  /// list, whole; an ellipsis before it may skip tokens on the way.
  func block(
    _ list: Int, _ index: Int, _ inner: Int, _ position: Int, _ level: Int32, top: Int32,
    dots: Dots?, _ environment: Environment, _ last: Last
  ) -> (Environment, Last)? {
    var position = position
    var dots = dots
    while true {
      if budget.exhausted() { return nil }
      let end = Int(document.ends[Int(level)])
      if position >= end {
        guard pattern.matchesEmpty(inner, from: 0), pattern.matchesEmpty(list, from: index + 1)
        else { return nil }
        return finish(list, position, level, dots, environment, last).map {
          ($0.0, last)
        }
      }
      if document.level[position] != level {
        // The text's block starting here: the pattern's block matches it whole, then the
        // rest goes on after it.
        var child = document.level[position]
        while document.parents[Int(child)] != level { child = document.parents[Int(child)] }
        guard let closed = close(dots, environment),
          let (inside, reached) = match(
            inner, 0, position, child, top: child, dots: nil, closed, last)
        else { return nil }
        return match(
          list, index + 1, Int(document.ends[Int(child)]), level, top: top, dots: nil, inside,
          reached)
      }
      if var open = dots, document.tokens[position].line <= open.maxLine {
        open.to = document.tokens[position].end
        dots = open
        position += 1
        continue
      }
      guard let closed = close(dots, environment), pattern.matchesEmpty(inner, from: 0) else {
        return nil
      }
      return match(list, index + 1, position, level, top: top, dots: nil, closed, last)
    }
  }

  /// A token of the pattern: the text's next token (entering brackets and blocks, and
  /// leaving them up to `top`) must equal it, or be skipped by an open ellipsis.
  func atom(
    _ list: Int, _ index: Int, _ token: Int, _ position: Int, _ level: Int32, top: Int32,
    dots: Dots?, _ environment: Environment, _ last: Last
  ) -> (Environment, Last)? {
    var position = position
    var level = level
    var dots = dots
    // A skipping run is reached only from where it starts, so only that state is remembered.
    var entry: GenericState? = nil
    if let dots {
      entry = GenericState(
        list: list, index: index, position: position, level: level, top: top,
        maxLine: dots.maxLine, skippedFrom: dots.name == nil ? 0 : dots.from,
        skippedTo: dots.name == nil ? 0 : dots.to, lastEnd: last.end,
        names: environment.map(\.0),
        bounds: environment.flatMap { [$0.1.lowerBound, $0.1.upperBound] })
      if let entry, memo.failed.contains(entry) { return nil }
    }
    var succeeded = false
    defer { if let entry, !succeeded { memo.failed.insert(entry) } }
    while true {
      if budget.exhausted() { return nil }
      // At the end of a list the match goes on in the list around it, up to `top`.
      while position >= Int(document.ends[Int(level)]) {
        if level == top {
          succeeded = pattern.matchesEmpty(list, from: index)
          return succeeded ? (environment, last) : nil
        }
        level = document.parents[Int(level)]
      }
      let found = document.tokens[position]
      if let dots, found.line > dots.maxLine { return nil }
      if let closed = close(dots, environment),
        let bound = compare(token, found, closed)
      {
        if let result = match(
          list, index + 1, position + 1, document.level[position], top: top, dots: nil, bound,
          Last(line: found.line, end: found.end))
        {
          succeeded = true
          return result
        }
      }
      guard var open = dots else { return nil }
      open.to = found.end
      dots = open
      level = document.level[position]
      position += 1
    }
  }

  /// The environment with `token` matched against `found`, or nil if they differ.
  func compare(_ token: Int, _ found: GenericToken, _ environment: Environment) -> Environment? {
    let wanted = pattern.tokens[token]
    switch wanted.kind {
    case .metavariable:
      guard found.kind == .word else { return nil }
      return bind(pattern.text(token), found.start..<found.end, environment)
    case .word, .punctuation, .other:
      guard found.kind == wanted.kind,
        bytes[found.start..<found.end].elementsEqual(pattern.bytes[wanted.start..<wanted.end])
      else { return nil }
      return environment
    case .ellipsis, .ellipsisMetavariable:
      return nil
    }
  }

  /// The environment with a `$...X` ellipsis's skipped text bound (from the end of the token
  /// before it, as semgrep binds it); nil if `$...X` already holds other text.
  func close(_ dots: Dots?, _ environment: Environment) -> Environment? {
    guard let dots, let name = dots.name else { return environment }
    return bind(pattern.text(name), dots.from..<max(dots.from, dots.to), environment)
  }

  func bind(_ name: String, _ range: Range<Int>, _ environment: Environment) -> Environment? {
    if let existing = environment.first(where: { $0.0 == name }) {
      return bytes[existing.1].elementsEqual(bytes[range]) ? environment : nil
    }
    return environment + [(name, range)]
  }
}

/// semgrep's regex language: a regular expression over the text.
///
/// `^` and `$` match at line ends; groups bind `$1`, `$2`, ... and `$name`.
enum RegexMatcher {
  static func compile(_ pattern: String) throws(MatchingError) -> ByteRegex {
    try ByteRegex(pcre: pattern)
  }

  static func matches(_ regex: ByteRegex, in source: SourceFile, budget: Budget) -> [Match] {
    let hits = regex.hits(in: source.bytes, budget: budget)
    // Lines are counted only for a file with something to place.
    guard !hits.isEmpty else { return [] }
    let lines = source.lines
    return hits.map { hit in
      var bindings: [String: Binding] = [:]
      for (name, bytes) in hit.groups {
        bindings[name] = Binding(
          range: source.range(from: bytes.lowerBound, to: bytes.upperBound, in: lines),
          text: source.text(from: bytes.lowerBound, to: bytes.upperBound))
      }
      return Match(
        range: source.range(from: hit.bytes.lowerBound, to: hit.bytes.upperBound, in: lines),
        bindings: bindings)
    }
  }
}
