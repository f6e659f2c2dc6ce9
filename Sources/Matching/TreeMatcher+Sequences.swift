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
          // What follows the ellipsis may also sit in a block nested in the next statement.
          if kind == .ellipsis, pi + 1 < ps.count, end < ts.count, openEnd || end == ts.count - 1,
            isStatement(target[ts[end]].kind)
          {
            for found in nestedSequence(Array(ps[(pi + 1)...]), ts[end], candidate) {
              results.append((found, end + 1))
            }
          }
        }
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    }
    guard ti < ts.count else { return [] }
    var results: [(Environment, Int)] = []
    var matched = match(item, ts[ti], environment)
    if matched.isEmpty && statements {
      matched = deepStatement(item, ts[ti], environment)
    }
    for candidate in matched {
      results += sequence(
        ps, pi + 1, ts, ti + 1, candidate, openEnd: openEnd, statements: statements)
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// An expression statement of a statement sequence also matches within the expressions of
  /// an expression statement, assignment or return, as semgrep's sequences do.
  func deepStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard pattern[p].kind == .expressionStatement else { return [] }
    switch target[t].kind {
    case .expressionStatement, .assignment, .augmentedAssignment, .annotatedAssignment,
      .returnStatement, .variableDeclaration:
      let expression = pattern.child(p, 0)
      var results: [Environment] = []
      for child in target.childIDs(t) where child != SyntaxTree.absent {
        results += deep(expression, child, environment)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    default:
      return []
    }
  }

  /// The rest of a statement pattern matched inside the blocks nested in one statement
  /// (bodies of `if`, `for`, `with`, ...; not of nested functions or classes).
  func nestedSequence(_ ps: [Int32], _ statement: Int32, _ environment: Environment)
    -> [Environment]
  {
    var results: [Environment] = []
    var stack = [statement]
    while let id = stack.popLast() {
      let kind = target[id].kind
      // semgrep does not look into `async for` bodies here; matching it keeps results equal.
      if kind == .forStatement && target[id].flags & NodeFlags.isAsync != 0 { continue }
      if kind == .block {
        let statements = Array(target.childIDs(id))
        for start in statements.indices {
          results += sequence(
            ps, 0, statements, start, environment, openEnd: true, statements: true
          ).map(\.0)
          if results.count >= TreeMatcher.solutionLimit { return results }
        }
      }
      if kind == .block || isStatement(kind) {
        for child in target.childIDs(id).reversed() where child != SyntaxTree.absent {
          stack.append(child)
        }
      }
    }
    return results
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
