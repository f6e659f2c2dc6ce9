import Foundation
import Rules

/// A file prepared once for every rule: its text and its syntax tree when a parser read it, so
/// no rule pays for these again.
public struct Document: Sendable {
  public let source: SourceFile
  /// The parse of the file for tree patterns; nil for generic and regex matching.
  public let tree: SyntaxTree?
  /// The names holding literals, for tree patterns and comparisons.
  public let constants: Constants
  /// Prepares `source`, parsing it when `language` is a tree language.
  public init(_ source: SourceFile, language: PatternLanguage?) {
    var tree: SyntaxTree? = nil
    if let language, language.isTree {
      tree = LanguageParsers.parse(source, language: language, patternMode: false)
    }
    self.source = source
    self.tree = tree
    constants = tree.map(Constants.init(tree:)) ?? .none
  }

  /// Prepares a parsed tree.
  public init(tree: SyntaxTree) {
    source = tree.source
    self.tree = tree
    constants = Constants(tree: tree)
  }

  /// The range between two byte offsets.
  func range(_ bytes: Range<Int>) -> SourceRange {
    source.range(from: bytes.lowerBound, to: bytes.upperBound)
  }

  /// A binding of the bytes in `bytes`.
  func binding(_ bytes: Range<Int>) -> Binding {
    Binding(
      range: range(bytes), text: source.text(from: bytes.lowerBound, to: bytes.upperBound))
  }
}

/// A rule's regular expression: semgrep's PCRE2, searched over a file's bytes, with its named
/// groups kept as metavariables.
struct ByteRegex: Sendable {
  let regex: PCRE.Regex
  /// Each named group as a metavariable (`$name`) with its group number.
  let namedGroups: [(metavariable: String, group: Int)]

  /// Compiles `pcre` as semgrep does (`^` and `$` match at line ends); rule loading already
  /// compiled it, and `PCRE.compile` hands back that same code.
  init(pcre: String) throws(MatchingError) {
    switch PCRE.compile(pcre) {
    case .success(let compiled): regex = compiled
    case .failure(let error): throw .invalidRegex(pattern: pcre, reason: error.description)
    }
    namedGroups = regex.groupNames.sorted { $0.name < $1.name }.map {
      (metavariable: "$" + $0.name, group: $0.number)
    }
  }

  /// The pattern as written.
  var pattern: String { regex.pattern }

  /// One match: its bytes and each group's (`$1`…, `$name`).
  struct Hit {
    var bytes: Range<Int>
    var groups: [(String, Range<Int>)]
  }

  /// Every non-empty match in `bytes`, in order; a search that hits PCRE2's limits, or a
  /// budget that runs out, stops the rule through `budget`.
  func hits(in bytes: [UInt8], budget: Budget) -> [Hit] {
    var results: [Hit] = []
    let searched = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(PCRE.MatchError) in
        try regex.forEachMatch(in: buffer) { match in
          if !match.range.isEmpty { results.append(hit(match)) }
          return !budget.exhausted()
        }
      }
    }
    if case .failure(let error) = searched { budget.regexFailed(pattern, error) }
    return results
  }

  /// The match starting at the beginning of `text`, if any (semgrep's left anchoring).
  func anchoredHit(in text: String, budget: Budget) -> Hit? {
    do {
      return try regex.firstMatch(in: text, anchored: true).map(hit)
    } catch {
      budget.regexFailed(pattern, error)
      return nil
    }
  }

  private func hit(_ match: PCRE.Match) -> Hit {
    var groups: [(String, Range<Int>)] = []
    for index in 1..<max(1, match.groups.count) {
      if let group = match.groups[index] { groups.append(("$\(index)", group)) }
    }
    for (metavariable, number) in namedGroups where number < match.groups.count {
      if let group = match.groups[number] { groups.append((metavariable, group)) }
    }
    return Hit(bytes: match.range, groups: groups)
  }
}
