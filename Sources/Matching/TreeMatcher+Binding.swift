import Foundation

/// Metavariables: binding them, and comparing what two bindings hold.
extension TreeMatcher {
  /// Binds `name`, or checks an earlier binding is the same code; `$_` binds nothing.
  func bind(_ name: String, _ value: Bound, _ environment: Environment) -> [Environment] {
    if name == "$_" || name == "$..._" { return [environment] }
    if let existing = environment.value(of: name) {
      return same(existing, value) ? [environment] : []
    }
    var extended = environment
    extended.entries.append((name, value))
    return [extended]
  }

  func same(_ a: Bound, _ b: Bound) -> Bool {
    switch (a, b) {
    case (.node(let x), .node(let y)):
      if isImplicitReturnTarget(x, y) { return false }
      return sameHiddenName(x, y) ?? equal(x, y)
    case (.nodes(let xs, _, _), .nodes(let ys, _, _)):
      return xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
    default:
      return boundText(a) == boundText(b)
    }
  }

  func boundText(_ bound: Bound) -> String {
    switch bound {
    case .node(let id): return target.sourceText(of: id)
    case .nodes(_, let start, let end), .text(let start, let end):
      return target.source.text(from: Int(start), to: Int(end))
    }
  }

  /// Structural equality of two target nodes: same shape and the same names and literals.
  func equal(_ a: Int32, _ b: Int32, level: Int = 0) -> Bool {
    if a == b { return true }
    if a == SyntaxTree.absent || b == SyntaxTree.absent || level > TreeMatcher.maxDepth {
      return false
    }
    let x = target[a]
    let y = target[b]
    guard x.kind == y.kind, x.op == y.op, x.flags == y.flags, x.childCount == y.childCount else {
      return false
    }
    switch x.kind {
    case .identifier, .number, .string, .constant, .formattedString, .regexLiteral,
      .unaryKeyword, .jsxText, .tsOpaqueType:
      if !target.sameText(a, b, other: target) { return false }
    default:
      break
    }
    return zip(target.childIDs(a), target.childIDs(b)).allSatisfy {
      equal($0, $1, level: level + 1)
    }
  }
}
