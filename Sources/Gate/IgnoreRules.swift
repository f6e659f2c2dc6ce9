import Foundation

/// gitignore-syntax patterns (for `.gitignore` and `.semgrepignore`), matched against paths
/// relative to the folder the file sits in.
///
/// Supported as git has it: comments, `\` escapes, `!` negation (the last matching pattern wins),
/// a trailing `/` for folders only, a `/` elsewhere anchoring to the file's folder, `*`, `?`,
/// `[...]` classes and `**` across folders.
public struct IgnoreRules: Sendable {
  struct Pattern: Sendable {
    /// How a path is tested: most ignore lines are a plain name or `*.ext`, which need no
    /// regular expression.
    enum Test: Sendable {
      case name(String)
      case suffix(String)
      case regex(NSRegularExpression)
    }

    let test: Test
    let negated: Bool
    let directoryOnly: Bool

    func matches(_ path: String) -> Bool {
      switch test {
      case .name(let name):
        return path == name || path.hasSuffix("/" + name)
      case .suffix(let suffix):
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(suffix)
      case .regex(let regex):
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
      }
    }
  }

  /// The folder the patterns are relative to, relative to the walk's root ("" for the root).
  public let base: String
  let patterns: [Pattern]

  /// Parses ignore-file text; `include` resolves `:include FILE` lines (a semgrepignore feature)
  /// to the included file's text.
  public init(text: String, base: String, include: ((String) -> String?)? = nil) {
    self.base = base
    var patterns: [Pattern] = []
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      var line = String(rawLine)
      if line.hasPrefix(":include "), let include {
        let name = line.dropFirst(":include ".count).trimmingCharacters(in: .whitespaces)
        if let included = include(name) {
          patterns += IgnoreRules(text: included, base: base).patterns
        }
        continue
      }
      // Trailing spaces go unless escaped.
      while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      var negated = false
      if line.hasPrefix("!") {
        negated = true
        line.removeFirst()
      } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
        line.removeFirst()
      }
      var directoryOnly = false
      if line.hasSuffix("/") {
        directoryOnly = true
        line.removeLast()
      }
      if line.isEmpty { continue }
      let anchored = line.dropLast().contains("/") || line.hasPrefix("/")
      if line.hasPrefix("/") { line.removeFirst() }
      let wild = line.contains { "*?[\\".contains($0) }
      let test: Pattern.Test
      if !anchored && !wild {
        test = .name(line)
      } else if !anchored && line.hasPrefix("*")
        && !line.dropFirst().contains(where: { "*?[\\/".contains($0) })
      {
        test = .suffix(String(line.dropFirst()))
      } else if let regex = Self.compile(line, anchored: anchored) {
        test = .regex(regex)
      } else {
        continue
      }
      patterns.append(Pattern(test: test, negated: negated, directoryOnly: directoryOnly))
    }
    self.patterns = patterns
  }

  /// nil when no pattern speaks about `path`; otherwise whether it is ignored.
  ///
  /// `path` is relative to the walk's root.
  public func verdict(for path: String, isDirectory: Bool) -> Bool? {
    let relative: Substring
    if base.isEmpty {
      relative = Substring(path)
    } else if path.hasPrefix(base + "/") {
      relative = path.dropFirst(base.count + 1)
    } else {
      return nil
    }
    let text = String(relative)
    var result: Bool?
    for pattern in patterns where !pattern.directoryOnly || isDirectory {
      if pattern.matches(text) { result = !pattern.negated }
    }
    return result
  }

  static func compile(_ glob: String, anchored: Bool) -> NSRegularExpression? {
    var body = ""
    let chars = Array(glob)
    var index = 0
    while index < chars.count {
      let char = chars[index]
      switch char {
      case "*":
        if index + 1 < chars.count && chars[index + 1] == "*" {
          let atStart = index == 0 || chars[index - 1] == "/"
          let slashAfter = index + 2 < chars.count && chars[index + 2] == "/"
          if atStart && slashAfter {
            body += "(?:.*/)?"
            index += 3
            continue
          }
          body += ".*"
          index += 2
          continue
        }
        body += "[^/]*"
      case "?":
        body += "[^/]"
      case "[":
        if let close = chars[(index + 1)...].firstIndex(of: "]") {
          var set = String(chars[(index + 1)..<close])
          if set.hasPrefix("!") { set = "^" + set.dropFirst() }
          body += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
          index = close + 1
          continue
        }
        body += "\\["
      case "\\":
        if index + 1 < chars.count {
          body += NSRegularExpression.escapedPattern(for: String(chars[index + 1]))
          index += 2
          continue
        }
      default:
        body += NSRegularExpression.escapedPattern(for: String(char))
      }
      index += 1
    }
    let prefix = anchored ? "^" : "^(?:.*/)?"
    return try? NSRegularExpression(pattern: prefix + body + "$")
  }
}

/// semgrep's built-in ignore list, used when the scan root has no `.semgrepignore`.
public enum DefaultSemgrepIgnore {
  public static let text = """
    .git/
    :include .gitignore
    .semgrep
    .semgrep_logs/
    node_modules/
    build/
    dist/
    vendor/
    .env/
    .venv/
    .tox/
    *.min.js
    .npm/
    .yarn/
    test/
    tests/
    *_test.go
    """
}
