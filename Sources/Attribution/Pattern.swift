import Foundation
import Rules

/// A regular expression from the agent table (PCRE2, as rule regexes), matched
/// case-insensitively against a whole value.
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
  /// The expression as written.
  public let source: String
  private let regex: PCRE.Regex

  /// Compiles `source`, or says why it is not a valid expression.
  public init(_ source: String) throws(PatternError) {
    self.source = source
    // The group keeps `a|b` whole under the anchors.
    switch PCRE.compile("^(?:\(source))$", options: .caseless) {
    case .success(let regex): self.regex = regex
    case .failure(let error): throw PatternError(source: source, reason: error.description)
    }
  }

  /// Whether the whole of `value` matches; a search that hits PCRE2's limits (the value is
  /// from a commit, the pattern from the table) counts as no match, so bounded either way.
  public func matches(_ value: String) -> Bool {
    (try? regex.firstMatch(in: value)) != nil
  }

  public var description: String { source }

  public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }

  public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// A pattern that does not compile.
public struct PatternError: Error, Sendable {
  public let source: String
  public let reason: String
}
