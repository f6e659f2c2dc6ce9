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
      default:
        guard let words = language.definition?.requiredWords?(text), !words.isEmpty else {
          return .always
        }
        return .words(words.sorted().map { Array($0.utf8) })
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
