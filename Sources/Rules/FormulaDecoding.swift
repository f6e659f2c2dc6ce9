/// Where a formula operator was written, which decides the operators semgrep allows there.
enum FormulaPlace {
  case topLevel, conjunction, either, nested, metavariablePattern, taintItem

  var phrase: String {
    switch self {
    case .topLevel: return "at the top level of a rule"
    case .conjunction: return "in 'patterns'"
    case .either: return "in 'pattern-either'"
    case .nested: return "under 'pattern-not', 'pattern-inside' or 'pattern-not-inside'"
    case .metavariablePattern: return "in 'metavariable-pattern'"
    case .taintItem: return "in a taint source, sink, sanitizer or propagator"
    }
  }

  /// Built once: every operator of every rule is checked against one of these.
  var allowed: Set<String> {
    switch self {
    case .topLevel, .metavariablePattern, .taintItem: return FormulaPlace.basic
    case .conjunction: return FormulaPlace.conjunctionKeys
    case .either: return FormulaPlace.eitherKeys
    case .nested: return FormulaPlace.nestedKeys
    }
  }

  private static let basic: Set<String> = [
    "pattern", "patterns", "pattern-either", "pattern-regex",
  ]
  private static let conjunctionKeys = Set(FormulaDecoder.operatorKeys)
  private static let eitherKeys = basic.union([
    "pattern-inside", "semgrep-internal-pattern-anywhere",
  ])
  private static let nestedKeys = basic.union([
    "pattern-not", "pattern-inside", "pattern-not-inside", "semgrep-internal-pattern-anywhere",
  ])
}

/// The operator names of the original formula syntax.
enum FormulaDecoder {
  static let conditionKeys = [
    "metavariable-regex", "metavariable-pattern", "metavariable-comparison",
    "metavariable-analysis", "metavariable-type", "metavariable-name",
    "semgrep-internal-metavariable-name",
  ]
  static let operatorKeys: [String] =
    [
      "pattern", "patterns", "pattern-either", "pattern-regex", "pattern-not", "pattern-inside",
      "pattern-not-inside", "pattern-not-regex", "semgrep-internal-pattern-anywhere",
      "focus-metavariable",
    ] + conditionKeys
  static let negations: Set<String> = ["pattern-not", "pattern-not-inside", "pattern-not-regex"]

  /// The keys of the newer `match:` syntax.
  static let newFormulaKeys = ["pattern", "regex", "all", "any", "not", "inside", "anywhere"]
  /// What each old operator is called in the `match:` syntax, for hints.
  static let newSpelling: [String: String] = [
    "patterns": "all", "pattern-either": "any", "pattern-not": "not",
    "pattern-inside": "inside", "pattern-regex": "regex",
    "pattern-not-inside": "not: {inside: …}", "pattern-not-regex": "not: {regex: …}",
    "focus-metavariable": "where: [{focus: …}]", "metavariable-regex": "where",
    "metavariable-pattern": "where", "metavariable-comparison": "where",
    "metavariable-type": "where", "metavariable-analysis": "where",
  ]

  static let taintOptionKeys: Set<String> = [
    "label", "requires", "by-side-effect", "exact", "control", "at-exit", "not-conflicting",
    "not_conflicting",
    "from", "to", "replace-labels", "as",
  ]
}

extension RuleDecoder {
  // MARK: - The original syntax

  /// Decodes one formula operator, reporting it where semgrep does not allow it.
  ///
  /// Conditions and focus are decoded by `decodeConjunction`, the only place they go.
  mutating func decodeOperator(
    _ name: String, key: YAMLNode, value: YAMLNode, place: FormulaPlace
  ) -> Formula? {
    guard place.allowed.contains(name) else {
      let hint: String
      if FormulaDecoder.negations.contains(name) {
        hint = "a negation belongs in a 'patterns' list beside a positive pattern"
      } else if FormulaDecoder.conditionKeys.contains(name) || name == "focus-metavariable" {
        hint = "conditions and focus belong in a 'patterns' list"
      } else {
        hint = "wrap it in a 'patterns' list with a positive pattern"
      }
      report(.misplacedOperator(name, place: place.phrase, hint: hint), at: key.location)
      return nil
    }
    switch name {
    case "pattern":
      return string(value, key: name).map { .pattern($0, at: value.location) }
    case "pattern-regex":
      guard let regex = string(value, key: name) else { return nil }
      checkRegex(regex, at: value.location)
      return .regex(regex, at: value.location)
    case "pattern-not-regex":
      guard let regex = string(value, key: name) else { return nil }
      checkRegex(regex, at: value.location)
      return .not(.regex(regex, at: value.location), at: key.location)
    case "patterns":
      return decodeConjunction(value, key: key)
    case "pattern-either":
      return decodeEither(value, key: key)
    case "pattern-not":
      return decodeNested(value, key: key).map { .not($0, at: key.location) }
    case "pattern-inside":
      return decodeNested(value, key: key).map { .inside($0, at: key.location) }
    case "pattern-not-inside":
      return decodeNested(value, key: key).map {
        .not(.inside($0, at: key.location), at: key.location)
      }
    case "semgrep-internal-pattern-anywhere":
      return decodeNested(value, key: key).map { .anywhere($0, at: key.location) }
    default:
      report(
        .misplacedOperator(
          name, place: place.phrase, hint: "conditions and focus belong in a 'patterns' list"),
        at: key.location)
      return nil
    }
  }

  /// The one operator of a list item or mapping, reporting unknown and repeated keys.
  private mutating func singleOperator(
    _ node: YAMLNode, listName: String, place: FormulaPlace
  ) -> [(key: YAMLNode, value: YAMLNode, name: String)] {
    guard let entries = node.mapping else {
      report(
        .wrongType(
          key: "each item of '\(listName)'", expected: "a mapping like '- pattern: …'",
          found: node.kindName), at: node.location)
      return []
    }
    var known: [(key: YAMLNode, value: YAMLNode, name: String)] = []
    for (key, value) in entries {
      let name = key.scalar ?? key.kindName
      if FormulaDecoder.operatorKeys.contains(name) {
        known.append((key, value, name))
      } else {
        report(
          .unknownOperator(
            name, place: "in '\(listName)'",
            suggestion: closest(to: name, in: FormulaDecoder.operatorKeys)), at: key.location)
      }
    }
    if entries.isEmpty {
      report(
        .noOperator(place: "an item of '\(listName)'", expected: Array(place.allowed).sorted()),
        at: node.location)
    }
    if known.count > 1 {
      report(
        .multipleOperators(known[0].name, known[1].name, place: "an item of '\(listName)'"),
        at: known[1].key.location)
    }
    return known
  }

  private mutating func decodeConjunction(_ node: YAMLNode, key: YAMLNode) -> Formula? {
    let listName = key.scalar ?? "patterns"
    guard let items = nonEmptyList(node, key: listName) else { return nil }
    var terms: [Formula] = []
    var conditions: [Condition] = []
    var focus: [Focus] = []
    var dropped = false
    for item in items {
      let before = errors.count
      for (itemKey, value, name) in singleOperator(item, listName: listName, place: .conjunction) {
        if name == "focus-metavariable" {
          if let entry = decodeFocus(value, key: itemKey) { focus.append(entry) }
        } else if FormulaDecoder.conditionKeys.contains(name) {
          if let condition = decodeCondition(name, key: itemKey, value: value) {
            conditions.append(condition)
          }
        } else if let term = decodeOperator(name, key: itemKey, value: value, place: .conjunction) {
          terms.append(term)
        }
      }
      dropped = dropped || errors.count != before
    }
    if !dropped && positiveTermOptional == 0 && !terms.contains(where: { !$0.isNegative }) {
      report(.noPositiveTerm(listName), at: key.location)
    }
    return .all(
      Conjunction(terms: terms, conditions: conditions, focus: focus, location: key.location))
  }

  private mutating func decodeEither(_ node: YAMLNode, key: YAMLNode) -> Formula? {
    let listName = key.scalar ?? "pattern-either"
    guard let items = nonEmptyList(node, key: listName) else { return nil }
    var branches: [Formula] = []
    for item in items {
      for (itemKey, value, name) in singleOperator(item, listName: listName, place: .either) {
        if let branch = decodeOperator(name, key: itemKey, value: value, place: .either) {
          branches.append(branch)
        }
      }
    }
    return .any(branches, at: key.location)
  }

  /// The value of `pattern-not`, `pattern-inside` and the like: a pattern, or one operator.
  private mutating func decodeNested(_ node: YAMLNode, key: YAMLNode) -> Formula? {
    if node.scalar != nil {
      return string(node, key: key.scalar ?? "").map { .pattern($0, at: node.location) }
    }
    guard node.mapping != nil else {
      report(
        .wrongType(
          key: key.scalar ?? "", expected: "a pattern or a mapping with one operator",
          found: node.kindName), at: node.location)
      return nil
    }
    let operators = singleOperator(node, listName: key.scalar ?? "", place: .nested)
    guard let first = operators.first else { return nil }
    return decodeOperator(first.name, key: first.key, value: first.value, place: .nested)
  }

  private mutating func nonEmptyList(_ node: YAMLNode, key: String) -> [YAMLNode]? {
    guard let items = node.sequence else {
      report(.wrongType(key: key, expected: "a list", found: node.kindName), at: node.location)
      return nil
    }
    if items.isEmpty {
      report(.emptyList(key: key), at: node.location)
      return nil
    }
    return items
  }

  // MARK: - Conditions and focus

  private mutating func use(_ node: YAMLNode?, key: String, for location: SourceLocation)
    -> String?
  {
    guard let node, let name = metavariableName(node, key: key) else { return nil }
    nameUses[location, default: []].append((name, node.location))
    return name
  }

  private mutating func decodeFocus(_ node: YAMLNode, key: YAMLNode) -> Focus? {
    let items = node.sequence ?? [node]
    if items.isEmpty {
      report(.emptyList(key: key.scalar ?? "focus"), at: node.location)
      return nil
    }
    let names = items.compactMap { use($0, key: key.scalar ?? "focus", for: key.location) }
    guard names.count == items.count else { return nil }
    return Focus(names: names, location: key.location)
  }

  mutating func decodeCondition(
    _ name: String, key: YAMLNode, value: YAMLNode
  ) -> Condition? {
    let at = key.location
    switch name {
    case "metavariable-regex":
      guard
        let fields = keyed(
          value, key: name, allowed: ["metavariable", "regex", "constant-propagation"],
          required: ["metavariable", "regex"])
      else { return nil }
      let variable = use(fields["metavariable"], key: "metavariable", for: at)
      let regex = fields["regex"].flatMap { node in
        string(node, key: "regex").map { (node, $0) }
      }
      if let (node, text) = regex { checkRegex(text, at: node.location) }
      let propagation = fields["constant-propagation"].map {
        boolean($0, key: "constant-propagation")
      }
      guard let variable, let regex, propagation != .some(nil) else { return nil }
      return .metavariableRegex(
        name: variable, regex: regex.1, constantPropagation: (propagation ?? nil) ?? true, at: at)

    case "metavariable-pattern":
      return decodeMetavariablePattern(value, key: key)

    case "metavariable-comparison":
      guard
        let fields = keyed(
          value, key: name, allowed: ["metavariable", "comparison", "base", "strip"],
          required: ["comparison"])
      else { return nil }
      let variable = fields["metavariable"].map { use($0, key: "metavariable", for: at) }
      let comparison = fields["comparison"].flatMap { string($0, key: "comparison") }
      if let node = fields["comparison"], let comparison { useNames(in: comparison, node, for: at) }
      let base = fields["base"].map { integer($0, key: "base") }
      let strip = fields["strip"].map { boolean($0, key: "strip") }
      guard let comparison, variable != .some(nil), base != .some(nil), strip != .some(nil)
      else { return nil }
      return .metavariableComparison(
        name: variable ?? nil, comparison: comparison, base: base ?? nil, strip: strip ?? nil,
        at: at)

    case "metavariable-analysis":
      guard
        let fields = keyed(
          value, key: name, allowed: ["metavariable", "analyzer", "options"],
          required: ["metavariable", "analyzer"])
      else { return nil }
      let variable = use(fields["metavariable"], key: "metavariable", for: at)
      let analyzer = fields["analyzer"].flatMap { decodeAnalyzer($0) }
      guard let variable, let analyzer else { return nil }
      return .metavariableAnalysis(name: variable, analyzer: analyzer, at: at)

    case "metavariable-type":
      guard
        let fields = keyed(
          value, key: name, allowed: ["metavariable", "type", "types", "language"],
          required: ["metavariable"])
      else { return nil }
      let variable = use(fields["metavariable"], key: "metavariable", for: at)
      var types: [String]?
      switch (fields["type"], fields["types"]) {
      case (let single?, nil): types = string(single, key: "type").map { [$0] }
      case (nil, let list?): types = strings(list, key: "types")
      case (_?, _?):
        report(.multipleOperators("type", "types", place: "'\(name)'"), at: value.location)
      case (nil, nil):
        report(.noOperator(place: "'\(name)'", expected: ["type", "types"]), at: value.location)
      }
      let language = fields["language"].map { decodeLanguage($0, key: "language") }
      guard let variable, let types, language != .some(nil) else { return nil }
      return .metavariableType(name: variable, types: types, language: language ?? nil, at: at)

    default:  // metavariable-name and its internal variant
      guard
        let fields = keyed(
          value, key: name,
          allowed: ["metavariable", "kind", "module", "modules", "fqn", "fqns"],
          required: ["metavariable"])
      else { return nil }
      guard let variable = use(fields["metavariable"], key: "metavariable", for: at) else {
        return nil
      }
      return .metavariableName(name: variable, details: jsonValue(value), at: at)
    }
  }

  /// Records the metavariables a comparison mentions, at their columns when the text is plain.
  private mutating func useNames(in text: String, _ node: YAMLNode, for location: SourceLocation) {
    for name in Metavariables.names(in: text) {
      var place = node.location
      if case .scalar(_, plain: true) = node.kind, !text.contains("\n"),
        let range = text.range(of: name)
      {
        let offset = text.unicodeScalars.distance(
          from: text.unicodeScalars.startIndex, to: range.lowerBound)
        place = SourceLocation(file: place.file, line: place.line, column: place.column + offset)
      }
      nameUses[location, default: []].append((name, place))
    }
  }

  private mutating func decodeAnalyzer(_ node: YAMLNode) -> JSONValue? {
    let kinds = ["entropy", "entropy_v2", "redos"]
    if let text = node.scalar {
      guard kinds.contains(text) else {
        report(.unknownAnalyzer(text), at: node.location)
        return nil
      }
      return .string(text)
    }
    guard let fields = keyed(node, key: "analyzer", allowed: ["kind", "mode"], required: ["kind"])
    else { return nil }
    guard let kind = fields["kind"].flatMap({ string($0, key: "kind") }) else { return nil }
    guard kinds.contains(kind) else {
      if let kindNode = fields["kind"] { report(.unknownAnalyzer(kind), at: kindNode.location) }
      return nil
    }
    return jsonValue(node)
  }

  private mutating func decodeMetavariablePattern(_ node: YAMLNode, key: YAMLNode) -> Condition? {
    let name = "metavariable-pattern"
    guard let entries = node.mapping else {
      report(.wrongType(key: name, expected: "a mapping", found: node.kindName), at: node.location)
      return nil
    }
    var variableNode: YAMLNode?
    var languageNode: YAMLNode?
    var formulas: [(key: YAMLNode, value: YAMLNode, name: String)] = []
    for (entryKey, value) in entries {
      let field = entryKey.scalar ?? entryKey.kindName
      switch field {
      case "metavariable": variableNode = value
      case "language": languageNode = value
      default:
        if FormulaDecoder.operatorKeys.contains(field) {
          formulas.append((entryKey, value, field))
        } else {
          report(
            .unknownOperator(
              field, place: "in '\(name)'",
              suggestion: closest(
                to: field, in: ["metavariable", "language"] + FormulaDecoder.operatorKeys)),
            at: entryKey.location)
        }
      }
    }
    guard let variableNode else {
      report(.missingKey("metavariable", in: "'\(name)'", typo: nil), at: node.location)
      return nil
    }
    let variable = use(variableNode, key: "metavariable", for: key.location)
    let language = languageNode.map { decodeLanguage($0, key: "language") }
    if formulas.count > 1 {
      report(
        .multipleOperators(formulas[0].name, formulas[1].name, place: "'\(name)'"),
        at: formulas[1].key.location)
    }
    guard let first = formulas.first else {
      report(
        .noOperator(
          place: "'\(name)'", expected: ["pattern", "patterns", "pattern-either", "pattern-regex"]),
        at: node.location)
      return nil
    }
    positiveTermOptional += 1
    let formula = decodeOperator(
      first.name, key: first.key, value: first.value, place: .metavariablePattern)
    positiveTermOptional -= 1
    guard let variable, let formula, language != .some(nil) else { return nil }
    return .metavariablePattern(
      name: variable, language: language ?? nil, formula: formula, at: key.location)
  }
}
