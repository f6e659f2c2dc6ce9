/// semgrep's metavariables: `$X`, `$...ARGS`, `$_`, and a regex's `$1` or named group.
public enum Metavariables {
  /// Whether `text` is a whole metavariable name.
  public static func isName(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard scalars.first == "$", scalars.count > 1 else { return false }
    var rest = scalars.dropFirst()
    if rest.allSatisfy({ ("0"..."9").contains($0) }) { return true }
    if rest.starts(with: ["." as Unicode.Scalar, ".", "."]) { rest = rest.dropFirst(3) }
    guard let first = rest.first, isStart(first) else { return false }
    return rest.allSatisfy { isStart($0) || ("0"..."9").contains($0) }
  }

  /// The metavariables a pattern, comparison or message mentions, in order, without repeats
  /// (`$...X` keeps its dots; `$_` is anonymous and left out).
  public static func names(in text: String) -> [String] {
    // Bytes, not scalars: every character of a name is ASCII, and no byte of a longer UTF-8
    // sequence is.
    let bytes = Array(text.utf8)
    var found: [String] = []
    var index = 0
    while let dollar = bytes[index...].firstIndex(of: UInt8(ascii: "$")) {
      var cursor = dollar + 1
      let dots = cursor + 2 < bytes.count && bytes[cursor...(cursor + 2)].allSatisfy { $0 == 46 }
      if dots { cursor += 3 }
      guard cursor < bytes.count, isStart(bytes[cursor]) else {
        index = dollar + 1
        continue
      }
      let bodyStart = cursor
      while cursor < bytes.count, isStart(bytes[cursor]) || isDigit(bytes[cursor]) {
        cursor += 1
      }
      let name =
        (dots ? "$..." : "$") + String(decoding: bytes[bodyStart..<cursor], as: UTF8.self)
      if name != "$_" && !found.contains(name) { found.append(name) }
      index = cursor
    }
    return found
  }

  private static func isStart(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// The metavariables a regex binds: `$name` for each named group.
  public static func names(boundByRegex regex: String) -> [String] {
    PCRE.groupNames(in: regex).map { "$" + $0 }
  }

  private static func isStart(_ scalar: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(scalar) || scalar == "_"
  }

  /// `$...X` and `$X` name the same binding.
  static func base(_ name: String) -> String {
    name.hasPrefix("$...") ? "$" + name.dropFirst(4) : name
  }
}

extension RuleDecoder {
  /// Reports each metavariable a condition or focus uses that no positive pattern binds.
  ///
  /// Lenient on purpose: anything bound by an enclosing conjunction, by any branch of an either,
  /// or by an earlier condition counts, so only real mistakes are errors.
  mutating func checkBindings(_ formula: Formula, scope: Set<String> = []) {
    switch formula {
    case .pattern, .regex:
      return
    case .any(let branches, _):
      for branch in branches { checkBindings(branch, scope: scope) }
    case .not(let inner, _), .inside(let inner, _), .anywhere(let inner, _):
      checkBindings(inner, scope: scope)
    case .all(let conjunction):
      checkBindings(conjunction, scope: scope)
    }
  }

  private mutating func checkBindings(_ conjunction: Conjunction, scope: Set<String>) {
    var bound = scope
    var hasRegex = false
    for term in conjunction.positives {
      bound.formUnion(Self.positiveNames(term))
      hasRegex = hasRegex || Self.containsPositiveRegex(term)
    }
    for condition in conjunction.conditions {
      switch condition {
      case .metavariableRegex(_, let regex, _, _):
        bound.formUnion(Metavariables.names(boundByRegex: regex).map(Metavariables.base))
      case .metavariablePattern(_, _, let formula, _):
        bound.formUnion(Self.positiveNames(formula))
      default:
        break
      }
    }
    func isBound(_ name: String) -> Bool {
      let plain = Metavariables.base(name)
      if plain.dropFirst().allSatisfy(\.isNumber) { return hasRegex }
      return bound.contains(plain)
    }
    for condition in conjunction.conditions {
      for use in nameUses[condition.location] ?? [] where !isBound(use.name) {
        report(
          .unboundMetavariable(use.name, operator: Self.operatorName(condition)),
          at: use.location)
      }
      if case .metavariablePattern(_, _, let formula, _) = condition {
        checkBindings(formula, scope: bound)
      }
    }
    for focus in conjunction.focus {
      for use in nameUses[focus.location] ?? [] where !isBound(use.name) {
        report(.unboundMetavariable(use.name, operator: "focus-metavariable"), at: use.location)
      }
    }
    for term in conjunction.terms { checkBindings(term, scope: bound) }
  }

  private static func operatorName(_ condition: Condition) -> String {
    switch condition {
    case .metavariableRegex: return "metavariable-regex"
    case .metavariablePattern: return "metavariable-pattern"
    case .metavariableComparison: return "metavariable-comparison"
    case .metavariableAnalysis: return "metavariable-analysis"
    case .metavariableType: return "metavariable-type"
    case .metavariableName: return "metavariable-name"
    }
  }

  /// The metavariables a formula binds when it matches (negations bind nothing).
  static func positiveNames(_ formula: Formula) -> Set<String> {
    switch formula {
    case .pattern(let text, _):
      return Set(Metavariables.names(in: text).map(Metavariables.base))
    case .regex(let regex, _):
      return Set(Metavariables.names(boundByRegex: regex).map(Metavariables.base))
    case .all(let conjunction):
      var names = Set<String>()
      for term in conjunction.positives { names.formUnion(positiveNames(term)) }
      for condition in conjunction.conditions {
        if case .metavariableRegex(_, let regex, _, _) = condition {
          names.formUnion(Metavariables.names(boundByRegex: regex).map(Metavariables.base))
        }
      }
      return names
    case .any(let branches, _):
      return branches.reduce(into: Set<String>()) { $0.formUnion(positiveNames($1)) }
    case .inside(let inner, _), .anywhere(let inner, _):
      return positiveNames(inner)
    case .not:
      return []
    }
  }

  private static func containsPositiveRegex(_ formula: Formula) -> Bool {
    switch formula {
    case .regex: return true
    case .pattern, .not: return false
    case .all(let conjunction): return conjunction.positives.contains(where: containsPositiveRegex)
    case .any(let branches, _): return branches.contains(where: containsPositiveRegex)
    case .inside(let inner, _), .anywhere(let inner, _): return containsPositiveRegex(inner)
    }
  }
}
