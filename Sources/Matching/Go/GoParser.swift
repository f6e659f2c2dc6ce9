import Rules

/// Flag bits of Go nodes, above the bits other languages use.
extension NodeFlags {
  /// `:=` (an assignment or a range clause that declares its names).
  public static let goDefine: UInt8 = 64
  /// `const` rather than `var` (on an annotated assignment).
  public static let goConst: UInt8 = 128
  /// A Go `var` or `const` (on an annotated assignment), whose literal value propagates.
  public static let goDeclaration: UInt8 = 32
  /// An expression statement that ends a function literal's body: semgrep reads it as the
  /// literal's implicit return.
  public static let goImplicitReturn: UInt8 = 64
  /// `type A = B` (an alias) rather than a definition.
  public static let goAlias: UInt8 = 64
  /// Channel directions.
  public static let goSendOnly: UInt8 = 1
  public static let goReceiveOnly: UInt8 = 2
}

/// Parses Go source into a `SyntaxTree`.
public enum GoParser {
  /// Parses a file; never fails, since what does not parse becomes error nodes and warnings.
  public static func parse(source: String) -> SyntaxTree {
    parse(SourceFile(path: "", text: source), patternMode: false)
  }

  /// Parses bytes; in pattern mode `$X`, `$...X`, `...`, `<... e ...>` and `($X : T)` are read.
  static func parse(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    var parser = GoParserState(bytes: file.bytes, patternMode: patternMode)
    let root = parser.parseFile()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: parser.aliases)
  }
}

/// The recursive-descent parser's state, with bounded recursion.
///
/// Every cycle of recursion passes `enter()`, so nesting cannot exhaust the stack: past
/// `maxDepth` the statement becomes an error node with a warning.
struct GoParserState: TokenListCursor {
  static let maxDepth = 400

  let bytes: [UInt8]
  let patternMode: Bool
  var tokens: [GoToken]
  var index = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)]
  var aliases: [String: String] = [:]
  var depth = 0
  var previousEnd: Int32 = 0
  /// Below zero in the header of `if`, `for` and `switch`, where `T{` opens the body rather
  /// than a composite literal (the spec's rule); brackets raise it again.
  var expressionLevel = 0
  /// Inside a `switch` header, the one place `x.(type)` may appear.
  var inSwitchHeader = false

  init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
    let lexer = GoLexer.tokenize(bytes, patternMode: patternMode)
    tokens = lexer.tokens
    warnings = lexer.warnings
    builder.nodes.reserveCapacity(tokens.count)
    builder.children.reserveCapacity(tokens.count)
  }

  // MARK: - Tokens

  static let endOfFileKind = GoTokenKind.endOfFile

  func isSpelled(_ token: GoToken) -> Bool { false }

  /// A semicolon the lexer put at a line end ends no code.
  func endsCode(_ token: GoToken) -> Bool { token.end > token.start || token.kind != .semicolon }

  func describe(_ token: GoToken) -> String? {
    switch token.kind {
    case .endOfFile: return "end of file"
    case .semicolon where token.start == token.end: return "end of line"
    default: return nil
    }
  }

  /// Skips semicolons a line end put inside brackets (a pattern's `...` on its own line).
  mutating func skipLineEnds() {
    while kind == .semicolon && current.start == current.end { advance() }
  }

  /// A leaf for the token just read.
  mutating func leaf(_ kind: NodeKind, _ token: GoToken, flags: UInt8 = 0) -> Int32 {
    builder.add(kind, start: token.start, end: token.end, flags: flags)
  }

  func startOf(_ id: Int32) -> Int32 { builder.nodes[Int(id)].start }

  /// A copy of a subtree, for a type shared by several names (`a, b int`), so that every node
  /// has one parent.
  mutating func copy(_ id: Int32) -> Int32 {
    guard id != SyntaxTree.absent else { return id }
    let original = builder.nodes[Int(id)]
    let first = Int(original.firstChild)
    let kids = builder.children[first..<first + Int(original.childCount)].map { copy($0) }
    return builder.add(
      original.kind, start: original.start, end: original.end, children: kids, op: original.op,
      flags: original.flags, text: (original.textStart, original.textEnd))
  }

  // MARK: - Statement lists

  mutating func parseFile() -> Int32 {
    let statements = parseStatementList(inBlock: false)
    previousEnd = Int32(bytes.count)
    return builder.add(.module, start: 0, end: Int32(bytes.count), children: statements)
  }

  /// Statements (and declarations) up to a closing brace or the end of the file; one that does
  /// not parse becomes an error node and costs only itself.
  mutating func parseStatementList(inBlock: Bool) -> [Int32] {
    var result: [Int32] = []
    while true {
      switch kind {
      case .endOfFile:
        return result
      case .rightBrace:
        if inBlock { return result }
        warnings.append((Int(current.start), "unexpected '}'"))
        advance()
        continue
      case .semicolon:
        advance()
        continue
      default:
        break
      }
      let startIndex = index
      do throws(ParseFailure) {
        result += try parseStatement()
        if kind != .semicolon && kind != .rightBrace && kind != .endOfFile {
          throw failure("expected end of statement")
        }
      } catch {
        warnings.append((error.offset, error.message))
        let start = tokens[startIndex].start
        recover(inBlock: inBlock)
        if index == startIndex { advance() }
        result.append(builder.add(.error, start: start, end: max(start, previousEnd)))
      }
      if index == startIndex { advance() }
    }
  }

  /// Skips to the end of the broken statement: a semicolon outside brackets, or the brace that
  /// closes the block.
  mutating func recover(inBlock: Bool) {
    var open = 0
    while kind != .endOfFile {
      switch kind {
      case .leftParen, .leftBracket, .leftBrace:
        open += 1
      case .rightParen, .rightBracket, .rightBrace:
        if open == 0 {
          if kind == .rightBrace && inBlock { return }
        } else {
          open -= 1
        }
      case .semicolon where open == 0:
        advance()
        return
      default:
        break
      }
      advance()
    }
  }

  mutating func parseBlock() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect(.leftBrace, "'{'")
    let saved = expressionLevel
    expressionLevel = 0
    defer { expressionLevel = saved }
    let statements = parseStatementList(inBlock: true)
    try expect(.rightBrace, "'}'")
    return node(.block, start, statements)
  }

  // MARK: - Statements

  mutating func parseStatement() throws(ParseFailure) -> [Int32] {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    switch kind {
    case .kwPackage:
      advance()
      return [node(.goPackage, start, [try parseName()])]
    case .kwImport:
      return try parseImports()
    case .kwType:
      return try parseGroup { (state: inout GoParserState, specStart) throws(ParseFailure) in
        try state.parseTypeSpec(start: specStart)
      }
    case .kwVar, .kwConst:
      let flags = NodeFlags.goDeclaration | (kind == .kwConst ? NodeFlags.goConst : 0)
      return try parseGroup { (state: inout GoParserState, specStart) throws(ParseFailure) in
        try state.parseValueSpec(start: specStart, flags: flags)
      }
    case .kwFunc where isFunctionDeclaration:
      return [try parseFunctionDeclaration()]
    case .kwIf:
      return [try parseIf()]
    case .kwFor:
      return [try parseFor()]
    case .kwSwitch:
      return [try parseSwitch()]
    case .kwSelect:
      return [try parseSelect()]
    case .kwReturn:
      advance()
      var value = SyntaxTree.absent
      if kind != .semicolon && kind != .rightBrace && kind != .endOfFile {
        value = try parseExpressionList()
      }
      return [node(.returnStatement, start, [value])]
    case .kwBreak, .kwContinue:
      let isBreak = kind == .kwBreak
      advance()
      let label = kind == .name || kind == .metavariable ? try parseName() : SyntaxTree.absent
      return [node(isBreak ? .breakStatement : .continueStatement, start, [label])]
    case .kwGoto:
      advance()
      return [node(.goGoto, start, [try parseName()])]
    case .kwFallthrough:
      advance()
      return [node(.goFallthrough, start)]
    case .kwDefer, .kwGo:
      let isDefer = kind == .kwDefer
      advance()
      return [node(isDefer ? .goDefer : .goStatement, start, [try parseExpression()])]
    case .leftBrace:
      return [try parseBlock()]
    case .name where peekKind(1) == .colon:
      let label = try parseName()
      advance()
      var statement = SyntaxTree.absent
      if kind != .rightBrace && kind != .endOfFile && kind != .semicolon {
        statement = try parseStatement().first ?? SyntaxTree.absent
      }
      // A whole pattern `Key: value` is a composite literal's keyed element (semgrep).
      if patternMode, start == tokens[0].start, statement != SyntaxTree.absent,
        builder.nodes[Int(statement)].kind == .expressionStatement,
        peekKind(kind == .semicolon ? 1 : 0) == .endOfFile
      {
        let value = builder.children[Int(builder.nodes[Int(statement)].firstChild)]
        let element = node(.keywordArgument, start, [label, value])
        return [node(.expressionStatement, start, [element])]
      }
      return [node(.goLabeled, start, [label, statement])]
    default:
      return [try parseSimpleStatement(rangeAllowed: false).statement]
    }
  }

  /// `import`, `type`, `var` and `const` with one spec or a parenthesized group of them; each
  /// spec becomes a statement of its own, as semgrep reads them.
  mutating func parseGroup(
    _ spec: (inout GoParserState, Int32) throws(ParseFailure) -> [Int32]
  ) throws(ParseFailure) -> [Int32] {
    advance()
    guard eat(.leftParen) else { return try spec(&self, current.start) }
    var result: [Int32] = []
    while kind != .rightParen && kind != .endOfFile {
      if eat(.semicolon) { continue }
      // A pattern's `...` among the specs: the others are statements of their own anyway.
      if patternMode && kind == .ellipsis {
        advance()
        if kind != .rightParen { try expect(.semicolon, "';' or ')'") }
        continue
      }
      result += try spec(&self, current.start)
      if kind != .rightParen { try expect(.semicolon, "';' or ')'") }
    }
    try expect(.rightParen, "')'")
    return result
  }

  mutating func parseImports() throws(ParseFailure) -> [Int32] {
    let keyword = current.start
    let grouped = peekKind(1) == .leftParen
    return try parseGroup { (state: inout GoParserState, specStart) throws(ParseFailure) in
      // semgrep starts an import of a group at the `import` keyword.
      [try state.parseImportSpec(start: grouped ? keyword : specStart)]
    }
  }

  mutating func parseImportSpec(start: Int32) throws(ParseFailure) -> Int32 {
    var alias = SyntaxTree.absent
    switch kind {
    case .name, .metavariable:
      alias = leaf(kind == .name ? .identifier : .metavariable, advance())
    case .dot:
      alias = leaf(.identifier, advance())
    default:
      break
    }
    guard kind == .string || kind == .rawString else { throw failure("expected an import path") }
    // A constant, not a string: an import path is no string expression for semgrep.
    let token = advance()
    let closed = token.end - token.start >= 2
    let path = builder.add(
      .constant, start: token.start, end: token.end,
      text: (token.start + 1, closed ? token.end - 1 : token.end))
    let spec = node(.goImport, start, [path, alias])
    if alias != SyntaxTree.absent, builder.nodes[Int(alias)].kind == .identifier {
      let local = text(of: alias)
      let node = builder.nodes[Int(path)]
      let full = String(decoding: bytes[Int(node.textStart)..<Int(node.textEnd)], as: UTF8.self)
      // semgrep names a package by its path's last part.
      if let last = full.split(separator: "/").last, local != "_", local != ".",
        !last.contains(".")
      {
        aliases[local] = String(last)
      }
    }
    return spec
  }

  func text(of id: Int32) -> String {
    let node = builder.nodes[Int(id)]
    return String(decoding: bytes[Int(node.textStart)..<Int(node.textEnd)], as: UTF8.self)
  }

  mutating func parseTypeSpec(start: Int32) throws(ParseFailure) -> [Int32] {
    let name = try parseName()
    var parameters = SyntaxTree.absent
    if kind == .leftBracket && startsTypeParameters {
      parameters = try parseParameters(open: .leftBracket, close: .rightBracket)
    }
    let flags = eat(.equal) ? NodeFlags.goAlias : 0
    let type = try parseType()
    return [node(.goTypeDeclaration, start, [name, parameters, type], flags: flags)]
  }

  /// Whether `[` after a type's name opens type parameters rather than an array length.
  var startsTypeParameters: Bool {
    guard peekKind(1) == .name || peekKind(1) == .metavariable else { return false }
    switch peekKind(2) {
    case .name, .metavariable, .kwInterface, .tilde, .comma, .kwMap, .kwChan, .kwFunc,
      .leftBracket, .star, .kwStruct, .leftParen:
      return true
    default:
      return false
    }
  }

  /// `var a, b T = x, y`: one annotated assignment per name, as semgrep splits them.
  mutating func parseValueSpec(start: Int32, flags: UInt8) throws(ParseFailure) -> [Int32] {
    var names = [try parseName()]
    while eat(.comma) { names.append(try parseName()) }
    var type = SyntaxTree.absent
    if kind != .equal && kind != .semicolon && kind != .rightParen && kind != .endOfFile {
      type = try parseType()
    }
    var values: [Int32] = []
    if eat(.equal) {
      values.append(try parseExpression())
      while eat(.comma) { values.append(try parseExpression()) }
    }
    var result: [Int32] = []
    for (offset, name) in names.enumerated() {
      var value = SyntaxTree.absent
      if values.count == names.count {
        value = values[offset]
      } else if values.count == 1 {
        value = offset == 0 ? values[0] : copy(values[0])
      }
      let nameStart = startOf(name)
      result.append(
        builder.add(
          .annotatedAssignment, start: nameStart, end: max(nameStart, previousEnd),
          children: [name, offset == 0 ? type : copy(type), value], flags: flags))
    }
    return result
  }

  mutating func parseName() throws(ParseFailure) -> Int32 {
    switch kind {
    case .name: return leaf(.identifier, advance())
    case .metavariable: return leaf(.metavariable, advance())
    default: throw failure("expected a name")
    }
  }

  /// Whether `func` here starts a declaration (`func Name` or `func (recv) Name`), not a
  /// function literal.
  var isFunctionDeclaration: Bool {
    switch peekKind(1) {
    case .name, .metavariable:
      return true
    case .leftParen:
      var open = 0
      var ahead = 1
      while index + ahead < tokens.count {
        let next = tokens[index + ahead].kind
        if next == .leftParen { open += 1 }
        if next == .rightParen {
          open -= 1
          if open == 0 { break }
        }
        // A receiver is short and holds no block or line end; stopping early keeps
        // malformed input linear.
        if next == .endOfFile || next == .leftBrace || next == .semicolon || ahead > 256 {
          return false
        }
        ahead += 1
      }
      let after = peekKind(ahead + 1)
      let then = peekKind(ahead + 2)
      return (after == .name || after == .metavariable)
        && (then == .leftParen || then == .leftBracket)
    default:
      return false
    }
  }

  /// A function or method: [receiver?, name, parameters, results?, body?, typeParameters?].
  mutating func parseFunctionDeclaration() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    var receiver = SyntaxTree.absent
    if kind == .leftParen { receiver = try parseParameters(open: .leftParen, close: .rightParen) }
    let name = try parseName()
    var typeParameters = SyntaxTree.absent
    if kind == .leftBracket {
      typeParameters = try parseParameters(open: .leftBracket, close: .rightBracket)
    }
    let parameters = try parseParameters(open: .leftParen, close: .rightParen)
    let results = try parseResults()
    let body = kind == .leftBrace ? try parseBlock() : SyntaxTree.absent
    return node(
      .functionDefinition, start, [receiver, name, parameters, results, body, typeParameters])
  }

  /// A function's results: a parenthesized list, one type, or nothing.
  mutating func parseResults() throws(ParseFailure) -> Int32 {
    if kind == .leftParen { return try parseParameters(open: .leftParen, close: .rightParen) }
    return startsType ? try parseType() : SyntaxTree.absent
  }

  var startsType: Bool {
    switch kind {
    case .name, .metavariable, .star, .leftBracket, .kwMap, .kwChan, .kwFunc, .kwStruct,
      .kwInterface, .arrow, .leftParen:
      return true
    default:
      return false
    }
  }

  /// A parameter list: `(a, b int, c ...string)`, `(int, error)`, or type parameters in
  /// brackets; names written before a type share it.
  mutating func parseParameters(open: GoTokenKind, close: GoTokenKind) throws(ParseFailure)
    -> Int32
  {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect(open, "'('")
    let saved = expressionLevel
    expressionLevel = 0
    defer { expressionLevel = saved }
    var entries: [(start: Int32, first: Int32, type: Int32, variadic: Bool)] = []
    skipLineEnds()
    while kind != close && kind != .endOfFile {
      let entryStart = current.start
      if patternMode && kind == .ellipsis && (peekKind(1) == .comma || peekKind(1) == close) {
        entries.append((entryStart, leaf(.ellipsis, advance()), SyntaxTree.absent, false))
      } else if kind == .ellipsisMetavariable {
        entries.append(
          (entryStart, leaf(.ellipsisMetavariable, advance()), SyntaxTree.absent, false))
      } else {
        let variadic = eat(.ellipsis)
        let first = try parseParameterType()
        if !variadic && kind != .comma && kind != close {
          let typeVariadic = eat(.ellipsis)
          entries.append((entryStart, first, try parseParameterType(), typeVariadic))
        } else {
          entries.append((entryStart, SyntaxTree.absent, first, variadic))
        }
      }
      skipLineEnds()
      guard eat(.comma) else { break }
      skipLineEnds()
    }
    try expect(close, close == .rightParen ? "')'" : "']'")
    let named = entries.contains { $0.first != SyntaxTree.absent && $0.type != SyntaxTree.absent }
    var parameters: [Int32] = []
    var pendingType = SyntaxTree.absent
    var pendingVariadic = false
    for entry in entries.reversed() {
      let kind = builder.nodes[Int(entry.first == SyntaxTree.absent ? entry.type : entry.first)]
        .kind
      if kind == .ellipsis || kind == .ellipsisMetavariable {
        parameters.append(entry.first)
        continue
      }
      if !named {
        let type = entry.type
        parameters.append(
          builder.add(
            .parameter, start: entry.start, end: builder.nodes[Int(type)].end,
            children: [SyntaxTree.absent, type, SyntaxTree.absent],
            flags: entry.variadic ? NodeFlags.star : 0))
        continue
      }
      var name = entry.first
      var type = entry.type
      var variadic = entry.variadic
      if name == SyntaxTree.absent {
        // A lone name before a typed one: it shares the next type.
        name = entry.type
        type = pendingType == SyntaxTree.absent ? SyntaxTree.absent : copy(pendingType)
        variadic = pendingVariadic
      } else {
        pendingType = type
        pendingVariadic = variadic
      }
      let end = builder.nodes[Int(type == SyntaxTree.absent ? name : type)].end
      parameters.append(
        builder.add(
          .parameter, start: entry.start, end: end, children: [name, type, SyntaxTree.absent],
          flags: variadic ? NodeFlags.star : 0))
    }
    return node(.parameters, start, parameters.reversed())
  }

  /// A parameter's type, or a type constraint (`~int | string`) in type parameters.
  mutating func parseParameterType() throws(ParseFailure) -> Int32 {
    let start = current.start
    var term = try parseConstraintTerm()
    while kind == .vbar {
      advance()
      term = node(.binaryOperation, start, [term, try parseConstraintTerm()], op: .bitOr)
    }
    return term
  }

  mutating func parseConstraintTerm() throws(ParseFailure) -> Int32 {
    let start = current.start
    if eat(.tilde) { return node(.unaryOperation, start, [try parseType()], op: .invert) }
    return try parseType()
  }

  // MARK: - Control flow

  /// A statement of a header (`if x := f(); x > 0`), read with composite literals of bare
  /// type names off, as the spec requires.
  mutating func parseHeaderStatement(rangeAllowed: Bool) throws(ParseFailure) -> (
    statement: Int32, range: (targets: Int32, value: Int32, flags: UInt8)?
  ) {
    let saved = expressionLevel
    expressionLevel = -1
    defer { expressionLevel = saved }
    return try parseSimpleStatement(rangeAllowed: rangeAllowed)
  }

  /// A header statement that must be an expression (read before `headerExpression` sees the
  /// builder, since a non-mutating call would copy it first).
  mutating func parseCondition() throws(ParseFailure) -> Int32 {
    try parseHeaderStatement(rangeAllowed: false).statement
  }

  /// The expression of a header statement, or a failure when it is another kind of statement.
  func headerExpression(_ statement: Int32) throws(ParseFailure) -> Int32 {
    let node = builder.nodes[Int(statement)]
    guard node.kind == .expressionStatement, node.childCount == 1 else {
      throw failure("expected a condition")
    }
    return builder.children[Int(node.firstChild)]
  }

  /// [test, body, orElse?, init?]; `else if` is an `orElse` block holding one `ifStatement`,
  /// and an initializer makes a block around the statement.
  mutating func parseIf() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    var initializer = SyntaxTree.absent
    var test: Int32
    if kind == .semicolon {
      advance()
      let condition = try parseCondition()
      test = try headerExpression(condition)
    } else {
      let first = try parseHeaderStatement(rangeAllowed: false).statement
      if eat(.semicolon) {
        initializer = first
        let condition = try parseCondition()
        test = try headerExpression(condition)
      } else {
        test = try headerExpression(first)
      }
    }
    let body = try parseBlock()
    var orElse = SyntaxTree.absent
    if eat(.kwElse) {
      if kind == .kwIf {
        let elseStart = current.start
        let nested = try parseIf()
        orElse = node(.block, elseStart, [nested])
      } else {
        orElse = try parseBlock()
      }
    }
    let statement = node(.ifStatement, start, [test, body, orElse, SyntaxTree.absent])
    // semgrep reads `if init; cond {}` as the block `{ init; if cond {} }`, so sequences see
    // the initializer as a statement of its own.
    guard initializer != SyntaxTree.absent else { return statement }
    return node(.block, start, [initializer, statement])
  }

  /// Range loops are `forStatement` [targets?, iterable, body, orElse]; other loops
  /// `whileStatement` [condition?, body, orElse, init?, post?].
  mutating func parseFor() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    if patternMode && kind == .ellipsis && peekKind(1) == .leftBrace {
      advance()
      return node(.goAnyLoop, start, [try parseBlock()])
    }
    let absent = SyntaxTree.absent
    if kind == .leftBrace {
      return node(.whileStatement, start, [absent, try parseBlock(), absent, absent, absent])
    }
    if kind == .kwRange {
      advance()
      let saved = expressionLevel
      expressionLevel = -1
      let iterable = try parseExpression()
      expressionLevel = saved
      return node(.forStatement, start, [absent, iterable, try parseBlock(), absent])
    }
    var initializer = absent
    if kind != .semicolon {
      let (statement, range) = try parseHeaderStatement(rangeAllowed: true)
      if let range {
        return node(
          .forStatement, start, [range.targets, range.value, try parseBlock(), absent],
          flags: range.flags)
      }
      if kind == .leftBrace {
        let condition = try headerExpression(statement)
        return node(.whileStatement, start, [condition, try parseBlock(), absent, absent, absent])
      }
      initializer = statement
    }
    try expect(.semicolon, "';'")
    var condition = absent
    if kind != .semicolon {
      let statement = try parseCondition()
      condition = try headerExpression(statement)
    }
    try expect(.semicolon, "';'")
    var post = absent
    if kind != .leftBrace { post = try parseHeaderStatement(rangeAllowed: false).statement }
    return node(.whileStatement, start, [condition, try parseBlock(), absent, initializer, post])
  }

  /// A switch, expression or type: [init?, tag?, goCaseClause...].
  mutating func parseSwitch() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    var initializer = SyntaxTree.absent
    var tag = SyntaxTree.absent
    inSwitchHeader = true
    defer { inSwitchHeader = false }
    if kind != .leftBrace {
      var first = SyntaxTree.absent
      if kind != .semicolon { first = try parseHeaderStatement(rangeAllowed: false).statement }
      if eat(.semicolon) {
        initializer = first
        if kind != .leftBrace {
          tag = try parseHeaderStatement(rangeAllowed: false).statement
        }
      } else {
        tag = first
      }
      if tag != SyntaxTree.absent, builder.nodes[Int(tag)].kind == .expressionStatement {
        tag = try headerExpression(tag)
      } else if tag != SyntaxTree.absent, builder.nodes[Int(tag)].kind == .assignment {
        // semgrep reads a type switch's `v := x.(type)` as an assignment, never as `:=`.
        builder.nodes[Int(tag)].flags = 0
      }
    }
    inSwitchHeader = false
    try expect(.leftBrace, "'{'")
    let clauses = try parseClauses(select: false)
    try expect(.rightBrace, "'}'")
    let statement = node(.goSwitch, start, [SyntaxTree.absent, tag] + clauses)
    // As for `if`, semgrep reads the initializer as a statement before the switch.
    guard initializer != SyntaxTree.absent else { return statement }
    return node(.block, start, [initializer, statement])
  }

  mutating func parseSelect() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    try expect(.leftBrace, "'{'")
    let clauses = try parseClauses(select: true)
    try expect(.rightBrace, "'}'")
    return node(.goSelect, start, clauses)
  }

  /// `case x, y:` / `default:` clauses, each with the statements up to the next clause.
  mutating func parseClauses(select: Bool) throws(ParseFailure) -> [Int32] {
    var clauses: [Int32] = []
    while true {
      while eat(.semicolon) {}
      let start = current.start
      var values = SyntaxTree.absent
      if patternMode && kind == .ellipsis {
        clauses.append(leaf(.ellipsis, advance()))
        continue
      }
      if eat(.kwCase) {
        let valuesStart = current.start
        if select {
          values = try parseSimpleStatement(rangeAllowed: false).statement
          // semgrep reads `case v := <-ch` as an assignment, never as `:=`.
          builder.nodes[Int(values)].flags &= ~NodeFlags.goDefine
        } else {
          var items = [try parseExpression()]
          while eat(.comma) { items.append(try parseExpression()) }
          values = node(.list, valuesStart, items)
        }
      } else if !eat(.kwDefault) {
        break
      }
      try expect(.colon, "':'")
      let bodyStart = current.start
      var statements: [Int32] = []
      while kind != .kwCase && kind != .kwDefault && kind != .rightBrace && kind != .endOfFile {
        if eat(.semicolon) { continue }
        let before = index
        statements += parseClauseStatement()
        if index == before { advance() }
      }
      let body = node(.block, bodyStart, statements)
      clauses.append(node(.goCaseClause, start, [values, body]))
    }
    return clauses
  }

  /// One statement of a case body, an error node when it does not parse.
  mutating func parseClauseStatement() -> [Int32] {
    let start = current.start
    do throws(ParseFailure) {
      let statements = try parseStatement()
      if kind != .semicolon && kind != .rightBrace && kind != .kwCase && kind != .kwDefault {
        throw failure("expected end of statement")
      }
      return statements
    } catch {
      warnings.append((error.offset, error.message))
      recover(inBlock: true)
      return [builder.add(.error, start: start, end: max(start, previousEnd))]
    }
  }

  // MARK: - Simple statements

  /// An expression statement, send, `x++`, assignment or `:=`; with `rangeAllowed`, a range
  /// clause is returned apart.
  mutating func parseSimpleStatement(rangeAllowed: Bool) throws(ParseFailure) -> (
    statement: Int32, range: (targets: Int32, value: Int32, flags: UInt8)?
  ) {
    let start = current.start
    let left = try parseExpressionList()
    switch kind {
    case .colonEqual, .equal:
      let flags = kind == .colonEqual ? NodeFlags.goDefine : 0
      advance()
      if rangeAllowed && eat(.kwRange) {
        let value = try parseExpression()
        return (SyntaxTree.absent, (left, value, flags))
      }
      let right = try parseExpressionList()
      return (node(.assignment, start, [left, right], flags: flags), nil)
    case .plusPlus, .minusMinus:
      let op: Operator = kind == .plusPlus ? .add : .subtract
      advance()
      return (node(.goIncrement, start, [left], op: op), nil)
    case .arrow:
      advance()
      return (node(.goSend, start, [left, try parseExpression()]), nil)
    default:
      if let op = augmentedOperator(kind) {
        advance()
        let value = try parseExpression()
        return (node(.augmentedAssignment, start, [left, value], op: op), nil)
      }
      return (node(.expressionStatement, start, [left]), nil)
    }
  }

  func augmentedOperator(_ kind: GoTokenKind) -> Operator? {
    switch kind {
    case .plusEqual: return .add
    case .minusEqual: return .subtract
    case .starEqual: return .multiply
    case .slashEqual: return .divide
    case .percentEqual: return .modulo
    case .amperEqual: return .bitAnd
    case .vbarEqual: return .bitOr
    case .circumflexEqual: return .bitXor
    case .leftShiftEqual: return .leftShift
    case .rightShiftEqual: return .rightShift
    case .amperCircumflexEqual: return .bitAnd
    default: return nil
    }
  }

  /// One expression, or several as a tuple (`a, b := f()`, `return x, err`).
  mutating func parseExpressionList() throws(ParseFailure) -> Int32 {
    let start = current.start
    let first = try parseExpression()
    guard kind == .comma else { return first }
    var items = [first]
    while eat(.comma) { items.append(try parseExpression()) }
    return node(.tuple, start, items)
  }

  // MARK: - Expressions

  mutating func parseExpression() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    return try parseBinary(1)
  }

  func binaryOperator(_ kind: GoTokenKind) -> (precedence: Int, op: Operator, kind: NodeKind)? {
    switch kind {
    case .orOr: return (1, .or, .booleanOperation)
    case .andAnd: return (2, .and, .booleanOperation)
    case .equalEqual: return (3, .equal, .comparison)
    case .notEqual: return (3, .notEqual, .comparison)
    case .less: return (3, .less, .comparison)
    case .lessEqual: return (3, .lessEqual, .comparison)
    case .greater: return (3, .greater, .comparison)
    case .greaterEqual: return (3, .greaterEqual, .comparison)
    case .plus: return (4, .add, .binaryOperation)
    case .minus: return (4, .subtract, .binaryOperation)
    case .vbar: return (4, .bitOr, .binaryOperation)
    case .circumflex: return (4, .bitXor, .binaryOperation)
    case .star: return (5, .multiply, .binaryOperation)
    case .slash: return (5, .divide, .binaryOperation)
    case .percent: return (5, .modulo, .binaryOperation)
    case .leftShift: return (5, .leftShift, .binaryOperation)
    case .rightShift: return (5, .rightShift, .binaryOperation)
    case .amper: return (5, .bitAnd, .binaryOperation)
    case .amperCircumflex: return (5, .bitAnd, .binaryOperation)
    default: return nil
    }
  }

  /// Operators of `minimum` precedence and above, left to right; `a &^ b` is read as
  /// `a & ^b`, which it means.
  mutating func parseBinary(_ minimum: Int) throws(ParseFailure) -> Int32 {
    let start = current.start
    var left = try parseUnary()
    var count = 0
    while let (precedence, op, nodeKind) = binaryOperator(kind), precedence >= minimum {
      let isClear = kind == .amperCircumflex
      advance()
      count += 1
      if count > 1000 { throw failure("expression too long") }
      try enter()
      defer { depth -= 1 }
      let rightStart = current.start
      var right = try parseBinary(precedence + 1)
      if isClear { right = node(.unaryOperation, rightStart, [right], op: .invert) }
      left = node(nodeKind, start, [left, right], op: op)
    }
    return left
  }

  mutating func parseUnary() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    switch kind {
    case .plus, .minus, .exclamation, .circumflex:
      let op: Operator =
        switch kind {
        case .plus: .plus
        case .minus: .minus
        case .exclamation: .not
        default: .invert
        }
      advance()
      return node(.unaryOperation, start, [try parseUnary()], op: op)
    case .star:
      advance()
      return node(.goStar, start, [try parseUnary()])
    case .amper:
      advance()
      return node(.goAddress, start, [try parseUnary()])
    case .arrow:
      if peekKind(1) == .kwChan { return try parsePrimary() }
      advance()
      return node(.goReceive, start, [try parseUnary()])
    default:
      return try parsePrimary()
    }
  }

  /// An operand with its selectors, indexes, calls, assertions and composite literal bodies.
  mutating func parsePrimary() throws(ParseFailure) -> Int32 {
    let start = current.start
    var expression = try parseOperand()
    var steps = 0
    while true {
      steps += 1
      if steps > 1000 { throw failure("expression too long") }
      switch kind {
      case .dot:
        advance()
        if eat(.leftParen) {
          var type = SyntaxTree.absent
          if kind == .kwType {
            // semgrep accepts `x.(type)` only as a type switch's guard.
            if patternMode && !inSwitchHeader { throw failure("'.(type)' outside a switch") }
            advance()
          } else {
            type = try parseType()
          }
          try expect(.rightParen, "')'")
          expression = node(.goTypeAssertion, start, [expression, type])
        } else {
          let name = try parseName()
          expression = node(.attribute, start, [expression, name])
        }
      case .leftParen:
        let isConversion = GoParserState.typeKinds.contains(builder.nodes[Int(expression)].kind)
        let arguments = try parseArguments()
        if let literal = allocation(expression, arguments, start: start) {
          expression = literal
        } else {
          expression = node(isConversion ? .goConversion : .call, start, [expression, arguments])
        }
      case .leftBracket:
        expression = try parseIndex(expression, start: start)
      case .leftBrace where isLiteralType(expression):
        expression = node(.goCompositeLiteral, start, [expression, try parseLiteralValue()])
      default:
        return expression
      }
    }
  }

  /// `make(T, a...)` read as the literal `T{a...}` and `new(T)` as `&T{}`, as semgrep does.
  ///
  /// Each pattern form then matches the other's code, and neither is a call `$F(...)` names.
  /// A pattern's leading `...` stands for the type and elements alike.
  mutating func allocation(_ callee: Int32, _ arguments: Int32, start: Int32) -> Int32? {
    let calleeNode = builder.nodes[Int(callee)]
    let list = builder.nodes[Int(arguments)]
    guard calleeNode.kind == .identifier, list.childCount > 0 else { return nil }
    let first = Int(list.firstChild)
    let items = Array(builder.children[first..<first + Int(list.childCount)])
    guard builder.nodes[Int(items[0])].kind != .starArgument else { return nil }
    let isEllipsis = builder.nodes[Int(items[0])].kind == .ellipsis
    switch text(of: callee) {
    case "make":
      let elements = builder.add(
        .arguments, start: list.start, end: list.end,
        children: isEllipsis ? items : Array(items.dropFirst()))
      return node(.goCompositeLiteral, start, [isEllipsis ? copy(items[0]) : items[0], elements])
    case "new" where items.count == 1:
      let elements = builder.add(
        .arguments, start: list.start, end: list.end, children: isEllipsis ? items : [])
      let literal = node(
        .goCompositeLiteral, start, [isEllipsis ? copy(items[0]) : items[0], elements])
      return node(.goAddress, start, [literal])
    default:
      return nil
    }
  }

  /// Types spelled with brackets or keywords: applied to a value they convert it.
  static let typeKinds: Set<NodeKind> = [
    .goSliceType, .goArrayType, .goMapType, .goChannelType, .goFunctionType, .goStructType,
    .goInterfaceType,
  ]

  /// Whether `{` after `expression` opens a composite literal, by the spec's rule.
  func isLiteralType(_ expression: Int32) -> Bool {
    switch builder.nodes[Int(expression)].kind {
    case .identifier, .attribute, .metavariable, .subscript:
      return expressionLevel >= 0
    case .goSliceType, .goArrayType, .goMapType, .goStructType:
      return true
    default:
      return false
    }
  }

  mutating func parseArguments() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect(.leftParen, "'('")
    let saved = expressionLevel
    expressionLevel = 0
    defer { expressionLevel = saved }
    var items: [Int32] = []
    skipLineEnds()
    while kind != .rightParen && kind != .endOfFile {
      let itemStart = current.start
      if patternMode && kind == .ellipsis {
        items.append(leaf(.ellipsis, advance()))
      } else {
        var item = try parseTypeOrExpression()
        if eat(.ellipsis) { item = node(.starArgument, itemStart, [item]) }
        items.append(item)
      }
      skipLineEnds()
      guard eat(.comma) else { break }
      skipLineEnds()
    }
    try expect(.rightParen, "')'")
    return node(.arguments, start, items)
  }

  /// An argument, which may be a type (`make([]int, n)`, `new(T)`).
  mutating func parseTypeOrExpression() throws(ParseFailure) -> Int32 {
    try parseExpression()
  }

  /// `x[i]`, `x[i:j:k]`, or type arguments `F[int, string]`.
  mutating func parseIndex(_ object: Int32, start: Int32) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    advance()
    let saved = expressionLevel
    expressionLevel = 0
    defer { expressionLevel = saved }
    let indexStart = current.start
    var first = SyntaxTree.absent
    if kind != .colon { first = try parseTypeOrExpression() }
    if kind == .colon {
      var parts = [first]
      while eat(.colon) {
        parts.append(
          kind == .colon || kind == .rightBracket ? SyntaxTree.absent : try parseExpression())
      }
      while parts.count < 3 { parts.append(SyntaxTree.absent) }
      let slice = node(.slice, indexStart, Array(parts.prefix(3)))
      try expect(.rightBracket, "']'")
      return node(.subscript, start, [object, slice])
    }
    var index = first
    if kind == .comma {
      var items = [first]
      while eat(.comma) {
        if kind == .rightBracket { break }
        items.append(try parseTypeOrExpression())
      }
      index = node(.tuple, indexStart, items)
    }
    try expect(.rightBracket, "']'")
    return node(.subscript, start, [object, index])
  }

  /// `{elements}` of a composite literal, as arguments: `Name: v` a keyword argument, other
  /// keys a pair, a bare `{...}` value a literal without a type.
  mutating func parseLiteralValue() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect(.leftBrace, "'{'")
    let saved = expressionLevel
    expressionLevel = 0
    defer { expressionLevel = saved }
    var items: [Int32] = []
    skipLineEnds()
    while kind != .rightBrace && kind != .endOfFile {
      let itemStart = current.start
      if patternMode && kind == .ellipsis && peekKind(1) != .colon {
        items.append(leaf(.ellipsis, advance()))
      } else {
        let key = try parseElement()
        if eat(.colon) {
          let value = try parseElement()
          let isName =
            builder.nodes[Int(key)].kind == .identifier
            || builder.nodes[Int(key)].kind == .metavariable
          items.append(node(isName ? .keywordArgument : .pair, itemStart, [key, value]))
        } else {
          items.append(key)
        }
      }
      skipLineEnds()
      guard eat(.comma) else { break }
      skipLineEnds()
    }
    try expect(.rightBrace, "'}'")
    return node(.arguments, start, items)
  }

  mutating func parseElement() throws(ParseFailure) -> Int32 {
    if kind == .leftBrace {
      let start = current.start
      return node(.goCompositeLiteral, start, [SyntaxTree.absent, try parseLiteralValue()])
    }
    return try parseExpression()
  }

  mutating func parseOperand() throws(ParseFailure) -> Int32 {
    let token = current
    switch kind {
    case .name:
      return leaf(.identifier, advance())
    case .metavariable:
      return leaf(.metavariable, advance())
    case .ellipsisMetavariable:
      return leaf(.ellipsisMetavariable, advance())
    case .number:
      return leaf(.number, advance())
    case .rune:
      advance()
      return builder.add(.constant, start: token.start, end: token.end)
    case .string, .rawString:
      advance()
      let closed =
        token.end - token.start >= 2
        && bytes[Int(token.end) - 1] == bytes[Int(token.start)]
      return builder.add(
        .string, start: token.start, end: token.end, flags: kind == .rawString ? NodeFlags.raw : 0,
        text: (token.start + 1, closed ? token.end - 1 : token.end))
    case .ellipsis where patternMode:
      return leaf(.ellipsis, advance())
    case .deepOpen:
      advance()
      let inner = try parseExpression()
      try expect(.deepClose, "'...>'")
      return node(.deepExpression, token.start, [inner])
    case .leftParen:
      advance()
      let saved = expressionLevel
      expressionLevel = 0
      defer { expressionLevel = saved }
      skipLineEnds()
      let inner = try parseTypeOrExpression()
      if patternMode && kind == .colon && builder.nodes[Int(inner)].kind == .metavariable {
        advance()
        let type = try parseType()
        try expect(.rightParen, "')'")
        return node(.goTypedMetavariable, token.start, [inner, type])
      }
      skipLineEnds()
      try expect(.rightParen, "')'")
      return inner
    case .kwFunc:
      let start = current.start
      advance()
      let parameters = try parseParameters(open: .leftParen, close: .rightParen)
      let results = try parseResults()
      if kind == .leftBrace {
        let body = try parseBlock()
        markImplicitReturns(body)
        return node(.lambda, start, [parameters, body, results])
      }
      return node(.goFunctionType, start, [parameters, results])
    case .leftBracket, .kwMap, .kwChan, .kwStruct, .kwInterface, .arrow:
      return try parseType()
    default:
      throw failure("expected an expression")
    }
  }

  /// Marks the expression statements that end a function literal's body, through `if` and
  /// `else` branches, as semgrep's implicit returns.
  mutating func markImplicitReturns(_ block: Int32) {
    var pending = [block]
    while let id = pending.popLast() {
      let node = builder.nodes[Int(id)]
      guard node.kind == .block, node.childCount > 0 else { continue }
      let last = builder.children[Int(node.firstChild + node.childCount - 1)]
      switch builder.nodes[Int(last)].kind {
      case .expressionStatement:
        builder.nodes[Int(last)].flags |= NodeFlags.goImplicitReturn
      case .block:
        pending.append(last)
      case .ifStatement:
        let first = Int(builder.nodes[Int(last)].firstChild)
        for branch in builder.children[first + 1...first + 2] where branch != SyntaxTree.absent {
          pending.append(branch)
        }
      default:
        break
      }
    }
  }

  // MARK: - Types

  mutating func parseType() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    switch kind {
    case .name, .metavariable:
      var type = try parseName()
      if kind == .dot {
        advance()
        type = node(.attribute, start, [type, try parseName()])
      }
      if kind == .leftBracket && !startsArrayType(at: index) {
        type = try parseIndex(type, start: start)
      }
      return type
    case .star:
      advance()
      return node(.goStar, start, [try parseType()])
    case .leftParen:
      advance()
      let inner = try parseType()
      try expect(.rightParen, "')'")
      return inner
    case .leftBracket:
      advance()
      if eat(.rightBracket) { return node(.goSliceType, start, [try parseType()]) }
      let saved = expressionLevel
      expressionLevel = 0
      let length = kind == .ellipsis ? leaf(.ellipsis, advance()) : try parseExpression()
      expressionLevel = saved
      try expect(.rightBracket, "']'")
      return node(.goArrayType, start, [length, try parseType()])
    case .kwMap:
      advance()
      try expect(.leftBracket, "'['")
      let key = try parseType()
      try expect(.rightBracket, "']'")
      return node(.goMapType, start, [key, try parseType()])
    case .kwChan:
      advance()
      let flags = eat(.arrow) ? NodeFlags.goSendOnly : 0
      return node(.goChannelType, start, [try parseType()], flags: flags)
    case .arrow:
      advance()
      try expect(.kwChan, "'chan'")
      return node(.goChannelType, start, [try parseType()], flags: NodeFlags.goReceiveOnly)
    case .kwFunc:
      advance()
      let parameters = try parseParameters(open: .leftParen, close: .rightParen)
      return node(.goFunctionType, start, [parameters, try parseResults()])
    case .kwStruct:
      return try parseStruct()
    case .kwInterface:
      return try parseInterface()
    case .ellipsis where patternMode:
      return leaf(.ellipsis, advance())
    default:
      throw failure("expected a type")
    }
  }

  /// Whether the `[` at `position` opens a slice or array type (`xs []T`, `a [4]int` in a
  /// parameter list) rather than type arguments: its `]` is followed by a type.
  func startsArrayType(at position: Int) -> Bool {
    var open = 0
    var ahead = position
    while ahead < tokens.count {
      switch tokens[ahead].kind {
      case .leftBracket: open += 1
      case .rightBracket:
        open -= 1
        if open == 0 {
          guard ahead + 1 < tokens.count else { return false }
          switch tokens[ahead + 1].kind {
          case .name, .metavariable, .star, .leftBracket, .kwMap, .kwChan, .kwFunc, .kwStruct,
            .kwInterface:
            return true
          default:
            return false
          }
        }
      case .endOfFile, .semicolon, .leftBrace: return false
      default: break
      }
      if ahead - position > 256 { return false }
      ahead += 1
    }
    return false
  }

  /// `struct { A, B T "tag"; Embedded }`: one field per name.
  mutating func parseStruct() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    try expect(.leftBrace, "'{'")
    var fields: [Int32] = []
    while kind != .rightBrace && kind != .endOfFile {
      if eat(.semicolon) { continue }
      let fieldStart = current.start
      if patternMode && kind == .ellipsis {
        fields.append(leaf(.ellipsis, advance()))
        continue
      }
      var names: [Int32] = []
      let isEmbedded =
        kind == .star
        || ((kind == .name || kind == .metavariable)
          && [.dot, .semicolon, .rightBrace, .string, .rawString].contains(peekKind(1)))
      if !isEmbedded {
        names.append(try parseName())
        while eat(.comma) { names.append(try parseName()) }
      }
      let type = try parseType()
      var tag = SyntaxTree.absent
      if kind == .string || kind == .rawString { tag = try parseOperand() }
      if names.isEmpty {
        fields.append(node(.goField, fieldStart, [SyntaxTree.absent, type, tag]))
      }
      for (offset, name) in names.enumerated() {
        let children = offset == 0 ? [name, type, tag] : [name, copy(type), copy(tag)]
        fields.append(node(.goField, startOf(name), children))
      }
      if kind != .rightBrace { try expect(.semicolon, "';' or '}'") }
    }
    try expect(.rightBrace, "'}'")
    return node(.goStructType, start, fields)
  }

  /// `interface { Method(p) r; Embedded; ~int | string }`.
  mutating func parseInterface() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    try expect(.leftBrace, "'{'")
    var elements: [Int32] = []
    while kind != .rightBrace && kind != .endOfFile {
      if eat(.semicolon) { continue }
      let elementStart = current.start
      if patternMode && kind == .ellipsis {
        elements.append(leaf(.ellipsis, advance()))
        continue
      }
      if (kind == .name || kind == .metavariable) && peekKind(1) == .leftParen {
        let name = try parseName()
        let parameters = try parseParameters(open: .leftParen, close: .rightParen)
        let results = try parseResults()
        let type = node(.goFunctionType, startOf(parameters), [parameters, results])
        elements.append(node(.goField, elementStart, [name, type, SyntaxTree.absent]))
      } else {
        elements.append(try parseParameterType())
      }
      if kind != .rightBrace { try expect(.semicolon, "';' or '}'") }
    }
    try expect(.rightBrace, "'}'")
    return node(.goInterfaceType, start, elements)
  }
}
