import Foundation
import Rules

/// What one matcher run works out once: its pattern's string regexes, the target's wildcard
/// imports.
final class DeclaredTypes {
  /// The regular expressions of a pattern's `"=~/regex/"` strings, by node.
  var regexes: [Int32: PCRE.Regex?] = [:]
  /// Modules imported with `.*`, as name lists.
  var wildcards: [[String]]?
}

extension TreeMatcher {
  /// The regular expression of a pattern string written `"=~/regex/"`, which semgrep matches
  /// against a string literal's content; nil for other strings (or a regex that does not
  /// compile, which then compares as text).
  func stringRegex(_ p: Int32) -> PCRE.Regex? {
    if let known = declaredTypes.regexes[p] { return known }
    let content = pattern.text(of: p)
    var compiled: PCRE.Regex?
    // `=~/regex/` with optional flags after the last slash (`/i`), as semgrep reads it.
    if content.count >= 4, content.hasPrefix("=~/"),
      let close = content.dropFirst(3).lastIndex(of: "/")
    {
      let flags = content[content.index(after: close)...]
      let body = String(content[content.index(content.startIndex, offsetBy: 3)..<close])
      if flags.allSatisfy({ "imsx".contains($0) }) {
        compiled = try? PCRE.compile(flags.isEmpty ? body : "(?\(flags))" + body).get()
      }
    }
    declaredTypes.regexes[p] = compiled
    return compiled
  }

  /// Whether a string's content has a match of `regex` (semgrep searches, unanchored); a
  /// search that hits PCRE2's limits stops the rule through the budget.
  func regexMatches(_ regex: PCRE.Regex, _ content: String) -> Bool {
    do {
      return try regex.firstMatch(in: content) != nil
    } catch {
      budget.regexFailed("=~/\(regex.pattern)/", error)
      return false
    }
  }
}
