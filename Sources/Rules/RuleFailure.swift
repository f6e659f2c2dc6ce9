import Foundation

/// A rule that stopped on one file before it finished: it ran past its time budget (semgrep's
/// `--timeout`), or one of its regexes hit PCRE2's match limits on the file's text.
///
/// What the rule would have found there is unknown, so reports list it and `--strict` fails:
/// it is never a quiet "no finding".
public struct RuleFailure: Hashable, Sendable {
  public enum Reason: Hashable, Sendable {
    /// The rule ran past `seconds` on the file.
    case timeout(seconds: Double)
    /// A search of `pattern` needed more backtracking than PCRE2's `limit` allows.
    case regexLimit(pattern: String, limit: String)
  }

  public let ruleID: String
  /// The file, as reports name it.
  public let path: String
  public let reason: Reason

  public init(ruleID: String, path: String, reason: Reason) {
    self.ruleID = ruleID
    self.path = path
    self.reason = reason
  }

  /// semgrep's name for the kind of error, for the JSON `errors[]` entry.
  public var type: String {
    switch reason {
    case .timeout: return "Timeout"
    case .regexLimit: return "Regex limit"
    }
  }

  /// One line saying which rule stopped on which file, and why.
  public var message: String {
    switch reason {
    case .timeout(let seconds):
      return
        "rule \(ruleID) timed out on \(path) (over its \(RuleFailure.format(seconds)) s budget "
        + "per rule and file; --timeout sets it); its findings there are unknown"
    case .regexLimit(let pattern, let limit):
      return
        "rule \(ruleID) stopped on \(path): its regex \(pattern) hit PCRE2's \(limit) "
        + "(catastrophic backtracking); its findings there are unknown"
    }
  }

  /// Seconds without a needless `.0`.
  static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() && seconds < 1e9 ? String(Int(seconds)) : String(seconds)
  }
}
