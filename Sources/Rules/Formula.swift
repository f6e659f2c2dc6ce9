/// What a rule matches: semgrep's pattern operators, old (`patterns`, `pattern-either`, …) and
/// new (`match: all/any/not/inside/…`) spellings decoded to one tree.
///
/// Conditions and focus can only appear in a `Conjunction`, which is where semgrep evaluates them,
/// so a matcher follows semgrep's order there: intersect the positive terms, subtract the
/// negative ones, filter by the conditions in written order, then focus.
public indirect enum Formula: Sendable, Hashable {
  /// A semgrep pattern (`pattern`, `match: {pattern: …}` or a plain string under `match`), with
  /// the text exactly as written and where it starts (for `|` blocks, the first content line).
  case pattern(String, at: SourceLocation)
  /// A PCRE regular expression (`pattern-regex`, `regex`); see `PCRE` for checking it.
  case regex(String, at: SourceLocation)
  /// All terms at once: `patterns`, `match: {all: …}`, or a formula with `where`.
  case all(Conjunction)
  /// Any branch: `pattern-either`, `match: {any: …}`.
  case any([Formula], at: SourceLocation)
  /// Removes ranges: `pattern-not` (`.not(.pattern)`), `pattern-not-regex` (`.not(.regex)`),
  /// `pattern-not-inside` (`.not(.inside)`); appears only as a term of a conjunction.
  case not(Formula, at: SourceLocation)
  /// Ranges inside a match of the formula: `pattern-inside`, `inside`.
  case inside(Formula, at: SourceLocation)
  /// Constrains only metavariables, not the range: `semgrep-internal-pattern-anywhere`, `anywhere`.
  case anywhere(Formula, at: SourceLocation)

  /// Where the operator was written.
  public var location: SourceLocation {
    switch self {
    case .pattern(_, let at), .regex(_, let at), .any(_, let at), .not(_, let at),
      .inside(_, let at), .anywhere(_, let at):
      return at
    case .all(let conjunction):
      return conjunction.location
    }
  }

  /// Whether the term removes matches rather than producing them.
  public var isNegative: Bool {
    if case .not = self { return true }
    return false
  }
}

/// The terms, conditions and focus of one `patterns` (or `all`, or a formula with `where`).
public struct Conjunction: Sendable, Hashable {
  /// Positive and negative terms, in the order written.
  public var terms: [Formula]
  /// `metavariable-*` conditions, in the order written (a later one may use what an earlier
  /// `metavariable-pattern` or a regex's named group bound).
  public var conditions: [Condition]
  /// Each entry narrows the match (entries intersect); the names within one entry are alternatives.
  public var focus: [Focus]
  public var location: SourceLocation

  public init(
    terms: [Formula], conditions: [Condition] = [], focus: [Focus] = [],
    location: SourceLocation
  ) {
    self.terms = terms
    self.conditions = conditions
    self.focus = focus
    self.location = location
  }

  /// The terms that produce ranges, to intersect.
  public var positives: [Formula] { terms.filter { !$0.isNegative } }

  /// What each negative term removes (the formula under its `not`), to subtract.
  public var negatives: [Formula] {
    terms.compactMap {
      if case .not(let inner, _) = $0 { return inner }
      return nil
    }
  }
}

/// A filter on a metavariable's binding, checked after the terms of a conjunction.
public enum Condition: Sendable, Hashable {
  /// The binding's text must match `regex` from its start (semgrep's anchoring); named groups
  /// bind new metavariables. `constantPropagation` defaults to true, as in semgrep.
  case metavariableRegex(
    name: String, regex: String, constantPropagation: Bool, at: SourceLocation)
  /// The binding's text, parsed as `language` (default: the rule's), must match `formula`.
  case metavariablePattern(
    name: String, language: Language?, formula: Formula, at: SourceLocation)
  /// A Python-like expression over metavariables (`$X > 1024`), as semgrep evaluates it.
  case metavariableComparison(
    name: String?, comparison: String, base: Int?, strip: Bool?, at: SourceLocation)
  /// A named analyzer (`entropy`, `redos`, …) over the binding.
  case metavariableAnalysis(name: String, analyzer: JSONValue, at: SourceLocation)
  /// The binding's static type must be one of `types`.
  case metavariableType(
    name: String, types: [String], language: Language?, at: SourceLocation)
  /// The binding must name something from a module (`metavariable-name`).
  case metavariableName(name: String, details: JSONValue, at: SourceLocation)

  /// Where the condition was written.
  public var location: SourceLocation {
    switch self {
    case .metavariableRegex(_, _, _, let at), .metavariablePattern(_, _, _, let at),
      .metavariableComparison(_, _, _, _, let at), .metavariableAnalysis(_, _, let at),
      .metavariableType(_, _, _, let at), .metavariableName(_, _, let at):
      return at
    }
  }
}

/// One `focus-metavariable` (or `where: - focus:`): the match narrows to a binding's range.
public struct Focus: Sendable, Hashable {
  /// Alternatives: the match narrows to whichever of these is bound.
  public var names: [String]
  public var location: SourceLocation

  public init(names: [String], location: SourceLocation) {
    self.names = names
    self.location = location
  }
}
