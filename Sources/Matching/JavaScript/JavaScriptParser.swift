import Rules

/// Flag bits JavaScript nodes use beside `NodeFlags`.
public enum JavaScriptFlags {
  /// `variableDeclaration` kinds: `var` is 0, so a `var` pattern accepts all three.
  public static let letDeclaration: UInt8 = 1
  public static let constDeclaration: UInt8 = 2
  /// `a?.b`, `a?.[b]`, `a?.(b)`: semgrep keeps these apart from `a.b`.
  public static let optionalChain: UInt8 = 64
  /// An object literal, whose pattern fields match in any order among others (semgrep).
  public static let object: UInt8 = 32
  /// On a file's `module` node: the tree is JavaScript's.
  public static let javaScriptTree: UInt8 = 1
  /// A JavaScript `x op= y`, which semgrep also reads as `x = x op y`.
  public static let compoundAssignment: UInt8 = 32
  /// `++x` rather than `x++`.
  public static let prefix: UInt8 = 128
  /// On every node of a TypeScript type but its literals: only a pattern's type matches it.
  public static let typeNode: UInt8 = 16
  /// On a `typedMetavariable` of a TypeScript pattern (Java's have no flags).
  public static let typeScriptTypedMetavariable: UInt8 = 1
}

/// Parses JavaScript, TypeScript and JSX into a `SyntaxTree`.
public enum JavaScriptParser {
  /// Which flavour a file is, from semgrep's extension mapping.
  public enum Dialect: Sendable {
    /// JavaScript with JSX (`.js`, `.jsx`, `.mjs`, `.cjs`).
    case javascript
    /// TypeScript without JSX (`.ts`, `.mts`, `.cts`), where `<T>x` is a type assertion.
    case typescript
    /// TypeScript with JSX (`.tsx`).
    case tsx
  }

  /// Parses a file; never fails, since what does not parse becomes error nodes and warnings.
  public static func parse(source: String, dialect: Dialect = .javascript) -> SyntaxTree {
    parse(SourceFile(path: "", text: source), dialect: dialect, patternMode: false)
  }

  /// Parses bytes; in pattern mode `$X`, `$...X`, `...` and `<... e ...>` are read too.
  static func parse(_ file: SourceFile, dialect: Dialect, patternMode: Bool) -> SyntaxTree {
    var parser = JavaScriptParserState(
      bytes: file.bytes, dialect: dialect, patternMode: patternMode)
    let root = parser.parseProgram()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: parser.aliases)
  }
}

/// The recursive-descent parser's state, with bounded recursion.
///
/// Every cycle of recursion passes `enter()`, so nesting cannot exhaust the stack: past
/// `maxDepth` the statement becomes an error node with a warning.
struct JavaScriptParserState: TokenCursor {
  static let maxDepth = 300
  /// Starts a warning for a valid pattern construct the matcher cannot match faithfully.
  static let unsupportedPrefix = ParseWarning.unsupportedPrefix

  let bytes: [UInt8]
  let patternMode: Bool
  let typescript: Bool
  let jsx: Bool
  var lexer: JavaScriptLexer
  var token: JSToken
  var previousEnd: Int32 = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)] = []
  var aliases: [String: String] = [:]
  var depth = 0
  /// Inside a `for (` head, where `in` ends the left side.
  var noIn = false
  /// Guessing whether `<` starts type arguments, which a pattern may do before it is rejected.
  var probingTypes = false
  /// Set by a prefix operator for its operand (see `typedCallOf`).
  var stopBeforeTypedCall = false

  init(bytes: [UInt8], dialect: JavaScriptParser.Dialect, patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
    typescript = dialect != .javascript
    jsx = dialect != .typescript
    lexer = JavaScriptLexer(bytes: bytes, patternMode: patternMode)
    token = lexer.next()
    builder.nodes.reserveCapacity(bytes.count / 4 + 8)
    builder.children.reserveCapacity(bytes.count / 4 + 8)
  }

  // MARK: - Tokens

  static let endOfFileKind = JSTokenKind.endOfFile

  var current: JSToken { token }

  func isSpelled(_ token: JSToken) -> Bool { token.kind == .punct || token.kind == .name }

  func atName(_ text: StaticString) -> Bool { token.kind == .name && at(text) }

  @discardableResult
  mutating func advance() -> JSToken {
    let left = token
    previousEnd = token.end
    token = lexer.next()
    return left
  }

  /// The token after the current one, read without moving.
  func peek() -> JSToken {
    var copy = lexer
    return copy.next()
  }

  func peekIs(_ text: StaticString) -> Bool {
    let next = peek()
    return spells(text, from: next.start, to: next.end)
  }

  func describe(_ token: JSToken) -> String? {
    token.kind == .endOfFile ? "end of file" : nil
  }

  /// Where the parser is, so a guess (an arrow function, type arguments) can be undone.
  struct Snapshot {
    let position: Int
    let token: JSToken
    let previousEnd: Int32
    let nodes: Int
    let children: Int
    let warnings: Int
  }

  func snapshot() -> Snapshot {
    Snapshot(
      position: lexer.position, token: token, previousEnd: previousEnd,
      nodes: builder.nodes.count, children: builder.children.count, warnings: warnings.count)
  }

  mutating func restore(_ snapshot: Snapshot) {
    lexer.position = snapshot.position
    token = snapshot.token
    previousEnd = snapshot.previousEnd
    builder.nodes.removeLast(builder.nodes.count - snapshot.nodes)
    builder.children.removeLast(builder.children.count - snapshot.children)
    warnings.removeLast(warnings.count - snapshot.warnings)
  }

  /// Whether the current token ends a pattern's `...` (rather than starting a spread).
  var ellipsisEnds: Bool {
    let next = peek()
    if next.kind == .endOfFile || next.newlineBefore { return true }
    guard next.kind == .punct, next.end - next.start == 1 else { return false }
    switch bytes[Int(next.start)] {
    case UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"),
      UInt8(ascii: ";"):
      return true
    default:
      return false
    }
  }

  var atPatternEllipsis: Bool { patternMode && at("...") && ellipsisEnds }

  // MARK: - Statements

  mutating func parseProgram() -> Int32 {
    if patternMode, !startsFunctionDeclaration, !atName("debugger"),
      let expression = patternExpression()
    {
      previousEnd = Int32(bytes.count)
      let statement = builder.add(
        .expressionStatement, start: builder.nodes[Int(expression)].start,
        end: builder.nodes[Int(expression)].end, children: [expression])
      return builder.add(.module, start: 0, end: Int32(bytes.count), children: [statement])
    }
    let statements = parseStatements(closing: false)
    previousEnd = Int32(bytes.count)
    return builder.add(
      .module, start: 0, end: Int32(bytes.count), children: statements,
      flags: JavaScriptFlags.javaScriptTree)
  }

  /// Whether a pattern starts `function name` or `async function name`: a declaration, not
  /// the function expression it would also read as.
  var startsFunctionDeclaration: Bool {
    var copy = lexer
    var word = token
    if atName("async") { word = copy.next() }
    guard word.kind == .name, bytes[Int(word.start)..<Int(word.end)].elementsEqual("function".utf8)
    else { return false }
    var next = copy.next()
    if next.kind == .punct && bytes[Int(next.start)] == UInt8(ascii: "*") { next = copy.next() }
    return next.kind == .name
  }

  /// A pattern that is one expression (`{a: 1}` is an object here, not a block), as semgrep
  /// reads a pattern first as an expression.
  mutating func patternExpression() -> Int32? {
    let saved = snapshot()
    do throws(ParseFailure) {
      let expression = try parseExpression()
      _ = eat(";")
      if token.kind == .endOfFile && warnings.count == saved.warnings { return expression }
    } catch {}
    restore(saved)
    return nil
  }

  mutating func parseStatements(closing: Bool) -> [Int32] {
    var result: [Int32] = []
    while true {
      if token.kind == .endOfFile { return result }
      if closing && at("}") { return result }
      if eat(";") { continue }
      let startToken = token
      do throws(ParseFailure) {
        result += try parseStatement()
      } catch {
        warnings.append((error.offset, error.message))
        recover(closing: closing, after: startToken.start)
        if token.start == startToken.start && token.kind != .endOfFile { advance() }
        result.append(
          builder.add(.error, start: startToken.start, end: max(startToken.start, previousEnd)))
      }
      if token.start == startToken.start && token.kind != .endOfFile { advance() }
    }
  }

  /// Skips to the end of a statement that did not parse: a `;` or line break outside brackets,
  /// or the `}` closing the enclosing block.
  mutating func recover(closing: Bool, after start: Int32) {
    var level = 0
    while token.kind != .endOfFile {
      if level == 0 && token.newlineBefore && token.start > start { return }
      if token.kind == .punct {
        switch bytes[Int(token.start)] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
          level += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
          if level == 0 && closing && at("}") { return }
          level = max(0, level - 1)
        case UInt8(ascii: ";") where level == 0:
          advance()
          return
        default:
          break
        }
      }
      advance()
    }
  }

  /// Ends a statement: a `;`, or automatic semicolon insertion before a line break, a `}` or
  /// the end of the file.
  mutating func endStatement() throws(ParseFailure) {
    if eat(";") { return }
    if token.newlineBefore || at("}") || token.kind == .endOfFile { return }
    throw failure("expected ';'")
  }

  mutating func parseStatement() throws(ParseFailure) -> [Int32] {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    if token.kind == .punct {
      if at("{") { return [try parseBlock()] }
      if at("@") {
        let decorators = try parseDecorators()
        while isModifier() { advance() }
        if atName("class") { return [try parseClass(decorators: decorators, start: start)] }
        throw failure("expected a class after decorators")
      }
    }
    guard token.kind == .name else { return [try parseExpressionStatement()] }
    let next = peek()
    let nextIsWord = next.kind == .name && !next.newlineBefore
    switch true {
    case atName("var"), atName("const") && !(peekIs("enum")),
      atName("let") && (next.kind == .name || peekIs("[") || peekIs("{")):
      let declarations = try parseDeclarations()
      try endStatement()
      return declarations
    case atName("function"):
      return present(try parseFunction(start: start, flags: 0))
    case atName("async") && peekIs("function") && !next.newlineBefore:
      advance()
      return present(try parseFunction(start: start, flags: NodeFlags.isAsync))
    case atName("class"):
      return [try parseClass(decorators: SyntaxTree.absent, start: start)]
    case atName("if"): return [try parseIf()]
    case atName("for"): return [try parseFor()]
    case atName("while"):
      advance()
      let test = try parseParenthesized()
      let body = try parseBody()
      return [node(.whileStatement, start, [test, body, SyntaxTree.absent])]
    case atName("do"):
      advance()
      let body = try parseBody()
      guard atName("while") else { throw failure("expected 'while'") }
      advance()
      let test = try parseParenthesized()
      _ = eat(";")
      return [node(.doWhileStatement, start, [body, test])]
    case atName("return"):
      advance()
      var value = SyntaxTree.absent
      if !at(";") && !at("}") && !token.newlineBefore && token.kind != .endOfFile {
        value = try parseExpression()
      }
      try endStatement()
      return [node(.returnStatement, start, [value])]
    case atName("throw"):
      advance()
      let value = try parseExpression()
      try endStatement()
      return [node(.raiseStatement, start, [value, SyntaxTree.absent])]
    case atName("break"), atName("continue"):
      let kind: NodeKind = atName("break") ? .breakStatement : .continueStatement
      advance()
      if token.kind == .name && !token.newlineBefore { advance() }
      try endStatement()
      return [node(kind, start)]
    case atName("try"): return [try parseTry()]
    case atName("switch"): return [try parseSwitch()]
    case atName("debugger"):
      // A statement of its own, which `debugger;` in a pattern names.
      advance()
      try endStatement()
      return [node(.passStatement, start)]
    case atName("import") && !peekIs("(") && !peekIs("."):
      return try parseImport()
    case atName("export"):
      return try parseExport()
    case typescript && nextIsWord && (atName("type") || atName("interface")):
      return [try parseTypeDeclaration()]
    case typescript && (atName("enum") || (atName("const") && peekIs("enum"))):
      while !at("{") && token.kind != .endOfFile { advance() }
      try skipBalanced()
      return []
    case typescript && nextIsWord && atName("declare"):
      advance()
      if atName("global") && peekIs("{") {
        // semgrep reads what `declare global` holds, and not what a declared module does.
        advance()
        return [try parseBlock()]
      }
      if atName("global") || atName("module") || atName("namespace") {
        while !at("{") && token.kind != .endOfFile { advance() }
        try skipBalanced()
        return []
      }
      _ = try parseStatement()
      return []
    case typescript && atName("abstract") && peekIs("class"):
      advance()
      return [try parseClass(decorators: SyntaxTree.absent, start: start)]
    case typescript && (atName("namespace") || atName("module")) && nextIsWord:
      advance()
      while !at("{") && token.kind != .endOfFile { advance() }
      return [try parseBlock()]
    case next.kind == .punct && peekIs(":") && !patternMode:
      // A label.
      advance()
      advance()
      return try parseStatement()
    default:
      return [try parseExpressionStatement()]
    }
  }

  /// A statement list of one node, or none for an absent one (a bodiless signature).
  func present(_ id: Int32) -> [Int32] { id == SyntaxTree.absent ? [] : [id] }

  mutating func parseExpressionStatement() throws(ParseFailure) -> Int32 {
    let start = token.start
    let expression = try parseExpression()
    try endStatement()
    return node(.expressionStatement, start, [expression])
  }

  mutating func parseBlock() throws(ParseFailure) -> Int32 {
    let start = token.start
    try expect("{")
    try enter()
    defer { depth -= 1 }
    let statements = parseStatements(closing: true)
    try expect("}")
    return node(.block, start, statements)
  }

  /// A statement body; a single statement is kept in a block so bodies always look alike.
  mutating func parseBody() throws(ParseFailure) -> Int32 {
    if at("{") { return try parseBlock() }
    let start = token.start
    let statements = try parseStatement()
    return node(.block, start, statements)
  }

  mutating func parseParenthesized() throws(ParseFailure) -> Int32 {
    try expect("(")
    let saved = noIn
    noIn = false
    defer { noIn = saved }
    let expression = try parseExpression()
    try expect(")")
    return expression
  }

  mutating func parseIf() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    let test = try parseParenthesized()
    let body = try parseBody()
    var orElse = SyntaxTree.absent
    if atName("else") {
      advance()
      orElse = try parseBody()
    }
    return node(.ifStatement, start, [test, body, orElse])
  }

  mutating func parseFor() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    let isAwait = atName("await")
    if isAwait { advance() }
    try expect("(")
    var initializer = SyntaxTree.absent
    var target = SyntaxTree.absent
    noIn = true
    do {
      defer { noIn = false }
      if at("var") || at("let") || at("const") {
        let declarations = try parseDeclarations()
        if declarations.count == 1, atName("of") || atName("in") {
          target =
            builder.nodes[Int(declarations[0])].childCount > 0
            ? builder.children[Int(builder.nodes[Int(declarations[0])].firstChild)]
            : declarations[0]
        } else {
          initializer =
            declarations.count == 1 ? declarations[0] : node(.block, start, declarations)
        }
      } else if !at(";") {
        let expression = try parseExpression()
        if atName("of") || atName("in") { target = expression } else { initializer = expression }
      }
    }
    if target != SyntaxTree.absent {
      advance()
      let iterable = try parseAssignment()
      try expect(")")
      let body = try parseBody()
      return node(
        .forStatement, start, [target, iterable, body, SyntaxTree.absent],
        flags: isAwait ? NodeFlags.isAsync : 0)
    }
    try expect(";")
    let test = at(";") ? SyntaxTree.absent : try parseExpression()
    try expect(";")
    let update = at(")") ? SyntaxTree.absent : try parseExpression()
    try expect(")")
    let body = try parseBody()
    return node(.jsFor, start, [initializer, test, update, body])
  }

  mutating func parseTry() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    let body = try parseBlock()
    var handlers: [Int32] = []
    let handlersStart = token.start
    if atName("catch") {
      let clauseStart = token.start
      advance()
      var name = SyntaxTree.absent
      if eat("(") {
        name = try parseBindingTarget()
        if typescript && eat(":") {
          _ = try parseType()
          try rejectTypesInPatterns()
          // semgrep's catch parameter takes in its type (`$E` binds `e: any`).
          builder.nodes[Int(name)].end = previousEnd
        }
        try expect(")")
      }
      let clauseBody = try parseBlock()
      handlers.append(node(.exceptClause, clauseStart, [SyntaxTree.absent, name, clauseBody]))
    }
    let handlerList = node(.exceptClauses, handlersStart, handlers)
    var finalizer = SyntaxTree.absent
    if atName("finally") {
      advance()
      finalizer = try parseBlock()
    }
    return node(.tryStatement, start, [body, handlerList, SyntaxTree.absent, finalizer])
  }

  mutating func parseSwitch() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    let discriminant = try parseParenthesized()
    try expect("{")
    var clauses: [Int32] = [discriminant]
    while !at("}") && token.kind != .endOfFile {
      let clauseStart = token.start
      var test = SyntaxTree.absent
      if atName("case") {
        advance()
        test = try parseExpression()
      } else if atName("default") {
        advance()
      } else {
        throw failure("expected 'case' or 'default'")
      }
      try expect(":")
      let bodyStart = token.start
      var statements: [Int32] = []
      while !atName("case") && !atName("default") && !at("}") && token.kind != .endOfFile {
        if eat(";") { continue }
        statements += try parseStatement()
      }
      let body = node(.block, bodyStart, statements)
      clauses.append(node(.caseClause, clauseStart, [test, SyntaxTree.absent, body]))
    }
    try expect("}")
    return node(.switchStatement, start, clauses)
  }

  // MARK: - Declarations

  /// `var`/`let`/`const` declarators, each a statement starting at the keyword as semgrep
  /// reports them.
  mutating func parseDeclarations() throws(ParseFailure) -> [Int32] {
    let start = token.start
    let flags: UInt8 =
      atName("const")
      ? JavaScriptFlags.constDeclaration : atName("let") ? JavaScriptFlags.letDeclaration : 0
    advance()
    var result: [Int32] = []
    repeat {
      let target = try parseBindingTarget()
      var type: [Int32] = []
      if typescript {
        _ = eat("!")
        if eat(":") { type = [try parseType()] }
      }
      var value = SyntaxTree.absent
      if eat("=") { value = try parseAssignment() }
      noteRequire(target: target, value: value)
      result.append(node(.variableDeclaration, start, [target, value] + type, flags: flags))
    } while eat(",")
    return result
  }

  /// A name or a destructuring pattern (read as the object or array it looks like).
  mutating func parseBindingTarget() throws(ParseFailure) -> Int32 {
    if at("[") || at("{") { return try parsePrimary() }
    guard token.kind == .name || token.kind == .ellipsisMetavariable else {
      throw failure("expected a name")
    }
    return parsePrimaryName()
  }

  /// Records `const cp = require("m")`, `const {a, b: c} = require("m")` and
  /// `const x = require("m").y` as import aliases.
  mutating func noteRequire(target: Int32, value: Int32) {
    guard value != SyntaxTree.absent, let (module, path) = requiredModule(value) else { return }
    let full = ([module] + path).joined(separator: ".")
    let targetNode = builder.nodes[Int(target)]
    switch targetNode.kind {
    case .identifier:
      aliases[text(targetNode.textStart, targetNode.textEnd)] = full
    case .dictionary:
      for element in childIDs(target) {
        let item = builder.nodes[Int(element)]
        if item.kind == .identifier {
          let name = text(item.textStart, item.textEnd)
          aliases[name] = full + "." + name
        } else if item.kind == .pair {
          let parts = childIDs(element)
          let key = builder.nodes[Int(parts[parts.startIndex])]
          let local = builder.nodes[Int(parts[parts.startIndex + 1])]
          guard key.kind == .identifier, local.kind == .identifier else { continue }
          aliases[text(local.textStart, local.textEnd)] =
            full + "." + text(key.textStart, key.textEnd)
        }
      }
    default:
      break
    }
  }

  func childIDs(_ id: Int32) -> ArraySlice<Int32> {
    let item = builder.nodes[Int(id)]
    let first = Int(item.firstChild)
    return builder.children[first..<first + Int(item.childCount)]
  }

  /// `require("m")` with attribute names after it, or nil.
  func requiredModule(_ id: Int32) -> (String, [String])? {
    let item = builder.nodes[Int(id)]
    switch item.kind {
    case .attribute:
      let parts = childIDs(id)
      let name = builder.nodes[Int(parts[parts.startIndex + 1])]
      guard name.kind == .identifier, let (module, path) = requiredModule(parts[parts.startIndex])
      else { return nil }
      return (module, path + [text(name.textStart, name.textEnd)])
    case .call:
      let parts = childIDs(id)
      let callee = builder.nodes[Int(parts[parts.startIndex])]
      let arguments = childIDs(parts[parts.startIndex + 1])
      guard callee.kind == .identifier, text(callee.textStart, callee.textEnd) == "require",
        arguments.count == 1, let first = arguments.first,
        builder.nodes[Int(first)].kind == .string
      else { return nil }
      let module = text(builder.nodes[Int(first)].textStart, builder.nodes[Int(first)].textEnd)
      guard !module.isEmpty else { return nil }
      return (JavaScriptParserState.moduleName(module), [])
    default:
      return nil
    }
  }

  mutating func parseImport() throws(ParseFailure) -> [Int32] {
    let start = token.start
    advance()
    if typescript && atName("type") && !peekIs(",") && !peekIs("from") {
      advance()
    }
    var items: [Int32] = []
    var names: [(local: String, imported: String?)] = []
    if token.kind == .string {
      let module = parseStringLiteral()
      try skipImportAttributes()
      try endStatement()
      return [node(.importFrom, start, [module])]
    }
    if token.kind == .name && !atName("from") || (atName("from") && peekIs("from")) {
      let local = parsePrimaryName()
      let defaultName = builder.add(.identifier, start: token.start, end: token.start)
      items.append(node(.importAlias, builder.nodes[Int(local)].start, [defaultName, local]))
      _ = eat(",")
    }
    if at("*") {
      let itemStart = token.start
      advance()
      guard atName("as") else { throw failure("expected 'as'") }
      advance()
      let all = node(.importAll, itemStart)
      let local = parsePrimaryName()
      items.append(node(.importAlias, itemStart, [all, local]))
      names.append(
        (text(builder.nodes[Int(local)].textStart, builder.nodes[Int(local)].textEnd), nil))
    } else if eat("{") {
      while !at("}") && token.kind != .endOfFile {
        if typescript && atName("type") && (peek().kind == .name || peek().kind == .string) {
          advance()
        }
        let itemStart = token.start
        let imported = token.kind == .string ? parseStringLiteral() : parsePrimaryName()
        var local = SyntaxTree.absent
        if atName("as") {
          advance()
          local = parsePrimaryName()
        }
        items.append(node(.importAlias, itemStart, [imported, local]))
        let importedNode = builder.nodes[Int(imported)]
        let localNode = builder.nodes[Int(local == SyntaxTree.absent ? imported : local)]
        names.append(
          (
            text(localNode.textStart, localNode.textEnd),
            text(importedNode.textStart, importedNode.textEnd)
          ))
        if !eat(",") { break }
      }
      try expect("}")
    }
    guard atName("from") else { throw failure("expected 'from'") }
    advance()
    guard token.kind == .string else { throw failure("expected a module name") }
    let module = parseStringLiteral()
    let moduleName = JavaScriptParserState.moduleName(
      text(builder.nodes[Int(module)].textStart, builder.nodes[Int(module)].textEnd))
    if !moduleName.isEmpty {
      for (local, imported) in names {
        aliases[local] = imported.map { moduleName + "." + $0 } ?? moduleName
      }
    }
    try skipImportAttributes()
    try endStatement()
    return [node(.importFrom, start, [module] + items)]
  }

  /// A module specifier as one name of a dotted path: semgrep reads `"./a.js"` as one name, so
  /// its dots must not split it (they become U+2024, which no pattern name contains).
  static func moduleName(_ specifier: String) -> String {
    specifier.replacingOccurrences(of: ".", with: "\u{2024}")
  }

  /// `with { type: "json" }` after an import's module.
  mutating func skipImportAttributes() throws(ParseFailure) {
    if (atName("with") || atName("assert")) && !token.newlineBefore && peekIs("{") {
      advance()
      try skipBalanced()
    }
  }

  mutating func parseExport() throws(ParseFailure) -> [Int32] {
    advance()
    if atName("default") {
      advance()
      if atName("function") || atName("class") || (atName("async") && peekIs("function")) {
        return try parseStatement()
      }
      if typescript && atName("interface") { return [try parseTypeDeclaration()] }
      return [try parseExpressionStatement()]
    }
    if typescript && atName("type") && peekIs("{") { advance() }
    if at("*") || at("{") {
      if at("{") { try skipBalanced() } else { advance() }
      if atName("as") {
        advance()
        advance()
      }
      if atName("from") {
        advance()
        advance()
        try skipImportAttributes()
      }
      try endStatement()
      return []
    }
    if typescript && at("=") {
      // `export = x`: semgrep reads no expression here.
      advance()
      _ = try parseExpressionStatement()
      return []
    }
    return try parseStatement()
  }

  // MARK: - Functions and classes

  /// A function declaration, or with `asExpression` a function expression, which semgrep
  /// reads as the same lambda an arrow function is (its name dropped).
  mutating func parseFunction(start: Int32, flags: UInt8, asExpression: Bool = false)
    throws(ParseFailure) -> Int32
  {
    advance()
    _ = eat("*")
    var name = SyntaxTree.absent
    if token.kind == .name && !at("(") { name = parsePrimaryName() }
    // semgrep ignores type parameters, a pattern's too.
    if typescript && at("<") { try skipAngles(reject: false) }
    let parameters = try parseParameters()
    var returnType = SyntaxTree.absent
    if typescript && eat(":") { returnType = try parseType() }
    if typescript && !at("{") && !asExpression {
      // An overload signature or a declaration without a body: semgrep matches neither.
      try endStatement()
      return SyntaxTree.absent
    }
    let body = try parseFunctionBody()
    if asExpression {
      return node(.lambda, start, [parameters, body, returnType], flags: flags)
    }
    return node(
      .functionDefinition, start, [SyntaxTree.absent, name, parameters, returnType, body],
      flags: flags)
  }

  mutating func parseFunctionBody() throws(ParseFailure) -> Int32 {
    let saved = noIn
    noIn = false
    defer { noIn = saved }
    return try parseBlock()
  }

  mutating func parseParameters() throws(ParseFailure) -> Int32 {
    let start = token.start
    try expect("(")
    try enter()
    defer { depth -= 1 }
    let items = try delimited(until: ")") { parser throws(ParseFailure) in
      try parser.parseParameter()
    }
    try expect(")")
    return node(.parameters, start, items)
  }

  mutating func parseParameter() throws(ParseFailure) -> Int32 {
    let start = token.start
    if atPatternEllipsis {
      advance()
      return node(.ellipsis, start)
    }
    if token.kind == .ellipsisMetavariable {
      advance()
      return node(.ellipsisMetavariable, start)
    }
    if at("@") { _ = try parseDecorators() }
    while typescript && isModifier() { advance() }
    var flags: UInt8 = 0
    if eat("...") { flags = NodeFlags.star }
    let name = try parseBindingTarget()
    var annotation = SyntaxTree.absent
    if typescript {
      // semgrep does not tell an optional parameter from a required one.
      _ = eat("?")
      if eat(":") {
        annotation = try parseType()
        // semgrep's destructured parameter takes in its type (`$P` binds `{a}: T`).
        if [.dictionary, .list].contains(builder.nodes[Int(name)].kind) {
          builder.nodes[Int(name)].end = previousEnd
        }
      }
    }
    var value = SyntaxTree.absent
    if eat("=") { value = try parseAssignment() }
    return node(.parameter, start, [name, annotation, value], flags: flags)
  }

  static let modifiers: [StaticString] = [
    "public", "private", "protected", "readonly", "override", "static", "abstract", "declare",
    "accessor", "export", "default",
  ]

  /// A TypeScript modifier word followed by what it modifies (not `public(`, `readonly:`).
  func isModifier() -> Bool {
    guard token.kind == .name,
      JavaScriptParserState.modifiers.contains(where: { at($0) })
    else { return false }
    let next = peek()
    if next.newlineBefore { return false }
    switch next.kind {
    case .name, .string, .number, .privateName, .ellipsisMetavariable: return true
    case .punct:
      return peekIs("[") || peekIs("{") || peekIs("*") || peekIs("#") || peekIs("...")
        || peekIs("@")
    default: return false
    }
  }

  mutating func parseDecorators() throws(ParseFailure) -> Int32 {
    let start = token.start
    var items: [Int32] = []
    while at("@") {
      advance()
      items.append(try parseCallChain(parsePrimary()))
    }
    return node(.decorators, start, items)
  }

  mutating func parseClass(decorators: Int32, start: Int32) throws(ParseFailure) -> Int32 {
    advance()
    var name = SyntaxTree.absent
    if token.kind == .name && !atName("extends") && !atName("implements") {
      name = parsePrimaryName()
    }
    // semgrep ignores a class's type parameters and its base's type arguments, a pattern's too.
    if typescript && at("<") { try skipAngles(reject: false) }
    var bases = SyntaxTree.absent
    if atName("extends") {
      let basesStart = token.start
      advance()
      let base = try parseCallChain(parsePrimary())
      if typescript && at("<") { try skipAngles(reject: false) }
      bases = node(.arguments, basesStart, [base])
    }
    var interfaces = SyntaxTree.absent
    if atName("implements") {
      let interfacesStart = token.start
      advance()
      var types: [Int32] = []
      repeat { types.append(try parseType()) } while eat(",")
      interfaces = node(.superTypes, interfacesStart, types)
    }
    let body = try parseClassBody()
    return node(.classDefinition, start, [decorators, name, bases, body, interfaces])
  }

  mutating func parseClassBody() throws(ParseFailure) -> Int32 {
    let start = token.start
    try expect("{")
    try enter()
    defer { depth -= 1 }
    var members: [Int32] = []
    while !at("}") && token.kind != .endOfFile {
      if eat(";") { continue }
      let memberStart = token.start
      do throws(ParseFailure) {
        if let member = try parseClassMember() { members.append(member) }
      } catch {
        warnings.append((error.offset, error.message))
        recover(closing: true, after: memberStart)
        members.append(builder.add(.error, start: memberStart, end: max(memberStart, previousEnd)))
      }
      if token.start == memberStart && !at("}") && token.kind != .endOfFile { advance() }
    }
    try expect("}")
    return node(.block, start, members)
  }

  mutating func parseClassMember() throws(ParseFailure) -> Int32? {
    let start = token.start
    // No spread starts a class member, so `...` is always the pattern's.
    if patternMode && at("...") {
      advance()
      _ = eat(";")
      return node(.expressionStatement, start, [node(.ellipsis, start)])
    }
    var decorators = SyntaxTree.absent
    if at("@") { decorators = try parseDecorators() }
    if atName("static") && peekIs("{") {
      advance()
      return try parseBlock()
    }
    var flags: UInt8 = 0
    while true {
      if isModifier() {
        advance()
      } else if atName("async") && !peekIs("(") && !peek().newlineBefore && !peekIs("=") {
        flags = NodeFlags.isAsync
        advance()
      } else if (atName("get") || atName("set")) && isMethodPrefix() {
        advance()
      } else if at("*") {
        advance()
      } else {
        break
      }
    }
    if typescript && at("[") && isIndexSignature() {
      try skipBalanced()
      if eat(":") { try skipType() }
      try endStatement()
      return nil
    }
    let name = try parsePropertyKey()
    if typescript { _ = eat("?") || eat("!") }
    if at("(") || at("<") {
      if at("<") { try skipAngles(reject: false) }
      let parameters = try parseParameters()
      var returnType = SyntaxTree.absent
      if typescript && eat(":") { returnType = try parseType() }
      if !at("{") {
        try endStatement()
        return nil
      }
      let body = try parseFunctionBody()
      return node(
        .functionDefinition, start, [decorators, name, parameters, returnType, body],
        flags: flags)
    }
    // A typed field is an annotated assignment, which `$F = $V` also matches (semgrep).
    var type = SyntaxTree.absent
    if typescript && eat(":") { type = try parseType() }
    if eat("=") {
      let value = try parseAssignment()
      try endStatement()
      if let method = namedFunction(start, decorators: decorators, name, value) { return method }
      if type != SyntaxTree.absent {
        return node(.annotatedAssignment, start, [name, type, value])
      }
      return node(.assignment, start, [name, value])
    }
    try endStatement()
    if type != SyntaxTree.absent {
      return node(.annotatedAssignment, start, [name, type, SyntaxTree.absent])
    }
    return node(.expressionStatement, start, [name])
  }

  /// `name: () => {}` in an object or `name = function () {}` in a class: semgrep reads a
  /// function held by a named field as a method of that name.
  mutating func namedFunction(_ start: Int32, decorators: Int32, _ key: Int32, _ value: Int32)
    -> Int32?
  {
    guard builder.nodes[Int(key)].kind == .identifier, builder.nodes[Int(value)].kind == .lambda
    else { return nil }
    let parts = childIDs(value)
    let lambda = builder.nodes[Int(value)]
    // A function expression with its own name (`a: function named() {}`) stays an expression.
    let header = text(lambda.start, builder.nodes[Int(parts[parts.startIndex])].start)
    let words = header.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "*" }
    if words.contains("function"), let last = words.last, last != "function" { return nil }
    return node(
      .functionDefinition, start,
      [
        decorators, key, parts[parts.startIndex], parts[parts.startIndex + 2],
        parts[parts.startIndex + 1],
      ], flags: lambda.flags)
  }

  /// Whether `get`/`set`/`async` before here is a prefix rather than the member's name.
  func isMethodPrefix() -> Bool {
    let next = peek()
    if next.newlineBefore && next.kind != .name { return false }
    switch next.kind {
    case .name, .string, .number, .privateName: return true
    case .punct: return peekIs("[") || peekIs("*") || peekIs("#")
    default: return false
    }
  }

  /// `[key: string]: T` in a TypeScript class.
  func isIndexSignature() -> Bool {
    var copy = lexer
    let name = copy.next()
    let colon = copy.next()
    return name.kind == .name && colon.kind == .punct && colon.end - colon.start == 1
      && bytes[Int(colon.start)] == UInt8(ascii: ":")
  }

  /// An object or class key: a name, a string, a number, a `#private` name or `[computed]`.
  mutating func parsePropertyKey() throws(ParseFailure) -> Int32 {
    let start = token.start
    switch token.kind {
    case .name, .privateName:
      return parsePrimaryName()
    case .string:
      return parseStringLiteral()
    case .number:
      advance()
      return node(.number, start)
    case .punct where at("["):
      advance()
      let key = try parseAssignment()
      try expect("]")
      return key
    default:
      throw failure("expected a property name")
    }
  }

  // MARK: - Expressions

  mutating func parseExpression() throws(ParseFailure) -> Int32 {
    let start = token.start
    let first = try parseAssignment()
    guard at(",") else { return first }
    var items = [first]
    while eat(",") { items.append(try parseAssignment()) }
    return node(.tuple, start, items)
  }

  mutating func parseAssignment() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    if let arrow = try parseArrowIfPresent() { return arrow }
    if atName("yield") && !peek().newlineBefore {
      advance()
      _ = eat("*")
      var value = SyntaxTree.absent
      if !at(")") && !at("]") && !at("}") && !at(",") && !at(";") && !at(":")
        && !token.newlineBefore && token.kind != .endOfFile
      {
        value = try parseAssignment()
      }
      return node(.yield, start, [value])
    }
    let left = try parseConditional()
    guard token.kind == .punct else { return left }
    if at("=") {
      advance()
      let value = try parseAssignment()
      return node(.assignment, start, [left, value])
    }
    if let op = compoundOperator() {
      advance()
      let value = try parseAssignment()
      return node(
        .augmentedAssignment, start, [left, value], op: op,
        flags: JavaScriptFlags.compoundAssignment)
    }
    return left
  }

  static let compoundOperators: [(StaticString, Operator)] = [
    ("+=", .add), ("-=", .subtract), ("*=", .multiply), ("/=", .divide), ("%=", .modulo),
    ("**=", .power), ("<<=", .leftShift), (">>=", .rightShift), (">>>=", .floorDivide),
    ("&=", .bitAnd), ("|=", .bitOr), ("^=", .bitXor), ("&&=", .and), ("||=", .or),
    ("??=", .none),
  ]

  func compoundOperator() -> Operator? {
    guard token.end - token.start >= 2, bytes[Int(token.end) - 1] == UInt8(ascii: "=") else {
      return nil
    }
    return JavaScriptParserState.compoundOperators.first { at($0.0) }?.1
  }

  /// An arrow function starting here, or nil (and nothing consumed).
  mutating func parseArrowIfPresent() throws(ParseFailure) -> Int32? {
    let start = token.start
    var flags: UInt8 = 0
    var isAsync = false
    if atName("async") && !peek().newlineBefore
      && (peek().kind == .name || peekIs("(") || (typescript && peekIs("<")))
    {
      isAsync = true
    }
    let saved = snapshot()
    if isAsync {
      advance()
      flags = NodeFlags.isAsync
    }
    if token.kind == .name && peekIs("=>") && !peek().newlineBefore {
      let parameterStart = token.start
      let name = parsePrimaryName()
      let parameter = node(
        .parameter, parameterStart, [name, SyntaxTree.absent, SyntaxTree.absent])
      let parameters = node(.parameters, parameterStart, [parameter])
      try expect("=>")
      return try parseArrowBody(
        start: start, parameters: parameters, returnType: SyntaxTree.absent, flags: flags)
    }
    let generic = typescript && at("<") && !jsxStartsHere()
    if at("(") || generic {
      // Find the matching `)` and look at what follows.
      var looksLikeArrow = false
      do throws(ParseFailure) {
        if generic { try skipAngles(reject: false) }
        try skipBalanced()
        if typescript && eat(":") {
          // A return type, when `=>` follows it (not the `:` of a conditional).
          probingTypes = true
          defer { probingTypes = false }
          try skipType(arrowReturn: true)
        }
        looksLikeArrow = at("=>") && !token.newlineBefore
      } catch {}
      restore(saved)
      if looksLikeArrow {
        let attempt = snapshot()
        do throws(ParseFailure) {
          if isAsync { advance() }
          if at("<") { try skipAngles(reject: false) }
          let parameters = try parseParameters()
          var returnType = SyntaxTree.absent
          if typescript && eat(":") { returnType = try parseType(arrowReturn: true) }
          guard at("=>") else { throw failure("expected '=>'") }
          advance()
          return try parseArrowBody(
            start: start, parameters: parameters, returnType: returnType, flags: flags)
        } catch {
          restore(attempt)
          let unsupported = error.message.hasPrefix(JavaScriptParserState.unsupportedPrefix)
          if !typescript || unsupported { throw error }
        }
      }
      return nil
    }
    restore(saved)
    return nil
  }

  mutating func parseArrowBody(start: Int32, parameters: Int32, returnType: Int32, flags: UInt8)
    throws(ParseFailure) -> Int32
  {
    let body: Int32
    if at("{") {
      body = try parseFunctionBody()
    } else {
      // semgrep reads `x => e` as `function (x) { return e; }`, the return at the arrow.
      let arrow = max(0, previousEnd - 2)
      let value = try parseAssignment()
      body = node(.block, arrow, [node(.returnStatement, arrow, [value])])
    }
    return node(.lambda, start, [parameters, body, returnType], flags: flags)
  }

  mutating func parseConditional() throws(ParseFailure) -> Int32 {
    let start = token.start
    let test = try parseBinary(minimum: 0)
    guard at("?") else { return test }
    advance()
    let saved = noIn
    noIn = false
    let consequent = try parseAssignment()
    noIn = saved
    try expect(":")
    let alternate = try parseAssignment()
    return node(.conditional, start, [consequent, test, alternate])
  }

  /// The binary operator at the current token: node kind, operator, precedence.
  static let binaryOperators: [(StaticString, NodeKind, Operator, Int)] = [
    ("??", .binaryOperation, .none, 1), ("||", .booleanOperation, .or, 2),
    ("&&", .booleanOperation, .and, 3), ("|", .binaryOperation, .bitOr, 4),
    ("^", .binaryOperation, .bitXor, 5), ("&", .binaryOperation, .bitAnd, 6),
    ("==", .comparison, .equal, 7), ("!=", .comparison, .notEqual, 7),
    ("===", .comparison, .is, 7), ("!==", .comparison, .isNot, 7),
    ("<", .comparison, .less, 8), (">", .comparison, .greater, 8),
    ("<=", .comparison, .lessEqual, 8), (">=", .comparison, .greaterEqual, 8),
    ("<<", .binaryOperation, .leftShift, 9), (">>", .binaryOperation, .rightShift, 9),
    (">>>", .binaryOperation, .floorDivide, 9), ("+", .binaryOperation, .add, 10),
    ("-", .binaryOperation, .subtract, 10), ("*", .binaryOperation, .multiply, 11),
    ("/", .binaryOperation, .divide, 11), ("%", .binaryOperation, .modulo, 11),
    ("**", .binaryOperation, .power, 12),
  ]

  func binaryOperator() -> (NodeKind, Operator, Int)? {
    switch token.kind {
    case .punct:
      guard
        let entry = JavaScriptParserState.binaryOperators.first(where: { at($0.0) })
      else { return nil }
      return (entry.1, entry.2, entry.3)
    case .name:
      if atName("instanceof") { return (.comparison, .notIn, 8) }
      if atName("in") && !noIn { return (.comparison, .in, 8) }
      if typescript && (atName("as") || atName("satisfies")) && !token.newlineBefore {
        return (.error, .none, 8)
      }
      return nil
    default:
      return nil
    }
  }

  mutating func parseBinary(minimum: Int) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    var left = try parseUnary()
    while let (kind, op, precedence) = binaryOperator(), precedence >= minimum {
      if kind == .error {
        let cast: NodeKind = atName("as") ? .tsCast : .tsSatisfies
        advance()
        if cast == .tsCast && atName("const") {
          // semgrep drops `as const`, a pattern's too.
          advance()
          continue
        }
        let type = try parseType()
        left = node(cast, start, [left, type])
        continue
      }
      // In a pattern, `...>` closes a deep expression.
      if patternMode && at(">") && lastWasEllipsis { break }
      advance()
      let right = try parseBinary(minimum: op == .power ? precedence : precedence + 1)
      left = node(kind, start, [left, right], op: op)
    }
    return left
  }

  var lastWasEllipsis: Bool {
    previousEnd >= 3 && bytes[Int(previousEnd) - 1] == UInt8(ascii: ".")
      && bytes[Int(previousEnd) - 2] == UInt8(ascii: ".")
      && bytes[Int(previousEnd) - 3] == UInt8(ascii: ".")
  }

  static let unaryOperators: [(StaticString, Operator)] = [
    ("!", .not), ("-", .minus), ("+", .plus), ("~", .invert),
  ]

  mutating func parseUnary() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    let stop = stopBeforeTypedCall
    stopBeforeTypedCall = false
    if token.kind == .punct {
      if let entry = JavaScriptParserState.unaryOperators.first(where: { at($0.0) }) {
        advance()
        stopBeforeTypedCall = typescript
        let operand = try parseUnary()
        return try typedCallOf(node(.unaryOperation, start, [operand], op: entry.1))
      }
      if at("++") || at("--") {
        let op: Operator = at("++") ? .add : .subtract
        advance()
        let operand = try parseUnary()
        return node(.update, start, [operand], op: op, flags: JavaScriptFlags.prefix)
      }
      if typescript && !jsx && at("<") {
        advance()
        let type = try parseType()
        try expectTypeClose()
        let operand = try parseUnary()
        return node(.tsCast, start, [operand, type])
      }
    }
    if token.kind == .name {
      if atName("delete") {
        // semgrep reads `delete x` as a call of `delete`.
        let callee = node(.identifier, start, text: (token.start, token.end))
        builder.nodes[Int(callee)].end = token.end
        advance()
        let argumentStart = token.start
        let operand = try parseUnary()
        let arguments = node(.arguments, argumentStart, [operand])
        return node(.call, start, [callee, arguments])
      }
      if atName("typeof") || atName("void") {
        let keyword = (token.start, token.end)
        advance()
        stopBeforeTypedCall = typescript
        let operand = try parseUnary()
        return try typedCallOf(node(.unaryKeyword, start, [operand], text: keyword))
      }
      if atName("await") && startsOperand(peek()) {
        advance()
        stopBeforeTypedCall = typescript
        let operand = try parseUnary()
        return try typedCallOf(node(.await, start, [operand]))
      }
    }
    let operand = try parseCallChain(parsePrimary(), allowCalls: true, stopBeforeTypedCall: stop)
    if (at("++") || at("--")) && !token.newlineBefore {
      let op: Operator = at("++") ? .add : .subtract
      advance()
      return node(.update, start, [operand], op: op)
    }
    return operand
  }

  /// Whether a token can start an operand (so `await` before it is the operator).
  func startsOperand(_ next: JSToken) -> Bool {
    if next.newlineBefore && next.kind == .punct { return false }
    switch next.kind {
    case .name, .number, .string, .template, .templateHead, .privateName, .regex: return true
    case .punct:
      let c = bytes[Int(next.start)]
      return c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
        || c == UInt8(ascii: "!") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
        || c == UInt8(ascii: "/") || c == UInt8(ascii: "<") || c == UInt8(ascii: "~")
        || (c == UInt8(ascii: ".") && next.end - next.start == 3)
    default: return false
    }
  }

  /// Member accesses, calls, tagged templates and TypeScript's `!` after an operand.
  mutating func parseCallChain(_ first: Int32) throws(ParseFailure) -> Int32 {
    try parseCallChain(first, allowCalls: true)
  }

  /// With `stopBeforeTypedCall` (the operand of a prefix operator), it stops before type
  /// arguments that start a call: see `typedCallOf`.
  mutating func parseCallChain(_ first: Int32, allowCalls: Bool, stopBeforeTypedCall: Bool = false)
    throws(ParseFailure) -> Int32
  {
    let start = builder.nodes[Int(first)].start
    var expression = first
    var steps = 0
    while true {
      steps += 1
      if steps > 10_000 { throw failure("expression too long") }
      switch token.kind {
      case .punct:
        if at(".") {
          advance()
          let name = try parseMemberName()
          expression = node(.attribute, start, [expression, name])
        } else if at("?.") {
          advance()
          let optional = JavaScriptFlags.optionalChain
          if at("(") {
            guard allowCalls else { throw failure("unexpected '?.('") }
            let arguments = try parseArguments()
            expression = node(.call, start, [expression, arguments], flags: optional)
          } else if at("[") {
            advance()
            let index = try parseExpression()
            try expect("]")
            expression = node(.subscript, start, [expression, index], flags: optional)
          } else {
            let name = try parseMemberName()
            expression = node(.attribute, start, [expression, name], flags: optional)
          }
        } else if at("[") {
          advance()
          let saved = noIn
          noIn = false
          let index = try parseExpression()
          noIn = saved
          try expect("]")
          expression = node(.subscript, start, [expression, index])
        } else if at("(") && allowCalls {
          let arguments = try parseArguments()
          expression = node(.call, start, [expression, arguments])
        } else if at("!") && typescript && !token.newlineBefore {
          advance()
          expression = node(.tsNonNull, start, [expression])
        } else if at("<") && typescript && !token.newlineBefore {
          let saved = snapshot()
          probingTypes = true
          do throws(ParseFailure) {
            defer { probingTypes = false }
            try skipAngles()
            guard
              at("(") || token.kind == .template || token.kind == .templateHead
                || at(".") || at("?.")
            else { throw failure("not type arguments") }
          } catch {
            restore(saved)
            return expression
          }
          if at("(") && allowCalls {
            if stopBeforeTypedCall {
              restore(saved)
              return expression
            }
            expression = try parseTypedCall(expression, start: start, saved: saved)
          } else if allowCalls {
            // Type arguments before a template or a member: not matched here.
            try rejectTypesInPatterns()
          }
          // After `new Name`, semgrep ignores type arguments, a pattern's too.
        } else {
          return expression
        }
      case .template, .templateHead:
        let argumentStart = token.start
        let template = try parseTemplate()
        let arguments = node(.arguments, argumentStart, [template])
        expression = node(.call, start, [expression, arguments])
      default:
        return expression
      }
    }
  }

  /// The name after `.`: any word, a `#private` name, or a metavariable.
  mutating func parseMemberName() throws(ParseFailure) -> Int32 {
    guard token.kind == .name || token.kind == .privateName else {
      throw failure("expected a property name")
    }
    return parsePrimaryName()
  }

  mutating func parseArguments() throws(ParseFailure) -> Int32 {
    let start = token.start
    try expect("(")
    try enter()
    defer { depth -= 1 }
    let saved = noIn
    noIn = false
    defer { noIn = saved }
    var items: [Int32] = []
    while !at(")") && token.kind != .endOfFile {
      let itemStart = token.start
      if atPatternEllipsis {
        advance()
        items.append(node(.ellipsis, itemStart))
      } else if eat("...") {
        let value = try parseAssignment()
        items.append(node(.starArgument, itemStart, [value]))
      } else {
        items.append(try parseAssignment())
      }
      if !eat(",") { break }
    }
    try expect(")")
    return node(.arguments, start, items)
  }

  /// A name token as an identifier, a metavariable or a pattern's `$...X`.
  mutating func parsePrimaryName() -> Int32 {
    let start = token.start
    let kind = token.kind
    advance()
    if kind == .ellipsisMetavariable { return node(.ellipsisMetavariable, start) }
    if patternMode && isMetavariable(start, previousEnd) { return node(.metavariable, start) }
    return node(.identifier, start)
  }

  func isMetavariable(_ start: Int32, _ end: Int32) -> Bool {
    let name = bytes[Int(start)..<Int(end)]
    guard name.count >= 2, name.first == UInt8(ascii: "$") else { return false }
    let first = name[name.startIndex + 1]
    guard (first >= 0x41 && first <= 0x5A) || first == UInt8(ascii: "_") else { return false }
    return name.dropFirst(2).allSatisfy {
      ($0 >= 0x41 && $0 <= 0x5A) || $0 == UInt8(ascii: "_") || ($0 >= 0x30 && $0 <= 0x39)
    }
  }

  mutating func parseStringLiteral() -> Int32 {
    let start = token.start
    let end = token.end
    advance()
    let contentEnd = max(start + 1, end - 1)
    return node(.string, start, text: (start + 1, contentEnd))
  }

  mutating func parsePrimary() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    switch token.kind {
    case .name:
      return try parseWordExpression()
    case .ellipsisMetavariable, .privateName:
      return parsePrimaryName()
    case .number:
      advance()
      return node(.number, start)
    case .string:
      return parseStringLiteral()
    case .template, .templateHead:
      return try parseTemplate()
    case .regex:
      advance()
      return node(.regexLiteral, start)
    case .error:
      throw failure("unterminated literal")
    case .endOfFile, .jsxText, .templateMiddle, .templateTail:
      throw failure("expected an expression")
    case .punct:
      break
    }
    if at("/") || at("/=") {
      token = lexer.regex(at: token.start)
      guard token.kind == .regex else { throw failure("unterminated regular expression") }
      advance()
      return node(.regexLiteral, start)
    }
    if at("(") {
      advance()
      let saved = noIn
      noIn = false
      defer { noIn = saved }
      let inner = try parseExpression()
      if typescript && patternMode && at(":") {
        return try parseTypedMetavariable(inner, start: start)
      }
      try expect(")")
      // semgrep's range of a parenthesized expression takes in the parentheses.
      builder.nodes[Int(inner)].start = start
      builder.nodes[Int(inner)].end = previousEnd
      return inner
    }
    if at("[") { return try parseArray() }
    if at("{") { return try parseObject() }
    if at("...") && patternMode {
      advance()
      return node(.ellipsis, start)
    }
    if at("<") {
      if patternMode && peekIs("...") {
        advance()
        advance()
        let inner = try parseExpression()
        try expect("...")
        guard at(">") else { throw failure("expected '...>'") }
        token = lexer.single(at: token.start)
        advance()
        return node(.deepExpression, start, [inner])
      }
      if jsx { return try parseJSXElement(inChildren: false) }
    }
    if at("@") {
      let decorators = try parseDecorators()
      guard atName("class") else { throw failure("expected a class after decorators") }
      return try parseClass(decorators: decorators, start: start)
    }
    throw failure("expected an expression")
  }

  mutating func parseWordExpression() throws(ParseFailure) -> Int32 {
    let start = token.start
    if atName("function") { return try parseFunction(start: start, flags: 0, asExpression: true) }
    if atName("async") && peekIs("function") && !peek().newlineBefore {
      advance()
      return try parseFunction(start: start, flags: NodeFlags.isAsync, asExpression: true)
    }
    if atName("class") { return try parseClass(decorators: SyntaxTree.absent, start: start) }
    if atName("true") || atName("false") || atName("null") {
      advance()
      return node(.constant, start)
    }
    if atName("new") {
      advance()
      if eat(".") {
        _ = try parseMemberName()
        return node(.identifier, start)
      }
      let callee = try parseCallChain(parseNewCallee(), allowCalls: false)
      var arguments = node(.arguments, previousEnd)
      if at("(") { arguments = try parseArguments() }
      return node(.newExpression, start, [callee, arguments])
    }
    return parsePrimaryName()
  }

  mutating func parseNewCallee() throws(ParseFailure) -> Int32 {
    if atName("new") { return try parseWordExpression() }
    return try parsePrimary()
  }

  mutating func parseArray() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    let saved = noIn
    noIn = false
    defer { noIn = saved }
    var items: [Int32] = []
    while !at("]") && token.kind != .endOfFile {
      if eat(",") { continue }
      let itemStart = token.start
      if atPatternEllipsis {
        advance()
        items.append(node(.ellipsis, itemStart))
      } else if eat("...") {
        let value = try parseAssignment()
        items.append(node(.starred, itemStart, [value]))
      } else {
        items.append(try parseAssignment())
      }
      if !eat(",") { break }
    }
    try expect("]")
    return node(.list, start, items)
  }

  mutating func parseObject() throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    try enter()
    defer { depth -= 1 }
    let saved = noIn
    noIn = false
    defer { noIn = saved }
    let items = try delimited(until: "}") { parser throws(ParseFailure) in
      try parser.parseObjectMember()
    }
    try expect("}")
    return node(.dictionary, start, items, flags: JavaScriptFlags.object)
  }

  mutating func parseObjectMember() throws(ParseFailure) -> Int32 {
    let start = token.start
    if atPatternEllipsis {
      advance()
      return node(.ellipsis, start)
    }
    if eat("...") {
      let value = try parseAssignment()
      return node(.starred, start, [value])
    }
    var flags: UInt8 = 0
    if (atName("get") || atName("set") || atName("async")) && isMethodPrefix() {
      if atName("async") { flags = NodeFlags.isAsync }
      advance()
    }
    _ = eat("*")
    let isShorthandCandidate = token.kind == .name || token.kind == .ellipsisMetavariable
    let key = try parsePropertyKey()
    if eat(":") {
      let value = try parseAssignment()
      if let method = namedFunction(start, decorators: SyntaxTree.absent, key, value) {
        return method
      }
      return node(.pair, start, [key, value])
    }
    if at("(") || at("<") {
      if at("<") { try skipAngles(reject: false) }
      let parameters = try parseParameters()
      var returnType = SyntaxTree.absent
      if typescript && eat(":") { returnType = try parseType() }
      let body = try parseFunctionBody()
      let method = node(
        .functionDefinition, start, [SyntaxTree.absent, key, parameters, returnType, body],
        flags: flags)
      return method
    }
    guard isShorthandCandidate else { throw failure("expected ':'") }
    if at("=") {
      // A default in a destructuring pattern.
      advance()
      let value = try parseAssignment()
      return node(.assignment, start, [key, value])
    }
    return key
  }

  /// Template text as string nodes: in code each escape sequence is a piece of its own, as
  /// semgrep splits it; a pattern's text stays whole so that `...` in it stays one piece.
  mutating func templateText(_ start: Int32, _ end: Int32) -> [Int32] {
    guard end > start else { return [] }
    guard !patternMode else { return [builder.add(.string, start: start, end: end)] }
    var pieces: [Int32] = []
    var pieceStart = Int(start)
    var position = Int(start)
    let stop = Int(end)
    func add(_ from: Int, _ to: Int) {
      guard to > from else { return }
      pieces.append(builder.add(.string, start: Int32(from), end: Int32(to)))
    }
    while position < stop {
      guard bytes[position] == UInt8(ascii: "\\") else {
        position += 1
        continue
      }
      add(pieceStart, position)
      let escapeEnd = min(stop, position + escapeLength(at: position))
      add(position, escapeEnd)
      position = escapeEnd
      pieceStart = position
    }
    add(pieceStart, stop)
    return pieces
  }

  /// The length of the escape sequence at `position` (`\n`, `\x41`, `\u0041`, `\u{41}`).
  func escapeLength(at position: Int) -> Int {
    let next = position + 1 < bytes.count ? bytes[position + 1] : 0
    switch next {
    case UInt8(ascii: "x"): return 4
    case UInt8(ascii: "u"):
      guard position + 2 < bytes.count, bytes[position + 2] == UInt8(ascii: "{") else { return 6 }
      var index = position + 3
      while index < bytes.count && bytes[index] != UInt8(ascii: "}") && index < position + 12 {
        index += 1
      }
      return index + 1 - position
    case 0x0D where position + 2 < bytes.count && bytes[position + 2] == 0x0A: return 3
    default: return 2
    }
  }

  mutating func parseTemplate() throws(ParseFailure) -> Int32 {
    let start = token.start
    var parts: [Int32] = []
    if token.kind == .template {
      let contentStart = start + 1
      let contentEnd = max(contentStart, token.end - 1)
      parts += templateText(contentStart, contentEnd)
      advance()
      return node(.templateLiteral, start, parts, text: (contentStart, contentEnd))
    }
    var fragmentStart = start + 1
    var fragmentEnd = token.end - 2
    try enter()
    defer { depth -= 1 }
    while true {
      parts += templateText(fragmentStart, fragmentEnd)
      advance()
      let saved = noIn
      noIn = false
      parts.append(try parseExpression())
      noIn = saved
      guard at("}") else { throw failure("expected '}' closing a template substitution") }
      token = lexer.templateContinuation(at: token.start)
      switch token.kind {
      case .templateMiddle:
        fragmentStart = token.start + 1
        fragmentEnd = token.end - 2
        continue
      case .templateTail:
        fragmentStart = token.start + 1
        fragmentEnd = token.end - 1
        parts += templateText(fragmentStart, fragmentEnd)
        advance()
        return node(
          .templateLiteral, start, parts, text: (start + 1, max(start + 1, previousEnd - 1)))
      default:
        throw failure("unterminated template literal")
      }
    }
  }

  // MARK: - TypeScript types

  /// Where the tree keeps no type (class heritage, class type parameters, arrow return types,
  /// index signatures, `catch` parameters, type arguments before a template or a member), a
  /// pattern naming one would match code of any type; it is reported unsupported so that
  /// semgrep runs it.
  func rejectTypesInPatterns() throws(ParseFailure) {
    guard patternMode && !probingTypes else { return }
    throw ParseFailure(
      offset: Int(token.start),
      message: JavaScriptParserState.unsupportedPrefix
        + "TypeScript types in this position of a pattern")
  }

  /// Skips a type the tree does not keep (see `rejectTypesInPatterns`).
  mutating func skipType(arrowReturn: Bool = false) throws(ParseFailure) {
    try rejectTypesInPatterns()
    try enter()
    defer { depth -= 1 }
    _ = eat("|") || eat("&")
    try skipTypeOperand()
    while true {
      if at("|") || at("&") {
        advance()
        try skipTypeOperand()
      } else if atName("extends") && !arrowReturn && !token.newlineBefore {
        advance()
        try skipTypeOperand()
        if eat("?") {
          try skipType()
          try expect(":")
          try skipType()
        }
      } else {
        return
      }
    }
  }

  mutating func skipTypeOperand() throws(ParseFailure) {
    try enter()
    defer { depth -= 1 }
    while token.kind == .name
      && (atName("keyof") || atName("typeof") || atName("readonly") || atName("unique")
        || atName("infer") || atName("new") || atName("abstract") || atName("asserts"))
      && peek().kind != .punct || (atName("new") && peekIs("("))
    {
      advance()
    }
    switch token.kind {
    case .punct:
      if at("(") {
        try skipBalanced()
        if at("=>") {
          advance()
          try skipType()
        }
      } else if at("<") {
        try skipAngles()
        try skipBalanced()
        try expect("=>")
        try skipType()
      } else if at("{") || at("[") {
        try skipBalanced()
      } else if at("-") {
        advance()
        advance()
      } else {
        throw failure("expected a type")
      }
    case .name:
      advance()
      while at(".") {
        advance()
        advance()
      }
      if at("<") && !token.newlineBefore { try skipAngles() }
      if atName("is") && !token.newlineBefore {
        advance()
        try skipType()
      }
    case .string, .number, .template:
      advance()
    case .templateHead:
      _ = try parseTemplateType()
    default:
      throw failure("expected a type")
    }
    while at("[") && !token.newlineBefore { try skipBalanced() }
  }

  mutating func parseTemplateType() throws(ParseFailure) -> Bool {
    while true {
      advance()
      try skipType()
      guard at("}") else { throw failure("expected '}'") }
      token = lexer.templateContinuation(at: token.start)
      if token.kind == .templateTail {
        advance()
        return true
      }
      guard token.kind == .templateMiddle else { throw failure("unterminated template type") }
    }
  }

  /// Operators no type contains, which tell a comparison from type arguments early.
  var cannotBeInType: Bool {
    guard token.kind == .punct else { return false }
    return JavaScriptParserState.expressionOnly.contains { at($0) }
  }

  static let expressionOnly: [StaticString] = [
    "&&", "||", "+", "*", "/", "%", "==", "===", "!=", "!==", "<=", "++", "--", "!", "+=",
    "-=", "??", "**",
  ]

  /// Skips `<...>`, splitting `>>` where type arguments close.
  mutating func skipAngles(reject: Bool = true) throws(ParseFailure) {
    if reject { try rejectTypesInPatterns() }
    try expect("<")
    var level = 1
    var steps = 0
    while level > 0 {
      steps += 1
      // Type arguments this long are a comparison chain, not types.
      if steps > 64 || cannotBeInType { throw failure("expected '>'") }
      if token.kind == .endOfFile || at(";") || at(")") || at("]") || at("}") {
        throw failure("expected '>'")
      }
      if at("<") {
        level += 1
        advance()
      } else if token.kind == .punct && bytes[Int(token.start)] == UInt8(ascii: ">")
        && !at("=>")
      {
        if token.end - token.start > 1 { token = lexer.single(at: token.start) }
        level -= 1
        advance()
      } else if at("(") || at("[") || at("{") || token.kind == .templateHead {
        try skipBalanced()
      } else {
        advance()
      }
    }
  }

  /// Skips from an opening bracket (or a template's head) past its closing one.
  mutating func skipBalanced() throws(ParseFailure) {
    var closers: [UInt8] = []
    let templateMark = UInt8(ascii: "`")
    repeat {
      switch token.kind {
      case .endOfFile:
        throw failure("unclosed bracket")
      case .templateHead:
        closers.append(templateMark)
      case .punct:
        let c = bytes[Int(token.start)]
        if token.end - token.start == 1 {
          switch c {
          case UInt8(ascii: "("): closers.append(UInt8(ascii: ")"))
          case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
          case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
          case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            guard let last = closers.last else { throw failure("unbalanced bracket") }
            if last == templateMark && c == UInt8(ascii: "}") {
              token = lexer.templateContinuation(at: token.start)
              if token.kind == .templateTail {
                closers.removeLast()
              } else if token.kind != .templateMiddle {
                throw failure("unterminated template literal")
              }
            } else if last == c {
              closers.removeLast()
            } else {
              throw failure("unbalanced bracket")
            }
          default:
            break
          }
        }
      default:
        break
      }
      advance()
    } while !closers.isEmpty
  }

  /// `type X = T;` as a type alias and `interface X extends A { ... }` as its name and bases:
  /// semgrep matches no interface member, and ignores type parameters.
  mutating func parseTypeDeclaration() throws(ParseFailure) -> Int32 {
    let start = token.start
    let isInterface = atName("interface")
    advance()
    let name = parsePrimaryName()
    if at("<") { try skipAngles(reject: false) }
    if isInterface {
      var bases = SyntaxTree.absent
      if atName("extends") {
        let basesStart = token.start
        advance()
        var types: [Int32] = []
        repeat { types.append(try parseType()) } while eat(",")
        bases = node(.arguments, basesStart, types)
      }
      guard at("{") else { throw failure("expected '{'") }
      try skipBalanced()
      return node(.tsInterface, start, [name, bases])
    }
    try expect("=")
    let type = try parseType()
    try endStatement()
    return node(.typeAlias, start, [name, type])
  }

  /// A prefix operation followed by the call its operand stopped before: tree-sitter's
  /// grammar, which semgrep parses with, reads `await f<T>(x)` and `!f<T>(x)` as calls of
  /// `await f` and `!f`, so a pattern `f(...)` does not find them there.
  mutating func typedCallOf(_ operation: Int32) throws(ParseFailure) -> Int32 {
    guard typescript && at("<") else { return operation }
    return try parseCallChain(operation)
  }

  /// A call with type arguments, `f<T>(x)`, from where the probe for them started; type
  /// arguments the type reader does not take are skipped as before (and declined in patterns).
  mutating func parseTypedCall(_ callee: Int32, start: Int32, saved: Snapshot)
    throws(ParseFailure) -> Int32
  {
    let skipped = snapshot()
    restore(saved)
    let argumentsStart = token.start
    let types: [Int32]
    do throws(ParseFailure) {
      types = try parseTypeArguments()
    } catch {
      restore(saved)
      probingTypes = true
      defer { probingTypes = false }
      try skipAngles()
      guard token.start == skipped.token.start else { throw error }
      try rejectTypesInPatterns()
      return callee
    }
    let typeArguments = node(.tsTypeArguments, argumentsStart, types)
    let arguments = try parseArguments()
    // semgrep drops the type arguments of a method call, a pattern's too.
    if builder.nodes[Int(callee)].kind == .attribute {
      return node(.call, start, [callee, arguments])
    }
    return node(.call, start, [callee, arguments, typeArguments])
  }
}

extension JavaScriptParser {
  /// TypeScript: `.ts` forbids JSX (so `<T>x` is a type assertion) and `.tsx` allows it; the
  /// file's extension is not known here, so the reading with fewer warnings wins.
  static func parseTypeScript(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    if patternMode { return parse(file, dialect: .tsx, patternMode: true) }
    let plain = parse(file, dialect: .typescript, patternMode: false)
    guard !plain.warnings.isEmpty else { return plain }
    let withJSX = parse(file, dialect: .tsx, patternMode: false)
    return withJSX.warnings.count < plain.warnings.count ? withJSX : plain
  }
}
