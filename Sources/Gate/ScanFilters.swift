import Foundation
import Rules

/// What semgrep's `--include`, `--exclude`, `--exclude-rule`, `--severity` and
/// `--max-target-bytes` leave in a run: the same on `check` and `scan`.
///
/// They come from the command line, which the operator writes; nothing inside a gated change
/// can set them.
public struct ScanFilters: Sendable {
  /// With any, only files one of these gitignore-style globs matches (or a folder they lie in).
  public let include: [String]
  /// Files these globs match, or that lie in a folder they match, are left out.
  public let exclude: [String]
  /// Rule ids left out, as reported (qualified ids for `--config` folders).
  public let excludedRules: [String]
  /// With any, only rules of these severities run.
  public let severities: [Rule.Severity]
  /// Files larger than this are skipped and listed; nil for no limit.
  public let maxTargetBytes: Int?
  private let included: PathGlobs
  private let excluded: PathGlobs

  public init(
    include: [String] = [], exclude: [String] = [], excludedRules: [String] = [],
    severities: [Rule.Severity] = [], maxTargetBytes: Int? = nil
  ) {
    self.include = include
    self.exclude = exclude
    self.excludedRules = excludedRules
    self.severities = severities
    self.maxTargetBytes = maxTargetBytes
    included = PathGlobs(include: include, anchoring: .gitignore)
    excluded = PathGlobs(exclude: exclude, anchoring: .gitignore)
  }

  /// The rules that run.
  public func rules(_ rules: [Rule]) -> [Rule] {
    if excludedRules.isEmpty && severities.isEmpty { return rules }
    let excluded = Set(excludedRules)
    let severities = Set(severities)
    return rules.filter { rule in
      !excluded.contains(rule.id) && (severities.isEmpty || severities.contains(rule.severity))
    }
  }

  /// Why the file at `path` (relative to the root) is left out, or nil when it is scanned.
  public func reasonToSkip(path: String) -> String? {
    if !include.isEmpty && !included.allows(path) {
      return "not matched by --include"
    }
    if !exclude.isEmpty && !excluded.allows(path) {
      return "excluded by --exclude"
    }
    return nil
  }

  /// Why a file of `size` bytes is left out, or nil when it is scanned.
  public func reasonToSkip(size: Int) -> String? {
    if let maxTargetBytes, size > maxTargetBytes {
      return "larger than \(maxTargetBytes) bytes (--max-target-bytes)"
    }
    return nil
  }
}
