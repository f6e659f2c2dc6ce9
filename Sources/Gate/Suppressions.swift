import Foundation

/// A comment that asks a tool to ignore something, found on an added line.
public struct SuppressionComment: Hashable, Sendable {
  /// The marker as written (`nosemgrep`, `noqa`, `eslint-disable-next-line`, …).
  public let marker: String
  /// The tool it speaks to.
  public let tool: String
  /// The rule ids it names, when it names any (`nosemgrep: a, b`, `noqa: E501`).
  public let ids: [String]
  /// 1-based line.
  public let line: Int
  /// Whether the comment is alone on its line (so it applies to the next line).
  public let standsAlone: Bool

  /// What the comment tried to silence, in words.
  public var target: String {
    ids.isEmpty ? "every \(tool) finding there" : "\(tool) \(ids.joined(separator: ", "))"
  }
}

/// Finds suppression comments in source lines: `nosemgrep`, `nosec`, `noqa`, `eslint-disable*`,
/// `NOLINT`, `//nolint`, `@SuppressWarnings`, `# type: ignore`, `# pragma: no cover`, and kin.
public enum SuppressionScanner {
  private struct Marker: Sendable {
    let regex: NSRegularExpression
    let tool: String
  }

  /// Comment openers; a marker counts only after one of these (or as an annotation).
  private static let opener = #"(?:#|//|/\*|--|<!--|;|\*)\s*"#

  private static let markers: [Marker] = {
    // Case matters only where two tools differ by case (clang-tidy's NOLINT, golangci's nolint).
    let caseSensitive: Set<String> = ["clang-tidy", "golangci-lint"]
    let table: [(String, String)] = [
      (opener + #"(nosemgrep|nosem)\b(?:\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*))?"#, "semgrep"),
      (
        opener + #"(?:ruff\s*:\s*)?(noqa)\b(?:\s*:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?"#,
        "flake8/ruff"
      ),
      (opener + #"(nosec)\b(?:\s+([A-Z][0-9]+(?:[\s,]+[A-Z][0-9]+)*))?"#, "bandit/gosec"),
      (
        opener
          + #"(eslint-disable(?:-next-line|-line)?)\b(?:\s+([@\w/\-]+(?:\s*,\s*[@\w/\-]+)*))?"#,
        "eslint"
      ),
      (opener + #"(NOLINT(?:NEXTLINE|BEGIN)?)\b(?:\(([\w.\-,\s*]+)\))?"#, "clang-tidy"),
      (#"//\s*(nolint)\b(?::([\w,\-]+))?"#, "golangci-lint"),
      (#"(@SuppressWarnings)\s*\(\s*([^)]*)\)"#, "javac/static analysis"),
      (opener + #"(type:\s*ignore)\b(?:\[([\w\-,\s]+)\])?"#, "type checker"),
      (opener + #"(pragma:\s*no\s*cover)\b()"#, "coverage"),
      (opener + #"(pylint:\s*disable)\s*=\s*([\w\-,\s]+)"#, "pylint"),
      (opener + #"(@ts-ignore|@ts-nocheck|@ts-expect-error)\b()"#, "TypeScript"),
      (opener + #"(rubocop:disable)\s+([\w/,\s]+)"#, "RuboCop"),
      (opener + #"(NOSONAR)\b()"#, "SonarQube"),
      (opener + #"(gitleaks:allow)\b()"#, "gitleaks"),
      (opener + #"(checkov:skip)\s*=\s*([\w,\-]+)"#, "checkov"),
      (opener + #"(trunk-ignore)\(([^)]*)\)"#, "trunk"),
      (opener + #"(lgtm)\b(?:\[([^\]]*)\])?"#, "CodeQL/LGTM"),
      (opener + #"(codeql\[[^\]]*\])()"#, "CodeQL"),
      (opener + #"(shellcheck\s+disable)\s*=\s*([\w,]+)"#, "shellcheck"),
      (opener + #"(hadolint\s+ignore)\s*=\s*([\w,]+)"#, "hadolint"),
    ]
    return table.compactMap { pattern, tool in
      let options: NSRegularExpression.Options =
        caseSensitive.contains(tool) ? [] : [.caseInsensitive]
      return (try? NSRegularExpression(pattern: pattern, options: options)).map {
        Marker(regex: $0, tool: tool)
      }
    }
  }()

  /// The suppression comments on `text` (one line, without its newline), numbered `line`.
  public static func comments(in text: Substring, line: Int) -> [SuppressionComment] {
    // Every marker follows a comment opener or is an `@` annotation: most lines have neither.
    guard
      text.utf8.contains(where: {
        $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-")
          || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "@")
      })
    else { return [] }
    let string = String(text)
    let range = NSRange(string.startIndex..., in: string)
    var found: [SuppressionComment] = []
    for marker in markers {
      guard let match = marker.regex.firstMatch(in: string, range: range) else { continue }
      let name = Range(match.range(at: 1), in: string).map { String(string[$0]) } ?? ""
      let idText = Range(match.range(at: 2), in: string).map { String(string[$0]) } ?? ""
      let ids = idText.split { $0 == "," || $0 == " " }.map { String($0) }.filter {
        !$0.isEmpty
      }
      let before = Range(match.range, in: string).map { string[..<$0.lowerBound] } ?? ""
      found.append(
        SuppressionComment(
          marker: name, tool: marker.tool, ids: ids, line: line,
          standsAlone: before.trimmingCharacters(in: .whitespaces).isEmpty))
    }
    return found
  }

  /// Whether a `nosemgrep` comment silences `ruleID`: no ids, or an id that is a dotted
  /// suffix of the rule id (semgrep's rule).
  public static func nosemgrep(_ comment: SuppressionComment, covers ruleID: String) -> Bool {
    guard comment.tool == "semgrep" else { return false }
    if comment.ids.isEmpty { return true }
    return comment.ids.contains { id in ruleID == id || ruleID.hasSuffix("." + id) }
  }
}
