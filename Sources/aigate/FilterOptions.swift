import ArgumentParser
import Foundation
import Gate
import Rules

/// semgrep's flags that narrow a run to some files and some rules, on `check` and `scan` alike.
struct FilterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Scan only files this gitignore-style glob matches, or that lie in a folder it matches; "
        + "repeatable (semgrep's --include).", valueName: "glob"))
  var include: [String] = []

  @Option(
    help: ArgumentHelp(
      "Leave out files this gitignore-style glob matches, or that lie in a folder it matches; "
        + "repeatable (semgrep's --exclude).", valueName: "glob"))
  var exclude: [String] = []

  @Option(
    help: ArgumentHelp(
      "Leave out the rule with this id, as reports name it; repeatable.", valueName: "id"))
  var excludeRule: [String] = []

  @Option(
    help: ArgumentHelp(
      "Run only rules of this severity (INFO, WARNING, ERROR, or LOW, MEDIUM, HIGH, CRITICAL); "
        + "repeatable.", valueName: "level"))
  var severity: [String] = []

  @Option(
    help: ArgumentHelp(
      "Skip files larger than this many bytes (scan's default: 1000000; check's: no limit).",
      valueName: "bytes"))
  var maxTargetBytes: Int?

  func validate() throws {
    for level in severity where Rule.Severity(rawValue: level.uppercased()) == nil {
      throw ValidationError(
        "--severity takes INFO, WARNING, ERROR, LOW, MEDIUM, HIGH or CRITICAL; got '\(level)'")
    }
    for glob in include + exclude where glob.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--include and --exclude take a non-empty glob")
    }
    if let maxTargetBytes, maxTargetBytes < 0 {
      throw ValidationError("--max-target-bytes takes a number of bytes, 0 or more")
    }
  }

  /// The filters, with `defaultMaxBytes` when `--max-target-bytes` is not given.
  func filters(defaultMaxBytes: Int? = nil) -> ScanFilters {
    ScanFilters(
      include: include, exclude: exclude, excludedRules: excludeRule,
      severities: severity.compactMap { Rule.Severity(rawValue: $0.uppercased()) },
      maxTargetBytes: maxTargetBytes ?? defaultMaxBytes)
  }
}
