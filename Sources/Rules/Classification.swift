/// A rule-language feature the in-process engine may or may not implement.
public enum Feature: String, CaseIterable, Hashable, Sendable, Codable {
  case patternRegex = "pattern-regex"
  case inside = "pattern-inside"
  case anywhere = "pattern-anywhere"
  case metavariableRegex = "metavariable-regex"
  case metavariablePattern = "metavariable-pattern"
  case metavariableComparison = "metavariable-comparison"
  case metavariableAnalysis = "metavariable-analysis"
  case metavariableType = "metavariable-type"
  case metavariableName = "metavariable-name"
  case focus = "focus-metavariable"
  /// `mode: taint` with the parts `TaintSpec.unsupported` accepts.
  case taint = "taint mode"
}

/// What the in-process engine can run; the engine module says, the rule module only compares.
public struct EngineCapabilities: Sendable, Hashable {
  /// Languages the engine parses (plus `generic` and `regex` when it has those modes).
  public var languages: Set<Language>
  public var features: Set<Feature>
  /// Keys of a rule's `options:` the engine honours; a rule setting any other runs in semgrep,
  /// since the option could change what matches.
  public var options: Set<String>

  public init(
    languages: Set<Language>, features: Set<Feature>, options: Set<String> = []
  ) {
    self.languages = languages
    self.features = features
    self.options = options
  }
}

/// Who runs a rule.
public enum Execution: Sendable, Hashable {
  /// The in-process engine runs it exactly.
  case inProcess
  /// Only semgrep can; `reason` says why, for `aigate rules list` and logs.
  case semgrepOnly(reason: String)
}

/// Decides who runs `rule`: the engine only when it implements everything the rule uses, since
/// the engine must never approximate a rule semgrep would run differently.
public func classify(_ rule: Rule, with capabilities: EngineCapabilities) -> Execution {
  switch rule.mode {
  case .taint:
    guard capabilities.features.contains(.taint), let taint = rule.taint else {
      return .semgrepOnly(reason: "taint mode")
    }
    if let reason = taint.unsupported { return .semgrepOnly(reason: reason) }
    // The taint walk follows values itself: symbolic propagation is not part of it yet.
    if case .object(let options) = rule.options, options["symbolic_propagation"] != nil {
      return .semgrepOnly(reason: "option 'symbolic_propagation' in a taint rule")
    }
  case .join: return .semgrepOnly(reason: "join mode")
  case .extract: return .semgrepOnly(reason: "extract mode")
  case .search: break
  }
  if let key = rule.semgrepOnlyKeys.first {
    return .semgrepOnly(reason: "uses '\(key)'")
  }
  let missing = rule.languages.filter { !capabilities.languages.contains($0) }
  if !missing.isEmpty {
    let names = missing.map(\.rawValue).joined(separator: ", ")
    return .semgrepOnly(reason: "aigate cannot parse \(names) yet")
  }
  if case .object(let options) = rule.options {
    if let option = options.keys.sorted().first(where: { !capabilities.options.contains($0) }) {
      return .semgrepOnly(reason: "option '\(option)' is not in the engine yet")
    }
  }
  let formulas = rule.formula.map { [$0] } ?? rule.taint?.formulas ?? []
  if formulas.isEmpty { return .semgrepOnly(reason: "no search formula") }
  var usage = Usage()
  formulas.forEach { usage.visit($0) }
  if let feature = Feature.allCases.first(where: {
    usage.features.contains($0) && !capabilities.features.contains($0)
  }) {
    return .semgrepOnly(reason: "\(feature.rawValue) is not in the engine yet")
  }
  if let language = usage.languages.sorted().first(where: {
    !capabilities.languages.contains($0)
  }) {
    return .semgrepOnly(
      reason: "metavariable-pattern in \(language.rawValue), which aigate cannot parse yet")
  }
  return .inProcess
}

/// The features and languages a formula uses.
private struct Usage {
  var features: Set<Feature> = []
  var languages: Set<Language> = []

  mutating func visit(_ formula: Formula) {
    switch formula {
    case .pattern:
      break
    case .regex:
      features.insert(.patternRegex)
    case .any(let branches, _):
      branches.forEach { visit($0) }
    case .not(let inner, _):
      visit(inner)
    case .inside(let inner, _):
      features.insert(.inside)
      visit(inner)
    case .anywhere(let inner, _):
      features.insert(.anywhere)
      visit(inner)
    case .all(let conjunction):
      conjunction.terms.forEach { visit($0) }
      if !conjunction.focus.isEmpty { features.insert(.focus) }
      conjunction.conditions.forEach { visit($0) }
    }
  }

  private mutating func visit(_ condition: Condition) {
    switch condition {
    case .metavariableRegex:
      features.insert(.metavariableRegex)
    case .metavariablePattern(_, let language, let formula, _):
      features.insert(.metavariablePattern)
      if let language { languages.insert(language) }
      visit(formula)
    case .metavariableComparison: features.insert(.metavariableComparison)
    case .metavariableAnalysis: features.insert(.metavariableAnalysis)
    case .metavariableType: features.insert(.metavariableType)
    case .metavariableName: features.insert(.metavariableName)
    }
  }
}
