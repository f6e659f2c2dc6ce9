import Foundation
import Rules

/// What a node is, shared by every language's parser so that one matcher serves them all.
///
/// Child slots are fixed per kind (documented on each case); an absent optional child is stored
/// as `SyntaxTree.absent`.
public enum NodeKind: UInt8, Sendable, CaseIterable {
  /// Statements of a file.
  case module
  /// Statements of a body.
  case block
  /// Source the parser could not read; its range is kept so findings can still point at it.
  case error
  /// [expression]
  case expressionStatement
  /// [target..., value]
  case assignment
  /// [target, value]; `op` holds the operator.
  case augmentedAssignment
  /// [target, annotation, value?], and in Java [decorators?] for a declaration's modifiers.
  case annotatedAssignment
  /// [decorators, name, parameters, returnType?, body]; flag `isAsync`. Java adds [throws?].
  case functionDefinition
  /// [decorators, name, bases?, body]; JavaScript adds [superTypes?] for `implements`.
  case classDefinition
  /// [decorator expression...]
  case decorators
  /// [parameter...]
  case parameters
  /// [name?, annotation?, default?]; flags tell `*`, `**`, `/` and a bare `*`. Java adds
  /// [decorators?] for a parameter's annotations and `final`.
  case parameter
  /// [value?]
  case returnStatement
  /// [exception?, cause?]
  case raiseStatement
  case passStatement
  /// [label?] in Go; no children in Python.
  case breakStatement
  /// [label?] in Go; no children in Python.
  case continueStatement
  /// [identifier...]
  case globalStatement
  /// [identifier...]
  case nonlocalStatement
  /// [target...]
  case deleteStatement
  /// [test, message?]
  case assertStatement
  /// [test, body, orElse?]; an `elif` is an `orElse` block holding one `ifStatement`.
  case ifStatement
  /// [target, iterable, body, orElse?]; flag `isAsync`.
  case forStatement
  /// [test, body, orElse?]
  case whileStatement
  /// [body, handlers, orElse?, finally?]
  case tryStatement
  /// [exceptClause...]
  case exceptClauses
  /// [type?, name?, body]
  case exceptClause
  /// [withItems, body]; flag `isAsync`.
  case withStatement
  /// [withItem...]
  case withItems
  /// [context, target?]
  case withItem
  /// [importAlias...]
  case importStatement
  /// [module, importAlias...]; `module` is a dotted name whose text keeps the leading dots.
  case importFrom
  /// [dottedName, alias?]
  case importAlias
  /// [identifier...]
  case dottedName
  /// `*` in `from m import *`.
  case importAll
  /// [callee, arguments]
  case call
  /// [argument...]
  case arguments
  /// [name, value]
  case keywordArgument
  /// [value] for `*value`.
  case starArgument
  /// [value] for `**value`.
  case doubleStarArgument
  /// [object, name]
  case attribute
  /// [object, index]
  case `subscript`
  /// [lower?, upper?, step?]
  case slice
  /// Text is the name.
  case identifier
  /// Text is the content between the quotes, escapes untouched; flags tell raw and bytes.
  case string
  /// [string...] for adjacent literals.
  case concatenatedString
  /// [expression...] for the `{}` parts; text is the content between the quotes.
  case formattedString
  /// Text is the literal.
  case number
  /// `True`, `False`, `None`; text is the word.
  case constant
  /// `...`: the ellipsis literal in code, the ellipsis operator in a pattern.
  case ellipsis
  /// [left, right]; `op` holds the operator.
  case binaryOperation
  /// [operand]; `op` holds the operator.
  case unaryOperation
  /// [left, right]; `op` is `and` or `or`.
  case booleanOperation
  /// [left, right]; `op` holds the comparison.
  case comparison
  /// [parameters, body]; JavaScript adds [returnType?].
  case lambda
  /// [body, test, orElse]
  case conditional
  /// [element, clause...]; flags tell list, set, dict or generator.
  case comprehension
  /// [target, iterable, condition...]; flag `isAsync`.
  case comprehensionClause
  /// [element...]
  case tuple
  /// [element...]
  case list
  /// [element...]
  case set
  /// [pair or doubleStarArgument...]
  case dictionary
  /// [key, value]
  case pair
  /// [value] for `*value` in a display or target.
  case starred
  /// [value]
  case await
  /// [value?]
  case yield
  /// [value]
  case yieldFrom
  /// [target, value] for `:=`.
  case namedExpression
  /// A pattern's `$X`; text is the name with its `$`.
  case metavariable
  /// A pattern's `$...X`; text is the name with its `$...`.
  case ellipsisMetavariable
  /// [expression] for a pattern's `<... expression ...>`.
  case deepExpression
  /// [subject, caseClause...] for Python's `match`.
  case matchStatement
  /// [pattern, guard?, body]
  case caseClause
  /// [pattern, name] for `pattern as name` in a case pattern.
  case asPattern
  /// [name, value] for `type Name = value`.
  case typeAlias

  // Java
  /// [type, metavariable] for a pattern's `(Type $X)`: an expression of that type.
  case typedMetavariable
  /// [type, operand] for `(Type) operand`.
  case cast
  /// [operand, type, binding?] for `operand instanceof Type name`.
  case instanceOf
  /// [type, arguments, body?] for `new Type(arguments) { body }`.
  case newObject
  /// [type, dimensions (tuple; an empty `[]` is an empty constant), initializer?]
  case newArray
  /// [object, name] for `object::name`.
  case methodReference
  /// [element] for `element[]`.
  case arrayType
  /// [base, argument...] for `Base<argument, ...>`.
  case genericType
  /// [initializers (block), condition?, updates (block), body] for `for (init; cond; update)`.
  case forClassic
  /// [operand] for `++`/`--`; `op` is `add` or `subtract`, flag `postfix` for `x++`.
  case increment
  /// [type...] a class's `extends` and `implements`: a pattern's types match in any order.
  case superTypes
  /// A pattern construct the matcher cannot match faithfully (its source is the construct):
  /// `PatternParser` refuses such a pattern with `MatchingError.unsupported`.
  case unsupportedConstruct

  // Go
  /// [name] for `package name`.
  case goPackage
  /// [path, alias?] for one import spec; the alias is a name, `_` or `.`.
  case goImport
  /// [name, typeParameters?, type]; flag `goAlias` for `type A = B`.
  case goTypeDeclaration
  /// [operand] for `*x`: a dereference or a pointer type, which a parser cannot tell apart.
  case goStar
  /// [operand] for `&x`.
  case goAddress
  /// [operand] for `<-ch`.
  case goReceive
  /// [channel, value] for `ch <- value`.
  case goSend
  /// [operand]; `op` is `add` for `x++` and `subtract` for `x--`.
  case goIncrement
  /// [call] for `defer call`.
  case goDefer
  /// [call] for `go call`.
  case goStatement
  /// [expression, type?] for `x.(T)`; no type for `x.(type)`.
  case goTypeAssertion
  /// [type?, arguments] for `T{...}`; a `Name: value` element is a keyword argument, any
  /// other keyed element a pair.
  case goCompositeLiteral
  /// [element] for `[]T`.
  case goSliceType
  /// [length, element] for `[n]T`; the length is an ellipsis for `[...]T`.
  case goArrayType
  /// [key, value] for `map[K]V`.
  case goMapType
  /// [element] for `chan T`; flags tell send-only and receive-only.
  case goChannelType
  /// [parameters, results?]
  case goFunctionType
  /// [field...]
  case goStructType
  /// [element...]: methods (fields of function type), embedded types and unions.
  case goInterfaceType
  /// [name?, type, tag?]
  case goField
  /// [init?, tag?, goCaseClause...]; the tag of a type switch is its guard statement.
  case goSwitch
  /// [goCaseClause...]
  case goSelect
  /// [values?, body]: no values for `default`; a select's values are one statement.
  case goCaseClause
  /// [label, statement?]
  case goLabeled
  /// [label]
  case goGoto
  case goFallthrough
  /// [metavariable, type] for a pattern's `($X : T)`.
  case goTypedMetavariable
  /// [body] for a pattern's `for ... { }`, which any loop matches.
  case goAnyLoop
  /// [type, arguments] for a conversion to a type written with brackets or a keyword
  /// (`[]byte(s)`), which semgrep does not read as a call.
  case goConversion

  // JavaScript and TypeScript
  /// [target, value?, type?] for one declarator of `var`, `let` or `const` (the type slot
  /// only when one is written); flags tell which
  /// (`JavaScriptFlags`), and each declarator of a list is a statement of its own.
  case variableDeclaration
  /// [callee, arguments] for `new X(...)`, which semgrep keeps apart from a call.
  case newExpression
  /// [part...]: template text as `string` nodes between the substituted expressions; text is
  /// the content between the backquotes.
  case templateLiteral
  /// A regular expression literal; text is the whole literal.
  case regexLiteral
  /// [operand] for `typeof`, `void` and `delete`; text is the keyword.
  case unaryKeyword
  /// [operand] for `++` and `--`; `op` is add or subtract, flag `prefix` when written first.
  case update
  /// [init?, test?, update?, body] for `for (init; test; update)`.
  case jsFor
  /// [body, test]
  case doWhileStatement
  /// [discriminant, caseClause...]; a clause is [test?, absent, body], `default` without test.
  case switchStatement
  /// [name?, attributes, children]; a fragment `<>` has no name.
  case jsxElement
  /// [jsxAttribute or starred...]
  case jsxAttributes
  /// [name, value?]
  case jsxAttribute
  /// [child...]: elements, expressions and text.
  case jsxChildren
  /// Text between JSX tags; text is the text.
  case jsxText
  /// [operand, type] for `x as T` and `<T>x`: code that names no cast matches the operand
  /// too, as semgrep.
  case tsCast
  /// [operand, type] for `x satisfies T`.
  case tsSatisfies
  /// [operand] for TypeScript's non-null assertion `x!`.
  case tsNonNull
  /// [left, right] for the type `A | B`, left-associative.
  case tsUnionType
  /// [left, right] for the type `A & B`, left-associative.
  case tsIntersectionType
  /// [element...] for the tuple type `[A, B]`.
  case tsTupleType
  /// [parameters, returnType] for the function type `(a: A) => R`.
  case tsFunctionType
  /// [type...] for the type arguments of a call `f<A, B>(...)`.
  case tsTypeArguments
  /// A type the matcher keeps whole (mapped, conditional and template literal types, type
  /// predicates, constructor and generic function types, labelled tuples, object-type members
  /// other than properties): patterns may not name one, and two compare by their text.
  case tsOpaqueType
  /// [name, extends (arguments)?] for `interface Name extends A, B { ... }`: semgrep matches
  /// no member of the body.
  case tsInterface

  // Bash, Dockerfile and YAML, matched by `StructuredMatcher` (see `LanguageDefinition`).
  /// [word...] a simple command: its range starts at a leading `NAME=value` and ends before
  /// its redirections.
  case shCommand
  /// [left, right]; `op` is `bitOr` for `|`, `and` for `&&`, `or` for `||`.
  case shBinary
  /// [part...] a word of several parts (`"a $b"`, `x$(y)`).
  case shWord
  /// `$X`, `${X}`, `${X:-y}`; text is the variable's name.
  case shExpansion
  /// [statements] `$(...)`, backticks, `<(...)`, `>(...)`.
  case shSubstitution
  /// [name, value?] `NAME=value`; in a Dockerfile `ENV`/`ARG`/`LABEL` entry too.
  case shAssignment
  /// [head..., body...]: `for`, `while`, `if`, `case`, a function, a subshell or `{ }` group;
  /// text is the keyword (`for`, `if`, `function`, `(`, `{`).
  case shCompound
  /// [argument...] one Dockerfile instruction; text is its keyword.
  case dockerInstruction
  /// [name, tag?, digest?] a `FROM` image: tag and digest are optional in a pattern.
  case dockerImage
  /// [pair or ellipsis...]: entries match in any order.
  case yamlMapping
  /// [key, value]
  case yamlPair
  /// [item...]
  case yamlSequence
  /// `*name`; text is the name.
  case yamlAlias
}

/// An operator, kept as a code rather than text so that spelling and spacing never matter.
public enum Operator: UInt8, Sendable {
  case none
  case add, subtract, multiply, matrixMultiply, divide, floorDivide, modulo, power
  case leftShift, rightShift, bitOr, bitXor, bitAnd
  case and, or, not, invert, plus, minus
  case equal, notEqual, less, lessEqual, greater, greaterEqual, `is`, isNot, `in`, notIn
}

/// One node: a few integers so a file's tree is a pair of flat arrays.
public struct Node: Sendable {
  public var kind: NodeKind
  public var op: Operator
  public var flags: UInt8
  /// Byte offsets of the node's source, end exclusive.
  public var start: Int32
  public var end: Int32
  /// Byte offsets of the text that identifies a leaf (a name, a string's content).
  public var textStart: Int32
  public var textEnd: Int32
  /// Where the node's children start in `SyntaxTree.children`, and how many there are.
  public var firstChild: Int32
  public var childCount: Int32
}

/// Flag bits of `Node.flags`.
public enum NodeFlags {
  public static let isAsync: UInt8 = 1
  public static let star: UInt8 = 2
  public static let doubleStar: UInt8 = 4
  public static let slash: UInt8 = 8
  public static let raw: UInt8 = 16
  public static let bytes: UInt8 = 32
  /// Comprehension flavours.
  public static let listComprehension: UInt8 = 0
  public static let setComprehension: UInt8 = 1
  public static let dictComprehension: UInt8 = 2
  public static let generator: UInt8 = 3
}

/// A warning from parsing: the file still matches as far as it parsed.
public struct ParseWarning: Hashable, Sendable, CustomStringConvertible {
  public let position: Position
  public let message: String

  public init(position: Position, message: String) {
    self.position = position
    self.message = message
  }

  public var description: String { "\(position): \(message)" }
}

/// A parsed file: flat node arrays, the text, warnings, and what imports make names stand for.
public struct SyntaxTree: Sendable {
  /// Marks an absent optional child.
  public static let absent: Int32 = -1

  public let source: SourceFile
  public let nodes: [Node]
  public let children: [Int32]
  public let root: Int32
  public let warnings: [ParseWarning]
  /// Local name to the dotted name it was imported as (`import a.b as c` gives `c: a.b`).
  public let importAliases: [String: String]
  /// Node sets the matchers derive from the whole tree, computed once per tree.
  let facts = TreeFacts()
  /// Each alias name's bytes with its full name's components, by a hash of the name, so the
  /// matcher's frequent "is this name an alias, and of what?" allocates nothing.
  let importAliasIndex: [UInt64: [(name: [UInt8], path: [String])]]
  /// Reachable nodes, parents before children; error recovery can leave unreachable ones.
  public let order: [Int32]
  /// Reachable nodes of each kind (indexed by `NodeKind.rawValue`), in `order`, so a pattern
  /// visits only the nodes it could match.
  let byKind: [[Int32]]

  init(
    source: SourceFile, nodes: [Node], children: [Int32], root: Int32, warnings: [ParseWarning],
    importAliases: [String: String]
  ) {
    self.source = source
    self.nodes = nodes
    self.children = children
    self.root = root
    self.warnings = warnings
    self.importAliases = importAliases
    var index: [UInt64: [(name: [UInt8], path: [String])]] = [:]
    for (alias, full) in importAliases {
      let name = Array(alias.utf8)
      index[SyntaxTree.nameHash(name[...]), default: []].append(
        (name, SyntaxTree.components(of: full)))
    }
    importAliasIndex = index
    var order: [Int32] = []
    order.reserveCapacity(nodes.count)
    var counts = [Int](repeating: 0, count: NodeKind.allCases.count)
    for node in nodes { counts[Int(node.kind.rawValue)] += 1 }
    var byKind = counts.map { count -> [Int32] in
      var list: [Int32] = []
      list.reserveCapacity(count)
      return list
    }
    var stack: [Int32] = [root]
    while let id = stack.popLast() {
      order.append(id)
      let node = nodes[Int(id)]
      byKind[Int(node.kind.rawValue)].append(id)
      let first = Int(node.firstChild)
      for index in stride(from: first + Int(node.childCount) - 1, through: first, by: -1) {
        let child = children[index]
        if child != SyntaxTree.absent { stack.append(child) }
      }
    }
    self.order = order
    self.byKind = byKind
  }

  /// Reachable nodes of one kind, parents before children.
  public func nodes(of kind: NodeKind) -> [Int32] { byKind[Int(kind.rawValue)] }

  /// The node with this id.
  @inline(__always) public subscript(_ id: Int32) -> Node { nodes[Int(id)] }

  /// The ids of a node's children (absent slots included).
  public func childIDs(_ id: Int32) -> ArraySlice<Int32> {
    let node = nodes[Int(id)]
    let first = Int(node.firstChild)
    return children[first..<first + Int(node.childCount)]
  }

  /// Child `index` of a node, or `absent`.
  @inline(__always) public func child(_ id: Int32, _ index: Int) -> Int32 {
    let node = nodes[Int(id)]
    guard index < Int(node.childCount) else { return SyntaxTree.absent }
    return children[Int(node.firstChild) + index]
  }

  /// A node's source range with lines and columns.
  public func range(of id: Int32) -> SourceRange {
    let node = nodes[Int(id)]
    return source.range(from: Int(node.start), to: Int(node.end))
  }

  /// A node's identifying text (a name, a string's content, a number).
  public func text(of id: Int32) -> String {
    let node = nodes[Int(id)]
    return source.text(from: Int(node.textStart), to: Int(node.textEnd))
  }

  /// A node's whole source text.
  public func sourceText(of id: Int32) -> String {
    let node = nodes[Int(id)]
    return source.text(from: Int(node.start), to: Int(node.end))
  }

  /// Whether two nodes' identifying texts are the same bytes.
  func sameText(_ a: Int32, _ b: Int32, other: SyntaxTree) -> Bool {
    let left = nodes[Int(a)]
    let right = other.nodes[Int(b)]
    let count = Int(left.textEnd - left.textStart)
    guard count == Int(right.textEnd - right.textStart) else { return false }
    let leftStart = Int(left.textStart)
    let rightStart = Int(right.textStart)
    for index in 0..<count
    where source.bytes[leftStart + index] != other.source.bytes[rightStart + index] {
      return false
    }
    return true
  }

  /// Whether a node's identifying text equals `string`.
  func textEquals(_ id: Int32, _ string: String) -> Bool {
    let node = nodes[Int(id)]
    let utf8 = string.utf8
    guard utf8.count == Int(node.textEnd - node.textStart) else { return false }
    var index = Int(node.textStart)
    for byte in utf8 {
      if source.bytes[index] != byte { return false }
      index += 1
    }
    return true
  }

  /// Every node reachable from the root, parents before children.
  public func preorder() -> [Int32] { order }
}

/// Collects nodes bottom-up while a parser runs.
struct TreeBuilder {
  var nodes: [Node] = []
  var children: [Int32] = []

  /// The finished tree of `file`, with the parser's warnings (byte offsets) placed by line
  /// and column.
  func tree(
    of file: SourceFile, root: Int32, warnings: [(offset: Int, message: String)],
    importAliases: [String: String]
  ) -> SyntaxTree {
    SyntaxTree(
      source: file, nodes: nodes, children: children, root: root,
      warnings: warnings.map {
        ParseWarning(position: file.position(at: $0.offset), message: $0.message)
      }, importAliases: importAliases)
  }

  mutating func add(
    _ kind: NodeKind, start: Int32, end: Int32, children kids: [Int32] = [],
    op: Operator = .none, flags: UInt8 = 0, text: (Int32, Int32)? = nil
  ) -> Int32 {
    let first = Int32(children.count)
    children.append(contentsOf: kids)
    let textRange = text ?? (start, end)
    nodes.append(
      Node(
        kind: kind, op: op, flags: flags, start: start, end: end, textStart: textRange.0,
        textEnd: textRange.1, firstChild: first, childCount: Int32(kids.count)))
    return Int32(nodes.count - 1)
  }
}

extension SyntaxTree {
  /// A node as an S-expression, leaves with their text: what tests and debugging read.
  public func sExpression(_ id: Int32? = nil) -> String {
    let target = id ?? root
    guard target != SyntaxTree.absent else { return "_" }
    let node = self[target]
    var head = "\(node.kind)"
    if node.op != .none { head += ":\(node.op)" }
    switch node.kind {
    case .identifier, .number, .constant, .metavariable, .ellipsisMetavariable, .string,
      .formattedString:
      head += " \(text(of: target))"
    default:
      break
    }
    let kids = childIDs(target)
    if kids.isEmpty { return "(\(head))" }
    return "(\(head) " + kids.map { sExpression($0) }.joined(separator: " ") + ")"
  }
}

extension SyntaxTree {
  /// FNV-1a over a name's bytes.
  @inline(__always) static func nameHash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  /// A full name's components; a Python relative module's leading dots are one of them
  /// (`..pkg.m` is `..`, `pkg`, `m`), so it never reads as an absolute one.
  static func components(of full: String) -> [String] {
    let names = full.split(separator: ".").map(String.init)
    guard full.hasPrefix("."), let first = full.firstIndex(where: { $0 != "." }),
      full[first] != "/"
    else { return names }
    return [String(full[..<first])] + names
  }

  /// The full name's components of the import alias spelled by the source's bytes in
  /// `start..<end`, or nil when those bytes name no alias.
  func importAliasPath(start: Int32, end: Int32) -> [String]? {
    guard !importAliasIndex.isEmpty else { return nil }
    let bytes = source.bytes[Int(start)..<Int(end)]
    guard let entries = importAliasIndex[SyntaxTree.nameHash(bytes)] else { return nil }
    return entries.first { $0.name.elementsEqual(bytes) }?.path
  }
}

/// Which names of a tree are import aliases, by node, so the matcher's frequent "is this name an
/// alias, and of what?" is an array read.
final class ImportAliasTable: Sendable {
  /// The full name's components of each alias found.
  let paths: [[String]]
  /// Each identifier's index into `paths`, or -1.
  let byNode: [Int32]

  init(_ tree: SyntaxTree) {
    var paths: [[String]] = []
    var byNode = [Int32](repeating: -1, count: tree.nodes.count)
    if !tree.importAliasIndex.isEmpty {
      let placed = ImportAliasTable.pythonImports(tree)
      for (id, node) in tree.nodes.enumerated() where node.kind == .identifier {
        guard var path = tree.importAliasPath(start: node.textStart, end: node.textEnd) else {
          continue
        }
        if !placed.isEmpty {
          // Python: a name is an alias only below the import that makes it one (semgrep
          // reads imports in order), and of the last such import.
          let name = String(
            decoding: tree.source.bytes[Int(node.textStart)..<Int(node.textEnd)], as: UTF8.self)
          guard let last = placed[name]?.last(where: { $0.end <= node.start }) else { continue }
          path = last.path
        }
        byNode[id] = Int32(paths.count)
        paths.append(path)
      }
    }
    self.paths = paths
    self.byNode = byNode
  }

  /// A Python tree's aliases by local name: where each import making one ends, and the full
  /// name's components it gives, in source order; empty for other languages.
  static func pythonImports(_ tree: SyntaxTree) -> [String: [(end: Int32, path: [String])]] {
    var placed: [String: [(end: Int32, path: [String])]] = [:]
    func names(_ dotted: Int32) -> String? {
      guard dotted != SyntaxTree.absent, tree[dotted].kind == .dottedName else { return nil }
      return tree.childIDs(dotted).map { tree.text(of: $0) }.joined(separator: ".")
    }
    let imports = (tree.nodes(of: .importStatement) + tree.nodes(of: .importFrom)).filter {
      tree[$0].flags & PythonFlags.pythonImport != 0
    }
    for statement in imports {
      let items = Array(tree.childIDs(statement))
      var module: String? = nil
      if tree[statement].kind == .importFrom, let first = items.first {
        module = String(repeating: ".", count: Int(tree[first].flags)) + (names(first) ?? "")
      }
      for item in items where tree[item].kind == .importAlias {
        guard let name = names(tree.child(item, 0)) else { continue }
        let alias = tree.child(item, 1)
        let full: String
        let local: String
        if let module {
          local = alias == SyntaxTree.absent ? name : tree.text(of: alias)
          full = module.hasSuffix(".") ? module + name : module + "." + name
        } else {
          guard alias != SyntaxTree.absent else { continue }
          local = tree.text(of: alias)
          full = name
        }
        placed[local, default: []].append(
          (tree[statement].end, SyntaxTree.components(of: full)))
      }
    }
    for key in placed.keys { placed[key]?.sort { $0.end < $1.end } }
    return placed
  }

  /// The full name's components of the alias identifier `id` names, or nil.
  @inline(__always) func path(_ id: Int32) -> [String]? {
    let index = byNode[Int(id)]
    return index < 0 ? nil : paths[Int(index)]
  }
}

/// A set of a tree's nodes as bits, so a membership test hashes nothing.
struct NodeBits: Sendable {
  private let words: [UInt64]
  let isEmpty: Bool

  init(_ nodes: Set<Int32>, count: Int) {
    var words = [UInt64](repeating: 0, count: (count + 63) / 64)
    for id in nodes where id >= 0 && Int(id) < count {
      words[Int(id) >> 6] |= 1 << UInt64(id & 63)
    }
    self.words = words
    isEmpty = nodes.isEmpty
  }

  @inline(__always) func contains(_ id: Int32) -> Bool {
    id >= 0 && Int(id >> 6) < words.count && words[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0
  }
}

/// Facts derived from a whole tree (the names declarations introduce, the import aliases, the
/// declarations typed metavariables read), computed on first use and shared by every pattern
/// matched against the tree.
final class TreeFacts: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [String: Any] = [:]

  /// The fact named `key`, computing it with `compute` the first time.
  ///
  /// Two threads asking at once may both compute it; either answer is the same.
  func value<Value>(_ key: String, _ compute: () -> Value) -> Value {
    lock.lock()
    if let known = values[key] as? Value {
      lock.unlock()
      return known
    }
    lock.unlock()
    let value = compute()
    lock.lock()
    values[key] = value
    lock.unlock()
    return value
  }

  /// The set named `key` as bits over the tree's `count` nodes, made from `compute` once.
  func bits(_ key: String, count: Int, _ compute: () -> Set<Int32>) -> NodeBits {
    value("bits:" + key) { NodeBits(compute(), count: count) }
  }

  /// The tree's import alias table, computing it with `compute` the first time.
  func importAliases(_ compute: () -> ImportAliasTable) -> ImportAliasTable {
    value("importAliases", compute)
  }

  /// The set named `key`, computing it with `compute` the first time.
  func nodes(_ key: String, _ compute: () -> Set<Int32>) -> Set<Int32> {
    value("nodes:" + key, compute)
  }
}
