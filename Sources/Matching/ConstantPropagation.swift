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
  /// `literals` by node (`Int32.min` for none), so the matcher's lookup hashes nothing.
  private let byNode: [Int32]

  public static let none = Constants(literals: [:], byOffset: [:], byNode: [])

  private init(
    literals: [Int32: Int32], byOffset: [Int: (end: Int, literal: Int32)], byNode: [Int32]
  ) {
    self.literals = literals
    self.byOffset = byOffset
    self.byNode = byNode
  }

  /// The literal node the identifier use `id` holds, if any.
  @inline(__always) func literal(of id: Int32) -> Int32? {
    guard id >= 0, Int(id) < byNode.count else { return nil }
    let literal = byNode[Int(id)]
    return literal == Int32.min ? nil : literal
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
    var byNode = [Int32](
      repeating: Int32.min, count: analysis.resolved.isEmpty ? 0 : tree.nodes.count)
    for (use, literal) in analysis.resolved {
      byOffset[Int(tree[use].start)] = (Int(tree[use].end), literal)
      if use >= 0 && Int(use) < byNode.count { byNode[Int(use)] = literal }
    }
    self.byOffset = byOffset
    self.byNode = byNode
  }
}

/// Each node's parent and the Python scope it belongs to (the module, a function, lambda,
/// class or comprehension), which constant and symbolic propagation both resolve names in.
enum PythonScopes {
  static func isScope(_ kind: NodeKind) -> Bool {
    kind == .functionDefinition || kind == .lambda || kind == .classDefinition
      || kind == .comprehension
  }

  static func of(_ tree: SyntaxTree) -> (parent: [Int32], scope: [Int32]) {
    var parent = Array(repeating: SyntaxTree.absent, count: tree.nodes.count)
    var scope = Array(repeating: tree.root, count: tree.nodes.count)
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
    return (parent, scope)
  }
}

/// One pass over a tree: parents, scopes, bindings, then each use resolved.
private struct ScopeAnalysis {
  let tree: SyntaxTree
  let parent: [Int32]
  let scope: [Int32]
  var isBinding: Set<Int32> = []
  /// Bindings per scope and name, in source order; the literal when it is `name = literal`.
  var bindings: [Int32: [String: [(node: Int32, literal: Int32?)]]] = [:]
  var declaredGlobal: Set<String> = []
  /// Names some binding gives a literal: only their uses can resolve, so others are skipped
  /// without looking through scopes.
  var namesWithLiterals: Set<String> = []
  var resolved: [Int32: Int32] = [:]

  init(tree: SyntaxTree) {
    self.tree = tree
    (parent, scope) = PythonScopes.of(tree)
  }

  func isScope(_ kind: NodeKind) -> Bool { PythonScopes.isScope(kind) }

  mutating func run() {
    for id in tree.order { collect(id) }
    for id in tree.nodes(of: .identifier) where !isBinding.contains(id) { resolve(id) }
  }

  mutating func bind(_ id: Int32, literal: Int32? = nil) {
    guard id != SyntaxTree.absent else { return }
    switch tree[id].kind {
    case .identifier:
      isBinding.insert(id)
      let name = tree.text(of: id)
      if literal != nil { namesWithLiterals.insert(name) }
      bindings[scope[Int(id)], default: [:]][name, default: []].append((id, literal))
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
      guard var value = children.last else { return }
      // JavaScript's `a = b = v` gives `a` the v that `b = v` holds (semgrep reads it as
      // `b = v; a = b`).
      while isJavaScript, tree[value].kind == .assignment, tree[value].childCount == 2 {
        value = tree.child(value, 1)
      }
      let single = children.count == 2 && tree[children[0]].kind == .identifier
      let constant = isLiteralValue(value)
      for target in children.dropLast() {
        // A copy of another name (`y = x`) holds what that name holds at the copy.
        let copy = tree[value].kind == .identifier
        bind(target, literal: single && (constant || copy) ? value : nil)
      }
      let outer = parent[Int(id)]
      if isJavaScript, single, constant, outer != SyntaxTree.absent,
        tree[outer].kind == .assignment, tree.child(outer, 1) == id
      {
        // semgrep's `b` in `a = b = v` is also the `b` that `a = b` reads: there a literal
        // pattern matches it as v (`undefined = $X` finds `a = b = undefined`).
        resolved[children[0]] = value
      }
    case .annotatedAssignment where node.childCount == 4:
      // A Java declaration with a literal initializer holds it, as an assignment does; one
      // initialized with `a + b` holds that, for string patterns to fold.
      let value = tree.child(id, 2)
      let holds =
        value != SyntaxTree.absent
        && ([.string, .number].contains(tree[value].kind)
          || (tree[value].kind == .binaryOperation && tree[value].op == .add))
      bind(tree.child(id, 0), literal: holds ? value : nil)
    case .annotatedAssignment where node.flags & NodeFlags.goDeclaration != 0:
      // Go's `var x = "a"` holds its literal; at the top level only a `const` does (semgrep).
      let value = tree.child(id, 2)
      let isLiteral =
        value != SyntaxTree.absent
        && ([.string, .number].contains(tree[value].kind) || isConstantString(value))
      let constant = scope[Int(id)] != tree.root || node.flags & NodeFlags.goConst != 0
      bind(tree.child(id, 0), literal: isLiteral && constant ? value : nil)
    case .variableDeclaration:
      // JavaScript's `const x = "literal"`; a destructuring binds every name in it.
      let target = tree.child(id, 0)
      let value = tree.child(id, 1)
      guard tree[target].kind == .identifier else {
        markAll(target)
        return
      }
      bind(target, literal: value != SyntaxTree.absent && isLiteralValue(value) ? value : nil)
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

  var isJavaScript: Bool { tree[tree.root].flags & JavaScriptFlags.javaScriptTree != 0 }

  /// Whether an assigned value is a constant semgrep propagates: a number, a foldable string,
  /// and in JavaScript also `true`, `false`, `null` and `undefined`.
  func isLiteralValue(_ id: Int32) -> Bool {
    switch tree[id].kind {
    case .string, .number: return true
    case .constant: return isJavaScript
    case .identifier: return isJavaScript && tree.textEquals(id, "undefined")
    default: return isConstantString(id)
    }
  }

  /// Whether `id` may spell a string semgrep folds into one constant (`"a" + "b"`, `f"ab"`,
  /// `"a" "b"`, `s + "b"`); names inside are resolved, and the folding checked, at use.
  func isConstantString(_ id: Int32, depth: Int = 0) -> Bool {
    guard depth < 64 else { return false }
    let node = tree[id]
    switch node.kind {
    case .string: return true
    case .formattedString:
      return tree.childIDs(id).allSatisfy {
        [.identifier, .string, .number].contains(tree[$0].kind)
      }
    case .concatenatedString:
      return tree.childIDs(id).allSatisfy { isConstantString($0, depth: depth + 1) }
    case .binaryOperation where node.op == .add:
      let parts = [tree.child(id, 0), tree.child(id, 1)]
      let strings = parts.filter { isConstantString($0, depth: depth + 1) }.count
      let names = parts.filter { tree[$0].kind == .identifier }.count
      return strings >= 1 && strings + names == 2
    case .binaryOperation where node.op == .multiply:
      return isConstantString(tree.child(id, 0), depth: depth + 1)
    case .conditional:
      return isConstantString(tree.child(id, 0), depth: depth + 1)
        && isConstantString(tree.child(id, 2), depth: depth + 1)
    case .templateLiteral:
      return tree.childIDs(id).allSatisfy {
        [.identifier, .number].contains(tree[$0].kind) || isConstantString($0, depth: depth + 1)
      }
    default: return false
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

  /// The literal a binding's value stands for: itself, or for a copied name what that use
  /// resolved to (uses are resolved in source order, so the copied one came first).
  func through(_ literal: Int32) -> Int32? {
    tree[literal].kind == .identifier && !isLiteralValue(literal) ? resolved[literal] : literal
  }

  mutating func resolve(_ use: Int32) {
    let name = tree.text(of: use)
    guard namesWithLiterals.contains(name) else { return }
    let own = scope[Int(use)]
    if let local = bindings[own]?[name] {
      resolveLocal(use, at: use, local, in: own)
      return
    }
    if tree[tree.root].flags & JavaScriptFlags.javaScriptTree != 0 {
      // A JavaScript closure sees what an enclosing function's name holds where the closure
      // is written (semgrep).
      var inner = own
      while inner != tree.root {
        let outer = scope[Int(inner)]
        guard outer != tree.root else { break }
        if let found = bindings[outer]?[name] {
          resolveLocal(use, at: inner, found, in: outer)
          return
        }
        inner = outer
      }
    }
    if bindings[tree.root]?[name] == nil {
      resolveJavaField(use, name)
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
    resolved[use] = through(literal)
  }

  /// `use` resolved by the bindings `local` of scope `own`, as if it stood at `anchor` (the
  /// use itself, or the closure around it written in `own`).
  mutating func resolveLocal(
    _ use: Int32, at anchor: Int32, _ local: [(node: Int32, literal: Int32?)], in own: Int32
  ) {
    let start = tree[anchor].start
    // A name's own assignment (`s = s + "x"`) does not bind the `s` it reads.
    guard
      let last = local.last(where: {
        tree[$0.node].end <= start && !isAncestor(parent[Int($0.node)], of: use)
      }),
      let literal = last.literal
    else { return }
    var statement = parent[Int(last.node)]
    // The `b = v` of JavaScript's `a = b = v` is part of the outer assignment.
    while isJavaScript, statement != SyntaxTree.absent, parent[Int(statement)] != SyntaxTree.absent,
      tree[parent[Int(statement)]].kind == .assignment
    {
      statement = parent[Int(statement)]
    }
    // JavaScript's `x = "a";` is an assignment inside an expression statement.
    if statement != SyntaxTree.absent, parent[Int(statement)] != SyntaxTree.absent,
      tree[parent[Int(statement)]].kind == .expressionStatement
    {
      statement = parent[Int(statement)]
    }
    let block = statement == SyntaxTree.absent ? own : parent[Int(statement)]
    guard isAncestor(block, of: anchor) else { return }
    if isJavaDeclaration(last.node), loopStarts(after: last.node, before: anchor, in: own) {
      return
    }
    let loops = loops(around: anchor)
    let others = local.filter { $0.node != last.node }
    if others.contains(where: { other in loops.contains { isAncestor($0, of: other.node) } }) {
      return
    }
    resolved[use] = through(literal)
  }

  /// A Java field or captured local declared once with a literal holds it in the methods and
  /// lambdas that see it (semgrep); Java captures only effectively final locals.
  mutating func resolveJavaField(_ use: Int32, _ name: String) {
    var current = scope[Int(use)]
    while current != tree.root {
      if let found = bindings[current]?[name] {
        guard found.count == 1, isJavaDeclaration(found[0].node), let literal = found[0].literal
        else { return }
        resolved[use] = literal
        return
      }
      current = scope[Int(current)]
    }
  }

  /// Whether a binding is the name of a Java variable declaration (Java's have four slots).
  func isJavaDeclaration(_ binding: Int32) -> Bool {
    let declaration = parent[Int(binding)]
    return declaration != SyntaxTree.absent && tree[declaration].kind == .annotatedAssignment
      && tree[declaration].childCount == 4
  }

  /// Whether a loop of the same scope starts between a declaration and a use: semgrep's Java
  /// constant propagation forgets the value from there on.
  func loopStarts(after binding: Int32, before use: Int32, in own: Int32) -> Bool {
    let low = tree[binding].end
    let high = tree[use].start
    for kind in [NodeKind.forStatement, .whileStatement, .forClassic] {
      for loop in tree.nodes(of: kind)
      where tree[loop].start >= low && tree[loop].start < high && scope[Int(loop)] == own {
        return true
      }
    }
    return false
  }
}

/// What constant folding knows of a string-valued expression.
enum StringValue: Equatable {
  /// Its text.
  case known([UInt8])
  /// A string, of unknown text (`"a" * n`): it matches `"..."`, never a given string.
  case someString
}

extension SyntaxTree {
  /// The text a constant string expression spells, as semgrep folds it: a literal, adjacent
  /// literals, an f-string whose fields are constant strings, `+` of those, or a name holding
  /// one of them (by `constants`); nil for anything else or a string of unknown text.
  func foldedString(_ id: Int32, constants: Constants) -> [UInt8]? {
    if case .known(let text)? = stringValue(id, constants: constants) { return text }
    return nil
  }

  /// What folding knows of `id` as a string: its text, only that it is a string (a string
  /// repeated, or joined with such a string), or nil when it is not known to be one.
  func stringValue(_ id: Int32, constants: Constants, depth: Int = 0) -> StringValue? {
    guard depth < 64, id != SyntaxTree.absent else { return nil }
    let node = self[id]
    switch node.kind {
    case .string:
      return .known(Array(source.bytes[Int(node.textStart)..<Int(node.textEnd)]))
    case .formattedString:
      return formattedValue(id, constants: constants, depth: depth)
    case .concatenatedString:
      var joined: [UInt8] = []
      for part in childIDs(id) {
        guard case .known(let text)? = stringValue(part, constants: constants, depth: depth + 1)
        else { return nil }
        joined += text
      }
      return .known(joined)
    case .binaryOperation where node.op == .add:
      guard let left = stringValue(child(id, 0), constants: constants, depth: depth + 1),
        let right = stringValue(child(id, 1), constants: constants, depth: depth + 1)
      else { return nil }
      if case .known(let x) = left, case .known(let y) = right { return .known(x + y) }
      return .someString
    case .binaryOperation where node.op == .multiply:
      // semgrep knows `"a" * n` is a string, but not which.
      return stringValue(child(id, 0), constants: constants, depth: depth + 1) != nil
        ? .someString : nil
    case .identifier:
      return constants.literals[id].flatMap {
        stringValue($0, constants: constants, depth: depth + 1)
      }
    case .conditional:
      // Either branch's string: its text when both agree, else only that it is a string.
      guard let yes = stringValue(child(id, 0), constants: constants, depth: depth + 1),
        let no = stringValue(child(id, 2), constants: constants, depth: depth + 1)
      else { return nil }
      return yes == no ? yes : .someString
    case .templateLiteral:
      // A JavaScript template whose substitutions are constant strings or numbers.
      var joined: [UInt8] = []
      for part in childIDs(id) {
        if self[part].kind == .number {
          joined += source.bytes[Int(self[part].start)..<Int(self[part].end)]
          continue
        }
        guard case .known(let text)? = stringValue(part, constants: constants, depth: depth + 1)
        else { return nil }
        joined += text
      }
      return .known(joined)
    default:
      return nil
    }
  }

  /// An f-string's text with each `{field}` replaced by the constant string it holds; nil when
  /// a field holds anything else or has a conversion or format.
  private func formattedValue(_ id: Int32, constants: Constants, depth: Int) -> StringValue? {
    let node = self[id]
    let bytes = source.bytes
    var text: [UInt8] = []
    var position = Int(node.textStart)
    for field in childIDs(id) {
      var open = Int(self[field].start) - 1
      while open > position, bytes[open] == UInt8(ascii: " ") { open -= 1 }
      var close = Int(self[field].end)
      while close < Int(node.textEnd), bytes[close] == UInt8(ascii: " ") { close += 1 }
      guard open >= position, bytes[open] == UInt8(ascii: "{"), close < Int(node.textEnd),
        bytes[close] == UInt8(ascii: "}"),
        case .known(let value)? =
          self[field].kind == .number
          ? .known(Array(bytes[Int(self[field].start)..<Int(self[field].end)]))
          : stringValue(field, constants: constants, depth: depth + 1)
      else { return nil }
      text += bytes[position..<open]
      text += value
      position = close + 1
    }
    guard position <= Int(node.textEnd) else { return nil }
    text += bytes[position..<Int(node.textEnd)]
    return .known(text)
  }
}
