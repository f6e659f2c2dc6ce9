/// TypeScript's matching rules, as semgrep has them: optional type annotations, casts that
/// code without a cast sees through, type arguments of calls, interfaces, and typed
/// metavariables whose types come from what the file itself states.
extension TreeMatcher {
  /// A pattern that names no cast against `x as T` (or `<T>x`): semgrep matches it against the
  /// cast and against `x` alike (`foo(x)` finds `foo(x as any)`).
  func throughCast(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var results: [Environment] = []
    switch pattern[p].kind {
    case .metavariable:
      results = bind(pattern.text(of: p), .node(t), environment)
    case .ellipsis:
      results = [environment]
    case .deepExpression:
      results = deep(pattern.child(p, 0), t, environment)
    case .typedMetavariable
    where pattern[p].flags & JavaScriptFlags.typeScriptTypedMetavariable != 0:
      results = typeScriptTypedMetavariable(p, t, environment)
    default:
      break
    }
    return results + match(p, target.child(t, 0), environment)
  }

  /// A declaration: a pattern without a type matches typed code; one with a type only code
  /// with a matching type.
  func typedDeclaration(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let count = Int(pattern[p].childCount)
    guard count <= Int(target[t].childCount) else { return [] }
    var current = [environment]
    for slot in 0..<count {
      current = current.flatMap { match(pattern.child(p, slot), target.child(t, slot), $0) }
      if current.isEmpty { return [] }
    }
    return current
  }

  /// A call where either side has type arguments: a pattern without them matches a call with
  /// them, one with them only a call with as many that match.
  func typedCall(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let optional = JavaScriptFlags.optionalChain
    if pattern[p].flags & optional != target[t].flags & optional {
      // As for other calls: only a metavariable callee takes `a?.(b)` (see `javaScriptMatch`).
      guard pattern[p].flags & optional == 0, pattern[pattern.child(p, 0)].kind == .metavariable
      else { return [] }
    }
    return typedDeclaration(p, t, environment)
  }

  /// `interface Name extends A { ... }`: the name, and the bases when the pattern has some;
  /// semgrep compares no member of the body.
  func interface(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let named = match(pattern.child(p, 0), target.child(t, 0), environment)
    let bases = pattern.child(p, 1)
    guard bases != SyntaxTree.absent else { return named }
    return named.flatMap { match(bases, target.child(t, 1), $0) }
  }

  /// `($X: T)`: an expression whose type the file states to be `T`, bound to `$X`.
  ///
  /// semgrep knows the types of names declared with a type or initialized with a value of a
  /// known type (the latest declaration before the use, in the innermost function that has
  /// one), of parameters with a type, of string, number and boolean literals, of `new C()`,
  /// casts, comparisons other than `instanceof`, `!x`, and `+` of two strings.
  func typeScriptTypedMetavariable(_ p: Int32, _ t: Int32, _ environment: Environment)
    -> [Environment]
  {
    guard let type = typeScriptType(of: t, depth: 0) else { return [] }
    let patternType = pattern.child(p, 0)
    var matched: [Environment]
    switch type {
    case .builtin(let word):
      let named = pattern[patternType].kind == .identifier && pattern.textEquals(patternType, word)
      matched = named ? [environment] : []
    case .written(let id):
      matched = match(patternType, id, environment)
    case .constructed(let callee):
      // `new m.Foo()` is a `Foo` to semgrep, and no `m.Foo`.
      let name = target[callee].kind == .attribute ? target.child(callee, 1) : callee
      matched = match(patternType, name, environment)
    }
    return matched.flatMap { bind(pattern.text(of: pattern.child(p, 1)), .node(t), $0) }
  }

  /// The type of an expression as the file states it, or nil when semgrep would not know it.
  func typeScriptType(of t: Int32, depth: Int) -> TypeScriptKnownType? {
    guard depth < 64 else { return nil }
    let node = target[t]
    switch node.kind {
    case .identifier:
      return typeScriptDeclaredType(of: t, depth: depth)
    case .string:
      return .builtin("string")
    case .number:
      return .builtin("number")
    case .constant:
      let isBoolean = target.textEquals(t, "true") || target.textEquals(t, "false")
      return isBoolean ? .builtin("boolean") : nil
    case .newExpression:
      return .constructed(target.child(t, 0))
    case .tsCast:
      return .written(target.child(t, 1))
    case .comparison:
      // `instanceof` is read as a comparison, but semgrep gives it no type.
      return node.op == .notIn ? nil : .builtin("boolean")
    case .unaryOperation:
      return node.op == .not ? .builtin("boolean") : nil
    case .binaryOperation where node.op == .add:
      guard case .builtin("string") = typeScriptType(of: target.child(t, 0), depth: depth + 1),
        case .builtin("string") = typeScriptType(of: target.child(t, 1), depth: depth + 1)
      else { return nil }
      return .builtin("string")
    default:
      return nil
    }
  }

  /// The type a name's declaration gives it; an initialized declaration's own name has it too.
  func typeScriptDeclaredType(of t: Int32, depth: Int) -> TypeScriptKnownType? {
    let index = target.facts.value("typeScriptDeclarations") { typeScriptBuildTypeIndex() }
    if let own = index.initialized[t] { return typeScriptType(of: own, depth: depth) }
    return index.declarations.declaration(seenBy: t).flatMap {
      typeScriptType(of: $0, depth: depth)
    }
  }

  func typeScriptType(of declaration: TypeScriptDeclaration, depth: Int) -> TypeScriptKnownType? {
    if declaration.type != SyntaxTree.absent { return .written(declaration.type) }
    guard declaration.value != SyntaxTree.absent else { return nil }
    return typeScriptType(of: declaration.value, depth: depth + 1)
  }

  /// Every declaration of the file by function scope and name, read in one pass; names bound
  /// without a type (destructuring, `for` targets, `catch`) are declared too, since they hide
  /// outer declarations.
  func typeScriptBuildTypeIndex() -> TypeScriptTypeIndex {
    var declarations = ScopedDeclarations<TypeScriptDeclaration>(tree: target)
    var initialized: [Int32: TypeScriptDeclaration] = [:]
    func declare(_ name: Int32, _ declaration: TypeScriptDeclaration, in scope: Int32) {
      // Uses after the whole declaration see it.
      declarations.declare(name, in: scope, visibleFrom: declaration.end, declaration)
    }
    func declareUntyped(_ id: Int32, end: Int32, in scope: Int32) {
      var stack = [id]
      while let next = stack.popLast() {
        guard next != SyntaxTree.absent else { continue }
        if target[next].kind == .identifier {
          declare(
            next,
            TypeScriptDeclaration(end: end, type: SyntaxTree.absent, value: SyntaxTree.absent),
            in: scope)
        }
        stack += target.childIDs(next)
      }
    }
    for id in target.order {
      let node = target[id]
      let scope = declarations.scopeOf[Int(id)]
      switch node.kind {
      case .variableDeclaration, .parameter:
        let name = target.child(id, 0)
        let isVariable = node.kind == .variableDeclaration
        guard name != SyntaxTree.absent else { break }
        guard target[name].kind == .identifier else {
          declareUntyped(name, end: node.end, in: scope)
          break
        }
        let declaration = TypeScriptDeclaration(
          end: node.end, type: target.child(id, isVariable ? 2 : 1),
          value: isVariable ? target.child(id, 1) : SyntaxTree.absent)
        declare(name, declaration, in: scope)
        if isVariable && declaration.value != SyntaxTree.absent { initialized[name] = declaration }
      case .forStatement:
        declareUntyped(target.child(id, 0), end: target[target.child(id, 0)].end, in: scope)
      case .exceptClause:
        let name = target.child(id, 1)
        if name != SyntaxTree.absent { declareUntyped(name, end: target[name].end, in: scope) }
      default:
        break
      }
    }
    declarations.finish()
    return TypeScriptTypeIndex(declarations: declarations, initialized: initialized)
  }
}

/// A type the file states for an expression.
enum TypeScriptKnownType {
  /// A type written in the file.
  case written(Int32)
  /// The class a `new` names (an expression, not a type).
  case constructed(Int32)
  /// A literal's type (`string` for `"a"`).
  case builtin(String)
}

/// One declaration: where it ends (uses after it see it), its written type and its value.
struct TypeScriptDeclaration {
  let end: Int32
  let type: Int32
  let value: Int32
}

/// Declarations of one file, for typed metavariables.
struct TypeScriptTypeIndex {
  let declarations: ScopedDeclarations<TypeScriptDeclaration>
  /// Initialized declarations by their name node, which semgrep types too.
  let initialized: [Int32: TypeScriptDeclaration]
}
