import Foundation
import Rules

/// gitignore-syntax patterns (for `.gitignore` and `.semgrepignore`), matched against paths
/// relative to the folder the file sits in.
///
/// Supported as git has it: comments, `\` escapes, `!` negation (the last matching pattern wins),
/// a trailing `/` for folders only, a `/` elsewhere anchoring to the file's folder, `*`, `?`,
/// `[...]` classes and `**` across folders.
public struct IgnoreRules: Sendable {
  struct Pattern: Sendable {
    let glob: Glob
    let negated: Bool
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
      guard let glob = Glob(line, anchoring: .gitignore) else { continue }
      patterns.append(Pattern(glob: glob, negated: negated))
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
    let names = relative.split(separator: "/")
    var result: Bool?
    for pattern in patterns where pattern.glob.matches(names, isDirectory: isDirectory) {
      result = !pattern.negated
    }
    return result
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

/// `.semgrepignore` as `check` reads it: the root file of the trusted commit only.
public enum SemgrepIgnore {
  public static let fileName = ".semgrepignore"

  /// Whether `rules` ignore the file at `path` (relative to the root): the file itself, or a
  /// folder it lies in (as in git, a file under an ignored folder cannot be taken back).
  public static func ignores(_ path: String, rules: IgnoreRules) -> Bool {
    let parts = path.split(separator: "/").map(String.init)
    var folder = ""
    for part in parts.dropLast() {
      folder = folder.isEmpty ? part : folder + "/" + part
      if rules.verdict(for: folder, isDirectory: true) == true { return true }
    }
    return rules.verdict(for: path, isDirectory: false) == true
  }
}
