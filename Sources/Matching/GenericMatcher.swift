/// A generic-mode pattern: its tokens.
struct GenericPattern: Sendable {
  let tokens: [String]
  init(_ text: String) { tokens = [] }
}

/// semgrep's generic mode.
enum GenericMatcher {
  static func matches(_ pattern: GenericPattern, in source: SourceText) -> [Match] { [] }
}

/// semgrep's regex language.
enum RegexMatcher {
  static func validate(_ pattern: String) throws(MatchingError) {}
  static func matches(_ pattern: String, in source: SourceText) throws(MatchingError) -> [Match] { [] }
}
