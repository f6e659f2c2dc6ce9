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
      "Skip files larger than this many bytes; 0 or less for no limit, as in semgrep (scan's "
        + "default: 1000000; check's: no limit).",
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
  }

  /// The filters, with `defaultMaxBytes` when `--max-target-bytes` is not given.
  func filters(defaultMaxBytes: Int? = nil) -> ScanFilters {
    ScanFilters(
      include: include, exclude: exclude, excludedRules: excludeRule,
      severities: severity.compactMap { Rule.Severity(rawValue: $0.uppercased()) },
      maxTargetBytes: maxTargetBytes.map { $0 > 0 ? $0 : nil } ?? defaultMaxBytes)
  }

  /// The largest file a walk reads: `--max-target-bytes` (none when 0 or less), else 1 MB.
  var walkLimit: Int {
    guard let maxTargetBytes else { return 1_000_000 }
    return maxTargetBytes > 0 ? maxTargetBytes : Int.max
  }
}
