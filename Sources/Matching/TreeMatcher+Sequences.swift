import Foundation

/// A statement-sequence subproblem that failed, so that patterns with several `...` over long
/// blocks take polynomial time instead of retrying the same positions.
struct SequenceState: Hashable {
  let patternFirst: Int32
  let patternCount: Int
  let targetFirst: Int32
  let targetCount: Int
  let patternIndex: Int
  let targetIndex: Int
  let openEnd: Bool
  let names: [String]
  let values: [Int64]
}

/// An environment's names and bound values, for sets of environments.
struct EnvironmentKey: Hashable {
  let names: [String]
  let values: [Int64]
}

/// A statement list with the statements nested in it, flattened in source order.
struct FlatStatements {
  var ids: [Int32] = []
  /// For each of `ids`, the index in the list of the statement it sits in.
  var owners: [Int] = []
  /// For each statement of the list, its index in `ids`.
  var starts: [Int] = []
}

/// Failed sequence states of one run.
///
/// For a plain `...` failure is monotone (from a later position it can reach only fewer
/// statements), so the smallest failed position covers all later ones; other states are
/// remembered one by one.
final class SequenceMemo {
  var failed = Set<SequenceState>()
  var failedFrom: [SequenceState: Int] = [:]
  /// The pattern's dotted names by node, computed once per run.
  private var dottedPaths: [Int32: [String]?] = [:]
  /// Flattened statement lists by their first statement, and (first, count) of each, so a
  /// flattened list is never flattened again.
  private var flatLists: [Int32: FlatStatements] = [:]
  private var flatKeys = Set<Int64>()

  /// The statements of `ts` flattened, computed once per list.
  func flattened(_ ts: [Int32], _ make: ([Int32]) -> FlatStatements) -> FlatStatements {
    guard let first = ts.first else { return FlatStatements() }
    if let known = flatLists[first] { return known }
    let flat = make(ts)
    flatLists[first] = flat
    flatKeys.insert(Int64(first) << 32 | Int64(flat.ids.count))
    return flat
  }

  /// Whether the list starting at `first` with `count` items is a flattened one.
  func isFlattened(_ first: Int32, _ count: Int) -> Bool {
    !flatKeys.isEmpty && flatKeys.contains(Int64(first) << 32 | Int64(count))
  }

  /// The names of the pattern's identifier or attribute chain at `id`, or nil.
  func dottedPath(_ id: Int32, in pattern: SyntaxTree) -> [String]? {
    if let known = dottedPaths[id] { return known }
    var names: [String] = []
    var current = id
    var result: [String]? = nil
    loop: while true {
      switch pattern[current].kind {
      case .identifier:
        names.append(pattern.text(of: current))
        result = names.reversed()
        break loop
      case .attribute:
        let name = pattern.child(current, 1)
        guard pattern[name].kind == .identifier else { break loop }
        names.append(pattern.text(of: name))
        current = pattern.child(current, 0)
      default:
        break loop
      }
    }
    dottedPaths[id] = .some(result)
    return result
  }
}

/// Sequences: statements, arguments and other lists, where `...` takes any run.
extension TreeMatcher {
  /// Whether a sequence item is `...` (an ellipsis expression, or a statement of one).
  func ellipsisItem(_ id: Int32) -> NodeKind? {
    var node = pattern[id]
    var current = id
    if node.kind == .expressionStatement {
      current = pattern.child(id, 0)
      guard current != SyntaxTree.absent else { return nil }
      node = pattern[current]
    }
    switch node.kind {
    case .ellipsis, .ellipsisMetavariable: return node.kind
    default: return nil
    }
  }

  func ellipsisName(_ id: Int32) -> String {
    pattern[id].kind == .expressionStatement
      ? pattern.text(of: pattern.child(id, 0)) : pattern.text(of: id)
  }

  /// Matches pattern items from `pi` against target items from `ti`, `...` taking any run.
  ///
  /// With `openEnd` the target may go on after the pattern ends; each result carries where the
  /// matched run stopped.
  func sequence(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool,
    statements: Bool = false
  ) -> [(Environment, Int)] {
    if pi == ps.count {
      return openEnd || ti == ts.count ? [(environment, ti)] : []
    }
    // Only an ellipsis retries positions, so only its states are remembered. Statement lists
    // are whole child lists (or suffixes of one), so first id and count name them; other
    // lists are filtered copies and are not remembered.
    guard statements, ellipsisItem(ps[pi]) != nil, let patternFirst = ps.first,
      let targetFirst = ts.first
    else {
      return sequenceStep(ps, pi, ts, ti, environment, openEnd: openEnd, statements: statements)
    }
    let trailing = openEnd && pi == ps.count - 1
    let monotone = ellipsisItem(ps[pi]) == .ellipsis && !trailing
    let state = SequenceState(
      patternFirst: patternFirst, patternCount: ps.count, targetFirst: targetFirst,
      targetCount: ts.count, patternIndex: pi, targetIndex: monotone ? 0 : ti, openEnd: openEnd,
      names: environment.names, values: environment.entries.map { signature($0.value) })
    if monotone {
      if let from = memo.failedFrom[state], ti >= from { return [] }
    } else if memo.failed.contains(state) {
      return []
    }
    let results = sequenceStep(
      ps, pi, ts, ti, environment, openEnd: openEnd, statements: true,
      failedFrom: monotone ? state : nil)
    if results.isEmpty {
      if monotone {
        memo.failedFrom[state] = min(ti, memo.failedFrom[state] ?? ti)
      } else {
        memo.failed.insert(state)
      }
    }
    return results
  }

  /// How many different environments `results` hold: the same bindings found at several
  /// ends count once, so they do not crowd out other bindings (a `def` used twice must not
  /// hide the next `def`).
  func distinctCount(_ results: [(Environment, Int)], atLeast limit: Int) -> Int {
    guard results.count >= limit else { return results.count }
    var seen = Set<EnvironmentKey>()
    for (environment, _) in results { seen.insert(key(environment)) }
    return seen.count
  }

  /// The environments of `results`, each once: a body matched whole has no end to tell the
  /// same bindings apart.
  func distinctEnvironments(_ results: [(Environment, Int)]) -> [Environment] {
    guard results.count > 1 else { return results.map(\.0) }
    var seen = Set<EnvironmentKey>()
    return results.compactMap { environment, _ in
      seen.insert(key(environment)).inserted ? environment : nil
    }
  }

  /// What tells two environments apart, for sets of them.
  func key(_ environment: Environment) -> EnvironmentKey {
    EnvironmentKey(
      names: environment.names, values: environment.entries.map { signature($0.value) })
  }

  /// A binding as a number, for remembering states.
  func signature(_ bound: Bound) -> Int64 {
    switch bound {
    case .node(let id): return Int64(id)
    case .nodes(_, let start, let end): return -(Int64(start) << 32 | Int64(end)) - 1
    case .text(let start, let end): return Int64(start) << 32 | Int64(end) | 1 << 62
    }
  }

  func sequenceStep(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool,
    statements: Bool, failedFrom key: SequenceState? = nil
  ) -> [(Environment, Int)] {
    let item = ps[pi]
    if let kind = ellipsisItem(item) {
      var results: [(Environment, Int)] = []
      // A trailing `...` of an open-ended run consumes nothing, so the run ends where the code
      // the pattern names ends.
      let last = (openEnd && pi == ps.count - 1 && kind == .ellipsis) ? ti : ts.count
      for end in ti...max(ti, last) {
        // Past a position already known to fail, every later one fails too.
        if let key, end > ti, let from = memo.failedFrom[key], end >= from { break }
        var bound = [environment]
        if kind == .ellipsisMetavariable {
          let start = end > ti ? target[ts[ti]].start : (ti < ts.count ? target[ts[ti]].start : 0)
          let stop = end > ti ? target[ts[end - 1]].end : start
          bound = bind(
            ellipsisName(item), .nodes(Array(ts[ti..<end]), start: start, end: stop), environment)
        }
        for candidate in bound {
          results += sequence(
            ps, pi + 1, ts, end, candidate, openEnd: openEnd, statements: statements)
          // What follows the ellipsis may also start in a statement nested in those it skips.
          if kind == .ellipsis, statements, end == ti, pi + 1 < ps.count {
            results += flattenedSequence(
              Array(ps[(pi + 1)...]), ts, ti, candidate, openEnd: openEnd)
          }
        }
        if enoughBindings(results) {
          break
        }
      }
      return results
    }
    guard ti < ts.count else { return [] }
    var results: [(Environment, Int)] = []
    var matched = match(item, ts[ti], environment)
    if matched.isEmpty && statements {
      matched = deepStatement(item, ts[ti], environment)
    } else if statements, let inner = chainedValue(ts[ti]),
      pattern[item].kind == .expressionStatement
    {
      // `a = b = v;` is also the statement `b = v;` to semgrep, whichever the whole matched.
      matched += deep(pattern.child(item, 0), inner, environment, inStatement: true)
    }
    for candidate in matched {
      results += sequence(
        ps, pi + 1, ts, ti + 1, candidate, openEnd: openEnd, statements: statements)
      if statements ? enoughBindings(results) : results.count >= TreeMatcher.solutionLimit {
        break
      }
    }
    return results
  }

  /// Whether a statement sequence has found enough: `sequenceBindingLimit` different
  /// bindings, or eight times that many results.
  ///
  /// Each way a sequence binds is kept (semgrep), and a negative term removes only matches
  /// whose bindings agree with its own: `def $F(...): ... def $FF(...): ... <... $FF ...>`
  /// must find every inner `def` used, or the unused-looking ones after the first few survive
  /// a `pattern-not-inside`.
  func enoughBindings(_ results: [(Environment, Int)]) -> Bool {
    results.count >= 8 * TreeMatcher.sequenceBindingLimit
      || distinctCount(results, atLeast: TreeMatcher.sequenceBindingLimit)
        >= TreeMatcher.sequenceBindingLimit
  }

  /// The inner assignment of JavaScript's `a = b = v;` statement, if `t` is one.
  func chainedValue(_ t: Int32) -> Int32? {
    guard isJavaScriptTree, target[t].kind == .expressionStatement, target[t].childCount == 1
    else { return nil }
    let outer = target.child(t, 0)
    guard target[outer].kind == .assignment, target[outer].childCount == 2 else { return nil }
    let inner = target.child(outer, 1)
    return target[inner].kind == .assignment ? inner : nil
  }

  /// An expression statement of a statement sequence also matches within the expressions of
  /// an expression statement, assignment or return, as semgrep's sequences do.
  func deepStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard pattern[p].kind == .expressionStatement else { return [] }
    if let name = loneStatementMetavariable(p) {
      // A lone metavariable in statement position holds one whole statement, never a part of
      // one (semgrep); an expression statement was already tried whole.
      return target[t].kind == .expressionStatement ? [] : bind(name, .node(t), environment)
    }
    let expression = pattern.child(p, 0)
    if pattern[expression].kind == .deepExpression {
      return deepInStatement(expression, t, environment)
    }
    switch target[t].kind {
    case .expressionStatement, .assignment, .augmentedAssignment, .annotatedAssignment,
      .returnStatement, .variableDeclaration:
      // An assignment names a declaration statement whole (`x = e;` finds `const x = e`).
      if pattern[expression].kind == .assignment, target[t].kind != .expressionStatement {
        let whole = match(expression, t, environment)
        if !whole.isEmpty { return whole }
      }
      // A declaration's value is searched whole; other statements' stop at `?:` and `,`.
      let opaque = target[t].kind != .variableDeclaration
      var results: [Environment] = []
      for child in target.childIDs(t) where child != SyntaxTree.absent {
        results += deep(expression, child, environment, inStatement: opaque)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    case let kind where isJavaScriptTree && !isStatement(kind):
      // An arrow's expression body, which semgrep's sequences read as a statement.
      return deep(pattern.child(p, 0), t, environment, inStatement: true)
    default:
      return []
    }
  }

  /// `<... e ...>` as a statement of a sequence: any statement holding `e` in its own
  /// expressions (an `if`'s condition, a `go` call's arguments), as semgrep reads it.
  func deepInStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard target[t].kind != .block, !isExpression(target[t].kind) else { return [] }
    var results: [Environment] = []
    // Bodies, clauses (a `case`'s values) and nested statements are not the statement's own.
    for child in target.childIDs(t)
    where child != SyntaxTree.absent && !isStatement(target[child].kind) {
      results += deep(pattern.child(p, 0), child, environment)
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// A Python lambda's body is the value it returns, which `return value` matches (semgrep).
  ///
  /// A bare `return` returns nothing, so it does not match.
  func lambdaAsReturn(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let value = pattern.child(p, 0)
    let body = target.child(t, 1)
    guard value != SyntaxTree.absent, target[t].childCount == 2, target[body].kind != .block
    else { return [] }
    return match(value, body, environment)
  }

  /// The name of a statement that is a lone metavariable (`$S`), or nil.
  func loneStatementMetavariable(_ id: Int32) -> String? {
    guard pattern[id].kind == .expressionStatement, pattern[id].childCount == 1 else { return nil }
    let expression = pattern.child(id, 0)
    guard expression != SyntaxTree.absent, pattern[expression].kind == .metavariable else {
      return nil
    }
    return pattern.text(of: expression)
  }

  /// The rest of a statement pattern after `...`, started at each statement nested in
  /// `ts[ti...]`; each result carries the index in `ts` after the statement it ended in.
  ///
  /// semgrep lets `...` skip into nested bodies: it matches the rest against the statements
  /// flattened in source order, so the rest may start inside an `if` (or a nested function)
  /// and go on after it.
  func flattenedSequence(
    _ ps: [Int32], _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool
  ) -> [(Environment, Int)] {
    guard ti < ts.count, let first = ts.first, !memo.isFlattened(first, ts.count) else {
      return []
    }
    let flat = memo.flattened(ts) { flattenStatements($0) }
    guard flat.ids.count > ts.count else { return [] }
    var results: [(Environment, Int)] = []
    for k in flat.starts[ti]..<flat.ids.count where flat.ids[k] != ts[flat.owners[k]] {
      for (found, end) in sequence(
        ps, 0, flat.ids, k, environment, openEnd: openEnd, statements: true)
      {
        results.append((found, flat.owners[max(k, end - 1)] + 1))
      }
      if enoughBindings(results) { break }
    }
    return results
  }

  /// `ts` and every statement nested in them, in source order, with the index in `ts` each
  /// sits in and where each of `ts` starts.
  func flattenStatements(_ ts: [Int32]) -> FlatStatements {
    var flat = FlatStatements()
    for (index, statement) in ts.enumerated() {
      flat.starts.append(flat.ids.count)
      var stack = [statement]
      while let id = stack.popLast() {
        flat.ids.append(id)
        flat.owners.append(index)
        stack += directSubstatements(id).reversed()
      }
    }
    return flat
  }

  /// The statements of the bodies of compound statement `id`, in source order.
  func directSubstatements(_ id: Int32) -> [Int32] {
    let kind = target[id].kind
    let callbacks = isJavaScriptTree ? javaScriptCallbackStatements(id) : []
    // semgrep does not look into `async for` bodies here.
    guard isStatement(kind), kind != .block,
      !(kind == .forStatement && target[id].flags & NodeFlags.isAsync != 0)
    else { return callbacks }
    var result: [Int32] = []
    var stack = Array(target.childIDs(id).reversed())
    while let child = stack.popLast() {
      guard child != SyntaxTree.absent else { continue }
      let childKind = target[child].kind
      if childKind == .block {
        result += target.childIDs(child)
      } else if isStatement(childKind) {
        // Clauses (`except`, `case`) hold bodies but are no statements themselves.
        stack += target.childIDs(child).reversed()
      }
    }
    return callbacks + result
  }

  func isStatement(_ kind: NodeKind) -> Bool {
    switch kind {
    case .ifStatement, .forStatement, .whileStatement, .tryStatement, .withStatement,
      .functionDefinition, .classDefinition,
      .exceptClauses, .exceptClause, .matchStatement, .caseClause, .goSwitch, .goSelect,
      .goCaseClause, .goLabeled, .block:
      return true
    default:
      return isJavaScriptCompound(kind)
    }
  }

  /// Arguments: keyword arguments with a plain name match in any order; the rest in order.
  func arguments(_ ps: [Int32], _ ts: [Int32], _ environment: Environment) -> [Environment] {
    var remainingPattern: [Int32] = []
    var keywords: [Int32] = []
    for item in ps {
      if pattern[item].kind == .keywordArgument,
        pattern[pattern.child(item, 0)].kind == .identifier
      {
        keywords.append(item)
      } else {
        remainingPattern.append(item)
      }
    }
    if keywords.isEmpty {
      return sequence(ps, 0, ts, 0, environment, openEnd: false).map(\.0)
    }
    var remainingTarget = ts
    var current = [environment]
    for keyword in keywords {
      let name = pattern.child(keyword, 0)
      guard
        let index = remainingTarget.firstIndex(where: {
          target[$0].kind == .keywordArgument
            && pattern.sameText(name, target.child($0, 0), other: target)
        })
      else { return [] }
      let value = pattern.child(keyword, 1)
      let targetValue = target.child(remainingTarget[index], 1)
      current = current.flatMap { match(value, targetValue, $0) }
      if current.isEmpty { return [] }
      remainingTarget.remove(at: index)
    }
    return current.flatMap {
      sequence(remainingPattern, 0, remainingTarget, 0, $0, openEnd: false).map(\.0)
    }
  }

  /// Each pattern item matches a different target item, in any order (decorators).
  func unordered(
    _ ps: [Int32], _ ts: [Int32], _ environment: Environment,
    item: ((Int32, Int32, Environment) -> [Environment])? = nil
  ) -> [Environment] {
    guard let first = ps.first else { return [environment] }
    if ellipsisItem(first) != nil {
      return unordered(Array(ps.dropFirst()), ts, environment, item: item)
    }
    var results: [Environment] = []
    for (index, candidate) in ts.enumerated() {
      var rest = ts
      rest.remove(at: index)
      for bound in (item ?? match)(first, candidate, environment) {
        results += unordered(Array(ps.dropFirst()), rest, bound, item: item)
      }
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// A decorator as semgrep reads it: `@$D` names only a decorator that is not a call, and
  /// `@f(...)` also matches a bare `@f`.
  func decorator(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let patternKind = pattern[p].kind
    let targetKind = target[t].kind
    // Java modifiers sit among the annotations; only a modifier matches one.
    if targetKind == .constant && patternKind != .constant { return [] }
    if patternKind == .metavariable {
      // semgrep reads `@staticmethod` and `@classmethod` as modifiers, not decorators.
      if targetKind == .call || target.textEquals(t, "staticmethod")
        || target.textEquals(t, "classmethod")
      {
        return []
      }
    }
    if patternKind == .call && targetKind != .call {
      let arguments = pattern.child(p, 1)
      guard pattern[arguments].childCount == 1,
        ellipsisItem(pattern.child(arguments, 0)) == .ellipsis
      else { return [] }
      return match(pattern.child(p, 0), t, environment)
    }
    return match(p, t, environment)
  }

  /// Class bodies: the pattern's statements in order, others allowed around them (semgrep).
  func subsequence(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment
  ) -> [Environment] {
    guard pi < ps.count else { return [environment] }
    if ellipsisItem(ps[pi]) == .ellipsis { return subsequence(ps, pi + 1, ts, ti, environment) }
    var results: [Environment] = []
    for index in ti..<max(ti, ts.count) {
      for bound in match(ps[pi], ts[index], environment) {
        results += subsequence(ps, pi + 1, ts, index + 1, bound)
      }
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// Whether a display is just `[...]` or `{...}`.
  func isLoneEllipsis(_ p: Int32) -> Bool {
    pattern[p].childCount == 1 && pattern[pattern.child(p, 0)].kind == .ellipsis
  }
}
