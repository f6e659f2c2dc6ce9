import Rules

/// What a YAML scalar is, as semgrep types it.
///
/// Plain `1` is a number and plain `true` (or `yes`) a boolean, while a quoted or block
/// scalar is always a string. Kept in node flags.
enum ScalarType: UInt8 {
  case string = 0
  case number = 1
  case boolean = 2
  case null = 3
  /// A plain scalar that is not a number, boolean or null: compares as a string.
  case plain = 4
}

/// How a string scalar is written, in the high bits of its node's flags (its `ScalarType`
/// in the low ones), so its value can be decoded when a pattern needs it.
struct ScalarStyle: OptionSet {
  let rawValue: UInt8
  static let doubleQuoted = ScalarStyle(rawValue: 0x10)
  static let singleQuoted = ScalarStyle(rawValue: 0x20)
  static let literal = ScalarStyle(rawValue: 0x40)
  static let folded = ScalarStyle(rawValue: 0x80)
  /// A block scalar's chomping: `|-` keeps no final line break, `|+` keeps every one.
  ///
  /// A block scalar is never quoted, so these share the quote bits.
  static let strip = ScalarStyle(rawValue: 0x10)
  static let keep = ScalarStyle(rawValue: 0x20)
  static let mask: UInt8 = 0xF0

  /// The value of a string scalar written `text` in this style.
  func decode(_ text: String) -> String {
    if contains(.literal) || contains(.folded) {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasSuffix("\r") ? $0.dropLast() : $0
      }
      let indent =
        lines.filter { !$0.allSatisfy { $0 == " " } }.map { $0.prefix { $0 == " " }.count }.min()
        ?? 0
      var body = lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
      while let first = body.first, first.isEmpty { body.removeFirst() }
      while let last = body.last, last.isEmpty { body.removeLast() }
      var value: String
      if contains(.folded) {
        value = ""
        for (index, line) in body.enumerated() {
          if index > 0 { value += line.isEmpty || body[index - 1].isEmpty ? "\n" : " " }
          value += line
        }
      } else {
        value = body.joined(separator: "\n")
      }
      if !contains(.strip) && !body.isEmpty { value += "\n" }
      return value
    }
    if contains(.singleQuoted) { return text.replacingOccurrences(of: "''", with: "'") }
    guard contains(.doubleQuoted), text.contains("\\") else { return text }
    var value = ""
    var escaped = false
    for character in text {
      if escaped {
        switch character {
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "r": value.append("\r")
        case "0": value.append("\0")
        default: value.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        value.append(character)
      }
    }
    return value
  }
}

/// Reads YAML into mappings, sequences and scalars (`.string` nodes whose text is the
/// value's characters, between the quotes of a quoted scalar).
///
/// Block and flow collections, quoted and block scalars, anchors (their node is matched),
/// aliases, tags (skipped) and several documents. In a pattern, `...` is an ellipsis (an
/// entry, an item or a value) and a `$X` scalar a metavariable. Never fails: what it cannot
/// read becomes an error node and a warning, and nesting is bounded.
struct YAMLParser: ByteCursor {
  let bytes: [UInt8]
  let patternMode: Bool
  var position = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)] = []
  var depth = 0
  static let maxDepth = 200

  static func parse(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    var parser = YAMLParser(bytes: file.bytes, patternMode: patternMode)
    let root = parser.stream()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: [:])
  }

  // MARK: - Characters

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
  static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
  static func isBlank(_ byte: UInt8) -> Bool { isSpace(byte) || isBreak(byte) || byte == 0 }

  /// The column (0-based) of `offset`.
  func column(_ offset: Int) -> Int {
    var start = offset
    while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
    return offset - start
  }

  /// Skips spaces, tabs and a comment on this line.
  mutating func skipInline() {
    while YAMLParser.isSpace(current) { position += 1 }
    if current == UInt8(ascii: "#") {
      while !atEnd && !YAMLParser.isBreak(current) { position += 1 }
    }
  }

  /// Skips blank lines and comment lines (and the rest of this line when it holds only
  /// spaces or a comment): the position ends at the next content, or the end.
  mutating func skipToContent() {
    while !atEnd {
      skipInline()
      if YAMLParser.isBreak(current) {
        position += 1
      } else {
        return
      }
    }
  }

  /// Whether a document marker (`---` or, outside patterns, `...`) starts at `offset`.
  func isDocumentMarker(_ offset: Int) -> Bool {
    guard column(offset) == 0 else { return false }
    let dashes =
      byte(offset) == UInt8(ascii: "-") && byte(offset + 1) == UInt8(ascii: "-")
      && byte(offset + 2) == UInt8(ascii: "-")
    let dots =
      !patternMode && byte(offset) == UInt8(ascii: ".")
      && byte(offset + 1) == UInt8(ascii: ".") && byte(offset + 2) == UInt8(ascii: ".")
    return (dashes || dots) && YAMLParser.isBlank(byte(offset + 3))
  }

  // MARK: - Documents

  mutating func stream() -> Int32 {
    var documents: [Int32] = []
    while true {
      skipToContent()
      if atEnd { break }
      if current == UInt8(ascii: "%") && column(position) == 0 {
        // A directive (`%YAML 1.2`): its line is skipped.
        while !atEnd && !YAMLParser.isBreak(current) { position += 1 }
        continue
      }
      if isDocumentMarker(position) {
        position += 3
        continue
      }
      let before = position
      if let node = blockNode(parentIndent: -1, sequenceAllowedAt: -1) {
        documents.append(node)
      }
      if position == before {
        // Nothing read: skip the line so reading always moves on.
        let start = position
        while !atEnd && !YAMLParser.isBreak(current) { position += 1 }
        documents.append(error(from: start, "cannot read this YAML"))
      }
    }
    return builder.add(.module, start: 0, end: Int32(bytes.count), children: documents)
  }

  // MARK: - Block nodes

  /// The node starting at the next content if it is indented more than `parentIndent` (or is
  /// a `- ` sequence at `sequenceAllowedAt`); nil when there is none (an empty value).
  mutating func blockNode(parentIndent: Int, sequenceAllowedAt: Int) -> Int32? {
    depth += 1
    defer { depth -= 1 }
    let save = position
    skipToContent()
    if atEnd || isDocumentMarker(position) {
      position = save
      return nil
    }
    let indent = column(position)
    let isEntry = current == UInt8(ascii: "-") && YAMLParser.isBlank(byte(position + 1))
    guard indent > parentIndent || (isEntry && indent == sequenceAllowedAt) else {
      position = save
      return nil
    }
    if depth > YAMLParser.maxDepth {
      let start = position
      while !atEnd && !YAMLParser.isBreak(current) { position += 1 }
      return error(from: start, "YAML nested too deeply")
    }
    // Anchors and tags before the node.
    let propertiesStart = position
    var sawProperty = false
    while current == UInt8(ascii: "&") || current == UInt8(ascii: "!") {
      while !YAMLParser.isBlank(current) { position += 1 }
      skipInline()
      sawProperty = true
    }
    if sawProperty && (YAMLParser.isBreak(current) || atEnd) {
      // The node itself is on the following lines.
      let node = blockNode(parentIndent: parentIndent, sequenceAllowedAt: sequenceAllowedAt)
      return node.map { widened($0, from: propertiesStart) }
    }
    if current == UInt8(ascii: "-") && YAMLParser.isBlank(byte(position + 1))
      || ellipsisFollowedBy(at: position, sequence: true)
    {
      return blockSequence(indent: column(position))
    }
    if lineHoldsKey(from: position) || ellipsisStartsMapping(at: position) {
      return blockMapping(indent: column(position), start: propertiesStart)
    }
    let node = inlineValue(parentIndent: parentIndent)
    return sawProperty ? widened(node, from: propertiesStart) : node
  }

  /// The node with its start moved back to `start` (an anchor before it is part of it).
  mutating func widened(_ id: Int32, from start: Int) -> Int32 {
    var node = builder.nodes[Int(id)]
    node.start = min(node.start, Int32(start))
    builder.nodes[Int(id)] = node
    return id
  }

  /// Whether the line from `offset` is a mapping entry: a key followed by `: ` (or `:` at
  /// the end of the line) outside quotes and brackets, or a `? ` complex key.
  func lineHoldsKey(from offset: Int) -> Bool {
    var index = offset
    if byte(index) == UInt8(ascii: "?") && YAMLParser.isBlank(byte(index + 1)) { return true }
    if patternMode && isEllipsisAt(index) { return false }
    var quote: UInt8 = 0
    var nesting = 0
    while index < bytes.count && !YAMLParser.isBreak(bytes[index]) {
      let c = bytes[index]
      if quote != 0 {
        if c == quote {
          if quote == UInt8(ascii: "'") && byte(index + 1) == quote {
            index += 1
          } else {
            quote = 0
          }
        } else if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
          index += 1
        }
      } else if (c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")) && index == offset {
        quote = c
      } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
        if index == offset { nesting += 1 } else if nesting > 0 { nesting += 1 }
      } else if (c == UInt8(ascii: "]") || c == UInt8(ascii: "}")) && nesting > 0 {
        nesting -= 1
      } else if c == UInt8(ascii: "#") && index > offset && YAMLParser.isSpace(bytes[index - 1]) {
        return false
      } else if c == UInt8(ascii: ":") && nesting == 0 && YAMLParser.isBlank(byte(index + 1)) {
        return true
      }
      index += 1
    }
    return false
  }

  /// Whether a pattern's `...` line is an entry of a mapping: a key follows at its indent.
  func ellipsisStartsMapping(at offset: Int) -> Bool {
    ellipsisFollowedBy(at: offset, sequence: false)
  }

  /// Whether a pattern's `...` line is followed, at its indent, by a mapping entry (or with
  /// `sequence`, a `- ` item).
  func ellipsisFollowedBy(at offset: Int, sequence: Bool) -> Bool {
    guard patternMode, isEllipsisAt(offset) else { return false }
    let indent = column(offset)
    var index = offset
    while true {
      while index < bytes.count && !YAMLParser.isBreak(bytes[index]) { index += 1 }
      guard index < bytes.count else { return false }
      index += 1
      var content = index
      while YAMLParser.isSpace(byte(content)) { content += 1 }
      if content >= bytes.count { return false }
      if YAMLParser.isBreak(bytes[content]) || bytes[content] == UInt8(ascii: "#") { continue }
      guard content - index == indent else { return false }
      if isEllipsisAt(content) { continue }
      if sequence {
        return bytes[content] == UInt8(ascii: "-") && YAMLParser.isBlank(byte(content + 1))
      }
      return lineHoldsKey(from: content)
    }
  }

  func isEllipsisAt(_ offset: Int) -> Bool {
    byte(offset) == UInt8(ascii: ".") && byte(offset + 1) == UInt8(ascii: ".")
      && byte(offset + 2) == UInt8(ascii: ".")
      && (YAMLParser.isBlank(byte(offset + 3)) || byte(offset + 3) == UInt8(ascii: "#")
        || byte(offset + 3) == UInt8(ascii: ",") || byte(offset + 3) == UInt8(ascii: "]")
        || byte(offset + 3) == UInt8(ascii: "}"))
  }

  mutating func blockSequence(indent: Int) -> Int32 {
    let start = position
    var items: [Int32] = []
    var end = position
    while (current == UInt8(ascii: "-") && YAMLParser.isBlank(byte(position + 1))
      || (patternMode && isEllipsisAt(position))) && column(position) == indent
    {
      if current == UInt8(ascii: ".") {
        items.append(builder.add(.ellipsis, start: Int32(position), end: Int32(position + 3)))
        position += 3
        end = position
        let save = position
        skipToContent()
        if atEnd || column(position) != indent || isDocumentMarker(position) {
          position = save
          break
        }
        continue
      }
      let dash = position
      position += 1
      if let item = blockNode(parentIndent: indent, sequenceAllowedAt: -1) {
        items.append(item)
        end = Int(builder.nodes[Int(item)].end)
      } else {
        items.append(
          builder.add(
            .string, start: Int32(dash + 1), end: Int32(dash + 1),
            flags: ScalarType.null.rawValue))
        end = dash + 1
      }
      let save = position
      skipToContent()
      if atEnd || column(position) != indent || isDocumentMarker(position) {
        position = save
        break
      }
    }
    return builder.add(.yamlSequence, start: Int32(start), end: Int32(end), children: items)
  }

  mutating func blockMapping(indent: Int, start: Int) -> Int32 {
    var entries: [Int32] = []
    var end = position
    while !atEnd && column(position) == indent {
      if patternMode && isEllipsisAt(position) {
        let dots = position
        position += 3
        entries.append(builder.add(.ellipsis, start: Int32(dots), end: Int32(position)))
        end = position
      } else if lineHoldsKey(from: position) {
        let pair = mappingEntry(indent: indent)
        entries.append(pair)
        end = Int(builder.nodes[Int(pair)].end)
      } else {
        break
      }
      let save = position
      skipToContent()
      if atEnd || column(position) != indent || isDocumentMarker(position)
        || (current == UInt8(ascii: "-") && YAMLParser.isBlank(byte(position + 1)))
      {
        position = save
        break
      }
    }
    return builder.add(.yamlMapping, start: Int32(start), end: Int32(end), children: entries)
  }

  /// `key: value` at the position, the value inline or on the lines below.
  mutating func mappingEntry(indent: Int) -> Int32 {
    let keyStart = position
    var key: Int32
    if current == UInt8(ascii: "?") {
      // A complex key: its node follows the `?`.
      position += 1
      key =
        blockNode(parentIndent: indent, sequenceAllowedAt: -1)
        ?? builder.add(.string, start: Int32(keyStart), end: Int32(keyStart + 1))
      skipToContent()
    } else {
      key = scalar(flow: false, key: true)
    }
    skipInline()
    var end = Int(builder.nodes[Int(key)].end)
    if current == UInt8(ascii: ":") {
      position += 1
      end = position
      if let value = blockNode(parentIndent: indent, sequenceAllowedAt: indent) {
        return builder.add(
          .yamlPair, start: Int32(keyStart), end: builder.nodes[Int(value)].end,
          children: [key, value])
      }
    }
    let empty = builder.add(
      .string, start: Int32(end), end: Int32(end), flags: ScalarType.null.rawValue)
    return builder.add(.yamlPair, start: Int32(keyStart), end: Int32(end), children: [key, empty])
  }

  /// A value that starts on the current line: a flow collection, a block scalar, an alias or
  /// a scalar (a plain one may continue on more indented lines).
  mutating func inlineValue(parentIndent: Int) -> Int32 {
    switch current {
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      return flowNode()
    case UInt8(ascii: "|"), UInt8(ascii: ">"):
      return blockScalar(parentIndent: parentIndent)
    case UInt8(ascii: "*"):
      return alias()
    default:
      return scalar(flow: false, key: false, parentIndent: parentIndent)
    }
  }

  mutating func alias() -> Int32 {
    let start = position
    position += 1
    let nameStart = position
    while !YAMLParser.isBlank(current) && current != UInt8(ascii: ",")
      && current != UInt8(ascii: "]") && current != UInt8(ascii: "}")
    {
      position += 1
    }
    return builder.add(
      .yamlAlias, start: Int32(start), end: Int32(position),
      text: (Int32(nameStart), Int32(position)))
  }

  /// A block scalar: `|` or `>` with its indicators, then the lines below.
  ///
  /// The lines are those indented more than `parentIndent`; like semgrep, its range starts
  /// at the end of the indicator's line.
  mutating func blockScalar(parentIndent: Int) -> Int32 {
    let folded = current == UInt8(ascii: ">")
    var keep = false
    var strip = false
    position += 1
    while current == UInt8(ascii: "+") || current == UInt8(ascii: "-")
      || (current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9"))
    {
      if current == UInt8(ascii: "+") { keep = true }
      if current == UInt8(ascii: "-") { strip = true }
      position += 1
    }
    skipInline()
    let start = position
    var end = position
    var contentIndent = -1
    while !atEnd {
      // One line: blank lines belong to the scalar; a less indented one ends it.
      guard YAMLParser.isBreak(current) else { break }
      let lineStart = position + 1
      var index = lineStart
      while byte(index) == 0x20 { index += 1 }
      if index >= bytes.count { break }
      if YAMLParser.isBreak(bytes[index]) {
        position = index
        continue
      }
      let lineIndent = index - lineStart
      if contentIndent < 0 {
        guard lineIndent > parentIndent else { break }
        contentIndent = lineIndent
      }
      guard lineIndent >= contentIndent, !isDocumentMarker(lineStart) else { break }
      position = index
      while !atEnd && !YAMLParser.isBreak(current) { position += 1 }
      end = min(position + 1, bytes.count)
    }
    if end > position { position = end - 1 }
    if contentIndent < 0 { end = start }
    if patternMode {
      let content = bytes[start..<end].drop { YAMLParser.isBlank($0) }
      let trimmed = content.prefix { !YAMLParser.isBlank($0) }
      if trimmed.count == content.count
        - content.reversed().prefix(while: YAMLParser.isBlank).count,
        YAMLParser.isMetavariable(trimmed, prefix: "$")
      {
        let low = trimmed.startIndex
        return builder.add(.metavariable, start: Int32(low), end: Int32(low + trimmed.count))
      }
    }
    var style = folded ? ScalarStyle.folded : ScalarStyle.literal
    if strip { style.insert(.strip) }
    if keep { style.insert(.keep) }
    return builder.add(
      .string, start: Int32(start), end: Int32(end),
      flags: ScalarType.string.rawValue | style.rawValue)
  }

  // MARK: - Scalars

  /// A quoted or plain scalar; in a pattern `...` is an ellipsis and `$X` a metavariable.
  mutating func scalar(flow: Bool, key: Bool, parentIndent: Int = -1) -> Int32 {
    let start = position
    if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
      let quote = current
      position += 1
      while !atEnd && current != quote {
        if current == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { position += 1 }
        position += 1
        if quote == UInt8(ascii: "'") && current == quote && byte(position + 1) == quote {
          position += 2
        }
      }
      let contentEnd = position
      if !atEnd { position += 1 }
      if patternMode
        && YAMLParser.isMetavariable(bytes[(start + 1)..<contentEnd], prefix: "$")
      {
        // `"$X"` in a pattern is the metavariable.
        return builder.add(.metavariable, start: Int32(start + 1), end: Int32(contentEnd))
      }
      let style: ScalarStyle = quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
      return builder.add(
        .string, start: Int32(start), end: Int32(position),
        flags: ScalarType.string.rawValue | style.rawValue,
        text: (Int32(start + 1), Int32(contentEnd)))
    }
    var end = plainLineEnd(flow: flow, key: key)
    if patternMode, let word = builder.patternWord(bytes[start..<end], start: start, end: end) {
      return word
    }
    if !flow && !key {
      // Continuation lines of a multi-line plain scalar.
      while true {
        var index = position
        while YAMLParser.isSpace(byte(index)) { index += 1 }
        guard YAMLParser.isBreak(byte(index)) else { break }
        var next = index + 1
        while byte(next) == 0x20 { next += 1 }
        guard next < bytes.count, !YAMLParser.isBreak(bytes[next]),
          next - (index + 1) > parentIndent, bytes[next] != UInt8(ascii: "#"),
          !lineHoldsKey(from: next),
          !(bytes[next] == UInt8(ascii: "-") && YAMLParser.isBlank(byte(next + 1)))
        else { break }
        position = next
        end = plainLineEnd(flow: false, key: false)
      }
    }
    let type = YAMLParser.type(of: bytes[start..<end])
    return builder.add(.string, start: Int32(start), end: Int32(end), flags: type.rawValue)
  }

  /// Reads a plain scalar to the end of its line's part and returns where its text ends.
  mutating func plainLineEnd(flow: Bool, key: Bool) -> Int {
    var end = position
    while !atEnd && !YAMLParser.isBreak(current) {
      let c = current
      if c == UInt8(ascii: ":")
        && (YAMLParser.isBlank(byte(position + 1)) || (flow && isFlowEnd(byte(position + 1))))
      {
        break
      }
      if c == UInt8(ascii: "#") && position > 0 && YAMLParser.isSpace(bytes[position - 1]) { break }
      if flow && isFlowEnd(c) { break }
      position += 1
      if !YAMLParser.isSpace(c) { end = position }
    }
    position = end
    return end
  }

  func isFlowEnd(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
  }

  static func isMetavariable(_ text: ArraySlice<UInt8>, prefix: String) -> Bool {
    let head = Array(prefix.utf8)
    guard text.count > head.count, text.starts(with: head) else { return false }
    let rest = text.dropFirst(head.count)
    guard let first = rest.first, first == UInt8(ascii: "_") || (first >= 65 && first <= 90)
    else { return false }
    return rest.allSatisfy {
      $0 == UInt8(ascii: "_") || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57)
    }
  }

  /// A plain scalar's type, as YAML 1.1 (which semgrep follows) reads it.
  static func type(of text: ArraySlice<UInt8>) -> ScalarType {
    let string = String(decoding: text, as: UTF8.self)
    switch string {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
      "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
      return .boolean
    default:
      return number(string) != nil ? .number : .plain
    }
  }

  /// A plain scalar's numeric value, if it is a number.
  static func number(_ string: String) -> Double? {
    var text = Substring(string)
    if text.hasPrefix("+") { text = text.dropFirst() }
    if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return Double(value) }
    if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return Double(value) }
    guard let first = text.first, first.isNumber || first == "-" || first == "." else {
      return nil
    }
    return Double(text.replacingOccurrences(of: "_", with: ""))
  }

  /// Whether a plain scalar's value is true (for a boolean).
  static func isTrue(_ text: ArraySlice<UInt8>) -> Bool {
    ["true", "yes", "on", "y"].contains(String(decoding: text, as: UTF8.self).lowercased())
  }

  // MARK: - Flow collections

  mutating func flowNode() -> Int32 {
    depth += 1
    defer { depth -= 1 }
    let start = position
    let isMapping = current == UInt8(ascii: "{")
    let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
    position += 1
    var items: [Int32] = []
    while true {
      skipToContent()
      if atEnd {
        warnings.append((start, "unclosed YAML flow collection"))
        break
      }
      if current == close {
        position += 1
        break
      }
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      let before = position
      let item = depth > YAMLParser.maxDepth ? skipFlowItem() : flowItem(inMapping: isMapping)
      items.append(item)
      if position == before { position += 1 }
    }
    // semgrep ends a flow collection at its last item (its closing bracket left out).
    let end = items.last.map { Int(builder.nodes[Int($0)].end) } ?? position
    return builder.add(
      isMapping ? .yamlMapping : .yamlSequence, start: Int32(start),
      end: Int32(isMapping ? position : max(end, start + 1)), children: items)
  }

  mutating func skipFlowItem() -> Int32 {
    let start = position
    while !atEnd && !isFlowEnd(current) { position += 1 }
    return error(from: start, "YAML nested too deeply")
  }

  /// One flow item: a node, or `key: value` (a one-pair mapping in a sequence).
  mutating func flowItem(inMapping: Bool) -> Int32 {
    let start = position
    let key: Int32
    switch current {
    case UInt8(ascii: "["), UInt8(ascii: "{"): key = flowNode()
    case UInt8(ascii: "*"): key = alias()
    default: key = scalar(flow: true, key: false)
    }
    skipToContent()
    guard current == UInt8(ascii: ":") else {
      if inMapping && builder.nodes[Int(key)].kind != .ellipsis {
        let empty = builder.add(
          .string, start: builder.nodes[Int(key)].end, end: builder.nodes[Int(key)].end,
          flags: ScalarType.null.rawValue)
        return builder.add(
          .yamlPair, start: Int32(start), end: builder.nodes[Int(key)].end,
          children: [key, empty])
      }
      return key
    }
    position += 1
    skipToContent()
    let value: Int32
    if isFlowEnd(current) {
      value = builder.add(
        .string, start: Int32(position), end: Int32(position), flags: ScalarType.null.rawValue)
    } else {
      switch current {
      case UInt8(ascii: "["), UInt8(ascii: "{"): value = flowNode()
      case UInt8(ascii: "*"): value = alias()
      default: value = scalar(flow: true, key: false)
      }
    }
    let pair = builder.add(
      .yamlPair, start: Int32(start), end: builder.nodes[Int(value)].end, children: [key, value])
    if inMapping { return pair }
    return builder.add(
      .yamlMapping, start: Int32(start), end: builder.nodes[Int(value)].end, children: [pair])
  }
}
