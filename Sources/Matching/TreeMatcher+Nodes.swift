import Foundation

/// Node against node: the rule of each node kind, its children and optional slots.
extension TreeMatcher {
  /// All ways pattern node `p` matches target node `t` given `environment`; with symbolic
  /// propagation, a name also matches as the expression it stands for (a metavariable binds
  /// either), except at the pattern's root (semgrep).
  func match(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let direct = matchNode(p, t, environment)
    guard p != SyntaxTree.absent, t != SyntaxTree.absent, p != symbolicRoot,
      let value = symbols.value(of: t)
    else { return direct }
    switch pattern[p].kind {
    case .ellipsis, .deepExpression, .ellipsisMetavariable:
      return direct
    case .metavariable:
      return direct + bind(pattern.text(of: p), .node(value), environment)
    default:
      return direct + match(p, value, environment)
    }
  }

  /// All ways pattern node `p` matches target node `t` itself given `environment`.
  func matchNode(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    if p == SyntaxTree.absent { return t == SyntaxTree.absent ? [environment] : [] }
    if t == SyntaxTree.absent { return [] }
    guard depth.value < TreeMatcher.maxDepth, !budget.exhausted() else { return [] }
    depth.value += 1
    defer { depth.value -= 1 }
    let patternNode = pattern[p]
    let targetNode = target[t]
    if targetNode.kind == .identifier, let literal = constants.literal(of: t),
      isLiteralPattern(p)
    {
      return match(p, literal, environment)
    }
    if let result = javaScriptMatch(p, t, environment) { return result }
    switch patternNode.kind {
    case .metavariable:
      // A slice is part of a subscript's syntax, and a keyword argument part of a call's:
      // neither is an expression a metavariable can hold (semgrep).
      guard targetNode.kind != .slice && targetNode.kind != .keywordArgument else { return [] }
      return bind(pattern.text(of: p), .node(t), environment)
    case .ellipsis:
      return [environment]
    case .deepExpression:
      return deep(pattern.child(p, 0), t, environment)
    case .typedMetavariable:
      return typedMetavariable(p, t, environment)
    case .goAnyLoop, .goTypedMetavariable, .goImport:
      return goSpecial(p, t, environment)
    case .returnStatement where targetNode.kind == .lambda:
      return lambdaAsReturn(p, t, environment)
    case .returnStatement where targetNode.kind == .expressionStatement:
      return goImplicitReturn(p, t, environment)
    case .string:
      return matchString(p, t, environment)
    case .attribute where pattern[pattern.child(p, 1)].kind == .ellipsis:
      return chainEllipsis(p, t, environment)
    case .identifier, .attribute:
      let direct = patternNode.kind == targetNode.kind ? matchChildren(p, t, environment) : []
      if !direct.isEmpty { return direct }
      guard targetNode.kind == .identifier || targetNode.kind == .attribute,
        !target.importAliasIndex.isEmpty
      else { return [] }
      // Both import routes start from the alias the name's root is; most roots are none.
      guard let module = aliasedModule(t) else {
        return matchThroughWildcardImports(p, t) ? [environment] : []
      }
      if matchThroughImports(p, t, module: module) || matchThroughWildcardImports(p, t) {
        return [environment]
      }
      // A pattern without metavariables binds through imports exactly where it matches
      // through them, which was just ruled out.
      if memo.dottedPath(p, in: pattern) != nil { return [] }
      return bindThroughImports(p, t, environment, module: module)
    default:
      break
    }
    if patternNode.kind == .assignment && patternNode.childCount == 2 {
      return assignment(p, t, environment)
    }
    if patternNode.flags & NodeFlags.anyStatement != 0 && isJavaPattern {
      return anyStatement(p, t, environment)
    }
    if patternNode.kind == .expressionStatement && patternNode.flags & NodeFlags.terminated != 0 {
      return terminatedStatement(p, t, environment)
    }
    if patternNode.kind == .concatenatedString && isEllipsisConcatenation(p) {
      return concatenationOfEllipses(t, environment)
    }
    if patternNode.kind == .newObject && targetNode.kind == .newArray {
      return newArrayAsObject(p, t, environment)
    }
    if let result = pythonImport(p, t, environment) { return result }
    if patternNode.kind == .importStatement && targetNode.kind == .importFrom {
      return importFrom(p, t, environment)
    }
    if patternNode.kind == .list && isLoneEllipsis(p) {
      let isList =
        targetNode.kind == .comprehension && targetNode.flags == NodeFlags.listComprehension
      return targetNode.kind == .list || isList ? [environment] : []
    }
    if patternNode.kind == .set && isLoneEllipsis(p) {
      let isBraced =
        targetNode.kind == .comprehension
        && (targetNode.flags == NodeFlags.setComprehension
          || targetNode.flags == NodeFlags.dictComprehension)
      let isDisplay = targetNode.kind == .set || targetNode.kind == .dictionary
      return isDisplay || isBraced ? [environment] : []
    }
    guard patternNode.kind == targetNode.kind, patternNode.op == targetNode.op else { return [] }
    switch patternNode.kind {
    case .number:
      let same = pattern.sameText(p, t, other: target) || numbersEqual(p, t)
      return same ? [environment] : []
    case .constant:
      return pattern.sameText(p, t, other: target) ? [environment] : []
    case .formattedString where pattern.textEquals(p, "..."):
      return [environment]
    case .functionDefinition, .forStatement, .withStatement, .comprehensionClause,
      .annotatedAssignment:
      // A pattern without `async` matches both; one with it only async code, as semgrep.
      guard patternNode.flags & ~targetNode.flags == 0 else { return [] }
    case .dottedName:
      // `$M` stands for any module, relative or not.
      let lone = patternNode.childCount == 1 && pattern[pattern.child(p, 0)].kind == .metavariable
      guard lone || patternNode.flags == targetNode.flags else { return [] }
    case .parameter, .comprehension, .instanceOf:
      guard patternNode.flags == targetNode.flags else { return [] }
    case .classDefinition:
      guard classKindsAgree(p, t) else { return [] }
    default:
      break
    }
    return matchChildren(p, t, environment)
  }

  /// Children by the rule of the node's kind: sequences allow `...`, optional parts left out of
  /// the pattern match anything.
  func matchChildren(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let kind = pattern[p].kind
    if kind == .identifier { return pattern.sameText(p, t, other: target) ? [environment] : [] }
    // Counts rather than slices: a slice holds a reference to the (shared) pattern tree,
    // and most kinds never need one.
    let patternCount = Int(pattern[p].childCount)
    let targetCount = Int(target[t].childCount)
    switch kind {
    case .dottedName
    where patternCount == 1
      && pattern[pattern.child(p, 0)].kind == .metavariable:
      // `import $M` binds the whole dotted module name.
      return bind(pattern.text(of: pattern.child(p, 0)), .node(t), environment)
    case .arguments:
      return arguments(Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment)
    case .decorators:
      return unordered(
        Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment, item: decorator)
    case .importStatement, .exceptClauses, .superTypes:
      return unordered(Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment)
    case .withItems where patternCount == 1 && targetCount > 1:
      // `with a, b:` is `with a:` around `with b:` for semgrep, so one item may match any.
      let item = pattern.child(p, 0)
      var results: [Environment] = []
      for candidate in target.childIDs(t) {
        results += match(item, candidate, environment)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    case .classDefinition:
      // `class $A(...)` also names a class written without a base list (semgrep).
      let bases = pattern.child(p, 2)
      let anyBases =
        bases != SyntaxTree.absent && isLoneEllipsis(bases)
        && target.child(t, 2) == SyntaxTree.absent
      let header = slots(
        p, t, environment, lenient: lenientSlots(kind), count: anyBases ? 2 : 3)
      let body = Array(pattern.childIDs(pattern.child(p, 3)))
      let targetBody = Array(target.childIDs(target.child(t, 3)))
      return header.flatMap { subsequence(body, 0, targetBody, 0, $0) }
    case .withItem
    where pattern[pattern.child(p, 0)].kind == .metavariable
      && pattern.child(p, 1) == SyntaxTree.absent:
      // `with $L:` takes any item, `as` target included (semgrep).
      return match(pattern.child(p, 0), target.child(t, 0), environment)
    case .module, .block:
      // Once a body pattern uses `...`, statements may follow what it names (semgrep).
      let items = Array(pattern.childIDs(p))
      if pattern[p].flags & PythonFlags.body != 0, items.count == 1, targetCount > 1,
        let name = loneStatementMetavariable(items[0])
      {
        return bind(name, .node(t), environment)
      }
      let open = items.contains { ellipsisItem($0) != nil }
      return distinctEnvironments(
        sequence(
          items, 0, Array(target.childIDs(t)), 0, environment, openEnd: open, statements: true))
    case .dictionary
    where pattern[p].flags & JavaScriptFlags.object == 0
      && !pattern.childIDs(p).contains { ellipsisItem($0) == .ellipsisMetavariable }:
      // A dict's entries match in any order, others around them once it has `...` (semgrep).
      let entries = pattern.childIDs(p).filter { ellipsisItem($0) == nil }
      guard entries.count < patternCount || entries.count == targetCount else { return [] }
      return unordered(entries, Array(target.childIDs(t)), environment)
    case .parameters, .tuple, .list, .set, .dictionary, .globalStatement,
      .nonlocalStatement, .withItems, .concatenatedString,
      .formattedString, .dottedName, .goStructType, .goInterfaceType:
      return sequence(
        Array(pattern.childIDs(p)), 0, Array(target.childIDs(t)), 0, environment, openEnd: false
      )
      .map(\.0)
    case .importFrom:
      let module = match(pattern.child(p, 0), target.child(t, 0), environment)
      return module.flatMap {
        unordered(Array(pattern.childIDs(p).dropFirst()), Array(target.childIDs(t).dropFirst()), $0)
      }
    case .comprehension:
      return slots(p, t, environment, lenient: [])
    case .returnStatement
    where patternCount == 1 && targetCount == 1 && target.child(t, 0) == SyntaxTree.absent
      && pattern.child(p, 0) != SyntaxTree.absent && pattern[pattern.child(p, 0)].kind == .ellipsis:
      // `return ...` also names a bare `return` (semgrep).
      return [environment]
    case .exceptClause
    where pattern.child(p, 0) != SyntaxTree.absent && pattern[pattern.child(p, 0)].kind == .ellipsis
      && pattern.child(p, 1) == SyntaxTree.absent:
      // `except ...:` takes any handler, a bare one or one with `as` too (semgrep).
      return match(pattern.child(p, 2), target.child(t, 2), environment)
    default:
      guard patternCount == targetCount else { return [] }
      return slots(p, t, environment, lenient: lenientSlots(kind))
    }
  }

  /// Optional parts a pattern may leave out and still match code that has them.
  func lenientSlots(_ kind: NodeKind) -> SlotSet {
    switch kind {
    case .functionDefinition: return [0, 3, 5]
    case .instanceOf: return [2]
    case .annotatedAssignment: return [3]
    case .classDefinition: return [0, 2]
    case .ifStatement: return [2, 3]
    case .whileStatement: return [2]
    case .forStatement: return [3]
    case .tryStatement: return [1]
    case .parameter: return [1, 2, 3]
    case .raiseStatement: return [1]
    case .importAlias, .goImport, .goTypeDeclaration: return [1]
    case .lambda: return [2]
    case .annotatedAssignment: return [1]
    default: return []
    }
  }

  /// Matches children slot by slot, threading the environments.
  func slots(
    _ p: Int32, _ t: Int32, _ environment: Environment, lenient: SlotSet, count: Int? = nil
  ) -> [Environment] {
    let patternNode = pattern[p]
    let targetNode = target[t]
    guard patternNode.childCount == targetNode.childCount else { return [] }
    let total = min(count ?? Int(patternNode.childCount), Int(patternNode.childCount))
    // The first slot matched starts from `environment` itself, so a slot that fails early
    // allocates nothing.
    var current: [Environment] = []
    var started = false
    for offset in 0..<total {
      let child = pattern.children[Int(patternNode.firstChild) + offset]
      let other = target.children[Int(targetNode.firstChild) + offset]
      if child == SyntaxTree.absent && lenient.contains(offset) { continue }
      if offset == 5 && patternNode.kind == .functionDefinition && isJavaPattern {
        // A Java `throws` list is a set: the pattern's types among the method's, in any order.
        current = (started ? current : [environment]).flatMap { thrown(child, other, $0) }
        started = true
        if current.isEmpty { return [] }
        continue
      }
      if !started {
        current = match(child, other, environment)
        started = true
      } else if current.count == 1 {
        current = match(child, other, current[0])
      } else {
        var next: [Environment] = []
        for candidate in current {
          next += match(child, other, candidate)
          if next.count >= TreeMatcher.solutionLimit { break }
        }
        current = next
      }
      if current.isEmpty { return [] }
    }
    return started ? current : [environment]
  }

  /// `target = value` also matches each target of a chained assignment and an annotated one
  /// with a value, as semgrep does.
  func assignment(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let targetNode = target[t]
    let patternTarget = pattern.child(p, 0)
    let patternValue = pattern.child(p, 1)
    // Go's `:=` in a pattern names only `:=` in code; `=` names both (semgrep).
    let defines = pattern[p].flags & NodeFlags.goDefine
    guard defines & ~targetNode.flags == 0 else { return [] }
    switch targetNode.kind {
    case .assignment:
      let count = Int(targetNode.childCount)
      guard count >= 2 else { return [] }
      let value = target.child(t, count - 1)
      if count == 2 {
        return match(patternTarget, target.child(t, 0), environment).flatMap {
          match(patternValue, value, $0)
        }
      }
      // semgrep reads `a = b = c` as one assignment to all the targets: only a metavariable
      // target matches it, holding them all.
      guard pattern[patternTarget].kind == .metavariable else { return [] }
      let targets = Array(target.childIDs(t).dropLast())
      let span = Bound.nodes(
        targets, start: targetNode.start, end: target[targets[targets.count - 1]].end)
      return bind(pattern.text(of: patternTarget), span, environment).flatMap {
        match(patternValue, value, $0)
      }
    case .variableDeclaration:
      return declarationAsAssignment(p, t, environment)
    case .augmentedAssignment:
      return compoundAsAssignment(p, t, environment)
    case .annotatedAssignment:
      let value = target.child(t, 2)
      guard value != SyntaxTree.absent else { return [] }
      return match(patternTarget, target.child(t, 0), environment).flatMap {
        match(patternValue, value, $0)
      }
    default:
      return []
    }
  }

  /// `import $M` also matches `from m import n`, binding the module, as semgrep does.
  func importFrom(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var current = [environment]
    for alias in pattern.childIDs(p) {
      let dotted = pattern.child(alias, 0)
      guard pattern.child(alias, 1) == SyntaxTree.absent, pattern[dotted].childCount == 1,
        pattern[pattern.child(dotted, 0)].kind == .metavariable
      else { return [] }
      let name = pattern.text(of: pattern.child(dotted, 0))
      current = current.flatMap { bind(name, .node(target.child(t, 0)), $0) }
    }
    return current
  }
}
