/// JSX inside JavaScript and TSX: elements, attributes and children, read by the JavaScript
/// parser when an expression starts with `<` (and, in TSX, is no type parameter list).
extension JavaScriptParserState {
  /// Whether a `<` here starts JSX rather than TypeScript type parameters (`<T,>` or
  /// `<T extends U>` are type parameters even in TSX).
  func jsxStartsHere() -> Bool {
    guard jsx else { return false }
    var copy = lexer
    let name = copy.next()
    let after = copy.next()
    guard name.kind == .name else { return true }
    let afterText = bytes[Int(after.start)..<Int(after.end)]
    if afterText.elementsEqual(",".utf8) { return false }
    if afterText.elementsEqual("extends".utf8) { return false }
    return true
  }

  /// Reads a JSX name's dashes (`data-id`) into the current name token.
  mutating func extendJSXName() {
    var position = Int(token.end)
    while position < bytes.count
      && (JavaScriptLexer.isIdentifierPart(bytes[position]) || bytes[position] == UInt8(ascii: "-"))
    {
      position += 1
    }
    token.end = Int32(position)
    lexer.position = position
  }

  /// `a`, `a.b`, `a:b` or a metavariable; nil for a fragment.
  mutating func parseJSXName() throws(ParseFailure) -> Int32 {
    let start = token.start
    guard token.kind == .name else { throw failure("expected a JSX tag name") }
    extendJSXName()
    var name = parsePrimaryName()
    while at(".") || at(":") {
      advance()
      guard token.kind == .name else { throw failure("expected a JSX tag name") }
      extendJSXName()
      let member = parsePrimaryName()
      name = node(.attribute, start, [name, member])
    }
    return name
  }

  /// Moves past a `>` that ends a tag: into the children, or back to code.
  mutating func leaveTag(intoChildren: Bool) {
    let end = token.start + 1
    previousEnd = end
    token =
      intoChildren
      ? lexer.jsxChild(at: end)
      : { () -> JSToken in
        lexer.position = Int(end)
        return lexer.next()
      }()
  }

  mutating func parseJSXElement(inChildren: Bool) throws(ParseFailure) -> Int32 {
    try enter()
    defer { depth -= 1 }
    let start = token.start
    advance()
    var name = SyntaxTree.absent
    if !at(">") { name = try parseJSXName() }
    if typescript && at("<") { try skipAngles() }
    let attributesStart = token.start
    var attributes: [Int32] = []
    while !at(">") && !at("/") && !at(">>") && !at(">=") {
      let attributeStart = token.start
      if at("{") {
        advance()
        if atPatternEllipsis {
          advance()
          attributes.append(node(.ellipsis, attributeStart))
        } else {
          try expect("...")
          let value = try parseAssignment()
          attributes.append(node(.starred, attributeStart, [value]))
        }
        try expect("}")
        continue
      }
      if atPatternEllipsis {
        advance()
        attributes.append(node(.ellipsis, attributeStart))
        continue
      }
      guard token.kind == .name else { throw failure("expected a JSX attribute") }
      extendJSXName()
      var attributeName = parsePrimaryName()
      if at(":") {
        advance()
        extendJSXName()
        attributeName = parsePrimaryName()
      }
      var value = SyntaxTree.absent
      if at("=") {
        // Read the value with JSX rules: strings may span lines and have no escapes.
        let position = Int(token.end)
        lexer.position = position
        var probe = lexer.next()
        if probe.kind == .string || probe.kind == .error {
          let quote = bytes[Int(probe.start)]
          if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            probe = lexer.jsxString(at: probe.start)
          }
        }
        previousEnd = token.end
        token = probe
        if token.kind == .string {
          value = parseStringLiteral()
        } else if at("{") {
          advance()
          value = try parseAssignment()
          try expect("}")
        } else if at("<") {
          value = try parseJSXElement(inChildren: false)
        } else {
          throw failure("expected a JSX attribute value")
        }
      }
      attributes.append(node(.jsxAttribute, attributeStart, [attributeName, value]))
    }
    let attributeList = node(.jsxAttributes, attributesStart, attributes)
    if at("/") {
      advance()
      guard at(">") || at(">>") || at(">=") || at(">>=") || at(">>>") else {
        throw failure("expected '>'")
      }
      leaveTag(intoChildren: inChildren)
      let children = node(.jsxChildren, previousEnd)
      return node(.jsxElement, start, [name, attributeList, children])
    }
    guard at(">") || at(">>") || at(">=") || at(">>=") || at(">>>") else {
      throw failure("expected '>'")
    }
    leaveTag(intoChildren: true)
    let childrenStart = token.start
    var children: [Int32] = []
    while true {
      switch token.kind {
      case .endOfFile:
        throw failure("unclosed JSX element")
      case .jsxText:
        let isBlank = bytes[Int(token.start)..<Int(token.end)].allSatisfy {
          $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D
        }
        let trimmed = bytes[Int(token.start)..<Int(token.end)].filter {
          $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D
        }
        let first = bytes[Int(token.start)..<Int(token.end)].firstIndex {
          $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D
        }
        if patternMode && trimmed.elementsEqual("...".utf8) {
          children.append(node(.ellipsis, token.start))
        } else if patternMode, let first, isMetavariable(Int32(first), Int32(first + trimmed.count))
        {
          // `<a>$TEXT</a>`: the metavariable holds the element's text (semgrep).
          previousEnd = Int32(first + trimmed.count)
          children.append(node(.metavariable, Int32(first)))
          let end = token.end
          previousEnd = end
          token = lexer.jsxChild(at: end)
          continue
        } else if !isBlank {
          // Texts compare as written, spaces and line breaks included (semgrep).
          children.append(node(.jsxText, token.start, text: (token.start, token.end)))
        }
        let end = token.end
        previousEnd = end
        token = lexer.jsxChild(at: end)
        if !isBlank { builder.nodes[builder.nodes.count - 1].end = end }
        continue
      default:
        break
      }
      if at("{") {
        let braceStart = token.start
        advance()
        if !at("}") {
          if atPatternEllipsis {
            advance()
            children.append(node(.ellipsis, braceStart))
          } else {
            children.append(try parseExpression())
          }
        }
        guard at("}") else { throw failure("expected '}'") }
        let end = token.end
        previousEnd = end
        token = lexer.jsxChild(at: end)
        continue
      }
      // `<`: a closing tag or a child element.
      var probe = lexer
      let next = probe.next()
      if next.kind == .punct && bytes[Int(next.start)] == UInt8(ascii: "/") {
        advance()
        advance()
        if !at(">") { _ = try parseJSXName() }
        guard at(">") || at(">>") || at(">=") || at(">>=") || at(">>>") else {
          throw failure("expected '>'")
        }
        let childList = node(.jsxChildren, childrenStart, children)
        leaveTag(intoChildren: inChildren)
        return node(.jsxElement, start, [name, attributeList, childList])
      }
      children.append(try parseJSXElement(inChildren: true))
    }
  }
}

extension JavaScriptLexer {
  /// JSX child content from `start`: text up to the next `<` or `{`, or that bracket.
  mutating func jsxChild(at start: Int32) -> JSToken {
    position = Int(start)
    guard position < bytes.count else {
      return JSToken(kind: .endOfFile, start: start, end: start, newlineBefore: false)
    }
    let c = bytes[position]
    if c == UInt8(ascii: "<") || c == UInt8(ascii: "{") {
      position += 1
      return JSToken(kind: .punct, start: start, end: Int32(position), newlineBefore: false)
    }
    while position < bytes.count && bytes[position] != UInt8(ascii: "<")
      && bytes[position] != UInt8(ascii: "{")
    {
      position += 1
    }
    return JSToken(kind: .jsxText, start: start, end: Int32(position), newlineBefore: false)
  }

  /// A JSX attribute string at `start`: quotes without escapes, lines allowed.
  mutating func jsxString(at start: Int32) -> JSToken {
    position = Int(start)
    let quote = bytes[position]
    position += 1
    while position < bytes.count && bytes[position] != quote { position += 1 }
    let closed = position < bytes.count
    position = min(bytes.count, position + 1)
    return JSToken(
      kind: closed ? .string : .error, start: start, end: Int32(position), newlineBefore: false)
  }
}
