import Foundation

/// Languages a pattern can be written in.
public enum PatternLanguage: String, Sendable, CaseIterable {
  case python
  /// semgrep's `generic` mode: tokens, brackets and `...`, for any text.
  case generic
  /// semgrep's `regex` language: the pattern is a regular expression.
  case regex
}

/// Errors of this module; all message text is in `description`.
public enum MatchingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A pattern that does not parse, with the place in the pattern.
  case invalidPattern(line: Int, column: Int, message: String)
  /// A pattern with nothing to match.
  case emptyPattern
  /// A regular expression the regex engine rejects.
  case invalidRegex(pattern: String, reason: String)
  /// A pattern kind used with the wrong matcher entry point.
  case wrongLanguage(expected: PatternLanguage, found: PatternLanguage)

  public var description: String {
    switch self {
    case .invalidPattern(let line, let column, let message):
      return "pattern:\(line):\(column): error: invalid pattern: \(message)"
    case .emptyPattern:
      return "invalid pattern: the pattern is empty"
    case .invalidRegex(let pattern, let reason):
      return "invalid regular expression '\(pattern)': \(reason)"
    case .wrongLanguage(let expected, let found):
      return "a \(found.rawValue) pattern cannot be matched as \(expected.rawValue)"
    }
  }
}

/// A compiled pattern: what the matcher walks for a tree pattern, tokens for generic mode.
public struct Pattern: Sendable {
  /// What a tree pattern's top level is, which decides the target nodes it is tried on.
  enum Shape: Sendable {
    case expression(Int32)
    case statement(Int32)
    case statements([Int32])
  }

  enum Storage: Sendable {
    case tree(SyntaxTree, Shape)
    case generic(GenericPattern)
    case regex(NSRegularExpression)
  }

  public let language: PatternLanguage
  /// The pattern as written.
  public let text: String
  let storage: Storage
}

/// Compiles pattern text.
public enum PatternParser {
  /// Parses `pattern` for `language`; a pattern that does not parse is an error that names
  /// the line and column within the pattern.
  public static func parse(_ pattern: String, language: PatternLanguage) throws(MatchingError)
    -> Pattern
  {
    switch language {
    case .python:
      let tree = PythonParser.parse(bytes: Array(pattern.utf8), patternMode: true)
      if let warning = tree.warnings.first {
        throw .invalidPattern(
          line: warning.position.line, column: warning.position.column,
          message: warning.message)
      }
      let statements = Array(tree.childIDs(tree.root))
      let shape: Pattern.Shape
      switch statements.count {
      case 0:
        throw .emptyPattern
      case 1:
        let statement = statements[0]
        shape =
          tree[statement].kind == .expressionStatement
          ? .expression(tree.child(statement, 0)) : .statement(statement)
      default:
        shape = .statements(statements)
      }
      return Pattern(language: language, text: pattern, storage: .tree(tree, shape))
    case .generic:
      let compiled = GenericPattern(pattern)
      if compiled.tokens.isEmpty { throw .emptyPattern }
      return Pattern(language: language, text: pattern, storage: .generic(compiled))
    case .regex:
      let expression = try RegexMatcher.compile(pattern)
      return Pattern(language: language, text: pattern, storage: .regex(expression))
    }
  }
}
