import Rules

/// Reads shell scripts the way semgrep's bash parser shapes them: statements of commands
/// (each a list of words, leading `NAME=value` and redirections kept out of the words),
/// pipelines and `&&`/`||` chains as left-nested pairs, `$X`, `${...}`, `$(...)`, backticks
/// and process substitutions inside words, compound commands (`if`, `for`, `while`, `case`,
/// functions, groups) with their bodies, and here-documents (their bodies skipped).
///
/// In a pattern, a `...` word or statement is an ellipsis and `$X` a metavariable. Never
/// fails: what it cannot read becomes an error node and a warning; nesting is bounded.
struct BashParser: ByteCursor {
  let bytes: [UInt8]
  /// Where reading stops (a Dockerfile's `RUN` body ends before the file does).
  let end: Int
  let patternMode: Bool
  var position = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)] = []
  var depth = 0
  /// Here-documents whose bodies start after the current line: delimiter, and `<<-`.
  var pendingHeredocs: [(delimiter: [UInt8], stripTabs: Bool)] = []
  static let maxDepth = 150
  /// What continues a line: `\\`, or a Dockerfile's `# escape=` character in a `RUN`.
  var continuation = UInt8(ascii: "\\")
  /// Whether this is a Dockerfile's `RUN` body, where Docker drops the empty lines and comment
  /// lines that follow a continuation before the shell sees them.
  var inDockerfile = false

  init(bytes: [UInt8], start: Int = 0, end: Int, patternMode: Bool) {
    self.bytes = bytes
    self.end = min(end, bytes.count)
    self.patternMode = patternMode
    position = start
  }

  // MARK: - Characters

  static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
  /// Characters that end an unquoted word.
  static func isMeta(_ c: UInt8) -> Bool {
    isBlank(c) || c == 0x0A || c == 0 || c == UInt8(ascii: "|") || c == UInt8(ascii: "&")
      || c == UInt8(ascii: ";") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
      || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
  }

  /// Skips blanks, line continuations and a comment.
  mutating func skipBlanks() {
    while !atEnd {
      if BashParser.isBlank(current) {
        position += 1
      } else if current == continuation && byte(position + 1) == 0x0A {
        position += 2
        skipDockerfileContinuationLines()
      } else if current == continuation && byte(position + 1) == 0x0D
        && byte(position + 2) == 0x0A
      {
        position += 3
        skipDockerfileContinuationLines()
      } else if current == UInt8(ascii: "#") {
        skipToLineEnd()
      } else {
        return
      }
    }
  }

  /// In a Dockerfile's `RUN` body, the empty and comment lines after a continuation.
  mutating func skipDockerfileContinuationLines() {
    guard inDockerfile else { return }
    while !atEnd {
      var probe = position
      while probe < end && BashParser.isBlank(bytes[probe]) { probe += 1 }
      guard probe < end, bytes[probe] == 0x0A || bytes[probe] == UInt8(ascii: "#") else { return }
      while probe < end && bytes[probe] != 0x0A { probe += 1 }
      position = min(probe + 1, end)
    }
  }

  /// Skips blanks, comments, newlines (with pending here-document bodies) and, with
  /// `semicolons`, `;` and `&` separators.
  mutating func skipSeparators(semicolons: Bool) {
    while true {
      skipBlanks()
      if current == 0x0A {
        position += 1
        readHeredocBodies()
      } else if semicolons && current == UInt8(ascii: ";")
        && byte(position + 1) != UInt8(ascii: ";")
      {
        position += 1
      } else if semicolons && current == UInt8(ascii: "&")
        && byte(position + 1) != UInt8(ascii: "&")
        && byte(position + 1) != UInt8(ascii: ">")
      {
        position += 1
      } else {
        return
      }
    }
  }

  /// Skips the bodies of here-documents started on the line just ended.
  mutating func readHeredocBodies() {
    let pending = pendingHeredocs
    pendingHeredocs = []
    for (delimiter, stripTabs) in pending {
      while !atEnd {
        let lineStart = position
        skipToLineEnd()
        var line = bytes[lineStart..<position]
        if !atEnd { position += 1 }
        if stripTabs { line = line.drop { $0 == 0x09 } }
        if let last = line.last, last == 0x0D { line = line.dropLast() }
        if line.elementsEqual(delimiter) { break }
      }
    }
  }

  /// The word at the position, if it is exactly `word` (a keyword in command position).
  func atKeyword(_ word: String) -> Bool {
    let utf8 = Array(word.utf8)
    guard position + utf8.count <= end, bytes[position..<position + utf8.count].elementsEqual(utf8)
    else { return false }
    let after = byte(position + utf8.count)
    return BashParser.isMeta(after)
      || (word == "{" || word == "}" || word == "!")
        && BashParser.isBlank(after)
  }

  mutating func expectKeyword(_ word: String) -> Bool {
    skipSeparators(semicolons: true)
    if atKeyword(word) {
      position += word.utf8.count
      return true
    }
    warnings.append((position, "expected '\(word)' in shell code"))
    return false
  }

  // MARK: - Statements

  mutating func program() -> Int32 {
    let start = position
    var statements: [Int32] = []
    while true {
      statements += statementList(until: [])
      if atEnd { break }
      // Something no statement reads (a stray `)`, `fi`, `;;`): skip the line.
      let bad = position
      skipToLineEnd()
      statements.append(error(from: bad, "cannot read this shell code"))
    }
    return builder.add(.module, start: Int32(start), end: Int32(end), children: statements)
  }

  /// Statements up to one of the keywords `until` (not consumed), a `)` or `;;`, or the end.
  mutating func statementList(until keywords: [String]) -> [Int32] {
    var statements: [Int32] = []
    while true {
      skipSeparators(semicolons: true)
      if atEnd || current == UInt8(ascii: ")")
        || (current == UInt8(ascii: ";") && byte(position + 1) == UInt8(ascii: ";"))
        || keywords.contains(where: atKeyword)
        || (current == UInt8(ascii: "}") && keywords.contains("}"))
      {
        return statements
      }
      let before = position
      if let statement = andOr() { statements.append(statement) }
      if position == before { return statements }
    }
  }

  /// A block node for statements read until one of `keywords`.
  mutating func block(until keywords: [String]) -> Int32 {
    let start = position
    let statements = statementList(until: keywords)
    let low = statements.first.map { builder.nodes[Int($0)].start } ?? Int32(start)
    let high = statements.last.map { builder.nodes[Int($0)].end } ?? Int32(start)
    return builder.add(.block, start: low, end: high, children: statements)
  }

  /// Pipelines joined by `&&` and `||`, nested to the left.
  mutating func andOr() -> Int32? {
    guard var left = pipeline() else { return nil }
    while true {
      skipBlanks()
      let op: Operator
      if current == UInt8(ascii: "&") && byte(position + 1) == UInt8(ascii: "&") {
        op = .and
      } else if current == UInt8(ascii: "|") && byte(position + 1) == UInt8(ascii: "|") {
        op = .or
      } else {
        return left
      }
      position += 2
      skipSeparators(semicolons: false)
      guard let right = pipeline() else { return left }
      left = builder.add(
        .shBinary, start: builder.nodes[Int(left)].start, end: builder.nodes[Int(right)].end,
        children: [left, right], op: op)
    }
  }

  /// Commands joined by `|` (or `|&`), nested to the left.
  mutating func pipeline() -> Int32? {
    skipBlanks()
    if current == UInt8(ascii: "!") && BashParser.isBlank(byte(position + 1)) {
      position += 1
    }
    guard var left = command() else { return nil }
    while true {
      skipBlanks()
      guard current == UInt8(ascii: "|"), byte(position + 1) != UInt8(ascii: "|") else {
        return left
      }
      position += 1
      if current == UInt8(ascii: "&") { position += 1 }
      skipSeparators(semicolons: false)
      guard let right = command() else { return left }
      left = builder.add(
        .shBinary, start: builder.nodes[Int(left)].start, end: builder.nodes[Int(right)].end,
        children: [left, right], op: .bitOr)
    }
  }

  /// One command: compound, function definition or simple.
  mutating func command() -> Int32? {
    skipBlanks()
    guard !atEnd else { return nil }
    depth += 1
    defer { depth -= 1 }
    if depth > BashParser.maxDepth {
      let start = position
      skipToLineEnd()
      return error(from: start, "shell code nested too deeply")
    }
    let start = position
    if atKeyword("if") { return ifCommand() }
    if atKeyword("for") || atKeyword("select") { return forCommand() }
    if atKeyword("while") || atKeyword("until") { return whileCommand() }
    if atKeyword("case") { return caseCommand() }
    if atKeyword("function") {
      position += "function".utf8.count
      skipBlanks()
      let name =
        word(commandPosition: false)
        ?? builder.add(.string, start: Int32(position), end: Int32(position))
      skipBlanks()
      if current == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: ")") {
        position += 2
      }
      return functionBody(name: name, start: start, keyword: (Int32(start), Int32(start + 8)))
    }
    if current == UInt8(ascii: "{") && BashParser.isMeta(byte(position + 1)) {
      position += 1
      let body = block(until: ["}"])
      _ = expectKeyword("}")
      return compound("{", start: start, keyword: (Int32(start), Int32(start + 1)), [body])
    }
    if current == UInt8(ascii: "(") {
      if byte(position + 1) == UInt8(ascii: "(") { return arithmeticCommand() }
      position += 1
      let body = block(until: [])
      skipSeparators(semicolons: true)
      if current == UInt8(ascii: ")") { position += 1 }
      return compound("(", start: start, keyword: (Int32(start), Int32(start + 1)), [body])
    }
    if current == UInt8(ascii: ")") || current == UInt8(ascii: "}") && !patternMode {
      return nil
    }
    for keyword in ["then", "elif", "else", "fi", "do", "done", "esac", "in"]
    where atKeyword(keyword) {
      return nil
    }
    return simpleCommand()
  }

  mutating func compound(
    _ name: String, start: Int, keyword: (Int32, Int32), _ children: [Int32]
  ) -> Int32 {
    let endOffset = max(Int32(position), children.last.map { builder.nodes[Int($0)].end } ?? 0)
    redirections()
    return builder.add(
      .shCompound, start: Int32(start), end: endOffset, children: children, text: keyword)
  }

  mutating func functionBody(name: Int32, start: Int, keyword: (Int32, Int32)) -> Int32 {
    skipSeparators(semicolons: false)
    let body =
      command().map { inner -> Int32 in
        // The body's statements, whichever compound holds them.
        if builder.nodes[Int(inner)].kind == .shCompound, builder.nodes[Int(inner)].childCount == 1
        {
          return builder.children[Int(builder.nodes[Int(inner)].firstChild)]
        }
        return builder.add(
          .block, start: builder.nodes[Int(inner)].start, end: builder.nodes[Int(inner)].end,
          children: [inner])
      } ?? builder.add(.block, start: Int32(position), end: Int32(position))
    return builder.add(
      .shCompound, start: Int32(start), end: max(Int32(position), builder.nodes[Int(body)].end),
      children: [name, body], text: keyword)
  }

  mutating func ifCommand() -> Int32 {
    let start = position
    position += 2
    var children: [Int32] = [block(until: ["then"])]
    _ = expectKeyword("then")
    children.append(block(until: ["elif", "else", "fi"]))
    while true {
      skipSeparators(semicolons: true)
      if atKeyword("elif") {
        position += 4
        children.append(block(until: ["then"]))
        _ = expectKeyword("then")
        children.append(block(until: ["elif", "else", "fi"]))
      } else if atKeyword("else") {
        position += 4
        children.append(block(until: ["fi"]))
      } else {
        break
      }
    }
    _ = expectKeyword("fi")
    return compound("if", start: start, keyword: (Int32(start), Int32(start + 2)), children)
  }

  mutating func forCommand() -> Int32 {
    let start = position
    let keywordEnd = start + (atKeyword("for") ? 3 : 6)
    position = keywordEnd
    skipBlanks()
    var children: [Int32] = []
    if current == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: "(") {
      children.append(arithmeticCommand())
    } else {
      children.append(
        word(commandPosition: false)
          ?? builder.add(.string, start: Int32(position), end: Int32(position)))
      skipSeparators(semicolons: false)
      var items: [Int32] = []
      let listStart = position
      if atKeyword("in") {
        position += 2
        while true {
          skipBlanks()
          if current == UInt8(ascii: ";") || current == 0x0A || atEnd { break }
          guard let item = word(commandPosition: false) else { break }
          items.append(item)
        }
      }
      let low = items.first.map { builder.nodes[Int($0)].start } ?? Int32(listStart)
      let high = items.last.map { builder.nodes[Int($0)].end } ?? Int32(listStart)
      children.append(builder.add(.list, start: low, end: high, children: items))
    }
    _ = expectKeyword("do")
    children.append(block(until: ["done"]))
    _ = expectKeyword("done")
    return compound("for", start: start, keyword: (Int32(start), Int32(keywordEnd)), children)
  }

  mutating func whileCommand() -> Int32 {
    let start = position
    let keywordEnd = start + (atKeyword("while") ? 5 : 5)
    position = keywordEnd
    let condition = block(until: ["do"])
    _ = expectKeyword("do")
    let body = block(until: ["done"])
    _ = expectKeyword("done")
    return compound(
      "while", start: start, keyword: (Int32(start), Int32(keywordEnd)), [condition, body])
  }

  mutating func caseCommand() -> Int32 {
    let start = position
    position += 4
    skipBlanks()
    var children: [Int32] = []
    if let subject = word(commandPosition: false) { children.append(subject) }
    skipSeparators(semicolons: false)
    if atKeyword("in") { position += 2 }
    while true {
      skipSeparators(semicolons: false)
      if atEnd || atKeyword("esac") { break }
      if current == UInt8(ascii: "(") { position += 1 }
      // The clause's patterns, up to `)`.
      var patterns: [Int32] = []
      while !atEnd && current != UInt8(ascii: ")") && current != 0x0A {
        skipBlanks()
        if current == UInt8(ascii: "|") {
          position += 1
          continue
        }
        guard let item = word(commandPosition: false) else { break }
        patterns.append(item)
      }
      guard current == UInt8(ascii: ")") else {
        warnings.append((position, "expected ')' in a case clause"))
        break
      }
      position += 1
      let patternStart = patterns.first.map { builder.nodes[Int($0)].start } ?? Int32(position)
      let body = block(until: ["esac"])
      let clauseEnd = max(builder.nodes[Int(body)].end, Int32(position))
      children.append(
        builder.add(.list, start: patternStart, end: clauseEnd, children: patterns + [body]))
      skipSeparators(semicolons: false)
      if current == UInt8(ascii: ";") {
        while current == UInt8(ascii: ";") || current == UInt8(ascii: "&") { position += 1 }
      }
    }
    _ = expectKeyword("esac")
    return compound("case", start: start, keyword: (Int32(start), Int32(start + 4)), children)
  }

  /// `(( ... ))`, kept as one opaque word.
  mutating func arithmeticCommand() -> Int32 {
    let start = position
    position += 2
    var nesting = 1
    while !atEnd && nesting > 0 {
      if current == UInt8(ascii: "(") { nesting += 1 }
      if current == UInt8(ascii: ")") { nesting -= 1 }
      position += 1
    }
    if current == UInt8(ascii: ")") { position += 1 }
    return builder.add(.string, start: Int32(start), end: Int32(position), flags: 4)
  }

  /// Redirections after a command: their targets are read and left out of its words.
  mutating func redirections() {
    while true {
      skipBlanks()
      guard redirection() else { return }
    }
  }

  /// One redirection at the position (`>f`, `2>&1`, `<<EOF`, `&>f`), if any.
  mutating func redirection() -> Bool {
    let save = position
    while current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") { position += 1 }
    if current == UInt8(ascii: "&") && byte(position + 1) == UInt8(ascii: ">") { position += 1 }
    guard current == UInt8(ascii: "<") || current == UInt8(ascii: ">") else {
      position = save
      return false
    }
    if byte(position + 1) == UInt8(ascii: "(") || isDeepStart(position) {
      // A process substitution (or a pattern's `<... x ...>`) is a word.
      position = save
      return false
    }
    if current == UInt8(ascii: "<") && byte(position + 1) == UInt8(ascii: "<")
      && byte(position + 2) != UInt8(ascii: "<")
    {
      position += 2
      let stripTabs = current == UInt8(ascii: "-")
      if stripTabs { position += 1 }
      skipBlanks()
      var delimiter: [UInt8] = []
      while !atEnd && !BashParser.isMeta(current) {
        if current != UInt8(ascii: "'") && current != UInt8(ascii: "\"")
          && current != UInt8(ascii: "\\")
        {
          delimiter.append(current)
        }
        position += 1
      }
      if !delimiter.isEmpty { pendingHeredocs.append((delimiter, stripTabs)) }
      return true
    }
    position += 1
    while current == UInt8(ascii: ">") || current == UInt8(ascii: "<")
      || current == UInt8(ascii: "&") || current == UInt8(ascii: "|")
    {
      position += 1
    }
    skipBlanks()
    if current == UInt8(ascii: "-") { position += 1 }
    _ = word(commandPosition: false)
    return true
  }

  /// Assignments, words and redirections up to the end of the command.
  mutating func simpleCommand() -> Int32? {
    let start = position
    var prefix: [Int32] = []
    var words: [Int32] = []
    var declaration = false
    while true {
      skipBlanks()
      if atEnd || current == 0x0A || current == UInt8(ascii: ";") || current == UInt8(ascii: "|")
        || current == UInt8(ascii: ")")
        || (current == UInt8(ascii: "&") && byte(position + 1) != UInt8(ascii: ">"))
      {
        break
      }
      if redirection() { continue }
      if !words.isEmpty && current == UInt8(ascii: "(") { break }
      if words.isEmpty || declaration, let assignment = assignment() {
        if words.isEmpty { prefix.append(assignment) } else { words.append(assignment) }
        continue
      }
      if words.isEmpty && current == UInt8(ascii: "}") && !patternMode { break }
      guard let next = word(commandPosition: words.isEmpty) else { break }
      if words.isEmpty {
        let text = builder.nodes[Int(next)]
        let name = String(decoding: bytes[Int(text.start)..<Int(text.end)], as: UTF8.self)
        declaration = ["export", "local", "declare", "readonly", "typeset"].contains(name)
        // `name() { ... }` defines a function.
        skipBlanks()
        if current == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: ")")
          && prefix.isEmpty
        {
          position += 2
          return functionBody(name: next, start: start, keyword: (text.start, text.end))
        }
      }
      words.append(next)
    }
    if words.isEmpty {
      // Only assignments: each is a statement of its own, as semgrep reads them.
      guard let first = prefix.first else {
        return position > start
          ? builder.add(.shCommand, start: Int32(start), end: Int32(position)) : nil
      }
      if prefix.count == 1 { return first }
      return builder.add(
        .block, start: builder.nodes[Int(first)].start,
        end: builder.nodes[Int(prefix[prefix.count - 1])].end, children: prefix)
    }
    if patternMode && words.count == 1 && prefix.isEmpty
      && builder.nodes[Int(words[0])].kind == .ellipsis
    {
      return words[0]
    }
    let low =
      prefix.first.map { builder.nodes[Int($0)].start } ?? builder.nodes[Int(words[0])].start
    return builder.add(
      .shCommand, start: low, end: builder.nodes[Int(words[words.count - 1])].end,
      children: words)
  }

  /// `NAME=value` (or `NAME+=value`, `NAME[i]=value`) at the position, if there is one.
  mutating func assignment() -> Int32? {
    let start = position
    var index = position
    if patternMode && byte(index) == UInt8(ascii: "$") { index += 1 }
    guard BashParser.isNameStart(byte(index)) else { return nil }
    while BashParser.isNameByte(byte(index)) { index += 1 }
    if byte(index) == UInt8(ascii: "[") {
      while index < end && bytes[index] != UInt8(ascii: "]") && bytes[index] != 0x0A { index += 1 }
      index += 1
    }
    let nameEnd = index
    if byte(index) == UInt8(ascii: "+") { index += 1 }
    guard byte(index) == UInt8(ascii: "=") else { return nil }
    let nameText = bytes[start..<nameEnd]
    let name: Int32
    if patternMode, YAMLParser.isMetavariable(nameText, prefix: "$") {
      name = builder.add(.metavariable, start: Int32(start), end: Int32(nameEnd))
    } else {
      name = builder.add(.string, start: Int32(start), end: Int32(nameEnd), flags: 4)
    }
    position = index + 1
    var children = [name]
    if current == UInt8(ascii: "(") {
      // An array: its words.
      let arrayStart = position
      position += 1
      var items: [Int32] = []
      while true {
        skipSeparators(semicolons: false)
        if atEnd || current == UInt8(ascii: ")") { break }
        guard let item = word(commandPosition: false) else {
          position += 1
          continue
        }
        items.append(item)
      }
      if current == UInt8(ascii: ")") { position += 1 }
      children.append(
        builder.add(.list, start: Int32(arrayStart), end: Int32(position), children: items))
    } else if !BashParser.isMeta(current) || isDeepStart(position),
      let value = word(commandPosition: false)
    {
      children.append(value)
    }
    return builder.add(
      .shAssignment, start: Int32(start), end: Int32(position), children: children)
  }

  static func isNameStart(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "_") || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  }

  static func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 48 && c <= 57) }

  // MARK: - Words

  /// One word: a literal (`.string`, its text unquoted), or a `shWord` of its parts; in a
  /// pattern `...` and `$X` words.
  mutating func word(commandPosition: Bool) -> Int32? {
    skipBlanks()
    let start = position
    var parts: [Int32] = []
    var literalStart = -1
    var quotedOnly: (Int, Int)? = nil
    var quoteCount = 0
    func flushLiteral(_ parser: inout BashParser, upTo offset: Int) {
      if literalStart >= 0 && offset > literalStart {
        parts.append(
          parser.builder.add(.string, start: Int32(literalStart), end: Int32(offset), flags: 4))
      }
      literalStart = -1
    }
    while !atEnd {
      let c = current
      if position == start && isDeepStart(position), let deep = deepExpression() {
        return deep
      }
      if (c == UInt8(ascii: "<") || c == UInt8(ascii: ">"))
        && byte(position + 1) == UInt8(ascii: "(")
        && position == start
      {
        flushLiteral(&self, upTo: position)
        parts.append(substitution(open: 2))
        continue
      }
      if BashParser.isMeta(c) { break }
      switch c {
      case UInt8(ascii: "\\"):
        if byte(position + 1) == 0x0A {
          // A line continuation ends the word.
          break
        }
        if literalStart < 0 { literalStart = position }
        position += 2
        continue
      case UInt8(ascii: "'"):
        flushLiteral(&self, upTo: position)
        let open = position
        position += 1
        while !atEnd && current != UInt8(ascii: "'") { position += 1 }
        quotedOnly = (open + 1, position)
        quoteCount += 1
        parts.append(
          builder.add(
            .string, start: Int32(open), end: Int32(min(position + 1, end)),
            text: (Int32(open + 1), Int32(position))))
        if !atEnd { position += 1 }
        continue
      case UInt8(ascii: "\""):
        flushLiteral(&self, upTo: position)
        let open = position
        let inner = doubleQuoted()
        if inner.count == 1, builder.nodes[Int(inner[0])].kind == .string {
          quotedOnly = (open + 1, position - 1)
        } else {
          quotedOnly = nil
        }
        quoteCount += 1
        if inner.isEmpty {
          parts.append(
            builder.add(
              .string, start: Int32(open), end: Int32(position),
              text: (Int32(open + 1), Int32(open + 1))))
        } else if inner.count == 1 && builder.nodes[Int(inner[0])].kind == .string {
          parts.append(
            builder.add(
              .string, start: Int32(open), end: Int32(position),
              text: (Int32(open + 1), Int32(position - 1))))
        } else {
          parts.append(
            builder.add(.shWord, start: Int32(open), end: Int32(position), children: inner))
        }
        continue
      case UInt8(ascii: "$"):
        if patternMode && literalStart < 0 && parts.isEmpty,
          let meta = patternMetavariable()
        {
          parts.append(meta)
          continue
        }
        if let expansion = dollar() {
          flushLiteral(&self, upTo: expansion.start)
          parts.append(expansion.node)
          continue
        }
        if literalStart < 0 { literalStart = position }
        position += 1
        continue
      case UInt8(ascii: "`"):
        if continuation == c && (byte(position + 1) == 0x0A || byte(position + 1) == 0x0D) {
          // A Dockerfile's `# escape=`` ` `` continuation ends the word.
          break
        }
        flushLiteral(&self, upTo: position)
        parts.append(backticks())
        continue
      default:
        if literalStart < 0 { literalStart = position }
        position += 1
      }
      if c == UInt8(ascii: "\\") || c == UInt8(ascii: "`") { break }
    }
    flushLiteral(&self, upTo: position)
    guard position > start, !parts.isEmpty else { return nil }
    if parts.count == 1 {
      let only = parts[0]
      let node = builder.nodes[Int(only)]
      if patternMode && node.kind == .string && node.flags == 4
        && bytes[Int(node.start)..<Int(node.end)].elementsEqual("...".utf8)
      {
        return builder.add(.ellipsis, start: node.start, end: node.end)
      }
      return only
    }
    _ = quotedOnly
    _ = quoteCount
    return builder.add(.shWord, start: Int32(start), end: Int32(position), children: parts)
  }

  /// Whether a pattern's `<... x ...>` starts at `offset`.
  func isDeepStart(_ offset: Int) -> Bool {
    patternMode && byte(offset) == UInt8(ascii: "<") && byte(offset + 1) == UInt8(ascii: ".")
      && byte(offset + 2) == UInt8(ascii: ".") && byte(offset + 3) == UInt8(ascii: ".")
  }

  /// A pattern's `<... x ...>`: `x` (a lone word stands for itself) found anywhere inside.
  mutating func deepExpression() -> Int32? {
    let start = position
    var close = position + 4
    var nesting = 1
    while close + 3 < end {
      if isDeepStart(close) {
        nesting += 1
        close += 4
        continue
      }
      if bytes[close..<close + 4].elementsEqual("...>".utf8) {
        nesting -= 1
        if nesting == 0 { break }
        close += 4
        continue
      }
      close += 1
    }
    guard close + 3 < end else { return nil }
    var inner = BashParser(bytes: bytes, start: start + 4, end: close, patternMode: true)
    inner.builder = builder
    inner.depth = depth + 1
    let statements = inner.statementList(until: [])
    builder = inner.builder
    warnings += inner.warnings
    guard statements.count == 1 else {
      warnings.append((start, "a deep expression holds one command or word"))
      return nil
    }
    var body = statements[0]
    let node = builder.nodes[Int(body)]
    if node.kind == .shCommand && node.childCount == 1 {
      body = builder.children[Int(node.firstChild)]
    }
    position = close + 4
    return builder.add(
      .deepExpression, start: Int32(start), end: Int32(position), children: [body])
  }

  /// `$X` or `$...X` in a pattern word, standing alone.
  mutating func patternMetavariable() -> Int32? {
    var index = position
    while index < end && !BashParser.isMeta(bytes[index]) && bytes[index] != UInt8(ascii: "\"") {
      index += 1
    }
    guard
      let word = builder.patternWord(
        bytes[position..<index], start: position, end: index, ellipsis: false)
    else { return nil }
    position = index
    return word
  }

  /// The parts of a double-quoted string; the position ends after the closing quote.
  mutating func doubleQuoted() -> [Int32] {
    position += 1
    var parts: [Int32] = []
    var literalStart = position
    func flush(_ parser: inout BashParser, _ upTo: Int) {
      if upTo > literalStart {
        parts.append(
          parser.builder.add(.string, start: Int32(literalStart), end: Int32(upTo), flags: 4))
      }
    }
    while !atEnd && current != UInt8(ascii: "\"") {
      if current == UInt8(ascii: "\\") {
        position += 2
        continue
      }
      if current == UInt8(ascii: "$") {
        if patternMode, let meta = patternMetavariableInQuotes() {
          flush(&self, Int(builder.nodes[Int(meta)].start))
          parts.append(meta)
          literalStart = position
          continue
        }
        let here = position
        if let expansion = dollar() {
          flush(&self, here)
          parts.append(expansion.node)
          literalStart = position
          continue
        }
      }
      if current == UInt8(ascii: "`") {
        flush(&self, position)
        parts.append(backticks())
        literalStart = position
        continue
      }
      position += 1
    }
    flush(&self, position)
    if !atEnd { position += 1 }
    return parts
  }

  /// `$X` inside a pattern's double quotes.
  mutating func patternMetavariableInQuotes() -> Int32? {
    var index = position + 1
    while BashParser.isNameByte(byte(index)) { index += 1 }
    let text = bytes[position..<index]
    guard YAMLParser.isMetavariable(text, prefix: "$") else { return nil }
    defer { position = index }
    return builder.add(.metavariable, start: Int32(position), end: Int32(index))
  }

  /// An expansion or substitution at a `$`, if one starts there.
  mutating func dollar() -> (start: Int, node: Int32)? {
    let start = position
    let next = byte(position + 1)
    if next == UInt8(ascii: "(") {
      if byte(position + 2) == UInt8(ascii: "(") {
        // `$(( arithmetic ))`: kept as one literal.
        position += 3
        var nesting = 2
        while !atEnd && nesting > 0 {
          if current == UInt8(ascii: "(") { nesting += 1 }
          if current == UInt8(ascii: ")") { nesting -= 1 }
          position += 1
        }
        return (start, builder.add(.string, start: Int32(start), end: Int32(position), flags: 4))
      }
      return (start, substitution(open: 2))
    }
    if next == UInt8(ascii: "{") {
      position += 2
      let nameStart = position
      if patternMode && current == UInt8(ascii: "$") { position += 1 }
      while BashParser.isNameByte(current) || current == UInt8(ascii: "#")
        || current == UInt8(ascii: "!") || current == UInt8(ascii: "@")
        || current == UInt8(ascii: "*")
      {
        position += 1
      }
      let nameEnd = position
      var nesting = 1
      while !atEnd && nesting > 0 {
        if current == UInt8(ascii: "\\") {
          position += 2
          continue
        }
        if current == UInt8(ascii: "{") { nesting += 1 }
        if current == UInt8(ascii: "}") { nesting -= 1 }
        position += 1
      }
      return (
        start,
        builder.add(
          .shExpansion, start: Int32(start), end: Int32(position),
          text: (Int32(nameStart), Int32(nameEnd)))
      )
    }
    if next == UInt8(ascii: "'") {
      // `$'...'`: a literal with escapes.
      position += 2
      while !atEnd && current != UInt8(ascii: "'") {
        if current == UInt8(ascii: "\\") { position += 1 }
        position += 1
      }
      if !atEnd { position += 1 }
      return (
        start,
        builder.add(
          .string, start: Int32(start), end: Int32(position),
          text: (Int32(start + 2), Int32(max(start + 2, position - 1))))
      )
    }
    if BashParser.isNameStart(next) {
      position += 1
      while BashParser.isNameByte(current) { position += 1 }
      return (
        start,
        builder.add(
          .shExpansion, start: Int32(start), end: Int32(position),
          text: (Int32(start + 1), Int32(position)))
      )
    }
    if (next >= 48 && next <= 57)
      || [
        UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"),
        UInt8(ascii: "?"), UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "-"),
      ].contains(next)
    {
      position += 2
      return (
        start,
        builder.add(
          .shExpansion, start: Int32(start), end: Int32(position),
          text: (Int32(start + 1), Int32(position)))
      )
    }
    return nil
  }

  /// `$(...)`, `<(...)` or `>(...)` (`open` bytes before the statements): a substitution
  /// holding a block.
  mutating func substitution(open: Int) -> Int32 {
    let start = position
    position += open
    depth += 1
    defer { depth -= 1 }
    let body: Int32
    if depth > BashParser.maxDepth {
      var nesting = 1
      let bodyStart = position
      while !atEnd && nesting > 0 {
        if current == UInt8(ascii: "(") { nesting += 1 }
        if current == UInt8(ascii: ")") { nesting -= 1 }
        if nesting > 0 { position += 1 }
      }
      body = error(from: bodyStart, "shell code nested too deeply")
    } else {
      body = block(until: [])
      skipSeparators(semicolons: true)
    }
    if current == UInt8(ascii: ")") {
      position += 1
    } else {
      warnings.append((start, "unclosed substitution in shell code"))
    }
    return builder.add(.shSubstitution, start: Int32(start), end: Int32(position), children: [body])
  }

  /// A backtick substitution: its inside is read as statements.
  mutating func backticks() -> Int32 {
    let start = position
    position += 1
    var close = position
    while close < end && bytes[close] != UInt8(ascii: "`") {
      if bytes[close] == UInt8(ascii: "\\") { close += 1 }
      close += 1
    }
    var inner = BashParser(
      bytes: bytes, start: position, end: min(close, end), patternMode: patternMode)
    inner.builder = builder
    inner.depth = depth + 1
    let body: Int32
    if inner.depth > BashParser.maxDepth {
      body = inner.builder.add(.error, start: Int32(position), end: Int32(min(close, end)))
    } else {
      body = inner.block(until: [])
    }
    builder = inner.builder
    warnings += inner.warnings
    position = min(close + 1, end)
    return builder.add(.shSubstitution, start: Int32(start), end: Int32(position), children: [body])
  }
}
