import Foundation

/// A regular expression from the agent table, matched case-insensitively against a whole value.
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
  /// The expression as written.
  public let source: String
  private let box: RegexBox

  /// Compiles `source`, or says why it is not a valid expression.
  public init(_ source: String) throws(PatternError) {
    self.source = source
    do {
      box = RegexBox(
        try NSRegularExpression(pattern: "^(?:\(source))$", options: [.caseInsensitive]))
    } catch {
      throw PatternError(source: source, reason: error.localizedDescription)
    }
  }

  /// Whether the whole of `value` matches.
  public func matches(_ value: String) -> Bool {
    let range = NSRange(value.startIndex..<value.endIndex, in: value)
    return box.regex.firstMatch(in: value, options: [], range: range) != nil
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

/// Holds a compiled expression; `NSRegularExpression` is immutable and safe to share.
private final class RegexBox: @unchecked Sendable {
  let regex: NSRegularExpression

  init(_ regex: NSRegularExpression) {
    self.regex = regex
  }
}
