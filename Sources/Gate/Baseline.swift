import Foundation
import Rules

/// The findings a project already had when it adopted the gate, written by `aigate baseline`
/// as fingerprints (rule, path, the matched text; never line numbers), so that `scan` and
/// `check` report only what is new.
///
/// A group of findings (one rule, one file, the same text) is left out only while it holds no
/// more findings than the baseline recorded for it. A group that grew is reported whole: which
/// of its findings is the new one cannot be told from the text, and hiding the wrong one would
/// hide new code. In `check`, the group's findings outside the change's added lines count
/// first, so a copy an agent adds of a baselined line is reported while the original stays.
public struct Baseline: Sendable {
  /// Where `aigate baseline` writes it, and where `scan` and `check` look for it.
  public static let fileName = ".aigate-baseline.json"
  /// The largest baseline file read.
  public static let maxFileSize = 64 << 20
  /// The format's version, written into the file and required when reading it.
  static let version = 1

  /// Where it was read from, for messages.
  public let origin: String
  let fingerprints: Set<String>

  /// The number of findings recorded.
  public var count: Int { fingerprints.count }

  init(fingerprints: Set<String>, origin: String) {
    self.fingerprints = fingerprints
    self.origin = origin
  }

  /// Reads a baseline file's bytes; anything but the format `render` writes is an error (a
  /// baseline that cannot be read must not pass what it would have left out, nor hide what it
  /// would not have).
  public static func parse(_ data: Data, origin: String) throws(GateError) -> Baseline {
    func bad(_ reason: String) -> GateError {
      .io(path: origin, reason: "not an aigate baseline: \(reason)")
    }
    guard data.count <= maxFileSize else {
      throw .io(path: origin, reason: "larger than \(maxFileSize >> 20) MB")
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw bad("not JSON")
    }
    guard let root = object as? [String: Any] else { throw bad("not a JSON object") }
    guard root["version"] as? Int == version else {
      throw bad("'version' is not \(version)")
    }
    guard let entries = root["findings"] as? [[String: Any]] else {
      throw bad("'findings' is not a list of objects")
    }
    var fingerprints: Set<String> = []
    for (index, entry) in entries.enumerated() {
      guard let fingerprint = entry["fingerprint"] as? String,
        fingerprint.count == 64, fingerprint.allSatisfy(\.isHexDigit)
      else {
        throw bad("findings[\(index)] has no 64-digit hex 'fingerprint'")
      }
      fingerprints.insert(fingerprint.lowercased())
    }
    return Baseline(fingerprints: fingerprints, origin: origin)
  }

  /// Reads the baseline file at `path`.
  public static func load(path: String) throws(GateError) -> Baseline {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, reason: "cannot read the baseline file")
    }
    return try parse(data, origin: path)
  }

  /// The file `aigate baseline` writes for `findings` (in report order): one entry per
  /// finding, with its rule and path for people and its fingerprint for the gate.
  public static func render(_ findings: [Finding], generator: String) -> String {
    let fingerprints = FindingFingerprint.fingerprints(findings)
    let entries: [[String: Any]] = zip(findings, fingerprints).map { finding, fingerprint in
      ["rule_id": finding.ruleID, "path": finding.path, "fingerprint": fingerprint]
    }
    let root: [String: Any] = ["version": version, "generator": generator, "findings": entries]
    let data =
      (try? JSONSerialization.data(
        withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// How many findings of `group` the baseline recorded.
  func recorded(_ group: String) -> Int {
    var count = 0
    while count < fingerprints.count,
      fingerprints.contains(FindingFingerprint.fingerprint(group: group, occurrence: count + 1))
    {
      count += 1
    }
    return count
  }

  /// A scan's findings split into those to report and those the baseline holds: a group is
  /// left out when it has no more findings than were recorded.
  public func split(_ findings: [Finding]) -> (kept: [Finding], baselined: [Finding]) {
    let groups = Dictionary(grouping: findings, by: FindingFingerprint.group(of:))
    var recorded: [String: Bool] = [:]
    for (group, members) in groups {
      recorded[group] = members.count <= self.recorded(group)
    }
    var kept: [Finding] = []
    var baselined: [Finding] = []
    for finding in findings {
      if recorded[FindingFingerprint.group(of: finding)] == true {
        baselined.append(finding)
      } else {
        kept.append(finding)
      }
    }
    return (kept, baselined)
  }

  /// A change's findings split the same way; only findings touching `added` lines (by path)
  /// can be left out, and a group's copies on the file's other lines (read from `sources`,
  /// the files as the change leaves them) count against what the baseline recorded.
  public func split(
    _ findings: [Finding], added: [String: Set<Int>], sources: [String: SourceFile]
  ) -> (kept: [Finding], baselined: [Finding]) {
    func touchesAdded(_ finding: Finding) -> Bool {
      guard let lines = added[finding.path] else { return false }
      return finding.lineSpan.contains { lines.contains($0) }
    }
    let onAdded = findings.filter(touchesAdded)
    let groups = Dictionary(grouping: onAdded, by: FindingFingerprint.group(of:))
    var recorded: [String: Bool] = [:]
    for (group, members) in groups {
      let limit = self.recorded(group)
      guard limit >= members.count, let first = members.first else {
        recorded[group] = false
        continue
      }
      let elsewhere = Self.copies(
        of: first, outside: added[first.path] ?? [], in: sources[first.path], limit: limit)
      recorded[group] = members.count + elsewhere <= limit
    }
    var kept: [Finding] = []
    var baselined: [Finding] = []
    for finding in findings {
      if touchesAdded(finding), recorded[FindingFingerprint.group(of: finding)] == true {
        baselined.append(finding)
      } else {
        kept.append(finding)
      }
    }
    return (kept, baselined)
  }

  /// How many runs of lines in `source` outside `added` hold `finding`'s text.
  ///
  /// Whitespace aside, counted up to `limit + 1`: an over-count (the text in a comment, say)
  /// only reports more, never hides. An unknown file counts as over the limit.
  static func copies(
    of finding: Finding, outside added: Set<Int>, in source: SourceFile?, limit: Int
  ) -> Int {
    guard let source else { return limit + 1 }
    let wanted = finding.lines.filter { !$0.isWhitespace }
    let span = max(1, finding.end.line - finding.start.line + 1)
    let total = source.numberedLineCount
    guard span <= total else { return 0 }
    var count = 0
    for start in 1...(total - span + 1)
    where !(start..<(start + span)).contains(where: added.contains) {
      var text = ""
      for line in start..<(start + span) {
        text += (source.line(line) ?? "").filter { !$0.isWhitespace }
      }
      if text == wanted {
        count += 1
        if count > limit { break }
      }
    }
    return count
  }
}
