import Foundation
import Rules

extension NodeFlags {
  /// `x++` rather than `++x`.
  static let postfix: UInt8 = 1
  /// The module of a Java file.
  static let javaModule: UInt8 = 2
  /// `x instanceof Point(int a, int b)`: a record pattern, not a type test.
  static let recordPattern: UInt8 = 1
  /// A pattern's `$S;`: any one statement.
  static let anyStatement: UInt8 = 64
  /// A Java pattern's `expression;`: the statements holding the expression.
  static let terminated: UInt8 = 32
}

/// What a Java `classDefinition` declares, in its flags.
enum JavaClassKind {
  static let `class`: UInt8 = 0
  static let `enum`: UInt8 = 1
  static let interface: UInt8 = 2
  static let record: UInt8 = 3
}

extension TreeMatcher {
  /// Whether a class pattern's kind admits the target's.
  ///
  /// `class` also names an enum (semgrep); other kinds must be the same. Python classes are all
  /// plain.
  func classKindsAgree(_ p: Int32, _ t: Int32) -> Bool {
    let wanted = pattern[p].flags
    let found = target[t].flags
    return wanted == found || (wanted == JavaClassKind.class && found == JavaClassKind.enum)
  }

  /// Whether the pattern is Java's: its flag bits mean other things in other languages (Go's
  /// `:=` shares `anyStatement`'s bit).
  var isJavaPattern: Bool { pattern[pattern.root].flags & NodeFlags.javaModule != 0 }
  var isJavaTree: Bool { target[target.root].flags & NodeFlags.javaModule != 0 }

  /// What semgrep's search of an expression statement (an assignment included) for a
  /// statement pattern's expression does not enter: either branch of `?:`, and an array's
  /// initializer; a declaration's or `return`'s value is searched whole.
  func isJavaOpaqueInStatement(_ id: Int32) -> Bool {
    switch target[id].kind {
    case .conditional: return true
    case .newArray: return target[id].childCount > 2
    default: return false
    }
  }

  /// A pattern's `$S;` against any statement, binding `$S` to it; as the unbraced body of an
  /// `if` or a loop it also takes a braced block of several statements, as semgrep.
  func anyStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let kind = target[t].kind
    if pattern[p].kind == .block {
      guard kind == .block else { return [] }
      let statements = target.childIDs(t)
      let statement = pattern.child(p, 0)
      let bound = statements.count == 1 ? statements[statements.startIndex] : t
      return bind(pattern.text(of: pattern.child(statement, 0)), .node(bound), environment)
    }
    guard kind != .module, kind != .block, !isExpression(kind) else { return [] }
    return bind(pattern.text(of: pattern.child(p, 0)), .node(t), environment)
  }

  /// The statement kinds a Java pattern's `expression;` is tried on.
  static let statementsHoldingExpressions: [NodeKind] = [
    .expressionStatement, .assignment, .augmentedAssignment, .annotatedAssignment,
    .returnStatement,
  ]

  /// The same in a Java file, where a lambda's expression body is a statement too (semgrep).
  static let javaStatementsHoldingExpressions = statementsHoldingExpressions + [.lambda]

  /// A Java pattern's `expression;` against a statement: the statement's own expression, or
  /// one within its expressions (semgrep; a condition of an `if` is not among them).
  func terminatedStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let kind = target[t].kind
    if pattern[pattern.child(p, 0)].kind == .deepExpression {
      let direct =
        kind == .expressionStatement
        ? match(pattern.child(p, 0), target.child(t, 0), environment) : []
      return direct.isEmpty ? deepInStatement(pattern.child(p, 0), t, environment) : direct
    }
    let expression = pattern.child(p, 0)
    if kind == .lambda {
      // An expression body, which semgrep reads as an expression statement.
      let body = target.child(t, 1)
      guard isJavaTree, body != SyntaxTree.absent, target[body].kind != .block else { return [] }
      return deep(expression, body, environment, inStatement: true)
    }
    guard TreeMatcher.statementsHoldingExpressions.contains(kind) else { return [] }
    if kind == .expressionStatement {
      let direct = match(pattern.child(p, 0), target.child(t, 0), environment)
      if !direct.isEmpty { return direct }
    }
    let opaque = kind != .annotatedAssignment && kind != .returnStatement
    var results: [Environment] = []
    for child in target.childIDs(t) where child != SyntaxTree.absent {
      results += deep(expression, child, environment, inStatement: opaque)
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// A method pattern's `throws` types against a method's: each is one of them, in any order,
  /// and others may follow (semgrep).
  func thrown(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard t != SyntaxTree.absent else { return [] }
    var current = [environment]
    for type in pattern.childIDs(p) where pattern[type].kind != .ellipsis {
      var next: [Environment] = []
      for candidate in current {
        for other in target.childIDs(t) { next += match(type, other, candidate) }
        if next.count >= TreeMatcher.solutionLimit { break }
      }
      current = next
      if current.isEmpty { return [] }
    }
    return current
  }

  /// `e. ...` against `e` itself or `e` with fields and calls chained after it (semgrep).
  func chainEllipsis(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let inner = pattern.child(p, 0)
    var results: [Environment] = []
    var node = t
    while true {
      results += match(inner, node, environment)
      guard results.count < TreeMatcher.solutionLimit else { break }
      switch target[node].kind {
      case .attribute, .call: node = target.child(node, 0)
      default: return results
      }
    }
    return results
  }

  /// A pattern of annotations alone (`@Consumes("*/*")`): one annotation is found among any
  /// declaration's, and the match is that annotation; several match the declaration's list.
  func annotationMatches(_ root: Int32) -> [(start: Int32, end: Int32, Environment)] {
    var found: [(start: Int32, end: Int32, Environment)] = []
    let wanted = pattern.childIDs(root)
    for list in target.nodes(of: .decorators) where isCandidate(list) {
      guard wanted.count == 1, let only = wanted.first else {
        for environment in match(root, list, Environment()) {
          found.append((target[list].start, target[list].end, environment))
        }
        continue
      }
      for item in target.childIDs(list) where isCandidate(item) {
        // An annotation's range starts at its `@`, which its node leaves out.
        let start = target[item].start
        let at = start > 0 && target.source.bytes[Int(start) - 1] == UInt8(ascii: "@")
        for environment in decorator(only, item, Environment()) {
          found.append((at ? start - 1 : start, target[item].end, environment))
        }
      }
    }
    return found
  }

  /// `new $T(...)` also matches an array creation, `$T` standing for the element type.
  func newArrayAsObject(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let type = pattern.child(p, 0)
    let arguments = pattern.childIDs(pattern.child(p, 1))
    guard pattern[type].kind == .metavariable, pattern.child(p, 2) == SyntaxTree.absent,
      arguments.allSatisfy({ pattern[$0].kind == .ellipsis })
    else { return [] }
    return bind(pattern.text(of: type), .node(target.child(t, 0)), environment)
  }

  /// A pattern's qualified name against a name a wildcard import brings in (`import java.io.*`
  /// for `File` or `import static java.lang.Runtime.*` for `getRuntime`), as semgrep resolves
  /// them.
  func matchThroughWildcardImports(_ p: Int32, _ t: Int32) -> Bool {
    guard pattern[p].kind == .attribute, !target.importAliases.isEmpty else { return false }
    if declaredTypes.wildcards == nil {
      declaredTypes.wildcards = target.importAliases.keys.filter { $0.hasPrefix("*") }.map {
        $0.dropFirst().split(separator: ".").map(String.init)
      }
    }
    guard let wildcards = declaredTypes.wildcards, !wildcards.isEmpty,
      let wanted = dottedPath(p, in: pattern), let written = dottedPath(t, in: target),
      let root = written.first, target.importAliases[root] == nil
    else { return false }
    return wildcards.contains { $0 + written == wanted }
  }

  /// Nodes of a Java file that look like expressions but are names or types (a method's name,
  /// a member name, a declared type): semgrep's `$X` never stands for them alone.
  func javaNames() -> Set<Int32> {
    guard target[target.root].flags & NodeFlags.javaModule != 0 else { return [] }
    return target.facts.nodes("javaNames") { computeJavaNames() }
  }

  private func computeJavaNames() -> Set<Int32> {
    var names = Set<Int32>()
    func addTree(_ id: Int32) {
      guard id != SyntaxTree.absent else { return }
      var stack = [id]
      while let next = stack.popLast() {
        names.insert(next)
        stack += target.childIDs(next).filter { $0 != SyntaxTree.absent }
      }
    }
    for id in target.order {
      let node = target[id]
      switch node.kind {
      case .functionDefinition:
        names.insert(target.child(id, 1))
        addTree(target.child(id, 3))
        addTree(target.child(id, 5))
      case .classDefinition:
        names.insert(target.child(id, 1))
        addTree(target.child(id, 2))
      case .parameter:
        names.insert(target.child(id, 0))
        addTree(target.child(id, 1))
      case .annotatedAssignment:
        addTree(target.child(id, 1))
        if target.child(id, 2) == SyntaxTree.absent { names.insert(target.child(id, 0)) }
      case .decorators:
        // Modifiers and an annotation's name before its arguments are not expressions; a bare
        // annotation's name is one for semgrep.
        names.insert(id)
        for child in target.childIDs(id) {
          if target[child].kind == .constant { names.insert(child) }
          if target[child].kind == .call {
            names.insert(child)
            addTree(target.child(child, 0))
          }
        }
      case .importStatement, .importFrom:
        addTree(id)
      case .attribute, .methodReference:
        names.insert(target.child(id, 1))
      case .newObject, .newArray, .cast, .typedMetavariable:
        addTree(target.child(id, 0))
      case .instanceOf:
        addTree(target.child(id, 1))
        names.insert(target.child(id, 2))
      case .exceptClause:
        addTree(target.child(id, 0))
        names.insert(target.child(id, 1))
      default:
        break
      }
    }
    return names
  }
}
