/// The expression a name stands for where it is used, as semgrep's symbolic propagation
/// (a rule's `symbolic_propagation: true`) sees it, so that `pandas.DataFrame(...).index`
/// also matches `ix` after `df = pandas.DataFrame(x)` and `ix = df.index`.
///
/// Measured against semgrep 1.185: the last assignment `name = expression` before a use
/// counts when its block encloses the use, no loop of the scope starts between the two, and
/// nothing in between writes into the name's object (`name.field = v`, `name[i] = v`) or calls
/// a method on it as a statement (`name.update(...)`). A module-level name assigned once holds
/// its expression in functions that do not bind it; a closure does not see its enclosing
/// function's names.
public struct SymbolicValues: Sendable {
  /// Each identifier use to the expression node it stands for.
  private let byUse: [Int32: Int32]

  public static let none = SymbolicValues(byUse: [:])

  private init(byUse: [Int32: Int32]) {
    self.byUse = byUse
  }

  /// The expression the identifier use `id` stands for, if any.
  @inline(__always) func value(of id: Int32) -> Int32? {
    byUse.isEmpty ? nil : byUse[id]
  }

  public init(tree: SyntaxTree) {
    var analysis = SymbolicAnalysis(tree: tree)
    analysis.run()
    byUse = analysis.resolved
  }
}

/// One pass over a tree: parents and scopes, the writes to each name, then each use.
private struct SymbolicAnalysis {
  struct Write {
    let node: Int32
    let value: Int32?
    let binds: Bool
  }

  let tree: SyntaxTree
  let parent: [Int32]
  let scope: [Int32]
  /// Per scope and name, each write in source order: the node it ends at and the expression
  /// assigned (nil for a write whose value is unknown, or one into the name's object, which
  /// does not make the name local: `binds` false).
  var writes: [Int32: [String: [Write]]] = [:]
  /// Identifier nodes that are written, not read.
  var written: Set<Int32> = []
  var declaredGlobal: Set<String> = []
  var resolved: [Int32: Int32] = [:]

  init(tree: SyntaxTree) {
    self.tree = tree
    (parent, scope) = PythonScopes.of(tree)
  }

  mutating func run() {
    for id in tree.order { collect(id) }
    guard !writes.isEmpty else { return }
    for id in tree.nodes(of: .identifier) where !written.contains(id) && isRead(id) {
      resolve(id)
    }
  }

  /// Whether an identifier is a name read as a variable (not an attribute's or keyword's name).
  func isRead(_ id: Int32) -> Bool {
    let up = parent[Int(id)]
    guard up != SyntaxTree.absent else { return true }
    switch tree[up].kind {
    case .attribute: return tree.child(up, 1) != id
    case .keywordArgument: return tree.child(up, 0) != id
    default: return true
    }
  }

  mutating func write(_ id: Int32, value: Int32?) {
    guard id != SyntaxTree.absent else { return }
    switch tree[id].kind {
    case .identifier:
      written.insert(id)
      writes[scope[Int(id)], default: [:]][tree.text(of: id), default: []].append(
        Write(node: id, value: value, binds: true))
    case .tuple, .list, .starred:
      for child in tree.childIDs(id) { write(child, value: nil) }
    case .attribute, .subscript:
      // A write into the object: what the name stood for is no longer known.
      if let root = root(of: id) { record(root, at: id) }
    default:
      break
    }
  }

  /// A write into `name`'s object at `node`, which ends where it takes effect.
  mutating func record(_ name: Int32, at node: Int32) {
    writes[scope[Int(name)], default: [:]][tree.text(of: name), default: []].append(
      Write(node: node, value: nil, binds: false))
  }

  /// The name an attribute or subscript chain starts from, if it starts from one.
  func root(of id: Int32) -> Int32? {
    var current = id
    var steps = 0
    while steps < 256 {
      switch tree[current].kind {
      case .identifier: return current
      case .attribute, .subscript, .call: current = tree.child(current, 0)
      default: return nil
      }
      steps += 1
    }
    return nil
  }

  mutating func collect(_ id: Int32) {
    let node = tree[id]
    switch node.kind {
    case .assignment:
      let children = Array(tree.childIDs(id))
      guard let value = children.last else { return }
      let single = children.count == 2
      for target in children.dropLast() { write(target, value: single ? value : nil) }
    case .annotatedAssignment:
      let value = node.childCount >= 3 ? tree.child(id, 2) : SyntaxTree.absent
      write(tree.child(id, 0), value: value == SyntaxTree.absent ? nil : value)
    case .variableDeclaration:
      let value = tree.child(id, 1)
      write(tree.child(id, 0), value: value == SyntaxTree.absent ? nil : value)
    case .augmentedAssignment, .forStatement, .namedExpression, .comprehensionClause:
      write(tree.child(id, 0), value: nil)
    case .withItem, .exceptClause, .functionDefinition, .classDefinition:
      write(tree.child(id, 1), value: nil)
    case .parameter:
      write(tree.child(id, 0), value: nil)
    case .importAlias:
      let alias = tree.child(id, 1)
      if alias != SyntaxTree.absent {
        write(alias, value: nil)
      } else if tree.child(id, 0) != SyntaxTree.absent,
        let first = tree.childIDs(tree.child(id, 0)).first
      {
        write(first, value: nil)
      }
    case .deleteStatement:
      for target in tree.childIDs(id) { write(target, value: nil) }
    case .globalStatement, .nonlocalStatement:
      for name in tree.childIDs(id) {
        declaredGlobal.insert(tree.text(of: name))
        write(name, value: nil)
      }
    case .expressionStatement:
      // `name.method(...)` as a statement may change the object (semgrep forgets it).
      let expression = tree.child(id, 0)
      guard expression != SyntaxTree.absent, tree[expression].kind == .call else { return }
      let callee = tree.child(expression, 0)
      if callee != SyntaxTree.absent, tree[callee].kind == .attribute,
        let name = root(of: callee)
      {
        record(name, at: id)
      }
    default:
      break
    }
  }

  func isAncestor(_ ancestor: Int32, of id: Int32) -> Bool {
    var current = id
    while current != SyntaxTree.absent {
      if current == ancestor { return true }
      current = parent[Int(current)]
    }
    return false
  }

  /// The block (or module) holding the statement that `id` is part of.
  func block(of id: Int32) -> Int32 {
    var current = id
    while current != SyntaxTree.absent {
      let up = parent[Int(current)]
      if up == SyntaxTree.absent { return tree.root }
      if tree[up].kind == .block || tree[up].kind == .module { return up }
      current = up
    }
    return tree.root
  }

  mutating func resolve(_ use: Int32) {
    let name = tree.text(of: use)
    let own = scope[Int(use)]
    let local = writes[own]?[name] ?? []
    if local.contains(where: \.binds) {
      resolveLocal(use, local, in: own)
      return
    }
    // A call on the module's object earlier in this scope: no longer known.
    let start = tree[use].start
    if local.contains(where: { tree[$0.node].end <= start }) { return }
    // A module-level name written once, seen from a function that writes it nowhere.
    guard own != tree.root, !declaredGlobal.contains(name),
      let global = writes[tree.root]?[name], global.count == 1, let value = global[0].value
    else { return }
    var current = own
    while current != tree.root {
      if writes[current]?[name]?.contains(where: \.binds) == true { return }
      current = scope[Int(current)]
    }
    resolved[use] = value
  }

  mutating func resolveLocal(
    _ use: Int32, _ local: [Write], in own: Int32
  ) {
    let start = tree[use].start
    // A name's own assignment (`x = x.y`) does not bind the `x` it reads.
    guard
      let last = local.last(where: {
        tree[$0.node].end <= start && !isAncestor(statement(of: $0.node), of: use)
      }),
      let value = last.value
    else { return }
    guard isAncestor(block(of: last.node), of: use) else { return }
    let low = tree[last.node].end
    for kind in [NodeKind.forStatement, .whileStatement, .forClassic] {
      for loop in tree.nodes(of: kind)
      where tree[loop].start >= low && tree[loop].start < start && scope[Int(loop)] == own {
        return
      }
    }
    resolved[use] = value
  }

  /// The statement `id` is part of: the node just below its block.
  func statement(of id: Int32) -> Int32 {
    var current = id
    while current != SyntaxTree.absent {
      let up = parent[Int(current)]
      if up == SyntaxTree.absent || tree[up].kind == .block || tree[up].kind == .module {
        return current
      }
      current = up
    }
    return id
  }
}
