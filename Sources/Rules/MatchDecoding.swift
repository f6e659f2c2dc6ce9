/// Where a formula of the newer `match:` syntax was written.
enum MatchPlace {
  case top, all, any, inner, metavariable

  var phrase: String {
    switch self {
    case .top: return "at the top of 'match'"
    case .all: return "in 'all'"
    case .any: return "in 'any'"
    case .inner: return "under 'not', 'inside' or 'anywhere'"
    case .metavariable: return "in a metavariable condition"
    }
  }
}

extension RuleDecoder {
  /// The formula under a rule's `match:` key.
  mutating func decodeMatch(_ node: YAMLNode) -> Formula? {
    decodeNew(node, place: .top)
  }

  mutating func decodeNew(_ node: YAMLNode, place: MatchPlace) -> Formula? {
    var ignored: [String: JSONValue] = [:]
    return decodeNew(node, place: place, extraKeys: [], options: &ignored)
  }

  /// Decodes a formula of the `match:` syntax.
  ///
  /// A string is a pattern; a mapping has one of `pattern`, `regex`, `all`, `any`, `not`,
  /// `inside`, `anywhere`, and may add `where`. `extraKeys` are further keys allowed beside them
  /// (taint item options), copied to `options`.
  mutating func decodeNew(
    _ node: YAMLNode, place: MatchPlace, extraKeys: Set<String>,
    options: inout [String: JSONValue]
  ) -> Formula? {
    if node.scalar != nil {
      return string(node, key: "match").map { .pattern($0, at: node.location) }
    }
    guard let entries = node.mapping else {
      report(
        .wrongType(
          key: "a match formula", expected: "a pattern or a mapping", found: node.kindName),
        at: node.location)
      return nil
    }
    var formulaEntries: [(key: YAMLNode, value: YAMLNode, name: String)] = []
    var whereNode: YAMLNode?
    for (key, value) in entries {
      let name = key.scalar ?? key.kindName
      if FormulaDecoder.newFormulaKeys.contains(name) {
        formulaEntries.append((key, value, name))
      } else if name == "where" {
        whereNode = value
      } else if extraKeys.contains(name) {
        options[name] = jsonValue(value)
      } else if let spelling = FormulaDecoder.newSpelling[name] {
        report(
          .misplacedOperator(
            name, place: "in the 'match' syntax", hint: "write '\(spelling)' instead"),
          at: key.location)
        return nil
      } else {
        report(
          .unknownOperator(
            name, place: place.phrase,
            suggestion: closest(to: name, in: FormulaDecoder.newFormulaKeys + ["where"])),
          at: key.location)
        return nil
      }
    }
    guard let first = formulaEntries.first else {
      report(
        .noOperator(place: "a 'match' formula", expected: FormulaDecoder.newFormulaKeys),
        at: node.location)
      return nil
    }
    if formulaEntries.count > 1 {
      report(
        .multipleOperators(first.name, formulaEntries[1].name, place: "a 'match' formula"),
        at: formulaEntries[1].key.location)
      return nil
    }
    guard
      var formula = decodeNewOperator(first.name, key: first.key, value: first.value, place: place)
    else { return nil }
    if let whereNode {
      guard let (conditions, focus) = decodeWhere(whereNode) else { return nil }
      if case .all(var conjunction) = formula {
        conjunction.conditions += conditions
        conjunction.focus += focus
        formula = .all(conjunction)
      } else {
        if formula.isNegative && positiveTermOptional == 0 {
          report(.noPositiveTerm("where"), at: first.key.location)
          return nil
        }
        formula = .all(
          Conjunction(
            terms: [formula], conditions: conditions, focus: focus, location: first.key.location))
      }
    }
    return formula
  }

  private mutating func decodeNewOperator(
    _ name: String, key: YAMLNode, value: YAMLNode, place: MatchPlace
  ) -> Formula? {
    switch name {
    case "pattern":
      return string(value, key: name).map { .pattern($0, at: value.location) }
    case "regex":
      guard let regex = string(value, key: name) else { return nil }
      checkRegex(regex, at: value.location)
      return .regex(regex, at: value.location)
    case "all", "any":
      guard let items = value.sequence else {
        report(.wrongType(key: name, expected: "a list", found: value.kindName), at: value.location)
        return nil
      }
      if items.isEmpty {
        report(.emptyList(key: name), at: value.location)
        return nil
      }
      let before = errors.count
      let terms = items.compactMap {
        decodeNew($0, place: name == "all" ? .all : .any)
      }
      if name == "any" { return .any(terms, at: key.location) }
      if errors.count == before && positiveTermOptional == 0
        && !terms.contains(where: { !$0.isNegative })
      {
        report(.noPositiveTerm("all"), at: key.location)
      }
      return .all(Conjunction(terms: terms, location: key.location))
    case "not":
      guard place == .all else {
        report(
          .misplacedOperator(
            name, place: place.phrase,
            hint: "a negation belongs in an 'all' list beside a positive pattern"),
          at: key.location)
        return nil
      }
      return decodeNew(value, place: .inner).map {
        .not($0, at: key.location)
      }
    case "inside":
      return decodeNew(value, place: .inner).map {
        .inside($0, at: key.location)
      }
    default:  // anywhere
      return decodeNew(value, place: .inner).map {
        .anywhere($0, at: key.location)
      }
    }
  }

  /// The conditions and focus of a `where:` list.
  private mutating func decodeWhere(_ node: YAMLNode) -> ([Condition], [Focus])? {
    guard let items = node.sequence else {
      report(.wrongType(key: "where", expected: "a list", found: node.kindName), at: node.location)
      return nil
    }
    let before = errors.count
    var conditions: [Condition] = []
    var focus: [Focus] = []
    for item in items {
      guard let entries = item.mapping, let firstKey = entries.first?.key else {
        report(
          .wrongType(key: "each item of 'where'", expected: "a mapping", found: item.kindName),
          at: item.location)
        continue
      }
      let keys = Set(entries.compactMap(\.key.scalar))
      if keys.contains("focus") {
        if keys.count > 1 {
          let other = entries.first { $0.key.scalar != "focus" }
          report(
            .multipleOperators("focus", other?.key.scalar ?? "", place: "a 'where' item"),
            at: other?.key.location ?? item.location)
          continue
        }
        if let value = item["focus"], let entry = decodeWhereFocus(value, at: firstKey.location) {
          focus.append(entry)
        }
      } else if keys.contains("comparison") {
        if let condition = decodeWhereCondition(
          "metavariable-comparison", item: item, at: firstKey.location)
        {
          conditions.append(condition)
        }
      } else if keys.contains("metavariable") {
        if let condition = decodeMetavariableWhere(item, entries: entries, keys: keys) {
          conditions.append(condition)
        }
      } else {
        report(
          .noOperator(place: "a 'where' item", expected: ["focus", "comparison", "metavariable"]),
          at: item.location)
      }
    }
    return errors.count == before ? (conditions, focus) : nil
  }

  private mutating func decodeWhereFocus(_ node: YAMLNode, at location: SourceLocation) -> Focus? {
    let items = node.sequence ?? [node]
    var names: [String] = []
    for item in items {
      guard let name = metavariableName(item, key: "focus") else { return nil }
      nameUses[location, default: []].append((name, item.location))
      names.append(name)
    }
    return names.isEmpty ? nil : Focus(names: names, location: location)
  }

  /// A `where` item in the shape of an original-syntax condition, decoded as that condition.
  private mutating func decodeWhereCondition(
    _ name: String, item: YAMLNode, at location: SourceLocation
  ) -> Condition? {
    let key = YAMLNode(kind: .scalar(name, plain: true), location: location)
    return decodeCondition(name, key: key, value: item)
  }

  private mutating func decodeMetavariableWhere(
    _ item: YAMLNode, entries: [(key: YAMLNode, value: YAMLNode)], keys: Set<String>
  ) -> Condition? {
    let location = entries.first { $0.key.scalar == "metavariable" }?.key.location ?? item.location
    if keys.contains("type") || keys.contains("types") {
      return decodeWhereCondition("metavariable-type", item: item, at: location)
    }
    if keys.contains("analyzer") {
      return decodeWhereCondition("metavariable-analysis", item: item, at: location)
    }
    if keys.contains("regex"), keys.isSubset(of: ["metavariable", "regex", "constant-propagation"])
    {
      return decodeWhereCondition("metavariable-regex", item: item, at: location)
    }
    // Anything else is a formula the binding must match, possibly in another language.
    guard let variableNode = item["metavariable"],
      let variable = metavariableName(variableNode, key: "metavariable")
    else { return nil }
    nameUses[location, default: []].append((variable, variableNode.location))
    let language = item["language"].map { decodeLanguage($0, key: "language") }
    let rest = entries.filter { $0.key.scalar != "metavariable" && $0.key.scalar != "language" }
    positiveTermOptional += 1
    let formula = decodeNew(
      YAMLNode(kind: .mapping(rest), location: rest.first?.key.location ?? item.location),
      place: .metavariable)
    positiveTermOptional -= 1
    guard let formula, language != .some(nil) else { return nil }
    return .metavariablePattern(
      name: variable, language: language ?? nil, formula: formula, at: location)
  }
}
