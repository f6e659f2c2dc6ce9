/// Go's matching rules that no other language shares: loops named by `for ... { }` and typed
/// metavariables, whose types come from declarations the file itself spells out.
extension TreeMatcher {
  /// Go kinds that are statements or parts of declarations, never expressions a metavariable
  /// pattern stands for.
  static let goStatementKinds: Set<NodeKind> = [
    .goPackage, .goImport, .goTypeDeclaration, .goSend, .goIncrement, .goDefer, .goStatement,
    .goField, .goSwitch, .goSelect, .goCaseClause, .goLabeled, .goGoto, .goFallthrough,
    .goAnyLoop,
  ]

  /// `return value` against the expression statement that ends a Go function literal, which
  /// semgrep reads as its implicit return.
  func goImplicitReturn(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let value = pattern.child(p, 0)
    guard target[t].flags & NodeFlags.goImplicitReturn != 0, value != SyntaxTree.absent else {
      return []
    }
    return match(value, target.child(t, 0), environment)
  }

  /// Matches the Go pattern kinds that compare across target kinds.
  func goSpecial(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    switch pattern[p].kind {
    case .goImport:
      guard target[t].kind == .goImport else { return [] }
      let alias = pattern.child(p, 1)
      let bound =
        alias == SyntaxTree.absent ? [environment] : match(alias, target.child(t, 1), environment)
      return bound.flatMap { goImportPath(pattern.child(p, 0), target.child(t, 0), $0) }
    case .goAnyLoop:
      let body: Int32
      switch target[t].kind {
      case .forStatement: body = target.child(t, 2)
      case .whileStatement: body = target.child(t, 1)
      default: return []
      }
      return match(pattern.child(p, 0), body, environment)
    case .goTypedMetavariable:
      let patternType = pattern.child(p, 1)
      // A conversion with a type only a type can be (`[]byte(s)`) has that type and its
      // operand's, as semgrep reads it.
      var types: [GoKnownType] = []
      var node = t
      while target[node].kind == .goConversion,
        target[target.child(node, 0)].kind != .identifier,
        target[target.child(node, 1)].childCount == 1
      {
        types.append(.node(target.child(node, 0)))
        node = target.child(target.child(node, 1), 0)
      }
      if let type = goType(of: node) { types.append(type) }
      var bound: [Environment] = []
      for type in types {
        switch type {
        case .node(let type):
          bound += match(patternType, type, environment)
        case .pointer(let type):
          guard pattern[patternType].kind == .goStar else { continue }
          bound += match(pattern.child(patternType, 0), type, environment)
        case .builtin(let name):
          if pattern.textEquals(patternType, name) { bound.append(environment) }
        }
      }
      return bound.flatMap { bind(pattern.text(of: pattern.child(p, 0)), .node(t), $0) }
    default:
      return []
    }
  }

  /// An import path as semgrep compares it: `"..."` is any path, `"$X"` binds one, another
  /// path is itself.
  func goImportPath(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let wanted = pattern.text(of: p)
    if wanted == "..." { return [environment] }
    if isMetavariableName(wanted) {
      let node = target[t]
      return bind(wanted, .text(start: node.textStart, end: node.textEnd), environment)
    }
    return pattern.sameText(p, t, other: target) ? [environment] : []
  }

  /// The type of an expression as semgrep knows it: a literal's own type, the declaration of
  /// a name, `+ - * %` of two ints, a comparison, `!` or `||` (not `&&`).
  ///
  /// `&T{}` and `new(T)` have a type only through a name declared with them, as in semgrep.
  func goType(of t: Int32) -> GoKnownType? {
    let node = target[t]
    switch node.kind {
    case .identifier: return goDeclaredType(of: t)
    case .attribute: return goFieldType(t)
    case .goAddress, .call: return nil
    case .binaryOperation:
      guard [.add, .subtract, .multiply, .modulo].contains(node.op),
        goIsInt(goType(of: target.child(t, 0))), goIsInt(goType(of: target.child(t, 1)))
      else { return nil }
      return .builtin("int")
    case .comparison: return .builtin("bool")
    case .booleanOperation: return node.op == .or ? .builtin("bool") : nil
    case .unaryOperation: return node.op == .not ? .builtin("bool") : nil
    default: return goLiteralType(t)
    }
  }

  /// Whether a type is `int`.
  func goIsInt(_ type: GoKnownType?) -> Bool {
    switch type {
    case .builtin(let name): return name == "int"
    case .node(let id): return target[id].kind == .identifier && target.textEquals(id, "int")
    case .pointer, nil: return false
    }
  }

  /// The type of `x.f` when `x`'s type is a struct declared in this file with a field `f`.
  func goFieldType(_ t: Int32) -> GoKnownType? {
    var objectType: Int32
    switch goType(of: target.child(t, 0)) {
    case .node(let type): objectType = type
    case .pointer(let type): objectType = type
    default: return nil
    }
    if target[objectType].kind == .goStar { objectType = target.child(objectType, 0) }
    guard target[objectType].kind == .identifier else { return nil }
    let field = target.child(t, 1)
    for declaration in target.nodes(of: .goTypeDeclaration)
    where target.sameText(target.child(declaration, 0), objectType, other: target) {
      let structure = target.child(declaration, 2)
      guard target[structure].kind == .goStructType else { return nil }
      for item in target.childIDs(structure) {
        let name = target.child(item, 0)
        if name != SyntaxTree.absent && target.sameText(name, field, other: target) {
          return .node(target.child(item, 1))
        }
      }
      return nil
    }
    return nil
  }

  /// The type a name was declared with, when the file says it: a parameter or receiver, a
  /// `var` with a type, or `:=` of a literal or composite literal; the last such declaration
  /// before the use in the innermost function around it that has one, else at the top level.
  func goDeclaredType(of t: Int32) -> GoKnownType? {
    let index = target.facts.value("goDeclarations") { goDeclarations() }
    return index.declaration(seenBy: t) ?? nil
  }

  /// Every declaration of the file, with the type it states (nil when it states none: the name
  /// still hides outer ones).
  func goDeclarations() -> ScopedDeclarations<GoKnownType?> {
    var index = ScopedDeclarations<GoKnownType?>(tree: target)
    func declare(_ name: Int32, _ type: GoKnownType?, in scope: Int32) {
      guard name != SyntaxTree.absent, target[name].kind == .identifier else { return }
      // Uses after the name's first byte see it.
      index.declare(name, in: scope, visibleFrom: target[name].start + 1, type)
    }
    for id in target.order {
      let node = target[id]
      let scope = index.scopeOf[Int(id)]
      switch node.kind {
      case .parameter, .annotatedAssignment:
        let type = target.child(id, 1)
        let value = node.kind == .annotatedAssignment ? target.child(id, 2) : SyntaxTree.absent
        let known: GoKnownType? =
          type != SyntaxTree.absent
          ? .node(type) : value != SyntaxTree.absent ? goLiteralType(value) : nil
        // Parameters belong to the function they are declared by.
        declare(target.child(id, 0), known, in: scope)
      case .assignment where node.flags & NodeFlags.goDefine != 0:
        declare(target.child(id, 0), goLiteralType(target.child(id, 1)), in: scope)
      case .forStatement where node.flags & NodeFlags.goDefine != 0:
        // Range variables are declared, with types this reading does not know.
        let names = target.child(id, 0)
        if names != SyntaxTree.absent && target[names].kind == .tuple {
          for name in target.childIDs(names) { declare(name, nil, in: scope) }
        } else {
          declare(names, nil, in: scope)
        }
      default:
        break
      }
    }
    index.finish()
    return index
  }

  /// The type of a literal, a composite literal (`T{}`) or its address (`&T{}`), else nil.
  func goLiteralType(_ value: Int32) -> GoKnownType? {
    guard value != SyntaxTree.absent else { return nil }
    let node = target[value]
    switch node.kind {
    case .string:
      return .builtin("string")
    case .number:
      let text = target.text(of: value).lowercased()
      if text.hasSuffix("i") { return .builtin("complex128") }
      let isHex = text.hasPrefix("0x")
      if text.contains(".") || (!isHex && text.contains("e")) || (isHex && text.contains("p")) {
        return .builtin("float64")
      }
      return .builtin("int")
    case .call:
      // `new(T)` is a `*T`.
      let callee = target.child(value, 0)
      let arguments = target.child(value, 1)
      guard target[callee].kind == .identifier, target.textEquals(callee, "new"),
        target[arguments].childCount == 1
      else { return nil }
      return .pointer(target.child(arguments, 0))
    case .goCompositeLiteral:
      let type = target.child(value, 0)
      return type == SyntaxTree.absent ? nil : .node(type)
    case .goAddress:
      let operand = target.child(value, 0)
      guard target[operand].kind == .goCompositeLiteral else { return nil }
      let type = target.child(operand, 0)
      return type == SyntaxTree.absent ? nil : .pointer(type)
    default:
      return nil
    }
  }
}

/// A type the file states for an expression.
enum GoKnownType {
  /// A type written in the file.
  case node(Int32)
  /// A pointer to a type written in the file (`&T{}`).
  case pointer(Int32)
  /// A predeclared type a literal has (`string` for `"a"`).
  case builtin(String)
}
