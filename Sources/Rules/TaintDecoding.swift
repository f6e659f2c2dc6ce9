/// Taint rules run only under semgrep, but their formulas are still checked here so that
/// `aigate rules validate` catches their mistakes too.
extension RuleDecoder {
  /// `pattern-sources`, `pattern-sinks`, … of the original taint syntax.
  mutating func decodeOldTaint(
    _ fields: [String: (key: YAMLNode, value: YAMLNode)], rule: YAMLNode
  ) -> TaintSpec? {
    let before = errors.count
    func part(_ key: String, required: Bool) -> [TaintSpec.Item] {
      guard let node = fields[key]?.value else {
        if required { report(.missingKey(key, in: "a taint rule", typo: nil), at: rule.location) }
        return []
      }
      guard let items = node.sequence else {
        report(.wrongType(key: key, expected: "a list", found: node.kindName), at: node.location)
        return []
      }
      if items.isEmpty { report(.emptyList(key: key), at: node.location) }
      return items.compactMap { decodeOldTaintItem($0, listName: key) }
    }
    let spec = TaintSpec(
      sources: part("pattern-sources", required: true),
      sinks: part("pattern-sinks", required: true),
      sanitizers: part("pattern-sanitizers", required: false),
      propagators: part("pattern-propagators", required: false))
    return errors.count == before ? spec : nil
  }

  private mutating func decodeOldTaintItem(_ node: YAMLNode, listName: String) -> TaintSpec.Item? {
    guard let entries = node.mapping else {
      report(
        .wrongType(
          key: "each item of '\(listName)'", expected: "a mapping like '- pattern: …'",
          found: node.kindName), at: node.location)
      return nil
    }
    var options: [String: JSONValue] = [:]
    var formulas: [(key: YAMLNode, value: YAMLNode, name: String)] = []
    for (key, value) in entries {
      let name = key.scalar ?? key.kindName
      if FormulaDecoder.operatorKeys.contains(name) {
        formulas.append((key, value, name))
      } else if FormulaDecoder.taintOptionKeys.contains(name) {
        options[name] = jsonValue(value)
      } else {
        report(
          .unknownOperator(
            name, place: "in '\(listName)'",
            suggestion: closest(
              to: name, in: FormulaDecoder.operatorKeys + FormulaDecoder.taintOptionKeys)),
          at: key.location)
      }
    }
    guard let first = formulas.first else {
      report(
        .noOperator(
          place: "an item of '\(listName)'",
          expected: ["pattern", "patterns", "pattern-either", "pattern-regex"]), at: node.location)
      return nil
    }
    if formulas.count > 1 {
      report(
        .multipleOperators(first.name, formulas[1].name, place: "an item of '\(listName)'"),
        at: formulas[1].key.location)
      return nil
    }
    positiveTermOptional += 1
    defer { positiveTermOptional -= 1 }
    guard
      let formula = decodeOperator(
        first.name, key: first.key, value: first.value, place: .taintItem)
    else { return nil }
    checkBindings(formula)
    return TaintSpec.Item(formula: formula, options: options)
  }

  /// `taint: {sources, sinks, sanitizers, propagators}`, whose items use the `match:` syntax.
  mutating func decodeNewTaint(_ node: YAMLNode) -> TaintSpec? {
    guard
      let fields = keyed(
        node, key: "taint", allowed: ["sources", "sinks", "sanitizers", "propagators"],
        required: ["sources", "sinks"])
    else { return nil }
    let before = errors.count
    func part(_ key: String) -> [TaintSpec.Item] {
      guard let list = fields[key] else { return [] }
      guard let items = list.sequence, !items.isEmpty else {
        report(
          .wrongType(key: key, expected: "a non-empty list", found: list.kindName),
          at: list.location)
        return []
      }
      positiveTermOptional += 1
      defer { positiveTermOptional -= 1 }
      return items.compactMap { item in
        var options: [String: JSONValue] = [:]
        guard
          let formula = decodeNew(
            item, place: .top, extraKeys: FormulaDecoder.taintOptionKeys, options: &options)
        else { return nil }
        checkBindings(formula)
        return TaintSpec.Item(formula: formula, options: options)
      }
    }
    let spec = TaintSpec(
      sources: part("sources"), sinks: part("sinks"), sanitizers: part("sanitizers"),
      propagators: part("propagators"))
    return errors.count == before ? spec : nil
  }
}
