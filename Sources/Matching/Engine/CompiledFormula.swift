import Foundation
import Rules

/// A rule's formula with every pattern compiled for the rule's language, so that matching a
/// file never parses a pattern again.
indirect enum CompiledFormula: Sendable {
  case pattern(Pattern)
  case regex(ByteRegex)
  case any([CompiledFormula])
  case all(CompiledConjunction)
  case not(CompiledFormula)
  case inside(CompiledFormula)
  case anywhere(CompiledFormula)
  /// A taint rule's parts; its matches are the sinks tainted data reaches.
  case taint(CompiledTaint)
}

/// A compiled `patterns` / `all`.
struct CompiledConjunction: Sendable {
  var terms: [CompiledFormula]
  var conditions: [CompiledCondition]
  /// Each entry's names are alternatives; entries intersect.
  var focus: [[String]]
}

/// A compiled `metavariable-*` condition.
enum CompiledCondition: Sendable {
  case regex(name: String, regex: ByteRegex)
  case pattern(name: String, scope: NestedScope, formula: CompiledFormula)
  case comparison(name: String?, expression: ComparisonExpression, base: Int?, strip: Bool)

  /// Whether the condition only keeps or drops matches, binding nothing new.
  var onlyFilters: Bool {
    switch self {
    case .regex(_, let regex): return regex.namedGroups.isEmpty
    case .comparison: return true
    case .pattern: return false
    }
  }
}

/// What a `metavariable-pattern` matches its formula against, as semgrep 1.x does.
enum NestedScope: Sendable {
  /// No `language:`: the binding's code, in place.
  case inPlace
  /// `language:` naming the rule's own language: a string literal's content parsed anew; other
  /// bindings match nothing.
  case stringContent(PatternLanguage)
  /// Another language: the binding's text (a string literal's content) parsed anew.
  case text(PatternLanguage)
}

/// Compiles the formulas of one rule, naming the rule and the pattern's place on any error.
struct FormulaCompiler {
  let ruleID: String
  /// How many lines a generic-mode ellipsis reaches.
  var ellipsisLineSpan = GenericMatcher.ellipsisLineSpan

  /// The pattern language the engine uses for `language`, or nil when it has none.
  static func patternLanguage(_ language: Language) -> PatternLanguage? {
    PatternLanguage.serving(language)
  }

  /// A taint rule's parts compiled for `language`.
  func compile(_ spec: TaintSpec, language: PatternLanguage) throws(MatchingError)
    -> CompiledFormula
  {
    func items(_ list: [TaintSpec.Item]) throws(MatchingError) -> [CompiledTaint.Item] {
      var result: [CompiledTaint.Item] = []
      for item in list {
        result.append(
          CompiledTaint.Item(
            formula: try compile(item.formula, language: language),
            bySideEffect: item.bySideEffect))
      }
      return result
    }
    return .taint(
      CompiledTaint(
        sources: try items(spec.sources), sinks: try items(spec.sinks),
        sanitizers: try items(spec.sanitizers)))
  }

  func compile(_ formula: Formula, language: PatternLanguage) throws(MatchingError)
    -> CompiledFormula
  {
    switch formula {
    case .pattern(let text, let at):
      if language == .regex { return .regex(try regex(text, at: at)) }
      do {
        let pattern = try PatternParser.parse(text, language: language)
        return .pattern(
          ellipsisLineSpan == GenericMatcher.ellipsisLineSpan
            ? pattern : pattern.withEllipsisLineSpan(ellipsisLineSpan))
      } catch {
        throw failure(error, at: at)
      }
    case .regex(let text, let at):
      return .regex(try regex(text, at: at))
    case .any(let branches, _):
      var compiled: [CompiledFormula] = []
      for branch in branches { compiled.append(try compile(branch, language: language)) }
      return .any(compiled)
    case .not(let inner, _):
      return .not(try compile(inner, language: language))
    case .inside(let inner, _):
      return .inside(try compile(inner, language: language))
    case .anywhere(let inner, _):
      return .anywhere(try compile(inner, language: language))
    case .all(let conjunction):
      var terms: [CompiledFormula] = []
      // One of only negations (which the rule loader allows where semgrep does) starts from
      // everything it is matched within.
      for term in conjunction.terms { terms.append(try compile(term, language: language)) }
      var conditions: [CompiledCondition] = []
      for condition in conjunction.conditions {
        conditions.append(try compile(condition, language: language))
      }
      return .all(
        CompiledConjunction(
          terms: terms, conditions: conditions, focus: conjunction.focus.map(\.names)))
    }
  }

  private func compile(_ condition: Condition, language: PatternLanguage) throws(MatchingError)
    -> CompiledCondition
  {
    switch condition {
    case .metavariableRegex(let name, let text, _, let at):
      return .regex(name: name, regex: try regex(text, at: at))
    case .metavariablePattern(let name, let nested, let formula, let at):
      var scope = NestedScope.inPlace
      if let nested {
        guard let mapped = FormulaCompiler.patternLanguage(nested) else {
          throw .invalidRule(
            id: ruleID, location: at,
            reason: "metavariable-pattern in \(nested.rawValue), which aigate cannot parse")
        }
        scope = mapped == language ? .stringContent(mapped) : .text(mapped)
      }
      let nestedLanguage: PatternLanguage
      switch scope {
      case .inPlace: nestedLanguage = language
      case .stringContent(let mapped), .text(let mapped): nestedLanguage = mapped
      }
      return .pattern(
        name: name, scope: scope, formula: try compile(formula, language: nestedLanguage))
    case .metavariableComparison(let name, let comparison, let base, let strip, let at):
      do {
        return .comparison(
          name: name, expression: try ComparisonExpression.parse(comparison), base: base,
          strip: strip ?? false)
      } catch {
        throw .invalidRule(
          id: ruleID, location: at, reason: "metavariable-comparison: \(error.description)")
      }
    case .metavariableAnalysis(_, _, let at), .metavariableType(_, _, _, let at),
      .metavariableName(_, _, let at):
      throw .invalidRule(
        id: ruleID, location: at, reason: "this condition is not in the engine; semgrep runs it")
    }
  }

  private func regex(_ text: String, at: SourceLocation) throws(MatchingError) -> ByteRegex {
    do {
      return try ByteRegex(pcre: text)
    } catch {
      throw failure(error, at: at)
    }
  }

  /// Places a pattern's own error in the rule file: a pattern's line 1 is `at`'s line.
  private func failure(_ error: MatchingError, at: SourceLocation) -> MatchingError {
    switch error {
    case .invalidPattern(let line, let column, let message):
      let place = SourceLocation(
        file: at.file, line: at.line + line - 1,
        column: line == 1 ? at.column + column - 1 : column)
      return .invalidRule(id: ruleID, location: place, reason: "invalid pattern: \(message)")
    case .unsupported:
      // Not the rule's fault: the caller delegates the rule to semgrep.
      return error
    default:
      return .invalidRule(id: ruleID, location: at, reason: error.description)
    }
  }
}
