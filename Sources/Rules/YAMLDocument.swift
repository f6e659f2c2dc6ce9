import CLibYAML
import Foundation

/// A place in a source file: 1-based line and column (columns count Unicode scalars, as libYAML).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

/// A YAML node with the place it was written, so that every later error can point at it.
///
/// This is the only YAML type other modules see: they decode their own data (the agent table,
/// `.aigate.yml`) from it without importing libyaml. A scalar's location is where its text starts:
/// after an opening quote, and on the first content line of a `|` or `>` block.
public struct YAMLNode: Sendable {
  /// A node's shape.
  public enum Kind: Sendable {
    /// A scalar's text; `plain` is false when it was quoted or a block scalar (never a number,
    /// boolean or null then).
    case scalar(String, plain: Bool)
    case mapping([(key: YAMLNode, value: YAMLNode)])
    case sequence([YAMLNode])
  }

  public let kind: Kind
  public let location: SourceLocation

  public init(kind: Kind, location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The text of a scalar; nil for a mapping or sequence.
  public var scalar: String? {
    if case .scalar(let text, _) = kind { return text }
    return nil
  }

  /// Whether this is a plain `null`, `~` or empty scalar.
  public var isNull: Bool {
    guard case .scalar(let text, true) = kind else { return false }
    switch text {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  /// The value of a plain boolean scalar (YAML 1.2 core schema spellings).
  public var bool: Bool? {
    guard case .scalar(let text, true) = kind else { return nil }
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// The entries of a mapping; nil otherwise.
  public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
    if case .mapping(let entries) = kind { return entries }
    return nil
  }

  /// The items of a sequence; nil otherwise.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  /// The value under a scalar key of a mapping.
  public subscript(key: String) -> YAMLNode? {
    mapping?.first { $0.key.scalar == key }?.value
  }

  /// A short name for the node's shape, for error messages.
  public var kindName: String {
    switch kind {
    case .scalar: return "a scalar"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }
}

/// An error in a user's file, at a place, rendered as `path:line:col: error: message` with the
/// offending line and a caret under the column.
public struct SourceDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning, note }

  public let location: SourceLocation
  public let message: String
  public let severity: Severity
  /// The text of the line at `location`, when known, for the snippet.
  public let sourceLine: String?

  public init(
    _ message: String, at location: SourceLocation, severity: Severity = .error,
    sourceLine: String? = nil
  ) {
    self.location = location
    self.message = message
    self.severity = severity
    self.sourceLine = sourceLine
  }

  /// The one-line form: `path:line:col: error: message`.
  public var headline: String { "\(location): \(severity.rawValue): \(message)" }

  /// The headline, then the source line and a caret under the column when the line is known.
  ///
  /// A line holding control characters (NUL-separated data such as an environment dump, not
  /// YAML text) is never quoted, and a long line is cut, so that an error about a file that was
  /// never meant as YAML cannot print it.
  public var description: String {
    guard let sourceLine, Self.quotable(sourceLine) else { return headline }
    let limit = 400
    if sourceLine.unicodeScalars.count > limit {
      let cut = String(String.UnicodeScalarView(sourceLine.unicodeScalars.prefix(limit)))
      return "\(headline)\n  \(cut)…"
    }
    let prefix = sourceLine.unicodeScalars.prefix(max(location.column - 1, 0))
    let padding = String(String.UnicodeScalarView(prefix).map { $0 == "\t" ? "\t" : " " })
    return "\(headline)\n  \(sourceLine)\n  \(padding)^"
  }
}

extension SourceDiagnostic {
  /// Whether a line may be shown: no control characters other than a tab.
  static func quotable(_ line: String) -> Bool {
    !line.unicodeScalars.contains { scalar in
      (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7f
        || (0x80...0x9f).contains(scalar.value)
    }
  }
}

/// Reads YAML into `YAMLNode`s, turning every YAML or encoding problem into a diagnostic.
public enum YAMLDocument {
  /// Reads and parses a file; the file must be UTF-8.
  public static func load(path: String) throws(SourceDiagnostic) -> YAMLNode? {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw SourceDiagnostic(
        "cannot read the file: \(error.localizedDescription)",
        at: SourceLocation(file: path, line: 1, column: 1))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      let (line, column) = firstInvalidUTF8(in: data)
      throw SourceDiagnostic(
        "the file is not valid UTF-8", at: SourceLocation(file: path, line: line, column: column))
    }
    return try parse(text, file: path)
  }

  /// Parses YAML text; `file` names it in locations.
  public static func parse(_ text: String, file: String) throws(SourceDiagnostic) -> YAMLNode? {
    try parse(SourceFile(path: file, text: text))
  }

  /// Parses a YAML file the caller keeps for its own diagnostics; its path names it in
  /// locations.
  ///
  /// Nodes are built straight from libYAML's events: a `Node` tree such as Yams' (a tag object
  /// per node, a class per event, a dictionary per mapping) cost more than reading the text.
  static func parse(_ source: SourceFile) throws(SourceDiagnostic) -> YAMLNode? {
    let file = source.path
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    event.initialize(to: yaml_event_t())
    defer {
      yaml_event_delete(event)
      event.deallocate()
      parser.deallocate()
    }
    guard yaml_parser_initialize(parser) == 1 else {
      throw SourceDiagnostic(
        "invalid YAML: Memory error", at: SourceLocation(file: file, line: 1, column: 1))
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    return try source.bytes.withUnsafeBufferPointer { buffer throws(SourceDiagnostic) in
      // Empty text is a stream without a document; libYAML wants a non-null pointer.
      guard let start = buffer.baseAddress, !buffer.isEmpty else { return nil }
      yaml_parser_set_input_string(parser, start, buffer.count)
      var composer = Composer(file: file, source: source, parser: parser, event: event)
      return try composer.document()
    }
  }

  /// The later line that repeats `key` at the first occurrence's column; libYAML's events show
  /// only the first, but the repetition is the one to fix.
  static func repeatedKey(
    _ key: String, after first: (line: Int, column: Int), in source: SourceFile
  ) -> (line: Int, column: Int)? {
    var number = first.line + 1
    while let text = source.line(number) {
      let scalars = Array(text.unicodeScalars)
      let indent = scalars.prefix { $0 == " " || $0 == "-" }.count
      if indent + 1 == first.column {
        let rest = String(String.UnicodeScalarView(scalars[indent...]))
        for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
          let after = rest.dropFirst(spelling.count).drop { $0 == " " }
          if after.hasPrefix(":") { return (number, first.column) }
        }
      }
      number += 1
    }
    return nil
  }

  /// The line and column of the first byte that breaks UTF-8.
  private static func firstInvalidUTF8(in data: Data) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    let bytes = [UInt8](data)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7f: length = 1
      case 0xc2...0xdf: length = 2
      case 0xe0...0xef: length = 3
      case 0xf0...0xf4: length = 4
      default: length = 0
      }
      let valid =
        length > 0 && index + length <= bytes.count
        && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xc0 == 0x80 }
      if !valid {
        let column =
          String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
      }
      if byte == 0x0a {
        line += 1
        lineStart = index + 1
      }
      index += length
    }
    return (line, 1)
  }
}
