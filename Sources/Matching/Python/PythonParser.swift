import Rules

/// Flag bits Python nodes use beside `NodeFlags`.
public enum PythonFlags {
  /// On a body's `block`: semgrep reads a body of one statement as that statement, and a
  /// body that is a lone `$S` binds the whole body, however many statements it holds.
  public static let body: UInt8 = 128
  /// On `import` and `from ... import` statements: semgrep reads Python's imports by their
  /// full paths (`PythonImports.swift`).
  public static let pythonImport: UInt8 = 128
}

/// Parses Python source into a `SyntaxTree`.
public enum PythonParser {
  /// Parses a file; never fails, since what does not parse becomes error nodes and warnings.
  public static func parse(source: String) -> SyntaxTree {
    parse(SourceFile(path: "", text: source), patternMode: false)
  }

  /// Parses bytes; in pattern mode `$X`, `$...X` and `<... e ...>` are read too.
  static func parse(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    var parser = PythonParserState(bytes: file.bytes, patternMode: patternMode)
    let root = parser.parseModule()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: parser.aliases)
  }
}

/// The recursive-descent parser's state, with bounded recursion.
///
/// Every cycle of recursion passes a counted level (an expression, a bracket, a block, an
/// operator, a postfix step), so nesting cannot exhaust the stack: past `maxDepth` the
/// statement becomes an error node with a warning.
struct PythonParserState: TokenListCursor {
  static let maxDepth = 400
  /// Operators in one chain (`a + b + ...`); the matcher guards its own recursion too.
  static let maxChain = 1000

  let bytes: [UInt8]
  let patternMode: Bool
  var tokens: [Token]
  var index = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)]
  var aliases: [String: String] = [:]
  var depth = 0
  var previousEnd: Int32 = 0
  /// Inside a `case` pattern, where `pattern as name` may appear within brackets.
  var inCasePattern = false

  init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
    let lexer = PythonLexer.tokenize(bytes, patternMode: patternMode)
    tokens = lexer.tokens
    warnings = lexer.warnings
    builder.nodes.reserveCapacity(tokens.count)
    builder.children.reserveCapacity(tokens.count)
  }

  // MARK: - Tokens

  static let endOfFileKind = TokenKind.endOfFile

  func isSpelled(_ token: Token) -> Bool { false }

  func describe(_ token: Token) -> String? {
    switch token.kind {
    case .endOfFile: return "end of file"
    case .newline: return "end of line"
    case .indent: return "indentation"
    case .dedent: return "dedent"
    default: return nil
    }
  }

  // MARK: - Statements

  mutating func parseModule() -> Int32 {
    let statements = parseStatements(untilDedent: false)
    previousEnd = Int32(bytes.count)
    return builder.add(.module, start: 0, end: Int32(bytes.count), children: statements)
  }

  mutating func parseStatements(untilDedent: Bool) -> [Int32] {
    var result: [Int32] = []
    while true {
      switch kind {
      case .endOfFile:
        return result
      case .dedent:
        if untilDedent { return result }
        advance()
        continue
      case .newline, .semicolon:
        advance()
        continue
      case .indent:
        warnings.append((Int(current.start), "unexpected indent"))
        advance()
        if depth < PythonParserState.maxDepth {
          depth += 1
          result += parseStatements(untilDedent: true)
          depth -= 1
          _ = eat(.dedent)
        }
        continue
      default:
        break
      }
      let startIndex = index
      do throws(ParseFailure) {
        result += try parseStatement()
      } catch {
        warnings.append((error.offset, error.message))
        let start = tokens[startIndex].start
        while ![.newline, .indent, .dedent, .endOfFile].contains(kind) { advance() }
        if index == startIndex { advance() }
        _ = eat(.newline)
        result.append(builder.add(.error, start: start, end: max(start, previousEnd)))
      }
      if index == startIndex { advance() }
    }
  }

  mutating func parseStatement() throws(ParseFailure) -> [Int32] {
    switch kind {
    case .kwIf: return [try parseIf()]
    case .kwWhile: return [try parseWhile()]
    case .kwFor: return [try parseFor(start: current.start, flags: 0)]
    case .kwTry: return [try parseTry()]
    case .kwWith: return [try parseWith(start: current.start, flags: 0)]
    case .kwDef: return [try parseFunction(decorators: SyntaxTree.absent, start: current.start)]
    case .kwClass: return [try parseClass(decorators: SyntaxTree.absent, start: current.start)]
    case .at: return [try parseDecorated()]
    case .name where isSoftKeyword("match"):
      if let statement = try parseMatch() { return [statement] }
      return try parseSimpleStatements()
    case .name where (isSoftKeyword("print") || isSoftKeyword("exec")) && startsPython2Statement:
      return [try parsePython2Statement()]
    case .name where isSoftKeyword("type"):
      if let statement = try parseTypeAlias() { return [statement] }
      return try parseSimpleStatements()
    case .kwAsync:
      let start = current.start
      switch peekKind(1) {
      case .kwDef: return [try parseFunction(decorators: SyntaxTree.absent, start: start)]
      case .kwFor:
        advance()
        return [try parseFor(start: start, flags: NodeFlags.isAsync)]
      case .kwWith:
        advance()
        return [try parseWith(start: start, flags: NodeFlags.isAsync)]
      default: return try parseSimpleStatements()
      }
    default:
      return try parseSimpleStatements()
    }
  }

  mutating func parseSimpleStatements() throws(ParseFailure) -> [Int32] {
    var result: [Int32] = []
    while true {
      result.append(try parseSmallStatement())
      guard eat(.semicolon) else { break }
      if kind == .newline || kind == .endOfFile { break }
    }
    if kind != .endOfFile { try expect(.newline, "end of statement") }
    return result
  }

  mutating func parseSmallStatement() throws(ParseFailure) -> Int32 {
    let start = current.start
    switch kind {
    case .kwPass:
      advance()
      return node(.passStatement, start)
    case .kwBreak:
      advance()
      return node(.breakStatement, start)
    case .kwContinue:
      advance()
      return node(.continueStatement, start)
    case .kwReturn:
      advance()
      let value = startsExpression ? try parseTestListStar() : SyntaxTree.absent
      return node(.returnStatement, start, [value])
    case .kwRaise:
      advance()
      let exception = startsExpression ? try parseTest() : SyntaxTree.absent
      // Python 2's `raise E, value, traceback`: the extra parts are read and left out.
      while exception != SyntaxTree.absent && eat(.comma) { _ = try parseTest() }
      let cause = eat(.kwFrom) ? try parseTest() : SyntaxTree.absent
      return node(.raiseStatement, start, [exception, cause])
    case .kwGlobal, .kwNonlocal:
      let isGlobal = kind == .kwGlobal
      advance()
      var names = [try parseName()]
      while eat(.comma) { names.append(try parseName()) }
      return node(isGlobal ? .globalStatement : .nonlocalStatement, start, names)
    case .kwDel:
      advance()
      return node(.deleteStatement, start, [try parseTestListStar()])
    case .kwAssert:
      advance()
      let test = try parseTest()
      let message = eat(.comma) ? try parseTest() : SyntaxTree.absent
      return node(.assertStatement, start, [test, message])
    case .kwImport:
      return try parseImport()
    case .kwFrom:
      return try parseFromImport()
    default:
      return try parseExpressionStatement()
    }
  }

  mutating func parseExpressionStatement() throws(ParseFailure) -> Int32 {
    let start = current.start
    let first = kind == .kwYield ? try parseYield() : try parseTestListStar()
    if kind == .equal {
      var parts = [first]
      while eat(.equal) {
        parts.append(kind == .kwYield ? try parseYield() : try parseTestListStar())
      }
      return node(.assignment, start, parts)
    }
    if let op = augmentedOperator(kind) {
      advance()
      let value = kind == .kwYield ? try parseYield() : try parseTestListStar()
      return node(.augmentedAssignment, start, [first, value], op: op)
    }
    if eat(.colon) {
      let annotation = try parseTest()
      var value = SyntaxTree.absent
      if eat(.equal) { value = kind == .kwYield ? try parseYield() : try parseTestListStar() }
      return node(.annotatedAssignment, start, [first, annotation, value])
    }
    return node(.expressionStatement, start, [first])
  }

  func augmentedOperator(_ kind: TokenKind) -> Operator? {
    switch kind {
    case .plusEqual: return .add
    case .minusEqual: return .subtract
    case .starEqual: return .multiply
    case .atEqual: return .matrixMultiply
    case .slashEqual: return .divide
    case .doubleSlashEqual: return .floorDivide
    case .percentEqual: return .modulo
    case .doubleStarEqual: return .power
    case .leftShiftEqual: return .leftShift
    case .rightShiftEqual: return .rightShift
    case .vbarEqual: return .bitOr
    case .circumflexEqual: return .bitXor
    case .amperEqual: return .bitAnd
    default: return nil
    }
  }

  mutating func parseBlock() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    if eat(.newline) {
      guard kind == .indent else { throw failure("expected an indented block") }
      advance()
      let statements = parseStatements(untilDedent: true)
      _ = eat(.dedent)
      let blockStart = statements.first.map { builder.nodes[Int($0)].start } ?? start
      let blockEnd = statements.last.map { builder.nodes[Int($0)].end } ?? start
      return builder.add(
        .block, start: blockStart, end: blockEnd, children: statements, flags: PythonFlags.body)
    }
    let statements = try parseSimpleStatements()
    let blockEnd = statements.last.map { builder.nodes[Int($0)].end } ?? start
    return builder.add(
      .block, start: start, end: blockEnd, children: statements, flags: PythonFlags.body)
  }

  mutating func parseIf() throws(ParseFailure) -> Int32 {
    var branches: [(start: Int32, test: Int32, body: Int32)] = []
    let entryDepth = depth
    defer { depth = entryDepth }
    repeat {
      // Each `elif` nests one level deeper in the tree, so it counts against the depth limit.
      try enter()
      let start = current.start
      advance()
      let test = try parseNamed()
      try expect(.colon, "':'")
      branches.append((start, test, try parseBlock()))
    } while kind == .kwElif
    var orElse = SyntaxTree.absent
    if eat(.kwElse) {
      try expect(.colon, "':'")
      orElse = try parseBlock()
    }
    for branch in branches.reversed() {
      let end =
        orElse != SyntaxTree.absent
        ? builder.nodes[Int(orElse)].end : builder.nodes[Int(branch.body)].end
      let statement = builder.add(
        .ifStatement, start: branch.start, end: end, children: [branch.test, branch.body, orElse])
      if branch.start == branches[0].start { return statement }
      orElse = builder.add(
        .block, start: branch.start, end: end, children: [statement], flags: PythonFlags.body)
    }
    throw failure("expected 'if'")
  }

  mutating func parseElse() throws(ParseFailure) -> Int32 {
    guard eat(.kwElse) else { return SyntaxTree.absent }
    try expect(.colon, "':'")
    return try parseBlock()
  }

  func isSoftKeyword(_ word: String) -> Bool {
    let token = current
    return bytes[Int(token.start)..<Int(token.end)].elementsEqual(word.utf8)
  }

  /// `match subject:` with `case` clauses, or nil (nothing consumed) when the line is not a
  /// match statement, since `match` is also an ordinary name.
  mutating func parseMatch() throws(ParseFailure) -> Int32? {
    let saved = (index, previousEnd, warnings.count)
    let start = current.start
    advance()
    let subject: Int32
    do throws(ParseFailure) {
      guard startsExpression else { throw failure("expected a subject") }
      subject = try parseTestListStar()
      try expect(.colon, "':'")
      try expect(.newline, "end of line")
      guard kind == .indent, peekKind(1) == .name else { throw failure("expected 'case'") }
    } catch {
      (index, previousEnd) = (saved.0, saved.1)
      warnings.removeSubrange(saved.2...)
      return nil
    }
    try enter()
    defer { depth -= 1 }
    advance()
    var clauses: [Int32] = []
    while kind == .name && isSoftKeyword("case") {
      let clauseStart = current.start
      advance()
      let pattern = try parseCasePattern()
      let guardExpression = eat(.kwIf) ? try parseNamed() : SyntaxTree.absent
      try expect(.colon, "':'")
      let body = try parseBlock()
      clauses.append(node(.caseClause, clauseStart, [pattern, guardExpression, body]))
      while kind == .newline { advance() }
    }
    guard eat(.dedent) else { throw failure("expected 'case'") }
    return node(.matchStatement, start, [subject] + clauses)
  }

  /// Whether `print`/`exec` here begins Python 2's statement form (`print x`), which no
  /// Python 3 expression statement can.
  var startsPython2Statement: Bool {
    switch peekKind(1) {
    case .name, .number, .string, .rightShift, .kwNot, .kwLambda, .kwNone, .kwTrue, .kwFalse:
      return true
    default:
      return false
    }
  }

  /// Python 2's `print x, y`, `print >>f, x` and `exec code in scope`, read as calls so that
  /// patterns for the Python 3 calls match them.
  mutating func parsePython2Statement() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    let callee = node(.identifier, start)
    let argumentsStart = current.start
    var items: [Int32] = []
    if eat(.rightShift) {
      let fileStart = current.start
      let file = try parseTest()
      items.append(
        builder.add(
          .keywordArgument, start: fileStart, end: previousEnd,
          children: [builder.add(.identifier, start: fileStart, end: fileStart), file]))
      _ = eat(.comma)
    }
    while startsExpression {
      items.append(try parseTest())
      if eat(.kwIn) { items.append(try parseTest()) }
      if !eat(.comma) { break }
    }
    let arguments = node(.arguments, argumentsStart, items)
    let call = node(.call, start, [callee, arguments])
    let statement = node(.expressionStatement, start, [call])
    if kind != .endOfFile { try expect(.newline, "end of statement") }
    return statement
  }

  /// A case pattern, read as expressions (`|` alternatives, captures, literals, class
  /// patterns); it stops before a guard's `if`.
  mutating func parseCasePattern() throws(ParseFailure) -> Int32 {
    inCasePattern = true
    defer { inCasePattern = false }
    let start = current.start
    var items: [Int32] = []
    repeat {
      if kind == .colon || kind == .kwIf { break }
      let itemStart = current.start
      var item = eat(.star) ? node(.starred, itemStart, [try parseBinary(5)]) : try parseBinary(1)
      if eat(.kwAs) { item = node(.asPattern, itemStart, [item, try parseName()]) }
      items.append(item)
    } while eat(.comma)
    guard let first = items.first else { throw failure("expected a pattern") }
    return items.count == 1 && builder.nodes[Int(first)].end == previousEnd
      ? first : node(.tuple, start, items)
  }

  mutating func parseWhile() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    let test = try parseNamed()
    try expect(.colon, "':'")
    let body = try parseBlock()
    let orElse = try parseElse()
    return node(.whileStatement, start, [test, body, orElse])
  }

  mutating func parseFor(start: Int32, flags: UInt8) throws(ParseFailure) -> Int32 {
    advance()
    let target = try parseTargetList()
    try expect(.kwIn, "'in'")
    let iterable = try parseTestListStar()
    try expect(.colon, "':'")
    let body = try parseBlock()
    let orElse = try parseElse()
    return node(.forStatement, start, [target, iterable, body, orElse], flags: flags)
  }

  mutating func parseTry() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    try expect(.colon, "':'")
    let body = try parseBlock()
    var handlers: [Int32] = []
    let handlersStart = current.start
    while kind == .kwExcept {
      let handlerStart = current.start
      advance()
      _ = eat(.star)
      var type = SyntaxTree.absent
      var name = SyntaxTree.absent
      if kind != .colon {
        type = try parseTest()
        if eat(.kwAs) || eat(.comma) { name = try parseName() }
      }
      try expect(.colon, "':'")
      let handlerBody = try parseBlock()
      handlers.append(node(.exceptClause, handlerStart, [type, name, handlerBody]))
    }
    let handlerList =
      handlers.isEmpty ? SyntaxTree.absent : node(.exceptClauses, handlersStart, handlers)
    let orElse = try parseElse()
    var final = SyntaxTree.absent
    if eat(.kwFinally) {
      try expect(.colon, "':'")
      final = try parseBlock()
    }
    if handlers.isEmpty && final == SyntaxTree.absent {
      throw failure("expected 'except' or 'finally'")
    }
    return node(.tryStatement, start, [body, handlerList, orElse, final])
  }

  mutating func parseWith(start: Int32, flags: UInt8) throws(ParseFailure) -> Int32 {
    advance()
    let itemsStart = current.start
    var items: [Int32] = []
    if kind == .leftParen {
      let saved = (index, previousEnd, warnings.count)
      do throws(ParseFailure) {
        advance()
        while kind != .rightParen {
          items.append(try parseWithItem())
          if !eat(.comma) { break }
        }
        try expect(.rightParen, "')'")
        guard kind == .colon else { throw failure("expected ':'") }
      } catch {
        (index, previousEnd) = (saved.0, saved.1)
        warnings.removeSubrange(saved.2...)
        items = []
      }
    }
    if items.isEmpty {
      repeat { items.append(try parseWithItem()) } while eat(.comma)
    }
    let itemList = node(.withItems, itemsStart, items)
    try expect(.colon, "':'")
    let body = try parseBlock()
    return node(.withStatement, start, [itemList, body], flags: flags)
  }

  mutating func parseWithItem() throws(ParseFailure) -> Int32 {
    let start = current.start
    let context = try parseTest()
    let target = eat(.kwAs) ? try parseTarget() : SyntaxTree.absent
    return node(.withItem, start, [context, target])
  }

  mutating func parseDecorated() throws(ParseFailure) -> Int32 {
    let start = current.start
    var decorators: [Int32] = []
    while eat(.at) {
      decorators.append(try parseNamed())
      try expect(.newline, "end of line after a decorator")
    }
    let list = node(.decorators, start, decorators)
    switch kind {
    case .kwClass: return try parseClass(decorators: list, start: start)
    case .kwDef: return try parseFunction(decorators: list, start: start)
    case .kwAsync where peekKind(1) == .kwDef:
      return try parseFunction(decorators: list, start: start)
    default: throw failure("expected 'def' or 'class' after decorators")
    }
  }

  mutating func parseFunction(decorators: Int32, start: Int32) throws(ParseFailure) -> Int32 {
    let flags = eat(.kwAsync) ? NodeFlags.isAsync : 0
    try expect(.kwDef, "'def'")
    let name = try parseName()
    try skipTypeParameters()
    try expect(.leftParen, "'('")
    let parameters = try parseParameters(closing: .rightParen, annotations: true)
    try expect(.rightParen, "')'")
    let returns = eat(.arrow) ? try parseTest() : SyntaxTree.absent
    try expect(.colon, "':'")
    let body = try parseBlock()
    return node(
      .functionDefinition, start, [decorators, name, parameters, returns, body], flags: flags)
  }

  mutating func parseClass(decorators: Int32, start: Int32) throws(ParseFailure) -> Int32 {
    advance()
    let name = try parseName()
    try skipTypeParameters()
    let bases = kind == .leftParen ? try parseArguments() : SyntaxTree.absent
    try expect(.colon, "':'")
    let body = try parseBlock()
    return node(.classDefinition, start, [decorators, name, bases, body])
  }

  /// Skips PEP 695 type parameters (`def f[T](...)`, `class C[T]:`): no rule looks into
  /// them, and skipping balanced brackets cannot misread what follows.
  mutating func skipTypeParameters() throws(ParseFailure) {
    guard kind == .leftBracket else { return }
    var nesting = 0
    repeat {
      switch kind {
      case .leftBracket, .leftParen, .leftBrace: nesting += 1
      case .rightBracket, .rightParen, .rightBrace: nesting -= 1
      case .newline, .endOfFile: throw failure("expected ']'")
      default: break
      }
      advance()
    } while nesting > 0
  }

  /// `type Name[T] = value` (PEP 695), or nil (nothing consumed) when `type` is a name.
  mutating func parseTypeAlias() throws(ParseFailure) -> Int32? {
    guard peekKind(1) == .name, peekKind(2) == .equal || peekKind(2) == .leftBracket else {
      return nil
    }
    let start = current.start
    advance()
    let name = try parseName()
    try skipTypeParameters()
    try expect(.equal, "'='")
    let value = try parseTest()
    let alias = node(.typeAlias, start, [name, value])
    if kind != .endOfFile { try expect(.newline, "end of statement") }
    return alias
  }

  mutating func parseParameters(closing: TokenKind, annotations: Bool) throws(ParseFailure) -> Int32
  {
    let start = current.start
    var items: [Int32] = []
    while kind != closing {
      let itemStart = current.start
      switch kind {
      case .slash:
        advance()
        items.append(
          node(
            .parameter, itemStart, [SyntaxTree.absent, SyntaxTree.absent, SyntaxTree.absent],
            flags: NodeFlags.slash))
      case .star, .doubleStar:
        let flags = kind == .star ? NodeFlags.star : NodeFlags.doubleStar
        advance()
        var name = SyntaxTree.absent
        var annotation = SyntaxTree.absent
        if kind == .name || kind == .metavariable {
          name = try parseName()
          if annotations && eat(.colon) { annotation = try parseStarOrNamed() }
        }
        items.append(
          node(.parameter, itemStart, [name, annotation, SyntaxTree.absent], flags: flags))
      case .ellipsis where patternMode, .ellipsisMetavariable:
        items.append(try parseAtom())
      case .name, .metavariable:
        let name = try parseName()
        let annotation = annotations && eat(.colon) ? try parseTest() : SyntaxTree.absent
        let value = eat(.equal) ? try parseTest() : SyntaxTree.absent
        items.append(node(.parameter, itemStart, [name, annotation, value]))
      default:
        throw failure("expected a parameter")
      }
      if !eat(.comma) { break }
    }
    return node(.parameters, start, items)
  }

  mutating func parseImport() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    var items: [Int32] = []
    repeat {
      let itemStart = current.start
      let (dotted, path) = try parseDottedName()
      var alias = SyntaxTree.absent
      if eat(.kwAs) {
        alias = try parseName()
        aliases[text(builder.nodes[Int(alias)].start, builder.nodes[Int(alias)].end)] = path
      }
      items.append(node(.importAlias, itemStart, [dotted, alias]))
    } while eat(.comma)
    return node(.importStatement, start, items, flags: PythonFlags.pythonImport)
  }

  mutating func parseDottedName() throws(ParseFailure) -> (Int32, String) {
    let start = current.start
    var names = [try parseName()]
    while eat(.dot) { names.append(try parseName()) }
    let path = names.map { text(builder.nodes[Int($0)].start, builder.nodes[Int($0)].end) }
      .joined(separator: ".")
    return (node(.dottedName, start, names), path)
  }

  mutating func parseFromImport() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    let moduleStart = current.start
    var dots = ""
    while kind == .dot || kind == .ellipsis {
      dots += kind == .dot ? "." : "..."
      advance()
    }
    var module: Int32
    var path = dots
    if kind == .name || kind == .metavariable {
      let (dotted, dottedPath) = try parseDottedName()
      builder.nodes[Int(dotted)].start = moduleStart
      builder.nodes[Int(dotted)].textStart = moduleStart
      module = dotted
      path += dottedPath
    } else {
      guard !dots.isEmpty else { throw failure("expected a module name") }
      module = node(.dottedName, moduleStart)
    }
    // A relative import's level, so `from .typing import x` differs from `from typing import x`.
    builder.nodes[Int(module)].flags = UInt8(min(dots.count, 255))
    try expect(.kwImport, "'import'")
    var items: [Int32] = []
    if kind == .star {
      let starStart = current.start
      advance()
      items.append(node(.importAll, starStart))
    } else {
      let parenthesized = eat(.leftParen)
      repeat {
        if parenthesized && kind == .rightParen { break }
        let itemStart = current.start
        let name = try parseName()
        let nameText = text(builder.nodes[Int(name)].start, builder.nodes[Int(name)].end)
        let dotted = builder.add(
          .dottedName, start: itemStart, end: previousEnd, children: [name])
        var alias = SyntaxTree.absent
        var local = nameText
        if eat(.kwAs) {
          alias = try parseName()
          local = text(builder.nodes[Int(alias)].start, builder.nodes[Int(alias)].end)
        }
        // A relative module keeps its dots as its first name (semgrep): `$X.$F` matches
        // `x` of `from .m import x`, `m.x` does not.
        aliases[local] = path.hasSuffix(".") ? path + nameText : path + "." + nameText
        items.append(node(.importAlias, itemStart, [dotted, alias]))
      } while eat(.comma)
      if parenthesized { try expect(.rightParen, "')'") }
    }
    return node(.importFrom, start, [module] + items, flags: PythonFlags.pythonImport)
  }

  mutating func parseName() throws(ParseFailure) -> Int32 {
    let start = current.start
    switch kind {
    case .name:
      advance()
      return node(.identifier, start)
    case .metavariable where patternMode:
      advance()
      return node(.metavariable, start)
    default:
      throw failure("expected a name")
    }
  }

  // MARK: - Expressions

  var startsExpression: Bool {
    switch kind {
    case .name, .number, .string, .metavariable, .ellipsisMetavariable, .ellipsis, .leftParen,
      .leftBracket, .leftBrace, .minus, .plus, .tilde, .star, .kwNot, .kwLambda, .kwAwait,
      .kwNone, .kwTrue, .kwFalse:
      return true
    case .less: return patternMode && peekKind(1) == .ellipsis
    default: return false
    }
  }

  mutating func parseYield() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    if eat(.kwFrom) { return node(.yieldFrom, start, [try parseTest()]) }
    let value = startsExpression ? try parseTestListStar() : SyntaxTree.absent
    return node(.yield, start, [value])
  }

  /// Expressions separated by commas, a tuple when there is a comma.
  mutating func parseTestListStar() throws(ParseFailure) -> Int32 {
    let start = current.start
    let first = try parseStarOrNamed()
    guard kind == .comma else { return first }
    var items = [first]
    while eat(.comma) {
      if !startsExpression { break }
      items.append(try parseStarOrNamed())
    }
    return node(.tuple, start, items)
  }

  mutating func parseStarOrNamed() throws(ParseFailure) -> Int32 {
    let start = current.start
    if eat(.star) { return node(.starred, start, [try parseBinary(5)]) }
    return try parseNamed()
  }

  mutating func parseNamed() throws(ParseFailure) -> Int32 {
    let start = current.start
    let expression = try parseTest()
    if eat(.colonEqual) { return node(.namedExpression, start, [expression, try parseTest()]) }
    if inCasePattern && eat(.kwAs) {
      return node(.asPattern, start, [expression, try parseName()])
    }
    return expression
  }

  mutating func parseTest() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    if kind == .kwLambda {
      advance()
      let parameters = try parseParameters(closing: .colon, annotations: false)
      try expect(.colon, "':'")
      return node(.lambda, start, [parameters, try parseTest()])
    }
    let body = try parseBinary(1)
    guard eat(.kwIf) else { return body }
    let test = try parseBinary(1)
    try expect(.kwElse, "'else'")
    return node(.conditional, start, [body, test, try parseTest()])
  }

  /// The binary operator at the current token: operator, precedence, and how many tokens.
  func binaryOperator() -> (Operator, Int, Int)? {
    switch kind {
    case .kwOr: return (.or, 1, 1)
    case .kwAnd: return (.and, 2, 1)
    case .less: return patternMode && peekKind(1) == .ellipsis ? nil : (.less, 4, 1)
    case .greater: return (.greater, 4, 1)
    case .equalEqual: return (.equal, 4, 1)
    case .notEqual: return (.notEqual, 4, 1)
    case .lessEqual: return (.lessEqual, 4, 1)
    case .greaterEqual: return (.greaterEqual, 4, 1)
    case .kwIn: return (.in, 4, 1)
    case .kwNot: return peekKind(1) == .kwIn ? (.notIn, 4, 2) : nil
    case .kwIs: return peekKind(1) == .kwNot ? (.isNot, 4, 2) : (.is, 4, 1)
    case .vbar: return (.bitOr, 5, 1)
    case .circumflex: return (.bitXor, 6, 1)
    case .amper: return (.bitAnd, 7, 1)
    case .leftShift: return (.leftShift, 8, 1)
    case .rightShift: return (.rightShift, 8, 1)
    case .plus: return (.add, 9, 1)
    case .minus: return (.subtract, 9, 1)
    case .star: return (.multiply, 10, 1)
    case .slash: return (.divide, 10, 1)
    case .doubleSlash: return (.floorDivide, 10, 1)
    case .percent: return (.modulo, 10, 1)
    case .at: return (.matrixMultiply, 10, 1)
    case .doubleStar: return (.power, 12, 1)
    default: return nil
    }
  }

  mutating func parseBinary(_ minimum: Int) throws(ParseFailure) -> Int32 {
    let entryDepth = depth
    defer { depth = entryDepth }
    let start = current.start
    var left: Int32
    switch kind {
    case .kwNot where minimum <= 3:
      try enter()
      advance()
      left = node(.unaryOperation, start, [try parseBinary(3)], op: .not)
    case .minus, .plus, .tilde:
      try enter()
      let op: Operator = kind == .minus ? .minus : kind == .plus ? .plus : .invert
      advance()
      left = node(.unaryOperation, start, [try parseBinary(11)], op: op)
    default:
      left = try parsePostfix()
    }
    var chain = 0
    while let (op, precedence, width) = binaryOperator(), precedence >= minimum {
      // A chain is a loop here but a left-leaning tree for its readers, so its length is capped.
      chain += 1
      guard chain <= PythonParserState.maxChain else {
        throw ParseFailure(offset: Int(current.start), message: "expression too long")
      }
      for _ in 0..<width { advance() }
      let right = try parseBinary(op == .power ? precedence : precedence + 1)
      let kind: NodeKind
      switch op {
      case .and, .or: kind = .booleanOperation
      case .less, .greater, .equal, .notEqual, .lessEqual, .greaterEqual, .in, .notIn, .is, .isNot:
        kind = .comparison
      default: kind = .binaryOperation
      }
      left = node(kind, start, [left, right], op: op)
    }
    return left
  }

  mutating func parsePostfix() throws(ParseFailure) -> Int32 {
    let entryDepth = depth
    defer { depth = entryDepth }
    let start = current.start
    if kind == .kwAwait {
      try enter()
      advance()
      return node(.await, start, [try parsePostfix()])
    }
    var expression = try parseAtom()
    while true {
      switch kind {
      case .dot:
        try enter()
        advance()
        let name = try parseName()
        expression = node(.attribute, start, [expression, name])
      case .leftParen:
        try enter()
        let arguments = try parseArguments()
        expression = node(.call, start, [expression, arguments])
      case .leftBracket:
        try enter()
        advance()
        let index = try parseSubscripts()
        try expect(.rightBracket, "']'")
        expression = node(.subscript, start, [expression, index])
      default:
        return expression
      }
    }
  }

  mutating func parseArguments() throws(ParseFailure) -> Int32 {
    let start = current.start
    try expect(.leftParen, "'('")
    var items: [Int32] = []
    while kind != .rightParen {
      let itemStart = current.start
      switch kind {
      case .star:
        advance()
        items.append(node(.starArgument, itemStart, [try parseTest()]))
      case .doubleStar:
        advance()
        items.append(node(.doubleStarArgument, itemStart, [try parseTest()]))
      case .name where peekKind(1) == .equal, .metavariable where peekKind(1) == .equal:
        let name = try parseName()
        advance()
        items.append(node(.keywordArgument, itemStart, [name, try parseNamed()]))
      default:
        let value = try parseNamed()
        if isComprehensionStart {
          items.append(
            try parseComprehension(value, start: itemStart, flavour: NodeFlags.generator))
        } else {
          items.append(value)
        }
      }
      if !eat(.comma) { break }
    }
    try expect(.rightParen, "')'")
    return node(.arguments, start, items)
  }

  mutating func parseSubscripts() throws(ParseFailure) -> Int32 {
    let start = current.start
    let first = try parseSubscript()
    guard kind == .comma else { return first }
    var items = [first]
    while eat(.comma) {
      if kind == .rightBracket { break }
      items.append(try parseSubscript())
    }
    return node(.tuple, start, items)
  }

  mutating func parseSubscript() throws(ParseFailure) -> Int32 {
    let start = current.start
    var lower = SyntaxTree.absent
    if kind != .colon {
      lower = try parseStarOrNamed()
      if kind != .colon { return lower }
    }
    advance()
    var upper = SyntaxTree.absent
    if ![.colon, .comma, .rightBracket].contains(kind) { upper = try parseTest() }
    var step = SyntaxTree.absent
    if eat(.colon), ![.comma, .rightBracket].contains(kind) { step = try parseTest() }
    return node(.slice, start, [lower, upper, step])
  }

  var isComprehensionStart: Bool {
    kind == .kwFor || (kind == .kwAsync && peekKind(1) == .kwFor)
  }

  mutating func parseComprehension(_ element: Int32, start: Int32, flavour: UInt8)
    throws(ParseFailure) -> Int32
  {
    var clauses: [Int32] = []
    while isComprehensionStart {
      let clauseStart = current.start
      let flags = eat(.kwAsync) ? NodeFlags.isAsync : 0
      advance()
      let target = try parseTargetList()
      try expect(.kwIn, "'in'")
      var parts = [target, try parseBinary(1)]
      while eat(.kwIf) { parts.append(try parseBinary(1)) }
      clauses.append(node(.comprehensionClause, clauseStart, parts, flags: flags))
    }
    return node(.comprehension, start, [element] + clauses, flags: flavour)
  }

  mutating func parseTargetList() throws(ParseFailure) -> Int32 {
    let start = current.start
    let first = try parseTarget()
    guard kind == .comma else { return first }
    var items = [first]
    while eat(.comma) {
      if !startsExpression { break }
      items.append(try parseTarget())
    }
    return node(.tuple, start, items)
  }

  mutating func parseTarget() throws(ParseFailure) -> Int32 {
    let start = current.start
    if eat(.star) { return node(.starred, start, [try parseBinary(5)]) }
    return try parseBinary(5)
  }

  mutating func parseAtom() throws(ParseFailure) -> Int32 {
    let start = current.start
    switch kind {
    case .name:
      advance()
      return node(.identifier, start)
    case .metavariable:
      advance()
      return node(.metavariable, start)
    case .ellipsisMetavariable:
      advance()
      return node(.ellipsisMetavariable, start)
    case .number:
      advance()
      return node(.number, start)
    case .kwNone, .kwTrue, .kwFalse:
      advance()
      return node(.constant, start)
    case .ellipsis:
      advance()
      return node(.ellipsis, start)
    case .string:
      return try parseStrings()
    case .leftParen:
      return try parseParenthesized()
    case .leftBracket:
      return try parseListDisplay()
    case .leftBrace:
      return try parseBraceDisplay()
    case .less where patternMode && peekKind(1) == .ellipsis:
      advance()
      advance()
      let inner = try parseNamed()
      try expect(.ellipsis, "'...>'")
      try expect(.greater, "'...>'")
      return node(.deepExpression, start, [inner])
    default:
      throw failure("expected an expression")
    }
  }

  mutating func parseParenthesized() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    if eat(.rightParen) { return node(.tuple, start) }
    if kind == .kwYield {
      let value = try parseYield()
      try expect(.rightParen, "')'")
      return value
    }
    let first = try parseStarOrNamed()
    if isComprehensionStart {
      let comprehension = try parseComprehension(first, start: start, flavour: NodeFlags.generator)
      try expect(.rightParen, "')'")
      builder.nodes[Int(comprehension)].end = previousEnd
      return comprehension
    }
    if kind == .comma {
      var items = [first]
      while eat(.comma) {
        if kind == .rightParen { break }
        items.append(try parseStarOrNamed())
      }
      try expect(.rightParen, "')'")
      return node(.tuple, start, items)
    }
    try expect(.rightParen, "')'")
    // semgrep's ranges include the parentheses around an expression.
    builder.nodes[Int(first)].start = start
    builder.nodes[Int(first)].end = previousEnd
    return first
  }

  mutating func parseListDisplay() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    var items: [Int32] = []
    if kind != .rightBracket {
      let first = try parseStarOrNamed()
      if isComprehensionStart {
        let comprehension = try parseComprehension(
          first, start: start, flavour: NodeFlags.listComprehension)
        try expect(.rightBracket, "']'")
        builder.nodes[Int(comprehension)].end = previousEnd
        return comprehension
      }
      items.append(first)
      while eat(.comma) {
        if kind == .rightBracket { break }
        items.append(try parseStarOrNamed())
      }
    }
    try expect(.rightBracket, "']'")
    return node(.list, start, items)
  }

  mutating func parseBraceDisplay() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    if eat(.rightBrace) { return node(.dictionary, start) }
    var items: [Int32] = []
    var isDictionary = false
    repeat {
      if kind == .rightBrace { break }
      let itemStart = current.start
      if eat(.doubleStar) {
        isDictionary = true
        items.append(node(.doubleStarArgument, itemStart, [try parseBinary(5)]))
      } else {
        let key = try parseStarOrNamed()
        if eat(.colon) {
          isDictionary = true
          // parseNamed: a case pattern's value may be `pattern as name`.
          let pair = node(.pair, itemStart, [key, try parseNamed()])
          if items.isEmpty && isComprehensionStart {
            let comprehension = try parseComprehension(
              pair, start: start, flavour: NodeFlags.dictComprehension)
            try expect(.rightBrace, "'}'")
            builder.nodes[Int(comprehension)].end = previousEnd
            return comprehension
          }
          items.append(pair)
        } else {
          if items.isEmpty && isComprehensionStart {
            let comprehension = try parseComprehension(
              key, start: start, flavour: NodeFlags.setComprehension)
            try expect(.rightBrace, "'}'")
            builder.nodes[Int(comprehension)].end = previousEnd
            return comprehension
          }
          items.append(key)
        }
      }
    } while eat(.comma)
    try expect(.rightBrace, "'}'")
    return node(isDictionary ? .dictionary : .set, start, items)
  }

  // MARK: - Strings

  mutating func parseStrings() throws(ParseFailure) -> Int32 {
    let start = current.start
    var parts: [Int32] = []
    while kind == .string {
      let token = advance()
      parts.append(stringNode(token))
    }
    return parts.count == 1 ? parts[0] : node(.concatenatedString, start, parts)
  }

  /// A string token's node: content range without prefix and quotes, f-string fields parsed.
  mutating func stringNode(_ token: Token) -> Int32 {
    var quoteAt = Int(token.start)
    var flags: UInt8 = 0
    var formatted = false
    while quoteAt < Int(token.end), bytes[quoteAt] != UInt8(ascii: "\""),
      bytes[quoteAt] != UInt8(ascii: "'")
    {
      switch bytes[quoteAt] | 0x20 {
      case UInt8(ascii: "r"): flags |= NodeFlags.raw
      case UInt8(ascii: "b"): flags |= NodeFlags.bytes
      case UInt8(ascii: "f"), UInt8(ascii: "t"): formatted = true
      default: break
      }
      quoteAt += 1
    }
    let end = Int(token.end)
    guard quoteAt < end else {
      return builder.add(.string, start: token.start, end: token.end, flags: flags)
    }
    let quote = bytes[quoteAt]
    let triple = quoteAt + 2 < end && bytes[quoteAt + 1] == quote && bytes[quoteAt + 2] == quote
    let width = triple ? 3 : 1
    let contentStart = quoteAt + width
    var contentEnd = end
    if end - contentStart >= width && (end - width..<end).allSatisfy({ bytes[$0] == quote }) {
      contentEnd = end - width
    }
    let text = (Int32(contentStart), Int32(max(contentStart, contentEnd)))
    guard formatted else {
      return builder.add(.string, start: token.start, end: token.end, flags: flags, text: text)
    }
    let fields = parseFormatFields(
      contentStart..<max(contentStart, contentEnd), quote: quote, triple: triple,
      raw: flags & NodeFlags.raw != 0)
    return builder.add(
      .formattedString, start: token.start, end: token.end, children: fields, flags: flags,
      text: text)
  }

  /// Parses the `{expression!conversion:spec}` fields of an f-string's content.
  mutating func parseFormatFields(_ range: Range<Int>, quote: UInt8, triple: Bool, raw: Bool)
    -> [Int32]
  {
    var fields: [Int32] = []
    var position = range.lowerBound
    while position < range.upperBound {
      let c = bytes[position]
      if c == UInt8(ascii: "\\") {
        position = PythonLexer.afterEscape(
          bytes, position, end: range.upperBound, formatted: true, raw: raw)
        continue
      }
      if c == UInt8(ascii: "{") {
        if position + 1 < range.upperBound && bytes[position + 1] == UInt8(ascii: "{") {
          position += 2
          continue
        }
        let field = PythonStrings.fieldEnd(
          bytes, from: position + 1, limit: range.upperBound, quote: quote, triple: triple,
          raw: raw, nesting: 0)
        if let expression = parseFieldExpression(position + 1..<field.expressionEnd) {
          fields.append(expression)
        }
        var specStart = field.expressionEnd
        if specStart < field.end, bytes[specStart] == UInt8(ascii: "!") {
          specStart += 1
          while specStart < field.end, bytes[specStart] != UInt8(ascii: ":"),
            bytes[specStart] != UInt8(ascii: "}")
          {
            specStart += 1
          }
        }
        let specEnd = field.closed ? field.end - 1 : field.end
        if specStart < specEnd, bytes[specStart] == UInt8(ascii: ":"),
          depth < PythonParserState.maxDepth
        {
          depth += 1
          fields += parseFormatFields(
            specStart + 1..<specEnd, quote: quote, triple: triple, raw: raw)
          depth -= 1
        }
        position = max(field.end, position + 1)
        continue
      }
      position += 1
    }
    return fields
  }

  /// Parses one f-string field's expression with a lexer over just its bytes.
  mutating func parseFieldExpression(_ range: Range<Int>) -> Int32? {
    guard !range.isEmpty, depth < PythonParserState.maxDepth else { return nil }
    let lexer = PythonLexer.tokenize(
      bytes, patternMode: patternMode, range: range, insideBrackets: true)
    guard lexer.tokens.first?.kind != .endOfFile else { return nil }
    let saved = (tokens, index, previousEnd)
    tokens = lexer.tokens
    index = 0
    depth += 1
    defer {
      depth -= 1
      (tokens, index, previousEnd) = saved
    }
    do throws(ParseFailure) {
      let expression = kind == .kwYield ? try parseYield() : try parseTestListStar()
      // `{x=}` shows the expression's text; the `=` is not part of it.
      _ = eat(.equal)
      while kind == .newline { advance() }
      guard kind == .endOfFile else { throw failure("unexpected text in f-string field") }
      return expression
    } catch {
      warnings.append((error.offset, error.message))
      return nil
    }
  }
}
