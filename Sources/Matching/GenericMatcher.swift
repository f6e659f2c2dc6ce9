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

/// Splits text into generic-mode tokens; in a pattern `...`, `$X` and `$...X` are operators.
enum GenericLexer {
  static func isWordByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
  }

  static func isMetavariableByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
      || c == UInt8(ascii: "_")
  }

  static func tokenize(_ bytes: [UInt8], pattern: Bool) -> [GenericToken] {
    var tokens: [GenericToken] = []
    var index = 0
    var line = 1
    while index < bytes.count {
      let c = bytes[index]
      let start = index
      if c == UInt8(ascii: "\n") {
        line += 1
        index += 1
        continue
      }
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == 0x0C {
        index += 1
        continue
      }
      if isWordByte(c) {
        while index < bytes.count && isWordByte(bytes[index]) { index += 1 }
        tokens.append(GenericToken(kind: .word, start: start, end: index, line: line))
        continue
      }
      if c >= 0x80 {
        index += 1
        while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
        tokens.append(GenericToken(kind: .other, start: start, end: index, line: line))
        continue
      }
      if pattern {
        if c == UInt8(ascii: "."), index + 2 < bytes.count, bytes[index + 1] == c,
          bytes[index + 2] == c
        {
          index += 3
          tokens.append(GenericToken(kind: .ellipsis, start: start, end: index, line: line))
          continue
        }
        if c == UInt8(ascii: "$") {
          var probe = index + 1
          var kind = GenericToken.Kind.metavariable
          if probe + 2 < bytes.count, bytes[probe] == UInt8(ascii: "."),
            bytes[probe + 1] == UInt8(ascii: "."),
            bytes[probe + 2] == UInt8(ascii: ".")
          {
            probe += 3
            kind = .ellipsisMetavariable
          }
          let nameStart = probe
          while probe < bytes.count && isMetavariableByte(bytes[probe]) { probe += 1 }
          if probe > nameStart,
            !(bytes[nameStart] >= UInt8(ascii: "0") && bytes[nameStart] <= UInt8(ascii: "9")),
            probe == bytes.count || !isWordByte(bytes[probe])
          {
            index = probe
            tokens.append(GenericToken(kind: kind, start: start, end: index, line: line))
            continue
          }
        }
      }
      index += 1
      tokens.append(GenericToken(kind: .punctuation, start: start, end: index, line: line))
    }
    return tokens
  }
}

/// A generic-mode pattern: its tokens and their text.
struct GenericPattern: Sendable {
  let bytes: [UInt8]
  let tokens: [GenericToken]

  init(_ text: String) {
    bytes = Array(text.utf8)
    tokens = GenericLexer.tokenize(bytes, pattern: true)
  }
}

/// semgrep's generic mode, for text no parser reads.
///
/// The pattern's tokens match in order, whitespace ignored; `...` skips as few tokens as it
/// can, may enter brackets but never leaves the one it started in, and reaches at most ten
/// lines beyond the last token matched; `$X` binds a word; `$...X` binds what an ellipsis
/// would skip. Matches do not overlap.
enum GenericMatcher {
  static let ellipsisLineSpan = 10

  static func matches(_ pattern: GenericPattern, in source: SourceFile, budget: Budget) -> [Match] {
    let document = GenericLexer.tokenize(source.bytes, pattern: false)
    let run = GenericRun(pattern: pattern, document: document, bytes: source.bytes, budget: budget)
    var results: [Match] = []
    var start = 0
    while start < document.count {
      if let (environment, end) = run.match(0, start, [], lastLine: document[start].line),
        end > start
      {
        let low = document[start].start
        let high = document[end - 1].end
        let lines = source.lines
        var bindings: [String: Binding] = [:]
        for (name, range) in environment {
          bindings[name] = Binding(
            range: source.range(from: range.lowerBound, to: range.upperBound, in: lines),
            text: source.text(from: range.lowerBound, to: range.upperBound))
        }
        results.append(
          Match(range: source.range(from: low, to: high, in: lines), bindings: bindings))
        start = end
      } else {
        start += 1
      }
    }
    return results
  }
}

/// A generic-mode subproblem that failed: pattern and document positions, the line an
/// ellipsis counts from, and the bindings so far.
struct GenericState: Hashable {
  let patternIndex: Int
  let documentIndex: Int
  let lastLine: Int
  let names: [String]
  let bounds: [Int]
}

/// Failed states of one search, so that several ellipses cannot make it exponential.
final class GenericMemo {
  var failed = Set<GenericState>()
}

/// One search over a document; the environment maps names to byte ranges.
struct GenericRun {
  let pattern: GenericPattern
  let document: [GenericToken]
  let bytes: [UInt8]
  /// The rule's time on this file: each step ticks it.
  let budget: Budget
  let memo = GenericMemo()

  func isOpener(_ token: GenericToken) -> Bool {
    guard token.kind == .punctuation else { return false }
    let c = bytes[token.start]
    return c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
  }

  func isCloser(_ token: GenericToken) -> Bool {
    guard token.kind == .punctuation else { return false }
    let c = bytes[token.start]
    return c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
  }

  /// The first way pattern tokens from `pi` match document tokens from `di`, and where the
  /// match ends.
  func match(
    _ pi: Int, _ di: Int, _ environment: [(String, Range<Int>)], lastLine: Int
  ) -> ([(String, Range<Int>)], Int)? {
    if pi == pattern.tokens.count { return (environment, di) }
    if budget.exhausted() { return nil }
    // Only an ellipsis can retry positions, so only its states are worth remembering.
    let kind = pattern.tokens[pi].kind
    guard kind == .ellipsis || kind == .ellipsisMetavariable else {
      return step(pi, di, environment, lastLine: lastLine)
    }
    let state = GenericState(
      patternIndex: pi, documentIndex: di, lastLine: lastLine, names: environment.map(\.0),
      bounds: environment.flatMap { [$0.1.lowerBound, $0.1.upperBound] })
    if memo.failed.contains(state) { return nil }
    let found = step(pi, di, environment, lastLine: lastLine)
    if found == nil { memo.failed.insert(state) }
    return found
  }

  func step(
    _ pi: Int, _ di: Int, _ environment: [(String, Range<Int>)], lastLine: Int
  ) -> ([(String, Range<Int>)], Int)? {
    let token = pattern.tokens[pi]
    switch token.kind {
    case .ellipsis, .ellipsisMetavariable:
      var end = di
      var nesting = 0
      while true {
        var extended = environment
        if token.kind == .ellipsisMetavariable {
          let name = patternText(token)
          let low = di < document.count ? document[di].start : bytes.count
          let high = end > di ? document[end - 1].end : low
          guard let bound = bind(name, low..<high, environment) else { return nil }
          extended = bound
        }
        // A trailing ellipsis takes nothing: the match ends at the last token named.
        if let found = match(pi + 1, end, extended, lastLine: lastLine) { return found }
        guard end < document.count,
          document[end].line <= lastLine + GenericMatcher.ellipsisLineSpan
        else { return nil }
        if isCloser(document[end]) {
          if nesting == 0 { return nil }
          nesting -= 1
        } else if isOpener(document[end]) {
          nesting += 1
        }
        end += 1
      }
    case .metavariable:
      guard di < document.count, document[di].kind == .word else { return nil }
      let found = document[di]
      guard let bound = bind(patternText(token), found.start..<found.end, environment) else {
        return nil
      }
      return match(pi + 1, di + 1, bound, lastLine: found.line)
    case .word, .punctuation, .other:
      guard di < document.count else { return nil }
      let found = document[di]
      guard found.kind == token.kind,
        bytes[found.start..<found.end].elementsEqual(pattern.bytes[token.start..<token.end])
      else { return nil }
      return match(pi + 1, di + 1, environment, lastLine: found.line)
    }
  }

  func patternText(_ token: GenericToken) -> String {
    String(decoding: pattern.bytes[token.start..<token.end], as: UTF8.self)
  }

  func bind(_ name: String, _ range: Range<Int>, _ environment: [(String, Range<Int>)])
    -> [(String, Range<Int>)]?
  {
    if name == "$_" { return environment }
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
