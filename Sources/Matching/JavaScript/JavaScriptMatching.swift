/// JavaScript's matching rules where they differ from the generic ones, as semgrep has them.
extension TreeMatcher {
  /// The matches of pattern node `p` against `t` by a JavaScript rule, or nil when the generic
  /// rules decide.
  func javaScriptMatch(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment]? {
    let patternNode = pattern[p]
    let targetNode = target[t]
    if targetNode.flags & JavaScriptFlags.typeNode != 0 && targetNode.kind != .string
      && patternNode.flags & JavaScriptFlags.typeNode == 0
    {
      // Only a pattern's type matches a type; an expression pattern never lands in one. (The
      // bit is `NodeFlags.raw` on other languages' strings; no type is a string node.)
      return []
    }
    if targetNode.kind == .tsCast && patternNode.kind != .tsCast {
      return throughCast(p, t, environment)
    }
    switch patternNode.kind {
    case .expressionStatement
    where targetNode.kind == .variableDeclaration && patternNode.childCount == 1
      && pattern[pattern.child(p, 0)].kind == .assignment:
      // `$X = v;` among statements also names the declaration `const x = v` (semgrep).
      return match(pattern.child(p, 0), t, environment)
    case .variableDeclaration:
      // `var` stands for any declaration; `let` and `const` only for themselves.
      guard targetNode.kind == .variableDeclaration,
        patternNode.flags == 0 || patternNode.flags == targetNode.flags
      else { return [] }
      return typedDeclaration(p, t, environment)
    case .typedMetavariable
    where patternNode.flags & JavaScriptFlags.typeScriptTypedMetavariable != 0:
      return typeScriptTypedMetavariable(p, t, environment)
    case .tsInterface:
      guard targetNode.kind == .tsInterface else { return [] }
      return interface(p, t, environment)
    case .classDefinition where pattern.child(p, 4) != SyntaxTree.absent:
      // `implements`: the pattern's interfaces among the class's, in any order (semgrep).
      guard targetNode.kind == .classDefinition, target.child(t, 4) != SyntaxTree.absent else {
        return []
      }
      return match(pattern.child(p, 4), target.child(t, 4), environment).flatMap {
        matchChildren(p, t, $0)
      }
    case .parameter
    where targetNode.kind == .parameter && pattern.child(p, 1) != SyntaxTree.absent
      && isDestructuring(target.child(t, 0)):
      // semgrep keeps no type apart for a destructured parameter: `$P: T` never finds one.
      return []
    case .call
    where targetNode.kind == .call && (patternNode.childCount > 2 || targetNode.childCount > 2):
      return typedCall(p, t, environment)
    case .attribute, .call, .subscript:
      // `a?.b` is not `a.b` for semgrep, though `$X.b` takes it (the object is no longer a
      // plain name there, so only a metavariable matches it).
      let optional = JavaScriptFlags.optionalChain
      guard targetNode.kind == patternNode.kind,
        patternNode.flags & optional != targetNode.flags & optional
      else { return nil }
      guard patternNode.flags & optional == 0,
        pattern[pattern.child(p, 0)].kind == .metavariable
      else { return [] }
      return matchChildren(p, t, environment)
    case .templateLiteral:
      guard targetNode.kind == .templateLiteral else { return [] }
      return templateParts(
        Array(pattern.childIDs(p)), 0, Array(target.childIDs(t)), 0, environment)
    case .string where targetNode.kind == .templateLiteral:
      // A template without substitutions is a string to semgrep.
      let parts = target.childIDs(t)
      if pattern.textEquals(p, "...") && parts.allSatisfy({ target[$0].kind == .string }) {
        return [environment]
      }
      if let only = parts.first, parts.count == 1, target[only].kind == .string {
        return matchString(p, only, environment)
      }
      if parts.isEmpty { return pattern.textEquals(p, "") ? [environment] : [] }
      // Substitutions of constant strings fold into one string, as in semgrep.
      return matchString(p, t, environment)
    case .regexLiteral where targetNode.kind == .regexLiteral:
      return regexLiteral(p, t, environment)
    case .unaryKeyword, .regexLiteral, .jsxText:
      guard targetNode.kind == patternNode.kind, pattern.sameText(p, t, other: target) else {
        return []
      }
      return patternNode.childCount == 0
        ? [environment] : match(pattern.child(p, 0), target.child(t, 0), environment)
    case .jsxElement:
      guard targetNode.kind == .jsxElement else { return [] }
      return jsxElement(p, t, environment)
    case .dictionary where patternNode.flags & JavaScriptFlags.object != 0:
      // Object fields: the pattern's among the object's, in any order (semgrep).
      guard targetNode.kind == .dictionary else { return [] }
      return unordered(
        Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment, item: objectField)
    default:
      return nil
    }
  }

  /// A regular expression literal: `/$X/` binds the body of one without flags, otherwise the
  /// texts compare (semgrep).
  func regexLiteral(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let text = pattern.text(of: p)
    let body = text.dropFirst().dropLast()
    if text.hasSuffix("/"), body.hasPrefix("$"), body.count > 1,
      body.dropFirst().allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
    {
      let node = target[t]
      guard node.end - node.start >= 2, target.source.bytes[Int(node.end) - 1] == UInt8(ascii: "/")
      else { return [] }
      return bind(String(body), .text(start: node.start + 1, end: node.end - 1), environment)
    }
    return pattern.sameText(p, t, other: target) ? [environment] : []
  }

  /// Whether a target node is a destructuring pattern (an object or array of names).
  func isDestructuring(_ t: Int32) -> Bool {
    t != SyntaxTree.absent && (target[t].kind == .dictionary || target[t].kind == .list)
  }

  /// One object field; a shorthand `{a}` is the field `a: a` (semgrep).
  func objectField(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard pattern[p].kind == .pair, target[t].kind == .identifier else {
      return match(p, t, environment)
    }
    return match(pattern.child(p, 0), t, environment).flatMap {
      match(pattern.child(p, 1), t, $0)
    }
  }

  /// What a metavariable naming an imported module binds in JavaScript, where no token spells
  /// the module at the use: semgrep binds the name written there (`exec` for `$M.exec` when
  /// `exec` came from `child_process`).
  func javaScriptModuleStandIn(_ written: [Int32]) -> Int32? {
    guard target[target.root].kind == .module,
      target[target.root].flags & JavaScriptFlags.javaScriptTree != 0
    else { return nil }
    return written.first
  }

  /// Template parts in order, a `...` text part taking any run of parts (semgrep).
  func templateParts(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment
  ) -> [Environment] {
    guard pi < ps.count else { return ti == ts.count ? [environment] : [] }
    let item = ps[pi]
    if pattern[item].kind == .string && pattern.textEquals(item, "...") {
      var results: [Environment] = []
      for end in ti...max(ti, ts.count) {
        results += templateParts(ps, pi + 1, ts, end, environment)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    }
    guard ti < ts.count else { return [] }
    // Template text (a string node without quotes) is matched only by template text.
    let text = target[ts[ti]]
    if text.kind == .string && text.start == text.textStart && pattern[item].kind != .string {
      return []
    }
    var results: [Environment] = []
    for bound in match(item, ts[ti], environment) {
      results += templateParts(ps, pi + 1, ts, ti + 1, bound)
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// A JSX element: the tag, the pattern's attributes among the element's in any order, and
  /// the children only when the pattern names some (semgrep ignores them otherwise).
  func jsxElement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let names = match(pattern.child(p, 0), target.child(t, 0), environment)
    let patternAttributes = Array(pattern.childIDs(pattern.child(p, 1)))
    let targetAttributes = Array(target.childIDs(target.child(t, 1)))
    let patternChildren = Array(pattern.childIDs(pattern.child(p, 2)))
    let targetChildren = Array(target.childIDs(target.child(t, 2)))
    var results: [Environment] = []
    for named in names {
      for attributed in unordered(patternAttributes, targetAttributes, named) {
        if patternChildren.isEmpty
          || patternChildren.allSatisfy({ pattern[$0].kind == .ellipsis })
        {
          results.append(attributed)
        } else {
          results += sequence(
            patternChildren, 0, targetChildren, 0, attributed, openEnd: false
          ).map(\.0)
        }
        if results.count >= TreeMatcher.solutionLimit { return results }
      }
    }
    return results
  }

  /// `$X = value` against `const x = value`: semgrep reads a declaration with a value as an
  /// assignment too.
  func declarationAsAssignment(_ p: Int32, _ t: Int32, _ environment: Environment)
    -> [Environment]
  {
    let value = target.child(t, 1)
    guard value != SyntaxTree.absent else { return [] }
    let direct = match(pattern.child(p, 0), target.child(t, 0), environment).flatMap {
      match(pattern.child(p, 1), value, $0)
    }
    let name = pattern.child(p, 0)
    guard pattern[name].kind == .metavariable, isDestructuring(target.child(t, 0)) else {
      return direct
    }
    // semgrep also reads `const {a} = v` as a definition of one hidden name whose value is
    // the whole `{a} = v`: `$X` holds the declaration (see `sameHiddenName`).
    let whole = Bound.text(start: target[t].start, end: target[t].end)
    let inner = pattern.child(p, 1)
    return direct
      + bind(pattern.text(of: name), .node(t), environment).flatMap { bound in
        switch pattern[inner].kind {
        case .metavariable: return bind(pattern.text(of: inner), whole, bound)
        case .ellipsis: return [bound]
        case .deepExpression:
          let sought = pattern.child(inner, 0)
          return deep(sought, target.child(t, 0), bound) + deep(sought, value, bound)
        default: return []
        }
      }
  }

  /// Whether two destructuring declarations define the same hidden name, as semgrep compares
  /// them: by its resolved definition, except that `const {a} = require(m)` (an import to
  /// semgrep) leaves its name unresolved, and then the spelling alone compares.
  func sameHiddenName(_ a: Int32, _ b: Int32) -> Bool? {
    guard target[a].kind == .variableDeclaration, target[b].kind == .variableDeclaration,
      isDestructuring(target.child(a, 0)), isDestructuring(target.child(b, 0))
    else { return nil }
    return a == b || isRequireDestructuring(a) || isRequireDestructuring(b)
  }

  /// Whether two bound nodes differ for semgrep although they look alike: a member or subscript
  /// assigned by the last statement of a `function` expression's body (`b.c = v;`, also the
  /// last of an `if`'s branches or a `try` block there) equals no other node, so
  /// `$X = $Y; $X = $Z;` does not find `b.c = 1; b.c = 2;` ending such a function.
  func isImplicitReturnTarget(_ a: Int32, _ b: Int32) -> Bool {
    guard a != b, isJavaScriptTree else { return false }
    let marked = target.facts.nodes("implicitReturnTargets") { computeImplicitReturnTargets() }
    return marked.contains(a) || marked.contains(b)
  }

  private func computeImplicitReturnTargets() -> Set<Int32> {
    var marked = Set<Int32>()
    for id in target.nodes(of: .lambda) where target[id].childCount >= 2 {
      if spellsFunction(from: target[id].start, to: target[target.child(id, 0)].start) {
        markLastAssignment(target.child(id, 1), &marked, depth: 0)
      }
    }
    // A field holding a function expression (`m: function () {}`), read as a method.
    for id in target.nodes(of: .functionDefinition) where target[id].childCount >= 5 {
      let name = target.child(id, 1)
      let parameters = target.child(id, 2)
      guard name != SyntaxTree.absent, parameters != SyntaxTree.absent else { continue }
      if spellsFunction(from: target[name].end, to: target[parameters].start) {
        markLastAssignment(target.child(id, 4), &marked, depth: 0)
      }
    }
    return marked
  }

  /// Whether the source between two offsets holds the word `function`.
  private func spellsFunction(from start: Int32, to end: Int32) -> Bool {
    guard start < end else { return false }
    let words = target.source.text(from: Int(start), to: Int(end)).split {
      !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$")
    }
    return words.contains("function")
  }

  private func markLastAssignment(_ block: Int32, _ marked: inout Set<Int32>, depth: Int) {
    guard block != SyntaxTree.absent, depth < 64, let last = target.childIDs(block).last else {
      return
    }
    switch target[last].kind {
    case .expressionStatement where target[last].childCount == 1:
      let expression = target.child(last, 0)
      guard target[expression].kind == .assignment, target[expression].childCount == 2 else {
        return
      }
      let assigned = target.child(expression, 0)
      if target[assigned].kind != .identifier { marked.insert(assigned) }
    case .ifStatement:
      markLastAssignment(target.child(last, 1), &marked, depth: depth + 1)
      markLastAssignment(target.child(last, 2), &marked, depth: depth + 1)
    case .tryStatement:
      markLastAssignment(target.child(last, 0), &marked, depth: depth + 1)
    case .block:
      markLastAssignment(last, &marked, depth: depth + 1)
    default:
      return
    }
  }

  /// `const {a, b} = require(m)`: an object pattern bound straight to a `require` call.
  func isRequireDestructuring(_ declaration: Int32) -> Bool {
    let value = target.child(declaration, 1)
    guard target[target.child(declaration, 0)].kind == .dictionary,
      value != SyntaxTree.absent, target[value].kind == .call
    else { return false }
    let callee = target.child(value, 0)
    return target[callee].kind == .identifier && target.textEquals(callee, "require")
  }

  /// Names that definitions, parameters and imports introduce, member names and object keys:
  /// semgrep's expression patterns (`$X`, a plain name) never match them.
  func declaredNames() -> Set<Int32> {
    target.facts.nodes("declaredNames") { computeDeclaredNames() }
  }

  private func computeDeclaredNames() -> Set<Int32> {
    var names = Set<Int32>()
    for id in target.nodes(of: .functionDefinition) + target.nodes(of: .classDefinition) {
      names.insert(target.child(id, 1))
    }
    for id in target.nodes(of: .tsInterface) + target.nodes(of: .typeAlias) {
      names.insert(target.child(id, 0))
    }
    for id in target.nodes(of: .parameter) {
      let name = target.child(id, 0)
      if name != SyntaxTree.absent && target[name].kind == .identifier { names.insert(name) }
    }
    // A `for (x of xs)` target binds names; it is not an expression.
    var bound = target.nodes(of: .forStatement).map { target.child($0, 0) }
    while let id = bound.popLast() {
      guard id != SyntaxTree.absent else { continue }
      names.insert(id)
      bound += target.childIDs(id)
    }
    // Member names and object keys are names, not expressions.
    for id in target.nodes(of: .attribute) { names.insert(target.child(id, 1)) }
    let isJavaScript = target[target.root].flags & JavaScriptFlags.javaScriptTree != 0
    for id in target.nodes(of: .pair) where isJavaScript {
      let key = target.child(id, 0)
      if target[key].kind == .identifier || target[key].kind == .string { names.insert(key) }
    }
    // A literal `case` label is a pattern to semgrep, not an expression.
    for id in target.nodes(of: .switchStatement) {
      for clause in target.childIDs(id).dropFirst() {
        let test = target.child(clause, 0)
        if test != SyntaxTree.absent, [.string, .number, .constant].contains(target[test].kind) {
          names.insert(test)
        }
      }
    }
    var stack = target.nodes(of: .importFrom) + target.nodes(of: .importStatement)
    while let id = stack.popLast() {
      names.insert(id)
      stack += target.childIDs(id).filter { $0 != SyntaxTree.absent }
    }
    return names
  }

  /// `$X = $V` against JavaScript's `x += y`, which semgrep reads as `x = x + y`: the value
  /// is that whole sum, so only a metavariable or `...` can stand for it.
  func compoundAsAssignment(_ p: Int32, _ t: Int32, _ environment: Environment)
    -> [Environment]
  {
    guard target[t].flags & JavaScriptFlags.compoundAssignment != 0 else { return [] }
    let value = pattern.child(p, 1)
    switch pattern[value].kind {
    case .metavariable:
      return match(pattern.child(p, 0), target.child(t, 0), environment).flatMap {
        bind(pattern.text(of: value), .node(t), $0)
      }
    case .ellipsis:
      return match(pattern.child(p, 0), target.child(t, 0), environment)
    case .deepExpression:
      // `<... e ...>` looks into `x + y`: the target, then the operand.
      let inner = pattern.child(value, 0)
      return match(pattern.child(p, 0), target.child(t, 0), environment).flatMap {
        deep(inner, target.child(t, 0), $0) + deep(inner, target.child(t, 1), $0)
      }
    default:
      return []
    }
  }

  /// JavaScript kinds that are parts of statements or syntax, never expressions a `$X` holds.
  func isJavaScriptStructure(_ kind: NodeKind) -> Bool {
    switch kind {
    case .variableDeclaration, .jsFor, .doWhileStatement, .switchStatement, .jsxAttributes,
      .jsxAttribute, .jsxChildren, .jsxText, .tsInterface, .tsTypeArguments, .tsUnionType,
      .tsIntersectionType, .tsTupleType, .tsFunctionType, .tsOpaqueType:
      return true
    default:
      return false
    }
  }

  /// Whether the target is JavaScript or TypeScript.
  var isJavaScriptTree: Bool {
    target[target.root].flags & JavaScriptFlags.javaScriptTree != 0
  }

  /// Functions and classes, whose bodies semgrep's `<... e ...>` does not enter in JavaScript
  /// (`f(() => x)` has no `x` for `f(<... x ...>)`), though Python's lambdas it does.
  ///
  /// A statement pattern's expression found within a statement other than a declaration does
  /// not look into `a ? b : c` or `a, b` either (semgrep).
  func isJavaScriptOpaque(_ kind: NodeKind, inStatement: Bool) -> Bool {
    kind == .lambda || kind == .functionDefinition || kind == .classDefinition
      || (inStatement && (kind == .conditional || kind == .tuple))
  }

  /// The statements of the functions written in statement `id`'s own expressions.
  ///
  /// Callbacks, `const f = function () {...}`, `return () => {...}`, in source order:
  /// semgrep's `...` continues into them. An arrow's expression body counts as one statement.
  /// Object and class bodies are not entered, as in semgrep.
  func javaScriptCallbackStatements(_ id: Int32) -> [Int32] {
    let kind = target[id].kind
    guard kind != .functionDefinition, kind != .classDefinition, kind != .block else { return [] }
    var result: [Int32] = []
    var stack = Array(target.childIDs(id).reversed())
    while let child = stack.popLast() {
      guard child != SyntaxTree.absent else { continue }
      let childKind = target[child].kind
      switch childKind {
      case .block, .dictionary, .classDefinition, .expressionStatement, .variableDeclaration,
        .returnStatement:
        continue
      case .lambda, .functionDefinition:
        let body = target.child(child, childKind == .lambda ? 1 : 4)
        guard body != SyntaxTree.absent else { continue }
        result += target[body].kind == .block ? Array(target.childIDs(body)) : [body]
      default:
        if isStatement(childKind) { continue }
        stack += target.childIDs(child).reversed()
      }
    }
    return result
  }

  /// JavaScript statements holding blocks that a statement pattern may continue into.
  func isJavaScriptCompound(_ kind: NodeKind) -> Bool {
    kind == .jsFor || kind == .doWhileStatement || kind == .switchStatement
  }
}
