/// TypeScript types as trees, so that a pattern naming types matches code with those types
/// while a pattern without them still matches typed code (semgrep's semantics).
///
/// Every node of a type carries `JavaScriptFlags.typeNode`: only a pattern's type matches it,
/// so an expression pattern (`$X`, `foo`, `<... x ...>`) never lands inside a type. Forms the
/// matcher cannot compare faithfully become `tsOpaqueType` in code and are declined in patterns.
extension JavaScriptParserState {
  /// A type: a union or intersection of operands, or a conditional type (kept whole).
  mutating func parseType(arrowReturn: Bool = false) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let saved = snapshot()
    let start = token.start
    _ = eat("|") || eat("&")
    var type = try parseIntersectionType()
    while at("|") {
      advance()
      let right = try parseIntersectionType()
      type = typeNode(.tsUnionType, start, [type, right])
    }
    if atName("extends") && !arrowReturn && !token.newlineBefore {
      restore(saved)
      return try opaqueType { state throws(ParseFailure) in try state.skipType() }
    }
    return type
  }

  mutating func parseIntersectionType() throws(ParseFailure) -> Int32 {
    let start = token.start
    var type = try parseTypeOperand()
    while at("&") {
      advance()
      let right = try parseTypeOperand()
      type = typeNode(.tsIntersectionType, start, [type, right])
    }
    return type
  }

  static let typeOperators: [StaticString] = ["keyof", "typeof", "readonly", "unique"]

  /// An operand of `|` and `&`: a prefixed, primary or array type.
  mutating func parseTypeOperand() throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    if token.kind == .name, JavaScriptParserState.typeOperators.contains(where: { atName($0) }),
      peek().kind == .name || peekIs("(") || peekIs("[") || peekIs("{")
    {
      let keyword = (token.start, token.end)
      advance()
      let operand = try parseTypeOperand()
      return typeNode(.unaryKeyword, start, [operand], text: keyword)
    }
    var type = try parsePrimaryType()
    while at("[") && !token.newlineBefore {
      advance()
      if eat("]") {
        type = typeNode(.arrayType, start, [type])
      } else {
        let index = try parseType()
        // semgrep's range of `T[K]` stops before the `]`.
        type = typeNode(.subscript, start, [type, index])
        try expect("]")
      }
    }
    return type
  }

  mutating func parsePrimaryType() throws(ParseFailure) -> Int32 {
    let start = token.start
    let saved = snapshot()
    switch token.kind {
    // A literal type is an expression to semgrep: `"a"` and `($X: string)` find it.
    case .string:
      return parseStringLiteral()
    case .number:
      advance()
      return node(.number, start)
    case .name, .ellipsisMetavariable:
      return try parseNamedType(saved)
    case .punct:
      break
    default:
      return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
    }
    if at("(") {
      if startsFunctionType() {
        let parameters = try parseParameters()
        try expect("=>")
        let result = try parseType()
        return typeNode(.tsFunctionType, start, [parameters, result])
      }
      advance()
      let inner = try parseType()
      try expect(")")
      return inner
    }
    if at("[") { return try parseTupleType(saved) }
    if at("{") { return try parseObjectType(saved) }
    return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
  }

  /// An object type as an object of its property signatures (semgrep's reading).
  ///
  /// A pattern's fields are then found among the type's in any order, `readonly` and `?`
  /// aside. Methods, call and index signatures are kept whole; a mapped type is kept whole
  /// altogether.
  mutating func parseObjectType(_ saved: Snapshot) throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    try enter()
    defer { depth -= 1 }
    var members: [Int32] = []
    while !at("}") && token.kind != .endOfFile {
      if at("[") && !isIndexSignature() {
        restore(saved)
        return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
      }
      members.append(try parseTypeMember())
      if !eat(";") && !eat(",") && !token.newlineBefore && !at("}") {
        throw failure("expected ';'")
      }
    }
    try expect("}")
    return node(
      .dictionary, start, members, flags: JavaScriptFlags.object | JavaScriptFlags.typeNode)
  }

  /// A property signature as a pair of its name and type; other members kept whole.
  mutating func parseTypeMember() throws(ParseFailure) -> Int32 {
    let start = token.start
    let saved = snapshot()
    if atName("readonly") && [.name, .string, .number].contains(peek().kind) { advance() }
    var copy = lexer
    let next = copy.next()
    let isKey = [.name, .string, .number].contains(token.kind)
    let optional = isSingle(next, "?")
    if isKey && (isSingle(next, ":") || (optional && isSingle(copy.next(), ":"))) {
      var key = try parsePropertyKey()
      if builder.nodes[Int(key)].kind != .string { key = flagType(key) }
      _ = eat("?")
      try expect(":")
      let type = try parseType()
      return typeNode(.pair, start, [key, type])
    }
    restore(saved)
    return try opaqueType { state throws(ParseFailure) in try state.skipTypeMember() }
  }

  /// Whether `token` is the one-byte punctuator `character`.
  func isSingle(_ token: JSToken, _ character: Unicode.Scalar) -> Bool {
    token.kind == .punct && token.end - token.start == 1
      && bytes[Int(token.start)] == UInt8(ascii: character)
  }

  /// Skips a member of an object type up to its `;`, `,`, line break or the closing `}`.
  mutating func skipTypeMember() throws(ParseFailure) {
    let start = token.start
    while token.kind != .endOfFile && !at("}") && !at(";") && !at(",") {
      if token.newlineBefore && token.start > start { return }
      if at("(") || at("[") || at("{") || token.kind == .templateHead {
        try skipBalanced()
      } else if at("<") {
        try skipAngles(reject: false)
      } else {
        advance()
      }
    }
  }

  /// Whether the `(` here starts a function type's parameters rather than a parenthesized
  /// type, decided from the next tokens as TypeScript does, so nested parentheses stay linear.
  func startsFunctionType() -> Bool {
    var copy = lexer
    let first = copy.next()
    let second = copy.next()
    func isPunct(_ token: JSToken, _ text: String) -> Bool {
      token.kind == .punct && bytes[Int(token.start)..<Int(token.end)].elementsEqual(text.utf8)
    }
    if isPunct(first, ")") || isPunct(first, "...") { return true }
    if first.kind == .name || first.kind == .ellipsisMetavariable {
      if [":", ",", "?", "="].contains(where: { isPunct(second, $0) }) { return true }
      return isPunct(second, ")") && isPunct(copy.next(), "=>")
    }
    guard isPunct(first, "{") || isPunct(first, "[") else { return false }
    // A destructured parameter or an object or tuple type: what follows the `)` tells.
    var probe = self
    probe.advance()
    do throws(ParseFailure) {
      try probe.skipBalanced()
      guard probe.at(")") else { return false }
      probe.advance()
      return probe.at("=>")
    } catch {
      return false
    }
  }

  /// A name, a qualified name, a generic type's name, a literal word (`true`, `null`), or a type
  /// predicate and the other word-led forms, which are kept whole.
  mutating func parseNamedType(_ saved: Snapshot) throws(ParseFailure) -> Int32 {
    let start = token.start
    let next = peek()
    let isPredicate =
      next.kind == .name && !next.newlineBefore && (atName("asserts") || peekIs("is"))
    if atName("import") && peekIs("(") {
      // `import("m").T`
      return try opaqueType { state throws(ParseFailure) in
        state.advance()
        try state.skipBalanced()
        while state.at(".") {
          state.advance()
          state.advance()
        }
        if state.at("<") { try state.skipAngles() }
      }
    }
    if atName("new") || atName("abstract") || atName("infer") || isPredicate {
      return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
    }
    if atName("true") || atName("false") || atName("null") {
      advance()
      return typeNode(.constant, start)
    }
    var type = flagType(parsePrimaryName())
    while at(".") {
      advance()
      guard token.kind == .name else { throw failure("expected a type name") }
      let member = flagType(parsePrimaryName())
      type = typeNode(.attribute, start, [type, member])
    }
    // semgrep keeps only the name of a generic type, a pattern's too: `Promise<$T>` is
    // `Promise`, binding nothing.
    if at("<") && !token.newlineBefore { try skipAngles(reject: false) }
    if atName("is") && !token.newlineBefore {
      restore(saved)
      return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
    }
    return type
  }

  /// `[A, B]`; a tuple with labels, optional or rest elements is kept whole.
  mutating func parseTupleType(_ saved: Snapshot) throws(ParseFailure) -> Int32 {
    let start = token.start
    advance()
    var elements: [Int32] = []
    while !at("]") && token.kind != .endOfFile {
      let labelled = token.kind == .name && (peekIs(":") || peekIs("?"))
      if at("...") || labelled {
        restore(saved)
        return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
      }
      elements.append(try parseType())
      if at("?") {
        restore(saved)
        return try opaqueType { state throws(ParseFailure) in try state.skipTypeOperand() }
      }
      if !eat(",") { break }
    }
    try expect("]")
    return typeNode(.tsTupleType, start, elements)
  }

  /// `<A, B>` after a generic type's name or before a call's arguments.
  mutating func parseTypeArguments() throws(ParseFailure) -> [Int32] {
    try expect("<")
    try enter()
    defer { depth -= 1 }
    var arguments: [Int32] = []
    while !atTypeClose {
      arguments.append(try parseType())
      if !eat(",") { break }
    }
    try expectTypeClose()
    return arguments
  }

  /// Whether the token starts with the `>` closing type arguments (`>>` closes two).
  var atTypeClose: Bool {
    token.kind == .punct && bytes[Int(token.start)] == UInt8(ascii: ">")
  }

  /// Consumes one `>`, splitting `>>`, `>=` and the like.
  mutating func expectTypeClose() throws(ParseFailure) {
    guard atTypeClose else { throw failure("expected '>'") }
    if token.end - token.start > 1 { token = lexer.single(at: token.start) }
    advance()
  }

  /// A type the matcher keeps whole, read by `skip`: a pattern may not name one (semgrep
  /// compares such types member by member, which the matcher does not do).
  mutating func opaqueType(_ skip: (inout JavaScriptParserState) throws(ParseFailure) -> Void)
    throws(ParseFailure) -> Int32
  {
    if patternMode {
      throw ParseFailure(
        offset: Int(token.start),
        message: JavaScriptParserState.unsupportedPrefix
          + "this TypeScript type form in patterns (object, function-generic, conditional, "
          + "template literal, predicate or labelled tuple type)")
    }
    let start = token.start
    try skip(&self)
    return typeNode(.tsOpaqueType, start)
  }

  mutating func typeNode(
    _ kind: NodeKind, _ start: Int32, _ children: [Int32] = [], text: (Int32, Int32)? = nil
  ) -> Int32 {
    node(kind, start, children, flags: JavaScriptFlags.typeNode, text: text)
  }

  mutating func flagType(_ id: Int32) -> Int32 {
    builder.nodes[Int(id)].flags |= JavaScriptFlags.typeNode
    return id
  }

  /// A pattern's `($X: T)`: an expression whose type semgrep knows to be `T`.
  ///
  /// Only names (of generic types too) and arrays of them are read; semgrep's other forms (a
  /// metavariable type, which it binds to the expression itself) are declined.
  mutating func parseTypedMetavariable(_ inner: Int32, start: Int32) throws(ParseFailure)
    -> Int32
  {
    let colon = Int(token.start)
    let unsupported = ParseFailure(
      offset: colon,
      message: JavaScriptParserState.unsupportedPrefix
        + "typed metavariables in TypeScript other than ($X: Name) and ($X: Name[])")
    guard builder.nodes[Int(inner)].kind == .metavariable else { throw unsupported }
    advance()
    let type = try parseType()
    try expect(")")
    var name = type
    while [.arrayType, .attribute].contains(builder.nodes[Int(name)].kind) {
      guard let first = childIDs(name).first else { throw unsupported }
      name = first
    }
    guard builder.nodes[Int(name)].kind == .identifier else { throw unsupported }
    return node(
      .typedMetavariable, start, [type, inner], flags: JavaScriptFlags.typeScriptTypedMetavariable)
  }
}
