import Foundation

/// A Java expression's static type as semgrep knows it: a type written in the file, or a
/// literal's type by name.
enum JavaType {
  case written(Int32)
  case named(String)
}

extension TreeMatcher {
  /// `(Type $X)`: an expression whose type semgrep knows to be `Type`, bound to `$X`.
  ///
  /// semgrep knows the types of locals (`var` from a `new` or a cast), parameters, fields,
  /// enhanced-`for` variables, `this.field` and `e.name` (typed as `name`), literals other than characters, casts and `new`;
  /// not of calls, catch parameters or `instanceof` bindings.
  ///
  /// Types are compared as semgrep compares them: by `JavaTypeTable.typeClass`, so `(long $X)`
  /// also matches an `int`, and a cast has its own type and its operand's.
  func typedMetavariable(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var types: [JavaType] = []
    var node = t
    while target[node].kind == .cast {
      types.append(.written(target.child(node, 0)))
      node = target.child(node, 1)
    }
    if let type = javaType(of: node) { types.append(type) }
    let patternType = pattern.child(p, 0)
    let patternClass =
      pattern[patternType].kind == .identifier
      ? JavaTypeTable.typeClass(pattern.text(of: patternType)) : nil
    let name = pattern.text(of: pattern.child(p, 1))
    var matched: [Environment] = []
    for type in types {
      switch type {
      case .written(let id):
        if let patternClass, target[id].kind == .identifier {
          if JavaTypeTable.typeClass(target.text(of: id)) == patternClass {
            matched.append(environment)
          }
        } else {
          matched += matchJavaType(patternType, id, environment)
        }
      case .named(let word):
        switch pattern[patternType].kind {
        case .identifier:
          if JavaTypeTable.typeClass(word) == patternClass { matched.append(environment) }
        // The type has no text in the file; the literal stands for it.
        case .metavariable: matched += bind(pattern.text(of: patternType), .node(t), environment)
        default: break
        }
      }
      // One way to match is enough where the bindings cannot differ.
      if !matched.isEmpty && pattern[patternType].kind != .metavariable { break }
    }
    return matched.flatMap { bind(name, .node(t), $0) }
  }

  /// The declared type of a name, from the file's table, built on first use and shared by every
  /// pattern matched against the file.
  func declaredType(_ t: Int32) -> JavaType? {
    let table = target.facts.value("javaTypes") { () -> [Int32: JavaType] in
      var builder = JavaTypeTable(tree: target)
      builder.run()
      return builder.table
    }
    return table[t]
  }

  /// A type's class (`JavaTypeTable.typeClass`) when it is a plain name, for the arithmetic
  /// of types.
  func typeClass(_ type: JavaType?) -> String? {
    switch type {
    case .named(let name): return JavaTypeTable.typeClass(name)
    case .written(let id):
      guard target[id].kind == .identifier else { return nil }
      return JavaTypeTable.typeClass(target.text(of: id))
    case nil: return nil
    }
  }

  /// A pattern type against a written one: `List` also names `List<String>`, as semgrep.
  func matchJavaType(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let direct = match(p, t, environment)
    if !direct.isEmpty || pattern[p].kind == .genericType { return direct }
    guard target[t].kind == .genericType else { return [] }
    return match(p, target.child(t, 0), environment)
  }

  func javaType(of t: Int32) -> JavaType? {
    let node = target[t]
    switch node.kind {
    case .attribute where target.textEquals(target.child(t, 1), "length"):
      // An array's length.
      if case .written(let type) = javaType(of: target.child(t, 0)) ?? .named(""),
        target[type].kind == .arrayType
      {
        return .named("int")
      }
      return declaredType(t)
    case .comparison, .booleanOperation:
      return .named("boolean")
    case .unaryOperation:
      return node.op == .not ? .named("boolean") : nil
    case .binaryOperation:
      // semgrep types `+`, `-`, `*` and `%` of two integers (in its sense: `int`, `long`,
      // `short` and their boxes); not `/`, other operators, nor any arithmetic of `byte`,
      // `char` or floating point.
      guard [.add, .subtract, .multiply, .modulo].contains(node.op),
        typeClass(javaType(of: target.child(t, 0))) == "int",
        typeClass(javaType(of: target.child(t, 1))) == "int"
      else { return nil }
      return .named("int")
    case .identifier, .attribute:
      return declaredType(t)
    case .string:
      return .named("String")
    case .number:
      return .named(JavaTypeTable.numberType(target.text(of: t)))
    case .constant:
      return target.textEquals(t, "true") || target.textEquals(t, "false") ? .named("boolean") : nil
    case .cast, .newObject:
      return .written(target.child(t, 0))
    default:
      return nil
    }
  }
}

/// Walks a Java tree with its scopes and records, for each use of a variable, the type its
/// declaration wrote.
struct JavaTypeTable {
  let tree: SyntaxTree
  var table: [Int32: JavaType] = [:]
  var scopes: [[String: JavaType]] = [[:]]
  /// Indices into `scopes` of the enclosing classes' field scopes.
  var classScopes: [Int] = []
  var depth = 0
  /// Deeper than the matcher goes, names are not typed.
  static let maxDepth = 1500

  init(tree: SyntaxTree) {
    self.tree = tree
  }

  static let numeric: Set<String> = ["int", "long", "float", "double", "short", "byte", "char"]

  /// How semgrep compares Java types: `int`, `long`, `short` and their boxes are one type,
  /// `double`, `float` and theirs another, `boolean` and `Boolean` a third; `byte`, `char` and
  /// every other type only themselves.
  static func typeClass(_ name: String) -> String {
    switch name {
    case "int", "long", "short", "Integer", "Long", "Short": return "int"
    case "double", "float", "Double", "Float": return "double"
    case "boolean", "Boolean": return "boolean"
    default: return name
    }
  }

  static func numberType(_ text: String) -> String {
    let lower = text.lowercased()
    if lower.hasSuffix("l") { return "long" }
    let isHex = lower.hasPrefix("0x")
    if !isHex && lower.hasSuffix("f") { return "float" }
    if !isHex && (lower.hasSuffix("d") || lower.contains(".") || lower.contains("e")) {
      return "double"
    }
    if isHex && lower.contains("p") { return lower.hasSuffix("f") ? "float" : "double" }
    return "int"
  }

  mutating func run() { visit(tree.root) }

  func lookup(_ name: String) -> JavaType? {
    for scope in scopes.reversed() {
      if let found = scope[name] { return found }
    }
    return nil
  }

  mutating func declare(_ nameNode: Int32, _ type: JavaType?) {
    guard let type, nameNode != SyntaxTree.absent, tree[nameNode].kind == .identifier else {
      return
    }
    scopes[scopes.count - 1][tree.text(of: nameNode)] = type
  }

  /// The type a declaration gives its name; `var` takes a `new`'s or a cast's type.
  func declaredType(_ type: Int32, value: Int32) -> JavaType? {
    guard type != SyntaxTree.absent else { return nil }
    if tree[type].kind == .identifier && tree.textEquals(type, "var") {
      guard value != SyntaxTree.absent else { return nil }
      switch tree[value].kind {
      case .newObject, .cast: return .written(tree.child(value, 0))
      case .string: return .named("String")
      default: return nil
      }
    }
    return .written(type)
  }

  mutating func visitAll(_ ids: ArraySlice<Int32>) {
    for id in ids where id != SyntaxTree.absent { visit(id) }
  }

  mutating func withScope(_ body: (inout JavaTypeTable) -> Void) {
    scopes.append([:])
    body(&self)
    scopes.removeLast()
  }

  /// Fields of a class body are visible throughout it.
  mutating func visitClassBody(_ body: Int32) {
    guard body != SyntaxTree.absent else { return }
    withScope { table in
      table.classScopes.append(table.scopes.count - 1)
      for member in table.tree.childIDs(body) where table.tree[member].kind == .annotatedAssignment
      {
        let type = table.tree.child(member, 1)
        table.declare(
          table.tree.child(member, 0),
          table.declaredType(type, value: table.tree.child(member, 2)))
      }
      for member in table.tree.childIDs(body) {
        if table.tree[member].kind == .annotatedAssignment {
          let value = table.tree.child(member, 2)
          if value != SyntaxTree.absent { table.visit(value) }
        } else {
          table.visit(member)
        }
      }
      table.classScopes.removeLast()
    }
  }

  mutating func declareParameters(_ parameters: Int32) {
    guard parameters != SyntaxTree.absent else { return }
    for parameter in tree.childIDs(parameters) where tree[parameter].kind == .parameter {
      declare(tree.child(parameter, 0), declaredType(tree.child(parameter, 1), value: -1))
    }
  }

  mutating func visit(_ id: Int32) {
    guard depth < JavaTypeTable.maxDepth else { return }
    depth += 1
    defer { depth -= 1 }
    let node = tree[id]
    let children = tree.childIDs(id)
    switch node.kind {
    case .identifier:
      if let type = lookup(tree.text(of: id)) { table[id] = type }
    case .attribute:
      // `this.f` has the type of the class's field `f`; semgrep gives `e.f` on any other
      // receiver the type of whatever `f` names where it is written (a local, a parameter,
      // a field of an enclosing class), whatever `e`'s own type.
      let object = tree.child(id, 0)
      let name = tree.text(of: tree.child(id, 1))
      if tree[object].kind == .identifier && tree.textEquals(object, "this") {
        if let fields = classScopes.last, let type = scopes[fields][name] { table[id] = type }
      } else if let type = lookup(name) {
        table[id] = type
      }
      visit(object)
    case .classDefinition:
      visitClassBody(tree.child(id, 3))
    case .newObject:
      visit(tree.child(id, 1))
      visitClassBody(tree.child(id, 2))
    case .functionDefinition, .lambda:
      let isFunction = node.kind == .functionDefinition
      withScope { table in
        table.declareParameters(table.tree.child(id, isFunction ? 2 : 0))
        let body = table.tree.child(id, isFunction ? 4 : 1)
        if body != SyntaxTree.absent { table.visit(body) }
      }
    case .forClassic:
      withScope { table in
        for item in table.tree.childIDs(table.tree.child(id, 0)) {
          guard table.tree[item].kind == .parameter else {
            table.visit(item)
            continue
          }
          let value = table.tree.child(item, 2)
          if value != SyntaxTree.absent { table.visit(value) }
          table.declare(
            table.tree.child(item, 0), table.declaredType(table.tree.child(item, 1), value: value))
        }
        table.visitAll(children.dropFirst())
      }
    case .block, .module, .tryStatement:
      withScope { table in
        // A try's resources (slot 4) come before its body.
        if node.kind == .tryStatement, node.childCount > 4 {
          let resources = table.tree.child(id, 4)
          if resources != SyntaxTree.absent { table.visit(resources) }
          table.visitAll(children.prefix(4))
        } else {
          table.visitAll(children)
        }
      }
    case .withItems:
      visitAll(children)
    case .annotatedAssignment:
      let value = tree.child(id, 2)
      if value != SyntaxTree.absent { visit(value) }
      let name = tree.child(id, 0)
      declare(name, declaredType(tree.child(id, 1), value: value))
      // semgrep types the declared name itself too, when it is initialized.
      if value != SyntaxTree.absent, tree[name].kind == .identifier,
        let type = lookup(tree.text(of: name))
      {
        table[name] = type
      }
    case .forStatement:
      withScope { table in
        let parameter = table.tree.child(id, 0)
        table.visit(table.tree.child(id, 1))
        if table.tree[parameter].kind == .parameter {
          table.declare(
            table.tree.child(parameter, 0),
            table.declaredType(table.tree.child(parameter, 1), value: -1))
        }
        table.visit(table.tree.child(id, 2))
      }
    case .exceptClause:
      withScope { table in table.visit(table.tree.child(id, 2)) }
    case .call:
      let callee = tree.child(id, 0)
      if tree[callee].kind != .identifier { visit(callee) }
      visit(tree.child(id, 1))
    case .cast, .keywordArgument:
      visit(tree.child(id, 1))
    case .instanceOf, .methodReference:
      visit(tree.child(id, 0))
    case .newArray:
      visitAll(children.dropFirst())
    case .parameter, .parameters, .decorators, .genericType, .arrayType, .importStatement,
      .importFrom:
      break
    default:
      visitAll(children)
    }
  }
}
