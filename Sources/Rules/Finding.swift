/// A place in a scanned file as semgrep reports it: 1-based line, 1-based column counted in
/// UTF-8 bytes from the line's start (exclusive at an end), and 0-based byte offset in the file.
///
/// Columns are bytes because semgrep's JSON has them so; reporters that need characters or
/// UTF-16 units (text carets, SARIF) convert with the line's text.
public struct FilePosition: Hashable, Sendable, Codable, Comparable {
  public let line: Int
  public let col: Int
  public let offset: Int

  public init(line: Int, col: Int, offset: Int) {
    self.line = line
    self.col = col
    self.offset = offset
  }

  public static func < (lhs: FilePosition, rhs: FilePosition) -> Bool {
    (lhs.line, lhs.col, lhs.offset) < (rhs.line, rhs.col, rhs.offset)
  }
}

/// Which engine reported a finding.
public enum EngineName: String, Hashable, Sendable, Codable, CaseIterable {
  /// aigate's own in-process engine.
  case aigate
  /// semgrep or opengrep, run as an external program.
  case semgrep
}

/// One rule match in one file, from either engine: what every later stage works on.
public struct Finding: Hashable, Sendable {
  /// The rule's id as written in its file (semgrep's folder prefix removed).
  public var ruleID: String
  /// The file, relative to the scan root (the repository root for `check`).
  public var path: String
  public var start: FilePosition
  public var end: FilePosition
  /// The message with metavariables filled in.
  public var message: String
  public var severity: Rule.Severity
  public var metadata: JSONValue
  /// The source text of the matched lines.
  public var lines: String
  /// The rendered fix, when the rule has one.
  public var fix: String?
  public var engine: EngineName

  public init(
    ruleID: String, path: String, start: FilePosition, end: FilePosition, message: String,
    severity: Rule.Severity, metadata: JSONValue = .object([:]), lines: String = "",
    fix: String? = nil, engine: EngineName
  ) {
    self.ruleID = ruleID
    self.path = path
    self.start = start
    self.end = end
    self.message = message
    self.severity = severity
    self.metadata = metadata
    self.lines = lines
    self.fix = fix
    self.engine = engine
  }

  /// The line numbers the finding covers.
  public var lineSpan: ClosedRange<Int> { start.line...max(start.line, end.line) }

  /// The deterministic report order: path, line, column, rule id.
  public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
    (lhs.path, lhs.start.line, lhs.start.col, lhs.ruleID)
      < (rhs.path, rhs.start.line, rhs.start.col, rhs.ruleID)
  }
}
