import Foundation
import Rules

/// Which l-values hold tainted data at one point of a function, each with the first source
/// that reached it; `live` is false after a `return` or `raise` on the path walked.
struct TaintEnvironment: Equatable {
  var values: [String: Taint] = [:]
  var live = true

  /// Both paths' taint: a value tainted on either is tainted after they meet.
  func joined(_ other: TaintEnvironment) -> TaintEnvironment {
    if !other.live { return self }
    if !live { return other }
    var result = self
    for (key, source) in other.values {
      result.values[key] = TaintWalker.either(result.values[key] ?? [], source)
    }
    return result
  }
}

/// Walks a file's statements in order, computing each expression's taint and recording the
/// sinks tainted data reaches (see `TaintAnalysis`).
struct TaintWalker {
  let tree: SyntaxTree
  let budget: Budget
  var state: TaintState
  var env = TaintEnvironment()
  /// Environments leaving the innermost loop by `break`, and going round it by `continue`.
  private var breaks: [[TaintEnvironment]] = []
  private var continues: [[TaintEnvironment]] = []
  /// Set while visiting the object of a field access: a name's other fields do not count.
  private var objectRead = false

  static let clean: Taint = []

  init(tree: SyntaxTree, budget: Budget, state: TaintState) {
    self.tree = tree
    self.budget = budget
    self.state = state
  }

  mutating func run() {
    guard tree.root != SyntaxTree.absent else { return }
    _ = visit(tree.root)
  }

  /// The sources of both, sorted, at most `TaintAnalysis.sourcesKept` of them.
  static func either(_ a: Taint, _ b: Taint) -> Taint {
    if a.isEmpty || a == b { return b }
    if b.isEmpty { return a }
    var result: Taint = []
    result.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while (i < a.count || j < b.count) && result.count < TaintAnalysis.sourcesKept {
      if j >= b.count || (i < a.count && a[i] < b[j]) {
        result.append(a[i])
        i += 1
      } else if i >= a.count || b[j] < a[i] {
        result.append(b[j])
        j += 1
      } else {
        result.append(a[i])
        i += 1
        j += 1
      }
    }
    return result
  }

  private func span(_ id: Int32) -> Range<Int32> { tree[id].start..<tree[id].end }

  private func kids(_ id: Int32) -> [Int32] {
    tree.childIDs(id).filter { $0 != SyntaxTree.absent }
  }

  private func child(_ id: Int32, _ index: Int) -> Int32? {
    let found = tree.child(id, index)
    return found == SyntaxTree.absent ? nil : found
  }

  // MARK: - Nodes

  /// The taint of node `id` evaluated at this point, its effects on the environment applied
  /// and the sinks it reaches recorded.
  @discardableResult
  private mutating func visit(_ id: Int32) -> Taint {
    if budget.exhausted() { return TaintWalker.clean }
    let range = span(id)
    if state.sanitized(range) {
      applySideEffects(id, range, taint: TaintWalker.clean)
      return TaintWalker.clean
    }
    var taint = evaluate(id)
    taint = TaintWalker.either(taint, state.sources(holding: range))
    applySideEffects(id, range, taint: taint)
    if let side = state.sideSources[range] { taint = TaintWalker.either(taint, side) }
    if !taint.isEmpty {
      if state.sinks[range] != nil {
        state.hits[range] = TaintWalker.either(state.hits[range] ?? [], taint)
      }
      for loose in state.looseSinks
      where loose.lowerBound <= range.lowerBound && range.upperBound <= loose.upperBound {
        state.hits[loose] = TaintWalker.either(state.hits[loose] ?? [], taint)
      }
    }
    return taint
  }

  /// By-side-effect sources and sanitizers matching an l-value change it for the code after.
  private mutating func applySideEffects(_ id: Int32, _ range: Range<Int32>, taint: Taint) {
    guard let path = lvalue(id) else { return }
    if let source = state.sideSources[range] {
      env.values[path] = TaintWalker.either(env.values[path] ?? [], source)
    } else if state.sideSanitizers.contains(range) {
      clear(path)
    }
  }

  private mutating func evaluate(_ id: Int32) -> Taint {
    let node = tree[id]
    switch node.kind {
    case .functionDefinition:
      function(id, parameters: child(id, 2), body: child(id, 4))
      if let decorators = child(id, 0) { visit(decorators) }
      return TaintWalker.clean
    case .lambda:
      function(id, parameters: child(id, 0), body: child(id, 1))
      return TaintWalker.clean
    case .classDefinition:
      // The class body runs once, where the class is defined; its methods see its taint.
      let saved = env
      for part in kids(id) { visit(part) }
      env = saved
      return TaintWalker.clean
    case .identifier:
      let name = tree.text(of: id)
      return objectRead ? env.values[name] ?? TaintWalker.clean : read(name)
    case .attribute:
      if let path = lvalue(id) {
        // The object's own taint counts, not that of its other fields.
        let outer = objectRead
        objectRead = true
        let object = visit(tree.child(id, 0))
        objectRead = outer
        let own = outer ? env.values[path] ?? TaintWalker.clean : read(path)
        return TaintWalker.either(own, object)
      }
      // The field's name is no variable.
      return child(id, 0).map { visit($0) } ?? TaintWalker.clean
    case .keywordArgument, .pair:
      // A keyword's or a literal key's name is no variable.
      let parts = kids(id)
      var taint = TaintWalker.clean
      for (index, part) in parts.enumerated()
      where !(index == 0 && parts.count > 1 && tree[part].kind == .identifier) {
        taint = TaintWalker.either(taint, visit(part))
      }
      return taint
    case .assignment:
      let parts = kids(id)
      guard let value = parts.last else { return TaintWalker.clean }
      let taint = visit(value)
      for target in parts.dropLast() { assign(target, taint) }
      return taint
    case .augmentedAssignment:
      guard let target = child(id, 0), let value = child(id, 1) else { return union(kids(id)) }
      let taint = TaintWalker.either(visit(value), visit(target))
      assign(target, taint)
      return taint
    case .annotatedAssignment:
      guard let target = child(id, 0) else { return TaintWalker.clean }
      guard let value = child(id, 2) else {
        // A declaration without a value: the name holds nothing yet.
        if let path = lvalue(target) { clear(path) }
        return TaintWalker.clean
      }
      let taint = visit(value)
      assign(target, taint)
      return taint
    case .variableDeclaration:
      guard let target = child(id, 0) else { return TaintWalker.clean }
      guard let value = child(id, 1) else {
        if let path = lvalue(target) { clear(path) }
        return TaintWalker.clean
      }
      let taint = visit(value)
      assign(target, taint)
      return taint
    case .namedExpression:
      guard let target = child(id, 0), let value = child(id, 1) else { return union(kids(id)) }
      let taint = visit(value)
      assign(target, taint)
      return taint
    case .ifStatement:
      if let test = child(id, 0) { visit(test) }
      let before = env
      if let body = child(id, 1) { visit(body) }
      let afterBody = env
      env = before
      if let orElse = child(id, 2) { visit(orElse) }
      env = afterBody.joined(env)
      return TaintWalker.clean
    case .whileStatement:
      loop(test: child(id, 0), body: child(id, 1), update: nil)
      if let orElse = child(id, 2) { visit(orElse) }
      return TaintWalker.clean
    case .doWhileStatement:
      if let body = child(id, 0) { visit(body) }
      loop(test: child(id, 1), body: child(id, 0), update: nil)
      return TaintWalker.clean
    case .forStatement:
      let iterable = child(id, 1).map { visit($0) } ?? TaintWalker.clean
      let target = child(id, 0)
      let before = env
      var passes = 0
      breaks.append([])
      continues.append([])
      repeat {
        let start = env
        if let target { assign(target, iterable) }
        if let body = child(id, 2) { visit(body) }
        for other in continues[continues.count - 1] { env = env.joined(other) }
        continues[continues.count - 1] = []
        env = start.joined(env)
        passes += 1
        if env == start { break }
      } while passes < TaintAnalysis.loopPasses && !budget.exhausted()
      env = before.joined(env)
      for other in breaks.removeLast() { env = env.joined(other) }
      continues.removeLast()
      if let orElse = child(id, 3) { visit(orElse) }
      return TaintWalker.clean
    case .jsFor:
      if let initial = child(id, 0) { visit(initial) }
      loop(test: child(id, 1), body: child(id, 3), update: child(id, 2))
      return TaintWalker.clean
    case .forClassic:
      if let initial = child(id, 0) { visit(initial) }
      loop(test: child(id, 1), body: child(id, 3), update: child(id, 2))
      return TaintWalker.clean
    case .tryStatement:
      // Java's resources (slot 4) are declared before the body runs.
      if let resources = child(id, 4) { visit(resources) }
      let before = env
      if let body = child(id, 0) { visit(body) }
      if let orElse = child(id, 2) { visit(orElse) }
      var after = env
      if let handlers = child(id, 1) {
        // A handler may start anywhere in the body: from what held before it or after it.
        let entry = before.joined(env)
        for handler in kids(handlers) {
          env = entry
          env.live = true
          visit(handler)
          after = after.joined(env)
        }
      }
      env = after
      if let finally = child(id, 3) { visit(finally) }
      return TaintWalker.clean
    case .returnStatement, .raiseStatement:
      let taint = union(kids(id))
      env.live = false
      return taint
    case .breakStatement:
      if !breaks.isEmpty { breaks[breaks.count - 1].append(env) }
      env.live = false
      return TaintWalker.clean
    case .continueStatement:
      if !continues.isEmpty { continues[continues.count - 1].append(env) }
      env.live = false
      return TaintWalker.clean
    case .comprehension:
      // The clauses' names live only inside.
      let saved = env
      let parts = kids(id)
      for clause in parts.dropFirst() {
        let clauseParts = kids(clause)
        guard clauseParts.count >= 2 else { continue }
        let iterable = visit(clauseParts[1])
        assign(clauseParts[0], iterable)
        for condition in clauseParts.dropFirst(2) { visit(condition) }
      }
      let taint = parts.first.map { visit($0) } ?? TaintWalker.clean
      env = saved
      return taint
    case .switchStatement, .matchStatement, .goSwitch, .goSelect:
      return branches(id)
    case .string, .number, .constant, .regexLiteral, .jsxText:
      return TaintWalker.clean
    default:
      return union(kids(id))
    }
  }

  /// The taint of any of `parts`, each visited in order.
  private mutating func union(_ parts: [Int32]) -> Taint {
    var taint = TaintWalker.clean
    for part in parts { taint = TaintWalker.either(taint, visit(part)) }
    return taint
  }

  /// A `switch`/`match`: the subject first, then each clause from what held before it (and,
  /// in JavaScript and Java, where control falls through, after the previous one); after it,
  /// what any `break` or the last clause left, and what held before when no clause is a
  /// default.
  private mutating func branches(_ id: Int32) -> Taint {
    let parts = kids(id)
    var clauses: [Int32] = []
    for part in parts {
      switch tree[part].kind {
      case .caseClause, .goCaseClause: clauses.append(part)
      default: visit(part)
      }
    }
    // Java's `switch` is a `matchStatement` too; a Python `match` clause never reaches the
    // next one, so joining it there only adds what one clause may already hold.
    let fallsThrough = tree[id].kind == .switchStatement || tree[id].kind == .matchStatement
    let before = env
    var after = TaintEnvironment(values: [:], live: false)
    var hasDefault = false
    var previous: TaintEnvironment? = nil
    breaks.append([])
    for clause in clauses {
      switch tree[clause].kind {
      case .goCaseClause: hasDefault = hasDefault || child(clause, 0) == nil
      case .caseClause: hasDefault = hasDefault || child(clause, 0) == nil
      default: break
      }
      env =
        fallsThrough
        ? before.joined(previous ?? TaintEnvironment(values: [:], live: false)) : before
      for part in kids(clause) { visit(part) }
      previous = env
      if !fallsThrough { after = after.joined(env) }
    }
    if fallsThrough, let previous { after = after.joined(previous) }
    for other in breaks.removeLast() { after = after.joined(other) }
    env = hasDefault ? after : after.joined(before)
    return TaintWalker.clean
  }

  /// A loop's body (with its test and update) run until its taint settles, bounded.
  private mutating func loop(test: Int32?, body: Int32?, update: Int32?) {
    let before = env
    var passes = 0
    breaks.append([])
    continues.append([])
    repeat {
      let start = env
      if let test { visit(test) }
      if let body { visit(body) }
      for other in continues[continues.count - 1] { env = env.joined(other) }
      continues[continues.count - 1] = []
      if let update { visit(update) }
      env = start.joined(env)
      passes += 1
      if env == start { break }
    } while passes < TaintAnalysis.loopPasses && !budget.exhausted()
    env = before.joined(env)
    for other in breaks.removeLast() { env = env.joined(other) }
    continues.removeLast()
  }

  /// A function's body walked from the taint around its definition, its parameters holding
  /// only what a source or a default gives them; nothing it does leaks out.
  private mutating func function(_ id: Int32, parameters: Int32?, body: Int32?) {
    let saved = env
    let savedBreaks = breaks
    let savedContinues = continues
    breaks = []
    continues = []
    env.live = true
    if let parameters {
      for parameter in kids(parameters) { bindParameter(parameter) }
    }
    if let body { visit(body) }
    env = saved
    breaks = savedBreaks
    continues = savedContinues
  }

  private mutating func bindParameter(_ parameter: Int32) {
    switch tree[parameter].kind {
    case .parameter:
      let name = child(parameter, 0)
      var taint = TaintWalker.clean
      if let value = child(parameter, 2) { taint = visit(value) }
      if let name {
        taint = TaintWalker.either(taint, visit(name))
        if tree[name].kind == .identifier {
          let key = tree.text(of: name)
          clear(key)
          if !taint.isEmpty { env.values[key] = taint }
        } else {
          assign(name, taint)
        }
      }
    case .identifier:
      let taint = visit(parameter)
      let key = tree.text(of: parameter)
      clear(key)
      if !taint.isEmpty { env.values[key] = taint }
    default:
      visit(parameter)
    }
  }

  // MARK: - L-values

  /// `x`, `a.b.c`, `this.x` as a key, or nil for an expression that names no place.
  private func lvalue(_ id: Int32) -> String? {
    switch tree[id].kind {
    case .identifier:
      return tree.text(of: id)
    case .attribute:
      guard let object = child(id, 0), let name = child(id, 1), let base = lvalue(object),
        tree[name].kind == .identifier
      else { return nil }
      return base + "." + tree.text(of: name)
    default:
      return nil
    }
  }

  /// A name's taint: its own, or any of its fields'.
  private func read(_ name: String) -> Taint {
    var taint = env.values[name] ?? TaintWalker.clean
    let prefix = name + "."
    for (key, source) in env.values where key.hasPrefix(prefix) {
      taint = TaintWalker.either(taint, source)
    }
    return taint
  }

  private mutating func clear(_ path: String) {
    env.values[path] = nil
    let prefix = path + "."
    for key in env.values.keys where key.hasPrefix(prefix) { env.values[key] = nil }
  }

  /// Stores `taint` in `target`: a name or field replaced, an element's container tainted,
  /// each part of a destructuring given the whole value's taint.
  private mutating func assign(_ target: Int32, _ taint: Taint) {
    switch tree[target].kind {
    case .identifier, .attribute:
      if let path = lvalue(target) {
        if tree[target].kind == .attribute, let object = child(target, 0) {
          visitInside(object)
        }
        clear(path)
        if !taint.isEmpty { env.values[path] = taint }
      } else {
        visitInside(target)
      }
    case .subscript:
      // An element written: the container holds what was written, a clean write changes
      // nothing.
      // The element written is an expression too: a sink may be it (`h[key(x)] = v`).
      visit(target)
      if let object = child(target, 0), let path = lvalue(object), !taint.isEmpty {
        env.values[path] = TaintWalker.either(env.values[path] ?? [], taint)
      }
    case .tuple, .list, .starred, .dictionary, .pair, .arguments, .parameters,
      .keywordArgument:
      for part in kids(target) { assign(part, taint) }
    case .parameter:
      if let name = child(target, 0) { assign(name, taint) }
    default:
      visitInside(target)
    }
  }

  /// Visits the parts of a target that are read (an object whose field is written).
  private mutating func visitInside(_ id: Int32) {
    switch tree[id].kind {
    case .identifier: return
    case .attribute:
      if let object = child(id, 0) { visitInside(object) }
    default:
      visit(id)
    }
  }
}
