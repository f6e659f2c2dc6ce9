import Foundation
import Rules

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
  /// A rule the engine cannot compile, with the place in the rule file.
  case invalidRule(id: String, location: SourceLocation, reason: String)
  /// A `metavariable-comparison` expression that does not parse.
  case invalidComparison(expression: String, reason: String)
  /// A valid pattern using a construct the engine does not match yet: the rule goes to semgrep
  /// instead, never matched wrongly here.
  case unsupported(construct: String)

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
    case .invalidRule(let id, let location, let reason):
      return "\(location): error: rule '\(id)': \(reason)"
    case .invalidComparison(let expression, let reason):
      return "cannot read '\(expression)': \(reason)"
    case .unsupported(let construct):
      return "aigate's engine does not match \(construct) yet; semgrep runs this rule"
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
    case regex(ByteRegex)
  }

  public let language: PatternLanguage
  /// The pattern as written.
  public let text: String
  let storage: Storage

  /// Names every match's file must contain as text (identifiers and attribute names of a
  /// tree pattern, words of a generic one), so files without them are never parsed for it.
  ///
  /// Sound because import aliases only resolve names the file's own imports spell out;
  /// strings are left out since adjacent literals can spell a string in pieces.
  public var requiredWords: Set<String> {
    switch storage {
    case .tree(let tree, _):
      var words = Set<String>()
      // A typed metavariable's type need not be written where a literal has it (`"a"` is a
      // Java `String`).
      var typeNodes = Set<Int32>()
      for id in tree.order {
        if tree[id].kind == .typedMetavariable {
          typeNodes.insert(tree.child(id, 0))
        } else if typeNodes.contains(id) {
          typeNodes.formUnion(tree.childIDs(id))
        }
      }
      // A default import's empty name is no word.
      for id in tree.order where tree[id].kind == .identifier && !typeNodes.contains(id) {
        let word = tree.text(of: id)
        if !word.isEmpty { words.insert(word) }
      }
      return words
    case .generic(let generic):
      return Set(
        generic.tokens.filter { $0.kind == .word }.map {
          String(decoding: generic.bytes[$0.start..<$0.end], as: UTF8.self)
        })
    case .regex:
      return []
    }
  }

  /// The same generic pattern with an ellipsis reaching `lines` lines; others unchanged.
  func withEllipsisLineSpan(_ lines: Int) -> Pattern {
    guard case .generic(var generic) = storage else { return self }
    generic.ellipsisLineSpan = lines
    return Pattern(language: language, text: text, storage: .generic(generic))
  }

  /// Whether `source` contains every required word; false means no match is possible.
  public func mayMatch(_ source: SourceFile) -> Bool {
    requiredWords.allSatisfy { contains(source.bytes, Array($0.utf8)) }
  }

  private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first
        && haystack[index..<index + needle.count].elementsEqual(needle)
      {
        return true
      }
      index += 1
    }
    return false
  }
}

extension ParseWarning {
  /// Starts a pattern parser's warning for a valid construct the matcher cannot match
  /// faithfully, so the pattern is reported as unsupported rather than invalid.
  static let unsupportedPrefix = "unsupported: "
}

/// Compiles pattern text.
public enum PatternParser {
  /// Parses `pattern` for `language`; a pattern that does not parse is an error that names
  /// the line and column within the pattern.
  public static func parse(_ pattern: String, language: PatternLanguage) throws(MatchingError)
    -> Pattern
  {
    switch language {
    case .generic:
      let compiled = GenericPattern(pattern)
      if compiled.tokens.isEmpty { throw .emptyPattern }
      return Pattern(language: language, text: pattern, storage: .generic(compiled))
    case .regex:
      let expression = try RegexMatcher.compile(pattern)
      return Pattern(language: language, text: pattern, storage: .regex(expression))
    default:
      let tree = LanguageParsers.parse(
        SourceFile(path: "", text: pattern), language: language, patternMode: true)
      if let warning = tree.warnings.first {
        if warning.message.hasPrefix(ParseWarning.unsupportedPrefix) {
          throw .unsupported(
            construct: String(warning.message.dropFirst(ParseWarning.unsupportedPrefix.count)))
        }
        throw .invalidPattern(
          line: warning.position.line, column: warning.position.column,
          message: warning.message)
      }
      if let construct = tree.nodes(of: .unsupportedConstruct).first {
        throw .unsupported(construct: "\(language.rawValue) `\(tree.sourceText(of: construct))`")
      }
      let statements = Array(tree.childIDs(tree.root))
      let shape: Pattern.Shape
      switch statements.count {
      case 0:
        throw .emptyPattern
      case 1:
        let statement = statements[0]
        // A Java `expression;` is a statement pattern (semgrep); other languages have no `;`.
        let isExpression =
          tree[statement].kind == .expressionStatement
          && tree[statement].flags & NodeFlags.terminated == 0
        shape = isExpression ? .expression(tree.child(statement, 0)) : .statement(statement)
      default:
        shape = .statements(statements)
      }
      return Pattern(language: language, text: pattern, storage: .tree(tree, shape))
    }
  }
}
