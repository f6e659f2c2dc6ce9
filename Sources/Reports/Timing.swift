import Foundation
import Gate
import Rules

/// semgrep's `--time` in reports: JSON's `time` (per rule and file, in semgrep's shape) and a
/// summary at the end of the text.
struct TimingJSON: Encodable {
  /// The rules timed, in the order of each target's `match_times`.
  let rules: [String]
  let targets: [Target]
  let totalTime: Double
  let totalBytes: Int

  struct Target: Encodable {
    let path: String
    let numBytes: Int
    /// Seconds per rule, in `rules` order (0 for a rule that did not run on the file).
    let matchTimes: [Double]
    /// Seconds per rule: the file's parsing counts against the first rule that ran on it.
    let parseTimes: [Double]
    let runTime: Double

    enum CodingKeys: String, CodingKey {
      case path
      case numBytes = "num_bytes"
      case matchTimes = "match_times"
      case parseTimes = "parse_times"
      case runTime = "run_time"
    }
  }

  enum CodingKeys: String, CodingKey {
    case rules, targets
    case totalTime = "total_time"
    case totalBytes = "total_bytes"
  }

  /// The timing of `report`, or nil when it was not asked for.
  init?(_ report: Report) {
    guard report.timed else { return nil }
    let files = report.engines.flatMap(\.timings)
    var rules: [String] = []
    var seen: Set<String> = []
    for file in files {
      for id in file.matchSeconds.keys.sorted() where seen.insert(id).inserted { rules.append(id) }
    }
    self.rules = rules
    targets = files.map { file in
      let first = rules.firstIndex { file.matchSeconds[$0] != nil }
      return Target(
        path: file.path, numBytes: file.bytes,
        matchTimes: rules.map { file.matchSeconds[$0] ?? 0 },
        parseTimes: rules.indices.map { $0 == first ? file.parseSeconds : 0 },
        runTime: file.totalSeconds)
    }
    totalTime = report.endTime.timeIntervalSince(report.startTime)
    totalBytes = files.reduce(0) { $0 + $1.bytes }
  }
}

/// A finding the baseline left out, in JSON.
struct BaselinedJSON: Encodable {
  let checkID: String
  let path: String
  let line: Int

  enum CodingKeys: String, CodingKey {
    case checkID = "check_id"
    case path, line
  }

  /// The report's baselined findings, or nil when there are none.
  static func list(_ report: Report) -> [BaselinedJSON]? {
    let found = report.baselined
    if found.isEmpty { return nil }
    return found.map { BaselinedJSON(checkID: $0.ruleID, path: $0.path, line: $0.start.line) }
  }
}

/// The text lines both text reports end with: the baseline's share, and `--time`'s summary.
enum TextTail {
  static func render(_ report: Report) -> String {
    var out = ""
    let baselined = report.baselined.count
    if baselined > 0 {
      out +=
        "\(baselined) finding\(baselined == 1 ? "" : "s") left out: already in the baseline "
        + "(\(Baseline.fileName))\n"
    }
    guard report.timed else { return out }
    let files = report.engines.flatMap(\.timings)
    let total = report.endTime.timeIntervalSince(report.startTime)
    let parse = files.reduce(0) { $0 + $1.parseSeconds }
    let match = files.reduce(0) { $0 + $1.matchSeconds.values.reduce(0, +) }
    out += "Timing (--time): total \(seconds(total)); aigate's engine parsed for "
    out += "\(seconds(parse)) and matched for \(seconds(match)) (CPU time over all threads)\n"
    let slowFiles = files.sorted { ($0.totalSeconds, $1.path) > ($1.totalSeconds, $0.path) }
    out += "  Slowest \(min(5, slowFiles.count))/\(files.count) files:\n"
    for file in slowFiles.prefix(5) {
      out +=
        "    \(file.path) (\(file.bytes) B): \(seconds(file.totalSeconds)) "
        + "(\(seconds(file.parseSeconds)) to parse)\n"
    }
    var byRule: [String: Double] = [:]
    for file in files { byRule.merge(file.matchSeconds, uniquingKeysWith: +) }
    let slowRules = byRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    out += "  Slowest \(min(5, slowRules.count))/\(byRule.count) rules to match:\n"
    for (id, time) in slowRules.prefix(5) { out += "    \(id): \(seconds(time))\n" }
    return out
  }

  private static func seconds(_ value: Double) -> String {
    String(format: "%.3fs", value)
  }
}
