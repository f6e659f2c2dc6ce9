import CLibYAML

extension SourceFile {
  /// The 1-based column of line `number`'s first character other than a space or tab; nil
  /// for a blank line, where a block scalar's text cannot start.
  fileprivate func contentColumn(_ number: Int) -> Int? {
    guard let bounds = lineRange(number),
      let first = bytes[bounds].firstIndex(where: {
        $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t")
      })
    else { return nil }
    // Only spaces and tabs come before it, one byte and one column each.
    return first - bounds.lowerBound + 1
  }
}

/// Builds `YAMLNode`s from libYAML's event stream, with the errors and positions aigate has
/// always given (those of Yams' composer, which it once used): the first node of a single
/// document, aliases resolved to their anchored node, a mapping with a repeated key refused once
/// the mapping is complete.
///
/// An alias shares its anchored node, but every later walk (decoding, key comparison) sees it
/// expanded, so aliases are bounded: in number, and in the size of the document they expand
/// to. Ten nested aliases of ten make a few hundred bytes that expand to ten billion nodes.
/// Nesting is bounded too: Debian's libyaml 0.2.5 has no nesting limit of its own, and nodes
/// are built (and later walked) recursively.
struct Composer {
  /// The most aliases a document may use; far above any real rule, policy or agent file.
  static let maxAliases = 10_000
  /// The most nodes a document may hold once its aliases are expanded.
  static let maxExpandedNodes = 1_000_000
  /// The deepest a list or mapping may be nested: far above any real rule, policy or agent
  /// file, and shallow enough for this recursion and the decoders' after it to fit the 512 KiB
  /// stack of a worker thread (a debug build's `node()` frame takes about 600 bytes).
  static let maxDepth = 256

  let file: String
  /// The text libYAML reads, and the lines diagnostics quote.
  let source: SourceFile
  let parser: UnsafeMutablePointer<yaml_parser_t>
  /// The current event; each `advance` frees it and reads the next.
  let event: UnsafeMutablePointer<yaml_event_t>
  /// Anchored nodes by name, with the anchor's raw position (a repeated-key report names it)
  /// and the node's size with its aliases expanded.
  private var anchors: [String: (node: YAMLNode, mark: Mark, size: Int)] = [:]
  /// Aliases read so far.
  private var aliases = 0
  /// Nodes read so far, each alias counted as the nodes it expands to.
  private var expanded = 0
  /// Lists and mappings open around the current event.
  private var depth = 0

  /// A 1-based position as libYAML reports it: a quoted scalar's mark is at its quote.
  typealias Mark = (line: Int, column: Int)

  init(
    file: String, source: SourceFile, parser: UnsafeMutablePointer<yaml_parser_t>,
    event: UnsafeMutablePointer<yaml_event_t>
  ) {
    self.file = file
    self.source = source
    self.parser = parser
    self.event = event
  }

  /// The document's root; nil for a stream without a document.
  mutating func document() throws(SourceDiagnostic) -> YAMLNode? {
    try advance()  // the stream's start
    try advance()
    if event.pointee.type == YAML_STREAM_END_EVENT { return nil }
    try advance()  // past the document's start
    let root = try node().node
    try advance()  // the document's end
    try advance()
    guard event.pointee.type == YAML_STREAM_END_EVENT else {
      let mark = self.mark(event.pointee.start_mark)
      throw diagnostic(
        "but found another document (expected a single document in the stream that starts at "
          + "line 1, column 1)", at: mark)
    }
    return root
  }

  /// Frees the current event and reads the next.
  private mutating func advance() throws(SourceDiagnostic) {
    yaml_event_delete(event)
    guard yaml_parser_parse(parser, event) == 1 else { throw libYAMLError() }
  }

  /// The node whose first event is the current one, leaving its last event current; with the
  /// raw position of that first event and the node's size with aliases expanded.
  private mutating func node() throws(SourceDiagnostic) -> (
    node: YAMLNode, mark: Mark, size: Int
  ) {
    let mark = self.mark(event.pointee.start_mark)
    if event.pointee.type != YAML_ALIAS_EVENT { try count(1, at: mark) }
    switch event.pointee.type {
    case YAML_SCALAR_EVENT:
      let data = event.pointee.data.scalar
      let text = String(
        decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
      // A scalar's location is where its text starts: inside quotes, or on a block's first line.
      var start = location(mark)
      switch data.style {
      case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE:
        start = blockContentStart(after: start)
      case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        start = SourceLocation(file: file, line: mark.line, column: mark.column + 1)
      default:
        break
      }
      let node = YAMLNode(
        kind: .scalar(text, plain: data.style == YAML_PLAIN_SCALAR_STYLE), location: start)
      if let name = Composer.string(data.anchor) { anchors[name] = (node, mark, 1) }
      return (node, mark, 1)
    case YAML_SEQUENCE_START_EVENT:
      let anchor = Composer.string(event.pointee.data.sequence_start.anchor)
      var items: [YAMLNode] = []
      var size = 1
      try enter(at: mark)
      defer { depth -= 1 }
      try advance()
      while event.pointee.type != YAML_SEQUENCE_END_EVENT {
        let item = try node()
        items.append(item.node)
        size += item.size
        try advance()
      }
      let node = YAMLNode(kind: .sequence(items), location: location(mark))
      if let anchor { anchors[anchor] = (node, mark, size) }
      return (node, mark, size)
    case YAML_MAPPING_START_EVENT:
      let anchor = Composer.string(event.pointee.data.mapping_start.anchor)
      var entries: [(key: YAMLNode, value: YAMLNode)] = []
      var keys: [(mark: Mark, tag: String?)] = []
      var size = 1
      try enter(at: mark)
      defer { depth -= 1 }
      try advance()
      while event.pointee.type != YAML_MAPPING_END_EVENT {
        let tag = explicitTag()
        let key = try node()
        keys.append((key.mark, tag))
        try advance()
        let value = try node()
        entries.append((key.node, value.node))
        size += key.size + value.size
        try advance()
      }
      if Composer.mayRepeat(entries) {
        try rejectRepeatedKeys(
          zip(entries, keys).map { (KeyIdentity($0.key, tag: $1.tag), $1.mark) })
      }
      let node = YAMLNode(kind: .mapping(entries), location: location(mark))
      if let anchor { anchors[anchor] = (node, mark, size) }
      return (node, mark, size)
    case YAML_ALIAS_EVENT:
      guard let name = Composer.string(event.pointee.data.alias.anchor),
        let anchored = anchors[name]
      else { throw diagnostic("found undefined alias", at: mark) }
      aliases += 1
      guard aliases <= Composer.maxAliases else {
        throw diagnostic(
          "more than \(Composer.maxAliases) aliases in one document; aigate refuses such files",
          at: mark)
      }
      try count(anchored.size, at: mark)
      return anchored
    default:
      throw diagnostic("unexpected event", at: mark)
    }
  }

  /// Counts `nodes` more toward the expanded document, refusing it past the bound (a
  /// "billion laughs" file) before anything walks the expansion.
  private mutating func count(_ nodes: Int, at mark: Mark) throws(SourceDiagnostic) {
    expanded += nodes
    guard expanded <= Composer.maxExpandedNodes else {
      throw diagnostic(
        "with its aliases expanded the document holds more than \(Composer.maxExpandedNodes) "
          + "nodes (aliases nested to multiply, a \"billion laughs\"?); aigate refuses such files",
        at: mark)
    }
  }

  /// Opens one more level of nesting, refusing it past the bound before recursing into it.
  private mutating func enter(at mark: Mark) throws(SourceDiagnostic) {
    depth += 1
    guard depth <= Composer.maxDepth else {
      throw diagnostic(
        "lists and mappings nested more than \(Composer.maxDepth) deep; aigate refuses such files",
        at: mark)
    }
  }

  /// The tag written on the current event, which makes `!!int 1` and `1` different keys; nil
  /// when the node has its kind's default tag.
  private func explicitTag() -> String? {
    let tag: UnsafeMutablePointer<yaml_char_t>?
    let implied: String
    switch event.pointee.type {
    case YAML_SCALAR_EVENT:
      if event.pointee.data.scalar.quoted_implicit == 1 { return nil }
      tag = event.pointee.data.scalar.tag
      implied = "tag:yaml.org,2002:str"
    case YAML_SEQUENCE_START_EVENT:
      tag = event.pointee.data.sequence_start.tag
      implied = "tag:yaml.org,2002:seq"
    case YAML_MAPPING_START_EVENT:
      tag = event.pointee.data.mapping_start.tag
      implied = "tag:yaml.org,2002:map"
    default: return nil
    }
    guard let written = Composer.string(tag), written != implied else { return nil }
    return written
  }

  /// Whether a mapping's keys might repeat: false when they are scalars of distinct texts, the
  /// usual case, which needs no fuller comparison.
  private static func mayRepeat(_ entries: [(key: YAMLNode, value: YAMLNode)]) -> Bool {
    var texts: [String] = []
    texts.reserveCapacity(entries.count)
    for entry in entries {
      guard let text = entry.key.scalar else { return true }
      texts.append(text)
    }
    if texts.count <= 16 {
      for index in texts.indices where texts[(index + 1)...].contains(texts[index]) {
        return true
      }
      return false
    }
    return Set(texts).count != texts.count
  }

  /// Refuses a mapping whose keys repeat, reporting the repetition of the smallest such key.
  private func rejectRepeatedKeys(
    _ keys: [(identity: KeyIdentity, mark: Mark)]
  ) throws(SourceDiagnostic) {
    guard keys.count > 1 else { return }
    var repeated: [(identity: KeyIdentity, mark: Mark)] = []
    if keys.count <= 16 {
      for index in keys.indices
      where keys[(index + 1)...].contains(where: { $0.identity == keys[index].identity })
        && !keys[..<index].contains(where: { $0.identity == keys[index].identity })
      {
        repeated.append(keys[index])
      }
    } else {
      var seen: [KeyIdentity: Int] = [:]
      for key in keys { seen[key.identity, default: 0] += 1 }
      var reported = Set<KeyIdentity>()
      for key in keys where seen[key.identity, default: 0] > 1 {
        if reported.insert(key.identity).inserted { repeated.append(key) }
      }
    }
    guard let first = repeated.min(by: { $0.identity.precedes($1.identity) }) else { return }
    let key = first.identity.scalar ?? "<uncovertable>"
    let second = YAMLDocument.repeatedKey(key, after: first.mark, in: source)
    throw diagnostic(
      "the key '\(key)' appears more than once in this mapping (first at line \(first.mark.line))",
      at: second ?? first.mark)
  }

  /// libYAML's own error, worded as Yams worded it (see `Composer`).
  private func libYAMLError() -> SourceDiagnostic {
    let parser = self.parser.pointee
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
    switch parser.error {
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
      var text = problem
      if let context = parser.context {
        let contextMark = mark(parser.context_mark)
        text +=
          " (\(String(cString: context)) that starts at line \(contextMark.line), column "
          + "\(contextMark.column))"
      }
      return diagnostic(text, at: mark(parser.problem_mark))
    case YAML_READER_ERROR:
      return diagnostic(problem, at: (1, 1))
    default:
      return diagnostic("Memory error", at: (1, 1))
    }
  }

  private func diagnostic(_ problem: String, at mark: Mark) -> SourceDiagnostic {
    SourceDiagnostic("invalid YAML: \(problem)", at: location(mark), in: source)
  }

  private func mark(_ mark: yaml_mark_t) -> Mark {
    (Int(mark.line) + 1, Int(mark.column) + 1)
  }

  private func location(_ mark: Mark) -> SourceLocation {
    SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  /// Where a `|` or `>` block scalar's text starts: its first non-blank line, at that line's
  /// indentation, so that positions inside the text map back onto the file.
  private func blockContentStart(after indicator: SourceLocation) -> SourceLocation {
    var number = indicator.line + 1
    while number <= source.lineCount {
      if let column = source.contentColumn(number) {
        return SourceLocation(file: file, line: number, column: column)
      }
      number += 1
    }
    return indicator
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }
}

/// What makes two mapping keys the same key: their content and tags, not their places or quotes.
struct KeyIdentity: Hashable {
  /// A scalar key's text; nil for a mapping or list key.
  let scalar: String?
  /// A written-out form of a mapping or list key, or the scalar's text.
  private let content: String
  private let tag: String?

  init(_ node: YAMLNode, tag: String?) {
    scalar = node.scalar
    content = KeyIdentity.content(of: node)
    self.tag = tag
  }

  /// The order Yams reported repeated keys in: scalars by text; other keys compare equal.
  func precedes(_ other: KeyIdentity) -> Bool {
    guard let scalar, let otherScalar = other.scalar else { return false }
    return scalar < otherScalar
  }

  private static func content(of node: YAMLNode) -> String {
    switch node.kind {
    case .scalar(let text, _):
      return text
    case .sequence(let items):
      return "\u{1}[" + items.map { content(of: $0) }.joined(separator: "\u{0}") + "]"
    case .mapping(let entries):
      let pairs = entries.map { content(of: $0.key) + "\u{2}" + content(of: $0.value) }
      return "\u{1}{" + pairs.joined(separator: "\u{0}") + "}"
    }
  }
}
