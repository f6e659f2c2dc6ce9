import Foundation
import Rules

/// What a metavariable captured: its place and its text.
public struct Binding: Hashable, Sendable {
  public let range: SourceRange
  public let text: String

  public init(range: SourceRange, text: String) {
    self.range = range
    self.text = text
  }
}

/// One place a pattern matched, with its metavariables, so later stages can intersect,
/// subtract and focus matches.
public struct Match: Hashable, Sendable {
  public let range: SourceRange
  public let bindings: [String: Binding]

  public init(range: SourceRange, bindings: [String: Binding]) {
    self.range = range
    self.bindings = bindings
  }

  /// Hashes the byte range and the number of bindings only, for cheap deduplication.
  ///
  /// Matches at one range rarely differ, and hashing every binding's name and text dominated
  /// deduplication. Equality still compares everything.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(range.start.offset)
    hasher.combine(range.end.offset)
    hasher.combine(bindings.count)
  }
}

/// Matches compiled patterns against parsed files with semgrep's semantics.
public enum Matcher {
  /// Every match of a tree pattern in `tree`, in source order, one per range.
  ///
  /// With `constants`, a literal in the pattern also matches a name holding it.
  /// With `region`, only code within those bytes is matched (a metavariable's binding that a
  /// `metavariable-pattern` looks inside), as if it were the whole file.
  ///
  /// With `changed` (sorted, disjoint byte ranges), only matches sharing bytes with one of
  /// them are wanted: code elsewhere is not tried, which is what makes a gate over a few
  /// changed lines of large files fast. Every match that overlaps is still found, since a
  /// match's range is the node (or run of statements) it was tried at.
  ///
  /// With no time limit; a regex pattern that hits PCRE2's limits finds nothing here (the rule
  /// engine reports such a search instead).
  public static func matches(
    _ pattern: Pattern, in tree: SyntaxTree, constants: Constants = .none,
    region: Range<Int32>? = nil, changed: ChangedRegions? = nil
  ) -> [Match] {
    matches(
      pattern, in: tree, constants: constants, region: region, changed: changed,
      budget: Budget())
  }

  /// The same, ticking `budget`: once it is spent the result is partial and the caller drops it.
  static func matches(
    _ pattern: Pattern, in tree: SyntaxTree, constants: Constants = .none,
    region: Range<Int32>? = nil, changed: ChangedRegions? = nil, budget: Budget,
    symbolic: Bool = false
  ) -> [Match] {
    switch pattern.storage {
    case .tree(let patternTree, _) where pattern.language.definition?.matcher == .structured:
      var matcher = StructuredMatcher(pattern: patternTree, target: tree, budget: budget)
      matcher.region = region
      matcher.changed = changed
      return matcher.run()
    case .tree(let patternTree, let shape):
      var matcher = TreeMatcher(
        pattern: patternTree, target: tree, constants: constants, budget: budget)
      matcher.region = region
      matcher.changed = changed
      if symbolic {
        // A name may stand for code spelled elsewhere, so the words a pattern requires need
        // not be where it matches.
        matcher.symbols = tree.facts.value("symbolicValues") { SymbolicValues(tree: tree) }
        if case .expression(let root) = shape { matcher.symbolicRoot = root }
        return matcher.run(shape)
      }
      if pattern.language.definition?.indexesNames == true {
        let places = tree.facts.value("namePlaces") { NamePlaces(tree) }
        // A name the pattern requires that the file holds nowhere: no match anywhere.
        guard let wanted = places.wanted(pattern.requiredWords.filter { !$0.hasPrefix("$") })
        else { return [] }
        if !wanted.isEmpty { matcher.names = (places, wanted) }
      }
      return matcher.run(shape)
    case .generic(let generic):
      return GenericMatcher.matches(generic, in: tree.source, budget: budget)
    case .regex(let regex):
      return RegexMatcher.matches(regex, in: tree.source, budget: budget)
    }
  }

  /// Every match of a generic or regex pattern in plain text; a regex search that hits
  /// PCRE2's limits is an error.
  public static func matches(_ pattern: Pattern, inText text: String) throws(MatchingError)
    -> [Match]
  {
    let source = SourceFile(path: "", text: text)
    let budget = Budget()
    let found: [Match]
    switch pattern.storage {
    case .tree:
      throw .wrongLanguage(expected: .generic, found: pattern.language)
    case .generic(let generic):
      found = GenericMatcher.matches(generic, in: source, budget: budget)
    case .regex(let regex):
      found = RegexMatcher.matches(regex, in: source, budget: budget)
    }
    if case .regexLimit(let pattern, let limit) = budget.stop {
      throw .invalidRegex(pattern: pattern, reason: "the search hit PCRE2's \(limit)")
    }
    return found
  }
}

/// Byte ranges of a file that a change touched, sorted and disjoint.
public struct ChangedRegions: Sendable {
  let ranges: [Range<Int32>]

  /// The bytes of `lines` (1-based) in `source`, widened by a byte on each side so a match
  /// that merely ends where a changed line begins still counts.
  public init(lines: [Int], in source: SourceFile) {
    let starts = source.lineStarts
    let size = Int32(source.bytes.count)
    var ranges: [Range<Int32>] = []
    for line in Set(lines).sorted() where line >= 1 && line <= starts.count {
      let low = max(0, Int32(starts[line - 1]) - 1)
      let high = min(size, (line < starts.count ? Int32(starts[line]) : size) + 1)
      if let last = ranges.last, low <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, high)
      } else {
        ranges.append(low..<high)
      }
    }
    self.ranges = ranges
  }

  /// The bytes of `spans` (in any order, overlapping or not), widened by a byte on each side
  /// so empty spans and spans that only touch still count.
  init(spans: [Range<Int32>]) {
    var ranges: [Range<Int32>] = []
    for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      let low = max(0, span.lowerBound - 1)
      let high = span.upperBound + 1
      if let last = ranges.last, low <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, high)
      } else {
        ranges.append(low..<high)
      }
    }
    self.ranges = ranges
  }

  /// One past the last changed byte (0 when nothing changed).
  var end: Int32 { ranges.last?.upperBound ?? 0 }

  var isEmpty: Bool { ranges.isEmpty }

  /// Whether `start..<end` shares a byte with a changed range; an empty span counts when it
  /// sits inside one.
  func overlaps(_ start: Int32, _ end: Int32) -> Bool {
    var low = 0
    var high = ranges.count
    // The first range ending after `start`.
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound <= start { low = middle + 1 } else { high = middle }
    }
    guard low < ranges.count else { return false }
    return ranges[low].lowerBound < max(end, start + 1)
  }
}
