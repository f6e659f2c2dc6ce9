/// Names holding a literal where they are used, as semgrep's constant propagation sees them,
/// so that a pattern's literal also matches a variable known to hold it.
///
/// Within one scope the last assignment before a use counts when it is a plain `name = literal`,
/// runs on every path to the use (its block encloses the use) and no other assignment of the
/// name shares a loop with the use. A module-level name assigned once, and declared `global`
/// nowhere, holds its literal in every function that does not bind it.
public struct Constants: Sendable {
  /// Each identifier use to the literal node it holds.
  public let literals: [Int32: Int32]
  /// The same, keyed by the use's start offset, for bindings known only by their range.
  let byOffset: [Int: (end: Int, literal: Int32)]

  public static let none = Constants(literals: [:], byOffset: [:])

  private init(literals: [Int32: Int32], byOffset: [Int: (end: Int, literal: Int32)]) {
    self.literals = literals
    self.byOffset = byOffset
  }

  /// The literal node a binding holding exactly `start..<end` stands for, if any.
  func literal(start: Int, end: Int) -> Int32? {
    guard let found = byOffset[start], found.end == end else { return nil }
    return found.literal
  }

  public init(tree: SyntaxTree) {
    var analysis = ScopeAnalysis(tree: tree)
    analysis.run()
    literals = analysis.resolved
    var byOffset: [Int: (end: Int, literal: Int32)] = [:]
    for (use, literal) in analysis.resolved {
      byOffset[Int(tree[use].start)] = (Int(tree[use].end), literal)
    }
    self.byOffset = byOffset
  }
}

/// One pass over a tree: parents, scopes, bindings, then each use resolved.
private struct ScopeAnalysis {
  let tree: SyntaxTree
  var parent: [Int32]
  var scope: [Int32]
  var isBinding: Set<Int32> = []
  /// Bindings per scope and name, in source order; the literal when it is `name = literal`.
  var bindings: [Int32: [String: [(node: Int32, literal: Int32?)]]] = [:]
  var declaredGlobal: Set<String> = []
  var resolved: [Int32: Int32] = [:]

  init(tree: SyntaxTree) {
    self.tree = tree
    parent = Array(repeating: SyntaxTree.absent, count: tree.nodes.count)
    scope = Array(repeating: tree.root, count: tree.nodes.count)
  }

  func isScope(_ kind: NodeKind) -> Bool {
    kind == .functionDefinition || kind == .lambda || kind == .classDefinition
      || kind == .comprehension
  }

  mutating func run() {
    for id in tree.order {
      for (index, child) in tree.childIDs(id).enumerated() where child != SyntaxTree.absent {
        parent[Int(child)] = id
        let kind = tree[id].kind
        // A definition's decorators and name belong to the scope around it.
        let outside =
          (kind == .functionDefinition || kind == .classDefinition) && index <= 1
        scope[Int(child)] = isScope(kind) && !outside ? id : scope[Int(id)]
      }
    }
    for id in tree.order { collect(id) }
    for id in tree.nodes(of: .identifier) where !isBinding.contains(id) { resolve(id) }
  }

  mutating func bind(_ id: Int32, literal: Int32? = nil) {
    guard id != SyntaxTree.absent else { return }
    switch tree[id].kind {
    case .identifier:
      isBinding.insert(id)
      bindings[scope[Int(id)], default: [:]][tree.text(of: id), default: []].append(
        (id, literal))
    case .tuple, .list, .starred:
      for child in tree.childIDs(id) { bind(child) }
    default:
      break
    }
  }

  mutating func collect(_ id: Int32) {
    let node = tree[id]
    switch node.kind {
    case .assignment:
      let children = Array(tree.childIDs(id))
      guard let value = children.last else { return }
      let literalKinds: Set<NodeKind> = [.string, .number]
      let single = children.count == 2 && tree[children[0]].kind == .identifier
      for target in children.dropLast() {
        bind(target, literal: single && literalKinds.contains(tree[value].kind) ? value : nil)
      }
    case .variableDeclaration:
      // JavaScript's `const x = "literal"`; a destructuring binds every name in it.
      let target = tree.child(id, 0)
      let value = tree.child(id, 1)
      guard tree[target].kind == .identifier else {
        markAll(target)
        return
      }
      let isLiteral = value != SyntaxTree.absent && [.string, .number].contains(tree[value].kind)
      bind(target, literal: isLiteral ? value : nil)
    case .augmentedAssignment, .annotatedAssignment, .forStatement, .namedExpression,
      .comprehensionClause:
      bind(tree.child(id, 0))
    case .withItem:
      bind(tree.child(id, 1))
    case .exceptClause:
      bind(tree.child(id, 1))
    case .functionDefinition, .classDefinition:
      bind(tree.child(id, 1))
    case .parameter:
      bind(tree.child(id, 0))
    case .importAlias:
      let alias = tree.child(id, 1)
      if alias != SyntaxTree.absent {
        bind(alias)
      } else if tree.child(id, 0) != SyntaxTree.absent,
        let first = tree.childIDs(tree.child(id, 0)).first
      {
        bind(first)
      }
    case .deleteStatement:
      for target in tree.childIDs(id) { bind(target) }
    case .globalStatement, .nonlocalStatement:
      for name in tree.childIDs(id) {
        isBinding.insert(name)
        declaredGlobal.insert(tree.text(of: name))
        bind(name)
      }
    case .caseClause:
      markAll(tree.child(id, 0))
    default:
      break
    }
  }

  /// Every name in a case pattern may be a capture; none is treated as constant.
  mutating func markAll(_ id: Int32) {
    guard id != SyntaxTree.absent else { return }
    if tree[id].kind == .identifier { bind(id) }
    for child in tree.childIDs(id) { markAll(child) }
  }

  func isAncestor(_ ancestor: Int32, of id: Int32) -> Bool {
    var current = id
    while current != SyntaxTree.absent {
      if current == ancestor { return true }
      current = parent[Int(current)]
    }
    return false
  }

  /// The loops around `id` within its scope.
  func loops(around id: Int32) -> [Int32] {
    var result: [Int32] = []
    var current = parent[Int(id)]
    while current != SyntaxTree.absent && !isScope(tree[current].kind) {
      let kind = tree[current].kind
      if kind == .forStatement || kind == .whileStatement { result.append(current) }
      current = parent[Int(current)]
    }
    return result
  }

  mutating func resolve(_ use: Int32) {
    let name = tree.text(of: use)
    let own = scope[Int(use)]
    if let local = bindings[own]?[name] {
      let start = tree[use].start
      guard let last = local.last(where: { tree[$0.node].end <= start }),
        let literal = last.literal
      else { return }
      let statement = parent[Int(last.node)]
      let block = statement == SyntaxTree.absent ? own : parent[Int(statement)]
      guard isAncestor(block, of: use) else { return }
      let loops = loops(around: use)
      let others = local.filter { $0.node != last.node }
      if others.contains(where: { other in loops.contains { isAncestor($0, of: other.node) } }) {
        return
      }
      resolved[use] = literal
      return
    }
    // A module-level constant seen from a function that does not bind the name.
    guard own != tree.root, !declaredGlobal.contains(name),
      let global = bindings[tree.root]?[name], global.count == 1, let literal = global[0].literal
    else { return }
    var current = own
    while current != tree.root {
      if tree[current].kind != .classDefinition || current == own,
        bindings[current]?[name] != nil
      {
        return
      }
      current = scope[Int(current)]
    }
    resolved[use] = literal
  }
}
