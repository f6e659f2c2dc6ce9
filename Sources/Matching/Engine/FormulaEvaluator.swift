import Foundation
import Rules

/// Runs a compiled formula over one document with semgrep's semantics.
///
/// Inside a conjunction semgrep's order holds: plain positive terms intersect (a match of one
/// inside a match of another, with equal shared metavariables, keeps the smaller range),
/// `inside` and `anywhere` terms filter and add their bindings, negative terms subtract, the
/// conditions filter in written order, then focus narrows.
struct FormulaEvaluator {
  let document: Document
  /// The running rule's time on this file; every loop below ticks it and unwinds once it is
  /// spent.
  var budget: Budget
  /// The bytes matched within (a binding an in-place `metavariable-pattern` looks inside);
  /// nil for the whole document.
  var region: Range<Int32>? = nil
  /// The changed code a match must share bytes with; nil when every match is wanted.
  var changed: ChangedRegions? = nil
  /// Whether names match as the expressions assigned to them (`symbolic_propagation`).
  var symbolic = false

  func evaluate(_ formula: CompiledFormula) -> [Match] {
    switch formula {
    case .pattern(let pattern):
      return matches(of: pattern)
    case .regex(let regex):
      // Within a binding the regex sees only the binding's bytes, as semgrep runs it on the
      // binding's text (`.*` stops at its ends).
      let base = region.map { Int($0.lowerBound) } ?? 0
      let bytes =
        region.map { Array(document.source.bytes[Int($0.lowerBound)..<Int($0.upperBound)]) }
        ?? document.source.bytes
      return withinRegion(
        regex.hits(in: bytes, budget: budget).map { hit in
          var bindings: [String: Binding] = [:]
          for (name, found) in hit.groups {
            bindings[name] = document.binding((base + found.lowerBound)..<(base + found.upperBound))
          }
          return Match(
            range: document.range((base + hit.bytes.lowerBound)..<(base + hit.bytes.upperBound)),
            bindings: bindings)
        })
    case .any(let branches):
      return unique(branches.flatMap { evaluate($0) })
    case .all(let conjunction):
      return evaluate(conjunction)
    case .not(let inner), .inside(let inner), .anywhere(let inner):
      return evaluate(inner)
    case .taint(let spec):
      return TaintAnalysis(spec: spec, evaluator: self).findings()
    }
  }

  private func matches(of pattern: Pattern) -> [Match] {
    switch pattern.storage {
    case .tree:
      guard let tree = document.tree else { return [] }
      return Matcher.matches(
        pattern, in: tree, constants: document.constants, region: region, changed: changed,
        budget: budget, symbolic: symbolic)
    case .generic(let generic):
      return withinRegion(GenericMatcher.matches(generic, in: document.source, budget: budget))
    case .regex(let regex):
      return withinRegion(RegexMatcher.matches(regex, in: document.source, budget: budget))
    }
  }

  /// The matches inside the region that share bytes with the changed code.
  private func withinRegion(_ matches: [Match]) -> [Match] {
    guard region != nil || changed != nil else { return matches }
    return matches.filter {
      let start = Int32($0.range.start.offset)
      let end = Int32($0.range.end.offset)
      if let region, start < region.lowerBound || region.upperBound < end { return false }
      return changed?.overlaps(start, end) ?? true
    }
  }

  // MARK: - Conjunctions

  private func evaluate(_ conjunction: CompiledConjunction) -> [Match] {
    var plain: [CompiledFormula] = []
    var insides: [CompiledFormula] = []
    var anywheres: [CompiledFormula] = []
    var negatives: [CompiledFormula] = []
    for term in conjunction.terms {
      switch term {
      case .not(let inner): negatives.append(inner)
      case .inside(let inner): insides.append(inner)
      case .anywhere(let inner): anywheres.append(inner)
      default: plain.append(term)
      }
    }
    // Every term after the first only meets the matches so far (inside them, around them, or
    // at their range), so it is matched only where it overlaps them.
    var current: [Match]
    if let first = plain.first {
      current = evaluate(first)
      for term in plain.dropFirst() where !current.isEmpty {
        current = intersect(current, around(current).evaluate(term))
      }
    } else if let first = insides.first {
      // Only `inside` terms: they intersect as positives do, the smaller range kept.
      current = evaluate(first)
      for term in insides.dropFirst() where !current.isEmpty {
        current = intersect(current, around(current).evaluate(term))
      }
      insides = []
    } else if anywheres.isEmpty {
      // Only negations and conditions: semgrep starts from the whole of what is matched
      // (a binding's code, or the file), which the negations then remove from.
      let whole =
        region.map { Int($0.lowerBound)..<Int($0.upperBound) }
        ?? 0..<document.source.bytes.count
      current = [Match(range: document.range(whole), bindings: [:])]
    } else {
      current = []
    }
    for inside in insides where !current.isEmpty {
      let outer = Containers(around(current).evaluate(inside))
      current = unique(
        current.flatMap { match in
          outer.containing(match).filter { compatible(match, $0) }.map { merge(match, $0) }
        })
    }
    for anywhere in anywheres where !current.isEmpty {
      // Anywhere in the file, changed or not.
      var everywhere = self
      everywhere.changed = nil
      let found = everywhere.evaluate(anywhere)
      current = unique(
        current.flatMap { match in
          found.filter { compatible(match, $0) }.map { merge(match, $0) }
        })
    }
    // Conditions that only keep or drop each match (a regex binding no names, a comparison)
    // commute with the subtraction, which also judges each match by itself: the leading ones
    // run first, so the negative terms look around fewer matches.
    var conditions = conjunction.conditions[...]
    if !negatives.isEmpty {
      while let condition = conditions.first, condition.onlyFilters, !current.isEmpty {
        current = apply(condition, to: current)
        conditions = conditions.dropFirst()
      }
    }
    for negative in negatives where !current.isEmpty {
      current = subtract(negative, from: current)
    }
    for condition in conditions where !current.isEmpty {
      current = apply(condition, to: current)
    }
    for names in conjunction.focus where !current.isEmpty {
      current = focus(current, on: names)
    }
    return unique(current)
  }

  /// semgrep's intersection: a match inside a match of the other side, with compatible
  /// bindings, survives with the bindings of both.
  private func intersect(_ xs: [Match], _ ys: [Match]) -> [Match] {
    var result: [Match] = []
    let yContainers = Containers(ys)
    for x in xs {
      for y in yContainers.containing(x) where compatible(x, y) { result.append(merge(x, y)) }
    }
    let xContainers = Containers(xs)
    for y in ys {
      for x in xContainers.containing(y) where !sameRange(x, y) && compatible(x, y) {
        result.append(merge(y, x))
      }
    }
    return unique(result)
  }

  /// This evaluator matching only where `matches` are.
  private func around(_ matches: [Match]) -> FormulaEvaluator {
    var scoped = self
    scoped.changed = ChangedRegions(
      spans: matches.map { Int32($0.range.start.offset)..<Int32($0.range.end.offset) })
    return scoped
  }

  /// Removes what a negative term matches: equal ranges for a pattern, ranges inside for
  /// `inside`, overlapping ones for a regex; in each case only with compatible bindings.
  private func subtract(_ negative: CompiledFormula, from current: [Match]) -> [Match] {
    // What removes a match shares its range, contains it, or (a regex) overlaps it.
    let removing = around(current).evaluate(negative)
    if removing.isEmpty { return current }
    // A `patterns` of only `pattern-inside` terms (and negations) is an inside too (semgrep:
    // its ranges keep the inside kind).
    var insideOnly = false
    if case .all(let conjunction) = negative, conjunction.focus.isEmpty {
      insideOnly = conjunction.terms.contains {
        if case .inside = $0 { return true } else { return false }
      }
      insideOnly =
        insideOnly
        && conjunction.terms.allSatisfy {
          switch $0 {
          case .inside, .not: return true
          default: return false
          }
        }
    }
    switch negative {
    case _ where insideOnly, .inside:
      let containers = Containers(removing)
      return current.filter { match in
        !containers.containing(match).contains { compatible(match, $0) }
      }
    case .regex:
      return current.filter { match in
        !removing.contains { overlaps(match, $0) && compatible(match, $0) }
      }
    default:
      var byRange: [Range<Int>: [Match]] = [:]
      for other in removing {
        byRange[other.range.start.offset..<other.range.end.offset, default: []].append(other)
      }
      return current.filter { match in
        let same = byRange[match.range.start.offset..<match.range.end.offset] ?? []
        return !same.contains { compatible(match, $0) }
      }
    }
  }

  // MARK: - Conditions

  private func apply(_ condition: CompiledCondition, to current: [Match]) -> [Match] {
    switch condition {
    case .regex(let name, let regex):
      return current.compactMap { match in
        guard let binding = match.bindings[name],
          let hit = regex.anchoredHit(in: binding.text, budget: budget)
        else { return nil }
        var bindings = match.bindings
        let base = binding.range.start.offset
        for (group, bytes) in hit.groups where !group.dropFirst().allSatisfy(\.isNumber) {
          bindings[group] = document.binding(
            (base + bytes.lowerBound)..<(base + bytes.upperBound))
        }
        return Match(range: match.range, bindings: bindings)
      }
    case .pattern(let name, let scope, let formula):
      return metavariablePattern(name, scope: scope, formula: formula, current)
    case .comparison(let name, let expression, let base, let strip):
      return current.filter { match in
        var values = match.bindings.mapValues { value(of: $0) }
        if let name, let binding = match.bindings[name] {
          var text = binding.text
          if strip { text = ComparisonValue.stripQuotes(text) }
          if let base, let number = Int(text, radix: base) {
            values[name] = .integer(number)
          } else if strip {
            values[name] = ComparisonValue.of(text)
          }
        }
        return expression.holds(with: values, budget: budget)
      }
    }
  }

  /// A binding's value for comparisons: a name holding a constant has the constant's value.
  private func value(of binding: Binding) -> ComparisonValue {
    if let tree = document.tree,
      let literal = document.constants.literal(
        start: binding.range.start.offset, end: binding.range.end.offset)
    {
      if tree[literal].kind == .number || tree[literal].kind == .string {
        return ComparisonValue.of(tree.sourceText(of: literal))
      }
      // A folded string (`"a" + "b"`), or nothing known.
      guard let folded = tree.foldedString(literal, constants: document.constants) else {
        return ComparisonValue.of(binding.text)
      }
      return .string(String(decoding: folded, as: UTF8.self))
    }
    return ComparisonValue.of(binding.text)
  }

  /// The binding's code must match `formula`: in place when the language is the rule's,
  /// otherwise its text (a string's content) parsed anew; the nested bindings join.
  private func metavariablePattern(
    _ name: String, scope: NestedScope, formula: CompiledFormula, _ current: [Match]
  ) -> [Match] {
    let language: PatternLanguage
    let stringsOnly: Bool
    switch scope {
    case .stringContent(let nested):
      (language, stringsOnly) = (nested, true)
    case .text(let nested):
      (language, stringsOnly) = (nested, false)
    case .inPlace:
      // The nested formula sees only the binding's code; many matches share a binding, so
      // each distinct one is evaluated once.
      var byRegion: [Range<Int32>: [Match]] = [:]
      return unique(
        current.flatMap { match -> [Match] in
          guard let binding = match.bindings[name], !budget.exhausted() else { return [] }
          let region =
            Int32(binding.range.start.offset)..<Int32(binding.range.end.offset)
          let nested: [Match]
          if let known = byRegion[region] {
            nested = known
          } else {
            var inner = FormulaEvaluator(document: document, budget: budget)
            inner.region = region
            inner.symbolic = symbolic
            nested = inner.evaluate(formula)
            byRegion[region] = nested
          }
          return nested.filter { compatible(match, $0) }.map {
            Match(range: match.range, bindings: merge(match, $0).bindings)
          }
        })
    }
    return unique(
      current.flatMap { match -> [Match] in
        guard let binding = match.bindings[name], !budget.exhausted(),
          let bytes = content(of: binding, stringsOnly: stringsOnly)
        else { return [] }
        let inner = Document(
          SourceFile(path: document.source.path, bytes: Array(document.source.bytes[bytes])),
          language: language)
        var evaluator = FormulaEvaluator(document: inner, budget: budget)
        evaluator.symbolic = symbolic
        let nested = evaluator.evaluate(formula)
        return nested.compactMap { found -> Match? in
          guard compatible(match, found) else { return nil }
          var bindings = match.bindings
          for (key, value) in found.bindings where bindings[key] == nil {
            bindings[key] = document.binding(
              (bytes.lowerBound + value.range.start.offset)..<(bytes.lowerBound
                + value.range.end.offset))
          }
          return Match(range: match.range, bindings: bindings)
        }
      })
  }

  /// The bytes of a binding to parse anew: a string literal's content, else its whole text
  /// (nil with `stringsOnly`).
  private func content(of binding: Binding, stringsOnly: Bool) -> Range<Int>? {
    let whole = binding.range.start.offset..<binding.range.end.offset
    guard let tree = document.tree else { return stringsOnly ? nil : whole }
    for id in tree.nodes(of: .string) {
      let low = Int(tree[id].textStart)
      let high = Int(tree[id].textEnd)
      // `"$X"` binds the content itself.
      if low == whole.lowerBound && high == whole.upperBound { return whole }
      guard Int(tree[id].start) == whole.lowerBound && Int(tree[id].end) == whole.upperBound
      else { continue }
      return low <= high && whole.lowerBound <= low && high <= whole.upperBound ? low..<high : whole
    }
    return stringsOnly ? nil : whole
  }

  // MARK: - Focus

  /// Narrows each match to the first bound of `names`; a match already focused narrows to
  /// the overlap, and disappears when there is none.
  private func focus(_ current: [Match], on names: [String]) -> [Match] {
    current.flatMap { match -> [Match] in
      names.compactMap { name -> Match? in
        guard let binding = match.bindings[name] else { return nil }
        let low = max(match.range.start.offset, binding.range.start.offset)
        let high = min(match.range.end.offset, binding.range.end.offset)
        guard low < high || (low == high && binding.range.start.offset == low) else { return nil }
        return Match(range: document.range(low..<high), bindings: match.bindings)
      }
    }
  }

  // MARK: - Ranges and bindings

  private func sameRange(_ x: Match, _ y: Match) -> Bool {
    x.range.start.offset == y.range.start.offset && x.range.end.offset == y.range.end.offset
  }

  private func overlaps(_ x: Match, _ y: Match) -> Bool {
    x.range.start.offset < y.range.end.offset && y.range.start.offset < x.range.end.offset
  }

  /// Whether the metavariables both bind hold the same code.
  private func compatible(_ x: Match, _ y: Match) -> Bool {
    let (small, large) = x.bindings.count <= y.bindings.count ? (x, y) : (y, x)
    for (name, binding) in small.bindings {
      guard let other = large.bindings[name] else { continue }
      if binding.range.start.offset == other.range.start.offset
        && binding.range.end.offset == other.range.end.offset
      {
        continue
      }
      if !FormulaEvaluator.sameCode(binding.text, other.text) { return false }
    }
    return true
  }

  /// Code equality up to layout: the texts agree once whitespace is ignored.
  static func sameCode(_ a: String, _ b: String) -> Bool {
    // Byte by byte, skipping ASCII whitespace; other text falls back to Characters.
    var left = a.utf8.makeIterator()
    var right = b.utf8.makeIterator()
    func next(_ bytes: inout String.UTF8View.Iterator) -> UInt8? {
      while let byte = bytes.next() {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
        default: return byte
        }
      }
      return nil
    }
    while true {
      let x = next(&left)
      let y = next(&right)
      if x == nil && y == nil { return true }
      guard let x, let y else { return false }
      if x >= 0x80 || y >= 0x80 {
        return a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
      }
      if x != y { return false }
    }
  }

  /// `x` with the bindings of `y` it lacks.
  private func merge(_ x: Match, _ y: Match) -> Match {
    var bindings = x.bindings
    for (name, binding) in y.bindings where bindings[name] == nil { bindings[name] = binding }
    return Match(range: x.range, bindings: bindings)
  }

  /// Drops repeated matches, keeping source order.
  private func unique(_ matches: [Match]) -> [Match] {
    var seen = Set<Match>()
    return matches.filter { seen.insert($0).inserted }
  }
}

/// Matches ordered by start, so those containing a range are found without scanning them all.
struct Containers {
  private let items: [Match]
  private let starts: [Int]
  /// The largest end among the first `i + 1` items: no earlier item can reach past it.
  private let reach: [Int]

  init(_ matches: [Match]) {
    items = matches.sorted { $0.range.start.offset < $1.range.start.offset }
    starts = items.map(\.range.start.offset)
    var reach: [Int] = []
    reach.reserveCapacity(items.count)
    for item in items { reach.append(max(reach.last ?? 0, item.range.end.offset)) }
    self.reach = reach
  }

  /// The matches whose range holds `match`'s range, both ends included.
  func containing(_ match: Match) -> [Match] {
    let start = match.range.start.offset
    let end = match.range.end.offset
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] <= start { low = middle + 1 } else { high = middle }
    }
    var result: [Match] = []
    var index = low - 1
    while index >= 0 && reach[index] >= end {
      if items[index].range.end.offset >= end { result.append(items[index]) }
      index -= 1
    }
    return result.reversed()
  }
}
