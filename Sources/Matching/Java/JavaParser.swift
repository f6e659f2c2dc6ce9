import Rules

/// Parses Java source into a `SyntaxTree` built from the shared node kinds.
///
/// Java constructs map onto the kinds the matcher already knows where the semantics agree: a
/// method is a `functionDefinition` whose `returnType` slot holds its type, a local variable is
/// an `annotatedAssignment` whose annotation is its type, annotations and modifiers are the
/// `decorators`, `throw` is a `raiseStatement`, `switch` a `matchStatement`.
public enum JavaParser {
  /// Parses a file; never fails, since what does not parse becomes error nodes and warnings.
  public static func parse(source: String) -> SyntaxTree {
    parse(SourceFile(path: "", text: source), patternMode: false)
  }

  /// Parses bytes; in pattern mode `$X`, `$...X`, `...`, `<... e ...>`, typed metavariables
  /// and bare members (a method or field outside a class) are read too.
  static func parse(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    var parser = JavaParserState(bytes: file.bytes, patternMode: patternMode)
    let root = parser.parseCompilationUnit()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: parser.aliases)
  }
}

/// The recursive-descent parser's state, with bounded recursion: past `maxDepth` the statement
/// becomes an error node with a warning.
struct JavaParserState: TokenListCursor {
  static let maxDepth = 400

  let bytes: [UInt8]
  let patternMode: Bool
  var tokens: [JavaToken]
  var index = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)]
  var aliases: [String: String] = [:]
  var depth = 0
  var previousEnd: Int32 = 0
  /// Inside an interface's body, where a method without a body has none for semgrep (an
  /// abstract method of a class has an empty one).
  var inInterface = false
  /// Pattern constructs the matcher would match wrongly, kept so `PatternParser` can refuse the
  /// pattern (semgrep then runs the rule).
  var unsupported: [Int32] = []

  /// Words that never name a type or a variable.
  static let reserved: Set<String> = [
    "abstract", "assert", "break", "case", "catch", "class", "const", "continue", "default",
    "do", "else", "enum", "extends", "final", "finally", "for", "goto", "if", "implements",
    "import", "instanceof", "interface", "native", "new", "package", "private", "protected",
    "public", "return", "static", "strictfp", "super", "switch", "synchronized", "this",
    "throw", "throws", "transient", "try", "volatile", "while", "true", "false", "null",
  ]
  static let primitives: Set<String> = [
    "int", "long", "short", "byte", "char", "boolean", "float", "double", "void",
  ]
  static let modifiers: Set<String> = [
    "public", "private", "protected", "static", "final", "abstract", "native", "synchronized",
    "transient", "volatile", "strictfp", "default", "sealed", "non",
  ]

  init(bytes: [UInt8], patternMode: Bool) {
    self.bytes = bytes
    self.patternMode = patternMode
    let lexer = JavaLexer.tokenize(bytes, patternMode: patternMode)
    tokens = lexer.tokens
    warnings = lexer.warnings
    builder.nodes.reserveCapacity(tokens.count)
    builder.children.reserveCapacity(tokens.count)
  }

  // MARK: - Tokens

  static let endOfFileKind = JavaTokenKind.endOfFile

  func tokenText(_ token: JavaToken) -> String {
    String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
  }

  func isSpelled(_ token: JavaToken) -> Bool {
    token.kind == .punctuation || token.kind == .word
  }

  /// Whether `token` is punctuation or a word spelled `text`.
  func spells(_ token: JavaToken, _ text: StaticString) -> Bool {
    isSpelled(token) && spells(text, from: token.start, to: token.end)
  }

  func peek(_ ahead: Int, _ text: StaticString) -> Bool { spells(token(ahead), text) }

  /// Whether token `ahead` directly follows the one before it, with no space between (`>>`).
  func adjacent(_ ahead: Int) -> Bool {
    let position = index + ahead
    guard position > 0, position < tokens.count else { return false }
    return tokens[position - 1].end == tokens[position].start
  }

  func describe(_ token: JavaToken) -> String? {
    token.kind == .endOfFile ? "end of file" : nil
  }

  /// The children of a node built so far.
  func childrenOf(_ id: Int32) -> ArraySlice<Int32> {
    let node = builder.nodes[Int(id)]
    return builder.children[Int(node.firstChild)..<Int(node.firstChild + node.childCount)]
  }

  /// Notes, in a pattern, a construct from `start` to here that the matcher cannot match.
  mutating func unsupportedInPattern(from start: Int32) {
    guard patternMode else { return }
    unsupported.append(builder.add(.unsupportedConstruct, start: start, end: previousEnd))
  }

  /// Whether a word token can name a variable or type.
  func isName(_ token: JavaToken) -> Bool {
    if token.kind == .metavariable { return true }
    guard token.kind == .word else { return false }
    return !JavaParserState.reserved.contains(tokenText(token))
  }

  // MARK: - Compilation unit

  mutating func parseCompilationUnit() -> Int32 {
    var items: [Int32] = []
    while kind != .endOfFile {
      let startIndex = index
      do throws(ParseFailure) {
        if at("package") {
          advance()
          while !at(";") && kind != .endOfFile { advance() }
          _ = eat(";")
        } else if at("import") {
          items.append(try parseImport())
        } else if !patternMode && isModuleDeclaration() {
          // `module-info.java`: directives no rule looks at, passed over like `package`.
          try skipModuleDeclaration()
        } else if at(";") {
          advance()
        } else {
          items += try parseBlockItem(inClass: !patternMode)
        }
      } catch {
        items.append(recover(from: error, startIndex: startIndex))
      }
      if index == startIndex { advance() }
    }
    previousEnd = Int32(bytes.count)
    return builder.add(
      .module, start: 0, end: Int32(bytes.count), children: items + unsupported,
      flags: NodeFlags.javaModule)
  }

  /// Records a failure and skips to the end of the broken statement: past a `;` or a balanced
  /// `{...}` at the brace depth the statement started (parentheses are not counted, since an
  /// unclosed one is a common breakage), stopping before a `}` that closes an outer block.
  mutating func recover(from error: ParseFailure, startIndex: Int) -> Int32 {
    warnings.append((error.offset, error.message))
    let start = tokens[startIndex].start
    index = startIndex
    var level = 0
    while kind != .endOfFile {
      if at("{") {
        level += 1
      } else if at("}") {
        if level == 0 { break }
        level -= 1
        if level == 0 {
          advance()
          break
        }
      } else if at(";") && level == 0 {
        advance()
        break
      }
      advance()
    }
    if index == startIndex && kind != .endOfFile && !at("}") { advance() }
    return builder.add(.error, start: start, end: max(start, previousEnd))
  }

  /// Whether a module declaration starts here: `[open] module a.b {`.
  func isModuleDeclaration() -> Bool {
    var ahead = at("open") ? 1 : 0
    guard peek(ahead, "module"), token(ahead + 1).kind == .word else { return false }
    ahead += 2
    while peek(ahead, "."), token(ahead + 1).kind == .word { ahead += 2 }
    return peek(ahead, "{")
  }

  mutating func skipModuleDeclaration() throws(ParseFailure) {
    while !at("{") { advance() }
    var level = 0
    repeat {
      if kind == .endOfFile { throw failure("unclosed module declaration") }
      if at("{") { level += 1 }
      if at("}") { level -= 1 }
      advance()
    } while level > 0
  }

  mutating func parseImport() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    let isStatic = eat("static")
    var names: [Int32] = []
    var texts: [String] = []
    var wildcard = false
    let nameStart = current.start
    repeat {
      if at("*") {
        wildcard = true
        advance()
        break
      }
      guard kind == .word || kind == .metavariable else { throw failure("expected a name") }
      let token = advance()
      texts.append(tokenText(token))
      names.append(node(token.kind == .metavariable ? .metavariable : .identifier, token.start))
    } while eat(".")
    let nameEnd = previousEnd
    try expect(";")
    guard let last = names.last else { throw failure("expected a name") }
    func dotted(_ parts: [Int32], _ from: Int32, _ to: Int32) -> Int32 {
      builder.add(.dottedName, start: from, end: to, children: parts)
    }
    if wildcard {
      // `*` and a module name: a key no Java name can be, read by the wildcard matching.
      aliases["*" + texts.joined(separator: ".")] = texts.joined(separator: ".")
      let module = dotted(names, nameStart, builder.nodes[Int(last)].end)
      let all = builder.add(.importAll, start: nameEnd - 1, end: nameEnd)
      return node(.importFrom, start, [module, all])
    }
    let full = texts.joined(separator: ".")
    aliases[texts[texts.count - 1]] = full
    if isStatic && names.count > 1 {
      let moduleEnd = builder.nodes[Int(names[names.count - 2])].end
      let module = dotted(Array(names.dropLast()), nameStart, moduleEnd)
      let lastNode = builder.nodes[Int(last)]
      let name = dotted([last], lastNode.start, lastNode.end)
      let alias = builder.add(
        .importAlias, start: lastNode.start, end: lastNode.end, children: [name, SyntaxTree.absent])
      return node(.importFrom, start, [module, alias])
    }
    let name = dotted(names, nameStart, nameEnd)
    let alias = builder.add(
      .importAlias, start: nameStart, end: nameEnd, children: [name, SyntaxTree.absent])
    return node(.importStatement, start, [alias])
  }

  // MARK: - Declarations

  /// Annotations and modifiers before a declaration, as a `decorators` node (absent when there
  /// are none): annotations as names or calls, modifiers as constants.
  mutating func parseModifiers() throws(ParseFailure) -> Int32 {
    let start = current.start
    var items: [Int32] = []
    while true {
      if at("@") && !peek(1, "interface") {
        items.append(try parseAnnotation())
      } else if kind == .word, JavaParserState.modifiers.contains(tokenText(current)),
        !(at("default") && (peek(1, ":") || peek(1, "->"))),
        !(at("synchronized") && peek(1, "(")),
        !(at("non") && !(peek(1, "-") && peek(2, "sealed"))),
        // `sealed` is a modifier only before more of a declaration, else a name.
        !(at("sealed") && !(peek(1, "@") || peekKind(1) == .word))
      {
        let tokenStart = current.start
        if at("non") {
          advance()
          advance()
        }
        advance()
        items.append(node(.constant, tokenStart))
      } else {
        break
      }
    }
    return items.isEmpty ? SyntaxTree.absent : node(.decorators, start, items)
  }

  mutating func parseAnnotation() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect("@")
    var name = try parseName()
    while at(".") && (token(1).kind == .word || token(1).kind == .metavariable) {
      advance()
      name = node(.attribute, start + 1, [name, try parseName()])
    }
    guard at("(") else { return name }
    let argumentsStart = current.start
    advance()
    var items: [Int32] = []
    while !at(")") && kind != .endOfFile {
      let itemStart = current.start
      if isName(current) && peek(1, "=") {
        let key = try parseName()
        advance()
        items.append(node(.keywordArgument, itemStart, [key, try parseElementValue()]))
      } else {
        items.append(try parseElementValue())
      }
      if !eat(",") { break }
    }
    try expect(")")
    let arguments = node(.arguments, argumentsStart, items)
    return node(.call, start + 1, [name, arguments])
  }

  mutating func parseElementValue() throws(ParseFailure) -> Int32 {
    if at("@") { return try parseAnnotation() }
    if at("{") { return try parseArrayInitializer() }
    return try parseExpression()
  }

  mutating func parseName() throws(ParseFailure) -> Int32 {
    let start = current.start
    switch kind {
    case .metavariable:
      advance()
      return node(.metavariable, start)
    case .word:
      advance()
      return node(.identifier, start)
    default:
      throw failure("expected a name")
    }
  }

  /// One item of a class body, a block or a pattern: a declaration or a statement.
  ///
  /// Several variables declared together give several nodes.
  mutating func parseBlockItem(inClass: Bool) throws(ParseFailure) -> [Int32] {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    if patternMode && (kind == .ellipsisMetavariable || at("...")) && !peek(1, ".") {
      let itemKind: NodeKind = at("...") ? .ellipsis : .ellipsisMetavariable
      advance()
      let item = node(itemKind, start)
      _ = eat(";")
      return [node(.expressionStatement, start, [item])]
    }
    let modifiersStart = index
    let decorators = try parseModifiers()
    let hasModifiers = index != modifiersStart
    if at("class") || at("interface") || at("enum") || (at("@") && peek(1, "interface"))
      || (at("record") && isName(token(1)) && (peek(2, "(") || peek(2, "<")))
    {
      return [try parseTypeDeclaration(decorators: decorators, start: start)]
    }
    if inClass && at("{") {
      return [try parseBlock()]
    }
    if at("<") {
      let parametersStart = current.start
      try skipTypeParameters()
      unsupportedInPattern(from: parametersStart)
      // A generic constructor is its name and parameters: `<T> Box(T value)`.
      let constructor = isName(current) && peek(1, "(")
      return [try parseMethod(decorators: decorators, start: start, constructor: constructor)]
    }
    if inClass && isName(current) && peek(1, "{") {
      // A record's compact constructor.
      let name = try parseName()
      let parameters = node(.parameters, previousEnd)
      let body = try parseBlock()
      let children = [decorators, name, parameters, SyntaxTree.absent, body, SyntaxTree.absent]
      return [node(.functionDefinition, start, children)]
    }
    if isName(current) && peek(1, "(") && (inClass || isMethodAhead(from: index + 1)) {
      return [try parseMethod(decorators: decorators, start: start, constructor: true)]
    }
    if let after = scanType(from: index), tokens[after].kind != .endOfFile {
      let name = tokens[after]
      if isName(name) || (name.kind == .word && tokenText(name) == "this") {
        let next = tokens[min(after + 1, tokens.count - 1)]
        // A method only where one may stand: `yield f(x);` in a block is a statement.
        if spells(next, "("), inClass || patternMode, !at("yield") {
          return [try parseMethod(decorators: decorators, start: start)]
        }
        if spells(next, "=") || spells(next, ";") || spells(next, ",") || spells(next, "[")
          || spells(next, ":") || (patternMode && next.kind == .endOfFile)
        {
          return try parseVariables(decorators: decorators, start: start, isField: inClass)
        }
      }
    }
    if hasModifiers {
      // A pattern that is only annotations names them wherever they are (semgrep).
      if patternMode, kind == .endOfFile || (at(";") && token(1).kind == .endOfFile),
        onlyAnnotations(decorators)
      {
        _ = eat(";")
        return [decorators]
      }
      if patternMode { throw failure("expected a declaration after modifiers") }
      // `final` before something unreadable: read the rest as a statement.
    }
    if inClass && !patternMode {
      throw failure("expected a declaration")
    }
    return [try parseStatement()]
  }

  /// Whether a `decorators` node holds annotations and no modifier.
  func onlyAnnotations(_ decorators: Int32) -> Bool {
    let node = builder.nodes[Int(decorators)]
    let first = Int(node.firstChild)
    return builder.children[first..<first + Int(node.childCount)].allSatisfy {
      builder.nodes[Int($0)].kind != .constant
    }
  }

  /// Whether the token `ahead` ends a pattern item.
  func isItemEnd(_ ahead: Int) -> Bool {
    token(ahead).kind == .endOfFile || peek(ahead, "}")
  }

  /// Whether a `(` at `position` opens a parameter list followed by a body or `throws`: a
  /// constructor-like method in a pattern, not a call.
  func isMethodAhead(from position: Int) -> Bool {
    guard let close = matchingClose(from: position) else { return false }
    let next = tokens[min(close + 1, tokens.count - 1)]
    return spells(next, "{") || spells(next, "throws")
  }

  /// The index of the bracket closing the one at `position`, scanning without recursion.
  func matchingClose(from position: Int) -> Int? {
    var level = 0
    var cursor = position
    while cursor < tokens.count {
      let token = tokens[cursor]
      if token.kind == .endOfFile { return nil }
      if spells(token, "(") || spells(token, "[") || spells(token, "{") || token.kind == .deepOpen {
        level += 1
      } else if spells(token, ")") || spells(token, "]") || spells(token, "}")
        || token.kind == .deepClose
      {
        level -= 1
        if level == 0 { return cursor }
      }
      cursor += 1
    }
    return nil
  }

  mutating func skipTypeParameters() throws(ParseFailure) {
    guard at("<") else { return }
    var level = 0
    repeat {
      if at("<") { level += 1 }
      if at(">") { level -= 1 }
      if kind == .endOfFile || at("{") || at(";") { throw failure("unclosed type parameters") }
      advance()
    } while level > 0
  }

  mutating func parseTypeDeclaration(decorators: Int32, start: Int32) throws(ParseFailure)
    -> Int32
  {
    let isEnum = at("enum")
    let isRecord = at("record")
    let flavour: UInt8 =
      isEnum
      ? JavaClassKind.enum
      : isRecord
        ? JavaClassKind.record
        : at("class") ? JavaClassKind.class : JavaClassKind.interface
    if at("@") { advance() }
    advance()
    let name = try parseName()
    try skipTypeParameters()
    if isRecord && at("(") {
      let componentsStart = current.start
      let components = try parseParameters()
      // Components are not kept, so a pattern naming them would match any record.
      if !childrenOf(components).allSatisfy({ builder.nodes[Int($0)].kind == .ellipsis }) {
        unsupportedInPattern(from: componentsStart)
      }
    }
    var bases: [Int32] = []
    let basesStart = current.start
    while at("extends") || at("implements") || at("permits") {
      advance()
      repeat { bases.append(try parseType()) } while eat(",")
    }
    let basesNode = bases.isEmpty ? SyntaxTree.absent : node(.superTypes, basesStart, bases)
    let outer = inInterface
    inInterface = flavour == JavaClassKind.interface
    defer { inInterface = outer }
    let body = try parseClassBody(isEnum: isEnum)
    return node(.classDefinition, start, [decorators, name, basesNode, body], flags: flavour)
  }

  /// A class body as a block of members; enum constants come first, as expression statements.
  mutating func parseClassBody(isEnum: Bool) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect("{")
    var items: [Int32] = []
    if isEnum {
      while !at(";") && !at("}") && kind != .endOfFile {
        let constantStart = current.start
        _ = try parseModifiers()
        if patternMode && at("...") {
          advance()
          items.append(node(.expressionStatement, constantStart, [node(.ellipsis, constantStart)]))
        } else {
          // A constant is not a call for semgrep: its arguments and body follow it as items
          // of their own, so that patterns still find what they hold.
          let constant = try parseName()
          items.append(node(.expressionStatement, constantStart, [constant]))
          if at("(") {
            let arguments = try parseArguments()
            items.append(
              node(.expressionStatement, builder.nodes[Int(arguments)].start, [arguments]))
          }
          if at("{") {
            items.append(try parseClassBody(isEnum: false))
          }
        }
        if !eat(",") { break }
      }
      _ = eat(";")
    }
    items += try parseBlockItems(inClass: true)
    return node(.block, start, items)
  }

  mutating func parseMethod(decorators: Int32, start: Int32, constructor: Bool = false)
    throws(ParseFailure) -> Int32
  {
    let returnType = constructor ? SyntaxTree.absent : try parseType()
    let name = try parseName()
    let parameters = try parseParameters()
    while at("[") && peek(1, "]") {
      advance()
      advance()
    }
    var throwsNode = SyntaxTree.absent
    let throwsStart = current.start
    if eat("throws") {
      var types: [Int32] = []
      repeat { types.append(try parseType()) } while eat(",")
      throwsNode = node(.tuple, throwsStart, types)
    }
    var body = SyntaxTree.absent
    if at("{") {
      body = try parseBlock()
    } else {
      if at("default") {
        advance()
        _ = try parseElementValue()
      }
      if !(patternMode && kind == .endOfFile) { try expect(";") }
      // A class's method without a body matches `{ ... }` and `{}` in semgrep: an empty block.
      if !inInterface { body = node(.block, previousEnd) }
    }
    return node(
      .functionDefinition, start, [decorators, name, parameters, returnType, body, throwsNode])
  }

  mutating func parseParameters() throws(ParseFailure) -> Int32 {
    let start = current.start
    try expect("(")
    var items: [Int32] = []
    while !at(")") && kind != .endOfFile {
      let itemStart = current.start
      if patternMode && (at("...") || kind == .ellipsisMetavariable) {
        let itemKind: NodeKind = at("...") ? .ellipsis : .ellipsisMetavariable
        advance()
        items.append(node(itemKind, itemStart))
      } else {
        let decorators = try parseModifiers()
        let type = try parseType()
        var flags: UInt8 = 0
        if eat("...") { flags = NodeFlags.star }
        let name = try parseName()
        var fullType = type
        while at("[") && peek(1, "]") {
          advance()
          advance()
          fullType = node(.arrayType, itemStart, [fullType])
        }
        items.append(
          node(
            .parameter, itemStart, [name, fullType, SyntaxTree.absent, decorators], flags: flags)
        )
      }
      if !eat(",") { break }
    }
    try expect(")")
    return node(.parameters, start, items)
  }

  /// Variables declared together (`int a = 1, b;`): one `annotatedAssignment` each.
  ///
  /// A local declaration's range takes in its `;` and a field's does not, as semgrep's do.
  mutating func parseVariables(decorators: Int32, start: Int32, isField: Bool = false)
    throws(ParseFailure) -> [Int32]
  {
    let type = try parseType()
    var result: [Int32] = []
    repeat {
      // Every declarator's range starts at the declaration, as semgrep's does.
      let itemStart = start
      let name = try parseName()
      var itemType = type
      while at("[") && peek(1, "]") {
        advance()
        advance()
        itemType = node(.arrayType, builder.nodes[Int(type)].start, [itemType])
      }
      var value = SyntaxTree.absent
      if eat("=") {
        value = at("{") ? try parseArrayInitializer() : try parseExpression()
      }
      result.append(
        node(.annotatedAssignment, itemStart, [name, itemType, value, decorators]))
    } while eat(",")
    if !(patternMode && kind == .endOfFile) { try expect(";") }
    if let last = result.last, !isField { builder.nodes[Int(last)].end = previousEnd }
    return result
  }

  // MARK: - Types

  /// Where a type starting at `position` ends, or nil: a lookahead that builds nothing.
  func scanType(from position: Int) -> Int? {
    var cursor = position
    func tokenAt(_ i: Int) -> JavaToken { tokens[min(i, tokens.count - 1)] }
    while spells(tokenAt(cursor), "@") {
      cursor += 1
      guard tokenAt(cursor).kind == .word else { return nil }
      cursor += 1
      if spells(tokenAt(cursor), "("), let close = matchingClose(from: cursor) {
        cursor = close + 1
      }
    }
    let first = tokenAt(cursor)
    guard isName(first) else { return nil }
    cursor += 1
    var level = 0
    while true {
      let token = tokenAt(cursor)
      if spells(token, "<") {
        level += 1
      } else if spells(token, ">") {
        guard level > 0 else { break }
        level -= 1
      } else if spells(token, ".") {
        guard isName(tokenAt(cursor + 1)) else { break }
        cursor += 1
      } else if level > 0
        && (token.kind == .word || token.kind == .metavariable || spells(token, ",")
          || spells(token, "?") || spells(token, "&") || spells(token, "[")
          || spells(token, "]") || spells(token, "@"))
      {
      } else if spells(token, "[") && spells(tokenAt(cursor + 1), "]") {
        cursor += 1
      } else {
        break
      }
      cursor += 1
    }
    return level == 0 ? cursor : nil
  }

  /// A type: a name (`identifier`, `attribute` for a qualified one), with `genericType` for
  /// type arguments and `arrayType` for each `[]`.
  mutating func parseType() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    while at("@") { _ = try parseAnnotation() }
    if at("?") {
      let questionStart = current.start
      advance()
      let wildcard = node(.identifier, questionStart)
      if at("extends") || at("super") {
        advance()
        _ = try parseType()
      }
      return wildcard
    }
    var type = try parseName()
    while true {
      if at("<") {
        advance()
        var arguments: [Int32] = [type]
        while !at(">") && kind != .endOfFile {
          arguments.append(try parseType())
          while eat("&") { _ = try parseType() }
          if !eat(",") { break }
        }
        try expect(">")
        type = node(.genericType, start, arguments)
      } else if at("."), isName(token(1)) || token(1).kind == .word {
        advance()
        while at("@") { _ = try parseAnnotation() }
        type = node(.attribute, start, [type, try parseName()])
      } else if at("[") && peek(1, "]") {
        advance()
        advance()
        type = node(.arrayType, start, [type])
      } else {
        return type
      }
    }
  }

  // MARK: - Statements

  mutating func parseBlock() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect("{")
    return node(.block, start, try parseBlockItems(inClass: false))
  }

  /// A block's or class body's items, through its closing brace.
  ///
  /// An item that does not parse becomes an error node and the rest are still read; a class
  /// body's stray `;` is no item.
  mutating func parseBlockItems(inClass: Bool) throws(ParseFailure) -> [Int32] {
    var items: [Int32] = []
    while !at("}") && kind != .endOfFile {
      let startIndex = index
      if inClass && at(";") {
        advance()
        continue
      }
      do throws(ParseFailure) {
        items += try parseBlockItem(inClass: inClass)
      } catch {
        items.append(recover(from: error, startIndex: startIndex))
      }
      if index == startIndex { advance() }
    }
    try expect("}")
    return items
  }

  /// A statement that must be a block for the tree: a lone statement is wrapped in one.
  mutating func parseBody() throws(ParseFailure) -> Int32 {
    if at("{") { return try parseBlock() }
    let start = current.start
    let items = try parseBlockItem(inClass: false)
    // A pattern's lone `$S;` body (`if (c) $S;`) is any one statement, a braced block too.
    let isAny =
      items.count == 1 && builder.nodes[Int(items[0])].flags & NodeFlags.anyStatement != 0
    return node(.block, start, items, flags: isAny ? NodeFlags.anyStatement : 0)
  }

  mutating func parseStatement() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    if at("{") { return try parseBlock() }
    if at(";") {
      advance()
      return node(.passStatement, start)
    }
    if kind == .word {
      switch tokenText(current) {
      case "if":
        advance()
        let test = try parseCondition()
        let body = try parseBody()
        var orElse = SyntaxTree.absent
        if eat("else") { orElse = try parseBody() }
        return node(.ifStatement, start, [test, body, orElse])
      case "while":
        advance()
        let test = try parseCondition()
        let body = try parseBody()
        return node(.whileStatement, start, [test, body, SyntaxTree.absent])
      case "do":
        advance()
        let body = try parseBody()
        try expect("while")
        let test = try parseCondition()
        if !(patternMode && kind == .endOfFile) { try expect(";") }
        return node(.whileStatement, start, [test, body, SyntaxTree.absent])
      case "for":
        return try parseFor()
      case "try":
        return try parseTry()
      case "switch":
        return try parseSwitch()
      case "return":
        advance()
        var value = SyntaxTree.absent
        if !at(";") && !(patternMode && isItemEnd(0)) { value = try parseExpression() }
        let statement = node(.returnStatement, start, [value])
        try endStatement()
        return statement
      case "throw":
        advance()
        let value = try parseExpression()
        let statement = node(.raiseStatement, start, [value, SyntaxTree.absent])
        try endStatement()
        return statement
      case "break", "continue":
        let isBreak = at("break")
        advance()
        if kind == .word && !at(";") { advance() }
        try endStatement()
        return node(isBreak ? .breakStatement : .continueStatement, start)
      case "yield" where !peek(1, "=") && !peek(1, "(") && !peek(1, "."):
        advance()
        // semgrep reads `yield value;` as a return from the switch arm.
        let value = try parseExpression()
        let statement = node(.returnStatement, start, [value])
        try endStatement()
        return statement
      case "assert":
        advance()
        let test = try parseExpression()
        var message = SyntaxTree.absent
        if eat(":") { message = try parseExpression() }
        try endStatement()
        return node(.assertStatement, start, [test, message])
      case "synchronized":
        advance()
        let lock = try parseCondition()
        let item = node(.withItem, builder.nodes[Int(lock)].start, [lock, SyntaxTree.absent])
        let items = node(.withItems, builder.nodes[Int(lock)].start, [item])
        let body = try parseBlock()
        return node(.withStatement, start, [items, body])
      default:
        if isName(current) && peek(1, ":") && !peek(1, "::") {
          advance()
          advance()
          unsupportedInPattern(from: start)
          return try parseStatement()
        }
      }
    }
    let expression = try parseExpression()
    try endStatement()
    let expressionKind = builder.nodes[Int(expression)].kind
    if patternMode && expressionKind == .metavariable && tokens[index - 1].kind != .metavariable {
      // `$S;` stands for any one statement.
      return node(.expressionStatement, start, [expression], flags: NodeFlags.anyStatement)
    }
    if expressionKind == .assignment || expressionKind == .augmentedAssignment {
      builder.nodes[Int(expression)].end = previousEnd
      return expression
    }
    // A pattern's `expression;` is a statement pattern: semgrep matches it at statements that
    // hold the expression, reporting the whole statement.
    let terminated =
      patternMode && previousEnd > 0 && bytes[Int(previousEnd) - 1] == UInt8(ascii: ";")
    return node(
      .expressionStatement, start, [expression], flags: terminated ? NodeFlags.terminated : 0)
  }

  /// The `;` ending a statement; a pattern may leave out its last one.
  mutating func endStatement() throws(ParseFailure) {
    if patternMode && isItemEnd(0) { return }
    try expect(";")
  }

  mutating func parseCondition() throws(ParseFailure) -> Int32 {
    try expect("(")
    let expression = try parseExpression()
    try expect(")")
    return expression
  }

  mutating func parseFor() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    try expect("(")
    let headerStart = current.start
    // `for (Type name : iterable)`
    let modifiersStart = index
    let decorators = try parseModifiers()
    if let after = scanType(from: index), isName(tokens[after]),
      spells(tokens[min(after + 1, tokens.count - 1)], ":")
    {
      let type = try parseType()
      let name = try parseName()
      let target = node(.parameter, headerStart, [name, type, SyntaxTree.absent, decorators])
      try expect(":")
      let iterable = try parseExpression()
      try expect(")")
      let body = try parseBody()
      return node(.forStatement, start, [target, iterable, body, SyntaxTree.absent])
    }
    index = modifiersStart
    if patternMode && at("...") && peek(1, ")") {
      advance()
      advance()
      let body = try parseBody()
      let ellipsis = node(.ellipsis, headerStart)
      return node(.forClassic, start, [ellipsis, SyntaxTree.absent, SyntaxTree.absent, body])
    }
    var initItems: [Int32] = []
    let initStart = current.start
    if !at(";") {
      if let after = scanType(from: index), isName(tokens[after]) {
        // Declared as parameters with defaults: semgrep's declaration patterns skip them.
        let declarations = try parseVariables(decorators: SyntaxTree.absent, start: initStart)
        initItems = declarations.map { declaration in
          builder.nodes[Int(declaration)].kind = .parameter
          return declaration
        }
      } else {
        repeat { initItems.append(try parseExpression()) } while eat(",")
        try expect(";")
      }
    } else {
      advance()
    }
    let initNode = node(.block, initStart, initItems)
    var condition = SyntaxTree.absent
    if !at(";") { condition = try parseExpression() }
    try expect(";")
    let updateStart = current.start
    var updates: [Int32] = []
    if !at(")") {
      repeat { updates.append(try parseExpression()) } while eat(",")
    }
    let updateNode = node(.block, updateStart, updates)
    try expect(")")
    let body = try parseBody()
    return node(.forClassic, start, [initNode, condition, updateNode, body])
  }

  mutating func parseTry() throws(ParseFailure) -> Int32 {
    let start = current.start
    advance()
    var resources = SyntaxTree.absent
    if at("(") {
      let resourcesStart = current.start
      advance()
      var items: [Int32] = []
      while !at(")") && kind != .endOfFile {
        let itemStart = current.start
        _ = try parseModifiers()
        if let after = scanType(from: index), isName(tokens[after]),
          spells(tokens[min(after + 1, tokens.count - 1)], "=")
        {
          let type = try parseType()
          let name = try parseName()
          try expect("=")
          let value = try parseExpression()
          items.append(
            node(.annotatedAssignment, itemStart, [name, type, value, SyntaxTree.absent]))
        } else {
          items.append(try parseExpression())
        }
        if !eat(";") { break }
      }
      try expect(")")
      resources = node(.withItems, resourcesStart, items)
    }
    let body = try parseBlock()
    var handlers: [Int32] = []
    let handlersStart = current.start
    while at("catch") {
      let clauseStart = current.start
      advance()
      try expect("(")
      _ = try parseModifiers()
      let typeStart = current.start
      var types = [try parseType()]
      while eat("|") { types.append(try parseType()) }
      let type = types.count == 1 ? types[0] : node(.tuple, typeStart, types)
      let name = try parseName()
      try expect(")")
      let clauseBody = try parseBlock()
      handlers.append(node(.exceptClause, clauseStart, [type, name, clauseBody]))
    }
    let handlersNode =
      handlers.isEmpty ? SyntaxTree.absent : node(.exceptClauses, handlersStart, handlers)
    var finally = SyntaxTree.absent
    if eat("finally") { finally = try parseBlock() }
    return node(
      .tryStatement, start, [body, handlersNode, SyntaxTree.absent, finally, resources])
  }

  /// `switch` as a statement or an expression: a `matchStatement` of `caseClause`s whose
  /// pattern is the label (a tuple for several, absent for `default`).
  mutating func parseSwitch() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    advance()
    let subject = try parseCondition()
    try expect("{")
    var clauses: [Int32] = []
    while !at("}") && kind != .endOfFile {
      let clauseStart = current.start
      var label = SyntaxTree.absent
      var guardNode = SyntaxTree.absent
      if eat("default") {
      } else if eat("case") {
        var labels: [Int32] = []
        repeat {
          if at("default") {
            advance()
            continue
          }
          labels.append(try parseCaseLabel())
        } while eat(",")
        if at("when") {
          advance()
          guardNode = try parseExpression()
        }
        label = labels.count == 1 ? labels[0] : node(.tuple, clauseStart, labels)
      } else if patternMode && at("...") {
        advance()
        clauses.append(node(.ellipsis, clauseStart))
        continue
      } else {
        throw failure("expected 'case' or 'default'")
      }
      let bodyStart = current.start
      var body: Int32
      if eat("->") {
        if at("{") {
          body = try parseBlock()
        } else if at("throw") {
          body = node(.block, bodyStart, [try parseStatement()])
        } else {
          let expression = try parseExpression()
          try expect(";")
          body = node(.block, bodyStart, [node(.expressionStatement, bodyStart, [expression])])
        }
      } else {
        try expect(":")
        var items: [Int32] = []
        while !at("case") && !at("default") && !at("}") && kind != .endOfFile {
          let startIndex = index
          do throws(ParseFailure) {
            items += try parseBlockItem(inClass: false)
          } catch {
            items.append(recover(from: error, startIndex: startIndex))
          }
          if index == startIndex { advance() }
        }
        body = node(.block, bodyStart, items)
      }
      clauses.append(node(.caseClause, clauseStart, [label, guardNode, body]))
    }
    try expect("}")
    return node(.matchStatement, start, [subject] + clauses)
  }

  /// The components of a record pattern (`Point(int x, int y)`), skipped: semgrep patterns do
  /// not reach into them.
  mutating func skipRecordPattern() {
    guard at("("), let close = matchingClose(from: index) else { return }
    while index <= close { advance() }
  }

  /// A case label: a constant, or a type pattern (`String s`, `Point(int x, int y)`).
  mutating func parseCaseLabel() throws(ParseFailure) -> Int32 {
    let start = current.start
    if let after = scanType(from: index), spells(tokens[after], "("),
      let close = matchingClose(from: after),
      spells(tokens[min(close + 1, tokens.count - 1)], "->")
        || spells(tokens[min(close + 1, tokens.count - 1)], ":")
        || spells(tokens[min(close + 1, tokens.count - 1)], "when")
    {
      let type = try parseType()
      skipRecordPattern()
      return node(
        .parameter, start, [SyntaxTree.absent, type, SyntaxTree.absent, SyntaxTree.absent])
    }
    if let after = scanType(from: index), isName(tokens[after]),
      !spells(tokens[min(after + 1, tokens.count - 1)], ".")
    {
      let type = try parseType()
      let name = try parseName()
      return node(.parameter, start, [name, type, SyntaxTree.absent, SyntaxTree.absent])
    }
    return try parseTernary()
  }

  // MARK: - Expressions

  mutating func parseExpression() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    if let lambda = try parseLambdaIfAhead() { return lambda }
    let left = try parseTernary()
    if at("=") && !peek(1, "=") {
      advance()
      let value = at("{") && patternMode ? try parseArrayInitializer() : try parseExpression()
      return node(.assignment, start, [left, value])
    }
    if let op = compoundAssignment() {
      let value = try parseExpression()
      return node(.augmentedAssignment, start, [left, value], op: op)
    }
    return left
  }

  /// A compound assignment operator here, consumed; `>>=` and `>>>=` arrive as separate `>`s.
  mutating func compoundAssignment() -> Operator? {
    let table: [(StaticString, Operator)] = [
      ("+=", .add), ("-=", .subtract), ("*=", .multiply), ("/=", .divide), ("%=", .modulo),
      ("&=", .bitAnd), ("|=", .bitOr), ("^=", .bitXor), ("<<=", .leftShift),
    ]
    for (text, op) in table where at(text) {
      advance()
      return op
    }
    if at(">") && peek(1, ">") && adjacent(1) {
      if peek(2, "=") && adjacent(2) {
        advance()
        advance()
        advance()
        return .rightShift
      }
      if peek(2, ">") && adjacent(2) && peek(3, "=") && adjacent(3) {
        for _ in 0..<4 { advance() }
        return .rightShift
      }
    }
    return nil
  }

  /// A lambda, when one starts here: `x -> ...`, `(a, b) -> ...`, `(int a) -> ...`.
  mutating func parseLambdaIfAhead() throws(ParseFailure) -> Int32? {
    let start = current.start
    if isName(current) && peek(1, "->") {
      let name = try parseName()
      let parameter = node(
        .parameter, start, [name, SyntaxTree.absent, SyntaxTree.absent, SyntaxTree.absent])
      let parameters = node(.parameters, start, [parameter])
      advance()
      return node(.lambda, start, [parameters, try parseLambdaBody()])
    }
    guard at("("), let close = matchingClose(from: index),
      spells(tokens[min(close + 1, tokens.count - 1)], "->")
    else { return nil }
    let parametersStart = current.start
    advance()
    var items: [Int32] = []
    while !at(")") && kind != .endOfFile {
      let itemStart = current.start
      if patternMode && (at("...") || kind == .ellipsisMetavariable) {
        let itemKind: NodeKind = at("...") ? .ellipsis : .ellipsisMetavariable
        advance()
        items.append(node(itemKind, itemStart))
      } else if isName(current) && (peek(1, ",") || peek(1, ")")) {
        let name = try parseName()
        items.append(
          node(
            .parameter, itemStart,
            [name, SyntaxTree.absent, SyntaxTree.absent, SyntaxTree.absent]))
      } else {
        let decorators = try parseModifiers()
        let type = try parseType()
        let flags: UInt8 = eat("...") ? NodeFlags.star : 0
        let name = try parseName()
        items.append(
          node(.parameter, itemStart, [name, type, SyntaxTree.absent, decorators], flags: flags))
      }
      if !eat(",") { break }
    }
    try expect(")")
    let parameters = node(.parameters, parametersStart, items)
    try expect("->")
    return node(.lambda, start, [parameters, try parseLambdaBody()])
  }

  mutating func parseLambdaBody() throws(ParseFailure) -> Int32 {
    at("{") ? try parseBlock() : try parseExpression()
  }

  mutating func parseTernary() throws(ParseFailure) -> Int32 {
    let start = current.start
    let test = try parseBinary(1)
    guard at("?") else { return test }
    try enter()
    defer { depth -= 1 }
    advance()
    // Between `?` and `:` stands any expression, an assignment too (`c ? x = 0 : y`).
    let body = try parseExpression()
    try expect(":")
    let orElse = try parseTernaryBranch()
    return node(.conditional, start, [body, test, orElse])
  }

  mutating func parseTernaryBranch() throws(ParseFailure) -> Int32 {
    if let lambda = try parseLambdaIfAhead() { return lambda }
    return try parseTernary()
  }

  /// The binary operator here with its precedence and node kind, and how many tokens it spans.
  func binaryOperator() -> (op: Operator, precedence: Int, kind: NodeKind, width: Int)? {
    let token = current
    guard token.kind == .punctuation || token.kind == .word else { return nil }
    if at(">") {
      if peek(1, ">") && adjacent(1) {
        if peek(2, ">") && adjacent(2) {
          if peek(3, "=") && adjacent(3) { return nil }
          return (.rightShift, 8, .binaryOperation, 3)
        }
        if peek(2, "=") && adjacent(2) { return nil }
        return (.rightShift, 8, .binaryOperation, 2)
      }
      if peek(1, "=") && adjacent(1) && !peek(2, "=") {
        return (.greaterEqual, 7, .comparison, 2)
      }
      return (.greater, 7, .comparison, 1)
    }
    let table: [(StaticString, Operator, Int, NodeKind)] = [
      ("||", .or, 1, .booleanOperation), ("&&", .and, 2, .booleanOperation),
      ("|", .bitOr, 3, .binaryOperation), ("^", .bitXor, 4, .binaryOperation),
      ("&", .bitAnd, 5, .binaryOperation), ("==", .equal, 6, .comparison),
      ("!=", .notEqual, 6, .comparison), ("<", .less, 7, .comparison),
      ("<=", .lessEqual, 7, .comparison), ("<<", .leftShift, 8, .binaryOperation),
      ("+", .add, 9, .binaryOperation), ("-", .subtract, 9, .binaryOperation),
      ("*", .multiply, 10, .binaryOperation), ("/", .divide, 10, .binaryOperation),
      ("%", .modulo, 10, .binaryOperation),
    ]
    for (text, op, precedence, kind) in table where spells(token, text) {
      return (op, precedence, kind, 1)
    }
    return nil
  }

  mutating func parseBinary(_ minimum: Int) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    var left = try parseUnary()
    var chain = 0
    while true {
      if at("instanceof") && minimum <= 7 {
        advance()
        _ = eat("final")
        let type = try parseType()
        let isRecordPattern = at("(")
        skipRecordPattern()
        var binding = SyntaxTree.absent
        if isName(current) { binding = try parseName() }
        left = node(
          .instanceOf, start, [left, type, binding],
          flags: isRecordPattern ? NodeFlags.recordPattern : 0)
        continue
      }
      guard let (op, precedence, kind, width) = binaryOperator(), precedence >= minimum else {
        return left
      }
      // `>>>` reads as `>>`, which a pattern must not confuse.
      if width == 3 { unsupportedInPattern(from: current.start) }
      chain += 1
      if chain > 1000 { throw failure("operator chain too long") }
      for _ in 0..<width { advance() }
      let right = try parseBinary(precedence + 1)
      left = node(kind, start, [left, right], op: op)
    }
  }

  mutating func parseUnary() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    let prefix: [(StaticString, Operator)] = [
      ("!", .not), ("~", .invert), ("-", .minus), ("+", .plus),
    ]
    for (text, op) in prefix where at(text) {
      advance()
      return node(.unaryOperation, start, [try parseUnary()], op: op)
    }
    if at("++") || at("--") {
      let op: Operator = at("++") ? .add : .subtract
      advance()
      return node(.increment, start, [try parseUnary()], op: op)
    }
    if at("("), let cast = try parseCastIfAhead() { return cast }
    return try parsePostfix()
  }

  /// A cast `(Type) operand` or, in a pattern, a typed metavariable `(Type $X)`.
  mutating func parseCastIfAhead() throws(ParseFailure) -> Int32? {
    let start = current.start
    guard let afterType = scanType(from: index + 1) else { return nil }
    if isTypedMetavariableAhead { return nil }
    var close = afterType
    while spells(tokens[min(close, tokens.count - 1)], "&"),
      let next = scanType(from: close + 1)
    {
      close = next
    }
    guard spells(tokens[min(close, tokens.count - 1)], ")") else { return nil }
    let next = tokens[min(close + 1, tokens.count - 1)]
    let isPrimitive =
      close == index + 2 && JavaParserState.primitives.contains(tokenText(tokens[index + 1]))
    let startsOperand: Bool
    switch next.kind {
    case .word:
      startsOperand = tokenText(next) != "instanceof"
    case .number, .string, .textBlock, .character, .metavariable, .deepOpen:
      startsOperand = true
    case .punctuation:
      startsOperand =
        spells(next, "(") || spells(next, "!") || spells(next, "~")
        || (isPrimitive && (spells(next, "-") || spells(next, "+")))
    default:
      startsOperand = false
    }
    guard startsOperand else { return nil }
    advance()
    let type = try parseType()
    while eat("&") { _ = try parseType() }
    try expect(")")
    if let lambda = try parseLambdaIfAhead() {
      return node(.cast, start, [type, lambda])
    }
    return node(.cast, start, [type, try parseUnary()])
  }

  /// Whether a pattern's `(Type $X)` starts here.
  var isTypedMetavariableAhead: Bool {
    guard patternMode, at("("), let afterType = scanType(from: index + 1) else { return false }
    return tokens[min(afterType, tokens.count - 1)].kind == .metavariable
      && spells(tokens[min(afterType + 1, tokens.count - 1)], ")")
  }

  mutating func parseTypedMetavariable() throws(ParseFailure) -> Int32 {
    let start = current.start
    try expect("(")
    let type = try parseType()
    let name = try parseName()
    try expect(")")
    return node(.typedMetavariable, start, [type, name])
  }

  mutating func parsePostfix() throws(ParseFailure) -> Int32 {
    let entryDepth = depth
    defer { depth = entryDepth }
    var expression = try parsePrimary()
    // A parenthesized expression's range leaves out the parentheses, as semgrep's does.
    let start = builder.nodes[Int(expression)].start
    while true {
      if at(".") {
        try enter()
        advance()
        if at("<") { try skipTypeParameters() }
        if at("new") {
          let creation = try parseNew()
          expression = node(.attribute, start, [expression, creation])
          continue
        }
        if patternMode && at("...") {
          // `e. ...`: `e` and any chain of fields and calls after it.
          let ellipsisStart = current.start
          advance()
          let ellipsis = node(.ellipsis, ellipsisStart)
          expression = node(.attribute, start, [expression, ellipsis])
          continue
        }
        let name = try parseName()
        expression = node(.attribute, start, [expression, name])
      } else if at("(") {
        try enter()
        let arguments = try parseArguments()
        expression = node(.call, start, [expression, arguments])
      } else if at("[") && peek(1, "]") {
        // `String[].class`
        advance()
        advance()
        expression = node(.arrayType, start, [expression])
      } else if at("[") {
        try enter()
        advance()
        let subscriptIndex = try parseExpression()
        try expect("]")
        expression = node(.subscript, start, [expression, subscriptIndex])
      } else if at("<"), isGenericMethodReference(expression) {
        // `List<String>::size`, `Class<?>[]::new`: a generic type before `::`.
        try enter()
        advance()
        var arguments: [Int32] = [expression]
        while !at(">") && kind != .endOfFile {
          arguments.append(try parseType())
          if !eat(",") { break }
        }
        try expect(">")
        expression = node(.genericType, start, arguments)
        while at("[") && peek(1, "]") {
          advance()
          advance()
          expression = node(.arrayType, start, [expression])
        }
      } else if at("::") {
        try enter()
        advance()
        if at("<") { try skipTypeParameters() }
        let name = try parseName()
        expression = node(.methodReference, start, [expression, name])
      } else if at("++") || at("--") {
        let op: Operator = at("++") ? .add : .subtract
        advance()
        expression = node(.increment, start, [expression], op: op, flags: NodeFlags.postfix)
      } else {
        return expression
      }
    }
  }

  /// Whether the `<` after a name opens the type arguments of a method reference's type (`<`
  /// balanced by `>` over type tokens, then `[]`s, then `::`) rather than a comparison.
  func isGenericMethodReference(_ expression: Int32) -> Bool {
    let kind = builder.nodes[Int(expression)].kind
    guard kind == .identifier || kind == .attribute else { return false }
    var level = 0
    var ahead = 0
    // Type arguments are short; a longer run is not one.
    while ahead < 256 {
      let token = token(ahead)
      if token.kind == .endOfFile { return false }
      if spells(token, "<") {
        level += 1
      } else if spells(token, ">") {
        level -= 1
        if level == 0 { break }
      } else if !(token.kind == .word || token.kind == .metavariable || spells(token, ".")
        || spells(token, ",")
        || spells(token, "?") || spells(token, "&") || spells(token, "[") || spells(token, "]")
        || spells(token, "@"))
      {
        return false
      }
      ahead += 1
    }
    guard level == 0 else { return false }
    ahead += 1
    while spells(token(ahead), "[") && spells(token(ahead + 1), "]") { ahead += 2 }
    return spells(token(ahead), "::")
  }

  mutating func parseArguments() throws(ParseFailure) -> Int32 {
    let start = current.start
    try expect("(")
    let items = try delimited(until: ")") { parser throws(ParseFailure) in
      try parser.parseExpression()
    }
    try expect(")")
    return node(.arguments, start, items)
  }

  mutating func parseArrayInitializer() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = current.start
    try expect("{")
    let items = try delimited(until: "}") { parser throws(ParseFailure) in
      parser.at("{") ? try parser.parseArrayInitializer() : try parser.parseExpression()
    }
    try expect("}")
    return node(.list, start, items)
  }

  mutating func parseNew() throws(ParseFailure) -> Int32 {
    let start = current.start
    try expect("new")
    if at("<") { try skipTypeParameters() }
    while at("@") { _ = try parseAnnotation() }
    var type = try parseName()
    let typeStart = builder.nodes[Int(type)].start
    while true {
      if at("<") {
        advance()
        var arguments: [Int32] = [type]
        while !at(">") && kind != .endOfFile {
          arguments.append(try parseType())
          if !eat(",") { break }
        }
        try expect(">")
        type = node(.genericType, typeStart, arguments)
      } else if at("."), isName(token(1)) || token(1).kind == .word {
        advance()
        type = node(.attribute, typeStart, [type, try parseName()])
      } else {
        break
      }
    }
    if at("[") {
      var dimensions: [Int32] = []
      let dimensionsStart = current.start
      while at("[") {
        advance()
        if at("]") {
          dimensions.append(builder.add(.constant, start: previousEnd, end: previousEnd))
        } else {
          dimensions.append(try parseExpression())
        }
        try expect("]")
      }
      let dimensionsNode = node(.tuple, dimensionsStart, dimensions)
      var initializer = SyntaxTree.absent
      if at("{") { initializer = try parseArrayInitializer() }
      return node(.newArray, start, [type, dimensionsNode, initializer])
    }
    let arguments = try parseArguments()
    var body = SyntaxTree.absent
    if at("{") {
      let outer = inInterface
      inInterface = false
      defer { inInterface = outer }
      body = try parseClassBody(isEnum: false)
    }
    return node(.newObject, start, [type, arguments, body])
  }

  mutating func parsePrimary() throws(ParseFailure) -> Int32 {
    let start = current.start
    switch kind {
    case .word:
      let word = tokenText(current)
      switch word {
      case "true", "false", "null":
        advance()
        return node(.constant, start)
      case "new":
        return try parseNew()
      case "switch":
        return try parseSwitch()
      default:
        if JavaParserState.primitives.contains(word) {
          // `int.class`, `int[].class`
          let type = try parseType()
          return type
        }
        advance()
        return node(.identifier, start)
      }
    case .metavariable:
      advance()
      return node(.metavariable, start)
    case .ellipsisMetavariable:
      advance()
      return node(.ellipsisMetavariable, start)
    case .number:
      advance()
      return node(.number, start)
    case .character:
      advance()
      return node(.constant, start)
    case .string:
      let token = advance()
      let contentEnd = max(token.start + 1, token.end - 1)
      return node(.string, start, text: (token.start + 1, contentEnd))
    case .textBlock:
      let token = advance()
      var contentStart = Int(token.start) + 3
      // The text starts on the line after the opening quotes.
      while contentStart < Int(token.end), bytes[contentStart] != 0x0A { contentStart += 1 }
      contentStart = min(contentStart + 1, Int(token.end))
      let contentEnd = max(contentStart, Int(token.end) - 3)
      return node(
        .string, start, flags: NodeFlags.raw, text: (Int32(contentStart), Int32(contentEnd)))
    case .deepOpen:
      try enter()
      defer { depth -= 1 }
      advance()
      let inner = try parseExpression()
      guard kind == .deepClose else { throw failure("expected '...>'") }
      advance()
      return node(.deepExpression, start, [inner])
    case .punctuation:
      if isTypedMetavariableAhead { return try parseTypedMetavariable() }
      if at("(") {
        try enter()
        defer { depth -= 1 }
        advance()
        let inner = try parseExpression()
        try expect(")")
        return inner
      }
      if at("...") && patternMode {
        advance()
        return node(.ellipsis, start)
      }
      if at("{") && patternMode {
        return try parseArrayInitializer()
      }
      if at("@") {
        return try parseAnnotation()
      }
      throw failure("expected an expression")
    default:
      throw failure("expected an expression")
    }
  }
}
