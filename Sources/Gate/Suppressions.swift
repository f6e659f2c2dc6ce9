import Foundation
import Matching
import Rules

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
    let pattern: String
    let options: PCRE.Options
    let tool: String
    /// Lowercase text every match contains: a line of ASCII without it cannot match.
    let keyword: [UInt8]
  }

  /// Comment openers; a marker counts only after one of these (or as an annotation).
  private static let opener = CommentOpeners.regex(alsoOf: CommentOpeners.semgrepOnly) + #"\s*"#

  private static let markers: [Marker] = {
    // Case matters only where two tools differ by case (clang-tidy's NOLINT, golangci's nolint).
    let caseSensitive: Set<String> = ["clang-tidy", "golangci-lint"]
    let table: [(String, String, String)] = [
      (
        opener + #"(nosemgrep|nosem)\b(?:\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*))?"#, "semgrep",
        "nosem"
      ),
      (
        opener + #"(?:ruff\s*:\s*)?(noqa)\b(?:\s*:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?"#,
        "flake8/ruff", "noqa"
      ),
      (opener + #"(nosec)\b(?:\s+([A-Z][0-9]+(?:[\s,]+[A-Z][0-9]+)*))?"#, "bandit/gosec", "nosec"),
      (
        opener
          + #"(eslint-disable(?:-next-line|-line)?)\b(?:\s+([@\w/\-]+(?:\s*,\s*[@\w/\-]+)*))?"#,
        "eslint", "eslint-disable"
      ),
      (opener + #"(NOLINT(?:NEXTLINE|BEGIN)?)\b(?:\(([\w.\-,\s*]+)\))?"#, "clang-tidy", "nolint"),
      (#"//\s*(nolint)\b(?::([\w,\-]+))?"#, "golangci-lint", "nolint"),
      (#"(@SuppressWarnings)\s*\(\s*([^)]*)\)"#, "javac/static analysis", "@suppresswarnings"),
      (opener + #"(type:\s*ignore)\b(?:\[([\w\-,\s]+)\])?"#, "type checker", "type"),
      (opener + #"(pragma:\s*no\s*cover)\b()"#, "coverage", "pragma"),
      (opener + #"(pylint:\s*disable)\s*=\s*([\w\-,\s]+)"#, "pylint", "pylint"),
      (opener + #"(@ts-ignore|@ts-nocheck|@ts-expect-error)\b()"#, "TypeScript", "@ts-"),
      (opener + #"(rubocop:disable)\s+([\w/,\s]+)"#, "RuboCop", "rubocop:disable"),
      (opener + #"(NOSONAR)\b()"#, "SonarQube", "nosonar"),
      (opener + #"(gitleaks:allow)\b()"#, "gitleaks", "gitleaks:allow"),
      (opener + #"(checkov:skip)\s*=\s*([\w,\-]+)"#, "checkov", "checkov:skip"),
      (opener + #"(trunk-ignore)\(([^)]*)\)"#, "trunk", "trunk-ignore"),
      (opener + #"(lgtm)\b(?:\[([^\]]*)\])?"#, "CodeQL/LGTM", "lgtm"),
      (opener + #"(codeql\[[^\]]*\])()"#, "CodeQL", "codeql["),
      (opener + #"(shellcheck\s+disable)\s*=\s*([\w,]+)"#, "shellcheck", "shellcheck"),
      (opener + #"(hadolint\s+ignore)\s*=\s*([\w,]+)"#, "hadolint", "hadolint"),
    ]
    return table.map { pattern, tool, keyword in
      Marker(
        pattern: pattern,
        options: caseSensitive.contains(tool) ? [.unicodeClasses] : [.unicodeClasses, .caseless],
        tool: tool, keyword: Array(keyword.utf8))
    }
  }()

  /// The last bytes of the comment openers and `@`, as a table by byte value: a line holding an
  /// opener holds its last byte.
  private static let openerEnds: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    let ends = (LanguageDefinition.commentOpeners + CommentOpeners.semgrepOnly).compactMap(
      \.utf8.last)
    for byte in ends + [UInt8(ascii: "@")] { table[Int(byte)] = true }
    return table
  }()

  /// Whether `bytes` (one line) may hold a suppression comment: false when it holds no comment
  /// opener's last byte and no `@`, which rules out every marker without building its text.
  public static func mayHoldComment<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    openerEnds.withUnsafeBufferPointer { table in bytes.contains { table[Int($0)] } }
  }

  /// Each marker's regex, compiled once per process on first use (PCRE2 compiles all twenty in
  /// a fraction of a millisecond); one that does not compile is nil.
  private static let regexes: [PCRE.Regex?] = markers.map {
    try? PCRE.compile($0.pattern, options: $0.options).get()
  }

  /// The suppression comments on `text` (one line, without its newline), numbered `line`.
  public static func comments(in text: Substring, line: Int) -> [SuppressionComment] {
    // Every marker follows a comment opener or is an `@` annotation: most lines have neither.
    guard mayHoldComment(text.utf8) else { return [] }
    // Most lines name no tool: an ASCII line lacking every marker's keyword is done without a
    // regex. (Case-insensitive regexes fold some non-ASCII letters, such as `ſ`, onto ASCII
    // ones, so other lines always go through them.)
    let lowered = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    let ascii = !lowered.contains { $0 >= 0x80 }
    let bytes = Array(text.utf8)
    var found: [SuppressionComment] = []
    for (index, marker) in markers.enumerated() {
      if ascii && !contains(lowered, marker.keyword) { continue }
      // A line the regex cannot finish on (PCRE2's limits) holds no marker it can read: a
      // `nosemgrep` there silences nothing.
      guard let regex = regexes[index],
        let match = try? bytes.withUnsafeBufferPointer({ try regex.firstMatch(in: $0) })
      else { continue }
      func group(_ number: Int) -> String {
        guard number < match.groups.count, let range = match.groups[number] else { return "" }
        return String(decoding: bytes[range], as: UTF8.self)
      }
      let ids = group(2).split { $0 == "," || $0 == " " }.map { String($0) }.filter {
        !$0.isEmpty
      }
      let before = String(decoding: bytes[..<match.range.lowerBound], as: UTF8.self)
      found.append(
        SuppressionComment(
          marker: group(1), tool: marker.tool, ids: ids, line: line,
          standsAlone: before.trimmingCharacters(in: .whitespaces).isEmpty))
    }
    return found
  }

  /// Whether `bytes` holds `needle` somewhere.
  private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, bytes.count >= needle.count else { return false }
    var index = 0
    while index + needle.count <= bytes.count {
      if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return true
      }
      index += 1
    }
    return false
  }

  /// Whether a `nosemgrep` comment silences `ruleID`: no ids, or an id that is a dotted
  /// suffix of the rule id (semgrep's rule).
  public static func nosemgrep(_ comment: SuppressionComment, covers ruleID: String) -> Bool {
    guard comment.tool == "semgrep" else { return false }
    if comment.ids.isEmpty { return true }
    return comment.ids.contains { id in ruleID == id || ruleID.hasSuffix("." + id) }
  }
}

/// What starts a comment, for scanners that must see comments in any file: the openers of the
/// languages aigate defines (`LanguageDefinition`) and of languages only semgrep reads.
enum CommentOpeners {
  /// SQL's and Lua's `--`, HTML's and XML's `<!--`, Lisp's and INI's `;`, and the `*` that
  /// starts a block comment's inner lines.
  static let semgrepOnly = ["--", "<!--", ";", "*"]

  /// A regex group matching any defined opener or one of `extra`.
  static func regex(alsoOf extra: [String]) -> String {
    var seen = Set<String>()
    let all = (LanguageDefinition.commentOpeners + extra).filter { seen.insert($0).inserted }
    return "(?:" + all.map(escaped).joined(separator: "|") + ")"
  }

  /// `text` as a regex matching itself (PCRE2 and ICU alike): every ASCII character that is not
  /// a letter or digit behind a backslash.
  static func escaped(_ text: String) -> String {
    var pattern = ""
    for character in text {
      if character.isASCII && !(character.isLetter || character.isNumber) { pattern.append("\\") }
      pattern.append(character)
    }
    return pattern
  }
}
