import Foundation
import Rules

/// Which files a rule could match, read from the rule as loaded, before any of its patterns is
/// compiled: its languages, its `paths:`, and words its patterns surely require.
///
/// It never says no where the compiled rule would say yes: its words are a subset of what the
/// compiled rule's `Prefilter` requires (a Python pattern's names in attribute chains and
/// calls, never a keyword, a string, a typed metavariable's type), and it keeps the compiled
/// prefilter's shape (`not` requires nothing, `any` one branch). So a rule it rules out for
/// every file of a change need not be compiled: it could match none of them.
struct RuleReach: Sendable {
  /// The tree languages the rule compiles for.
  private let trees: Set<PatternLanguage>
  /// Whether the rule runs as generic or regex text on any file.
  private let onAnyFile: Bool
  /// A language the engine has no pattern language for: only compiling says more.
  private let unknownLanguage: Bool
  private let paths: PathGlobs
  private let prefilter: PrefilterProgram

  init(_ rule: Rule) {
    var trees = Set<PatternLanguage>()
    var text: PatternLanguage? = nil
    var unknown = false
    for language in rule.languages {
      guard let mapped = FormulaCompiler.patternLanguage(language) else {
        unknown = true
        continue
      }
      if mapped.isTree {
        trees.insert(mapped)
      } else if text == nil {
        text = mapped
      }
    }
    self.trees = trees
    onAnyFile = text != nil
    unknownLanguage = unknown || rule.mode != .search || rule.formula == nil
    paths = PathGlobs(rule.paths)
    let languages = trees.sorted { $0.rawValue < $1.rawValue } + (text.map { [$0] } ?? [])
    guard let formula = rule.formula, !languages.isEmpty else {
      prefilter = PrefilterProgram(.always)
      return
    }
    let filters = languages.map { RuleReach.prefilter(formula, language: $0) }
    prefilter = PrefilterProgram(filters.count == 1 ? filters[0] : .any(filters))
  }

  /// Whether the rule could match a file at `path` read as `language` (nil: no tree language)
  /// holding `words`, as `RuleEngine.scan` would choose it once compiled.
  func mayMatch(path: String, language: PatternLanguage?, words: WordIndex) -> Bool {
    if unknownLanguage { return true }
    let runs =
      onAnyFile || (language.map { $0.rulesRunningHere.contains { trees.contains($0) } } ?? false)
    return runs && paths.allows(path) && prefilter.allows(words)
  }

  /// The words `formula` requires as matched in `language`, in `Prefilter`'s shape.
  static func prefilter(_ formula: Formula, language: PatternLanguage) -> Prefilter {
    switch formula {
    case .pattern(let text, _):
      switch language {
      case .regex: return RegexLiterals.requirement(text)
      case .generic:
        // Generic patterns are tokenized, not parsed: their words cost nothing to know.
        guard let pattern = try? PatternParser.parse(text, language: .generic) else {
          return .always
        }
        return Prefilter(.pattern(pattern))
      case .python:
        let words = PythonWords.required(by: text)
        return words.isEmpty ? .always : .words(words.sorted().map { Array($0.utf8) })
      default:
        return .always
      }
    case .regex(let text, _):
      return RegexLiterals.requirement(text)
    case .not:
      return .always
    case .any(let branches, _):
      return .any(branches.map { prefilter($0, language: language) })
    case .inside(let inner, _), .anywhere(let inner, _):
      return prefilter(inner, language: language)
    case .all(let conjunction):
      // As the compiled prefilter: an in-place `metavariable-pattern`'s words are the file's.
      let nested = conjunction.conditions.compactMap { condition -> Prefilter? in
        guard case .metavariablePattern(_, nil, let formula, _) = condition else { return nil }
        return prefilter(formula, language: language)
      }
      return .all(conjunction.terms.map { prefilter($0, language: language) } + nested)
    }
  }
}

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
