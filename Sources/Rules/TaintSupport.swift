/// What of a taint rule the in-process engine implements: the rest keeps the rule with semgrep.
extension TaintSpec {
  /// Every formula of the rule's parts, sources first.
  public var formulas: [Formula] {
    (sources + sinks + sanitizers + propagators).map(\.formula)
  }

  /// Why the engine cannot run this taint rule exactly, or nil when it can.
  public var unsupported: String? {
    if !propagators.isEmpty { return "taint rule with pattern-propagators" }
    let parts: [(name: String, items: [Item], allowed: Set<String>)] = [
      ("source", sources, ["by-side-effect"]),
      ("sink", sinks, []),
      ("sanitizer", sanitizers, ["by-side-effect"]),
    ]
    for part in parts {
      for item in part.items {
        for key in item.options.keys.sorted() {
          guard part.allowed.contains(key) else {
            return "taint \(part.name) option '\(key)' is not in the engine yet"
          }
          // `by-side-effect: only` keeps the matched occurrence clean: not modelled.
          if key == "by-side-effect", item.options[key] != .bool(true),
            item.options[key] != .bool(false)
          {
            return "taint \(part.name) option 'by-side-effect' other than true or false"
          }
        }
      }
    }
    return nil
  }
}

extension TaintSpec.Item {
  /// Whether the item taints or cleans the l-value it matches for the code after it.
  public var bySideEffect: Bool { options["by-side-effect"] == .bool(true) }
}
