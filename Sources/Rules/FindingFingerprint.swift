import Crypto
import Foundation

/// A finding's identity across runs, which an edit elsewhere in the file leaves alone.
///
/// Its rule, its path and the text of its lines without whitespace, numbered when the same text
/// is found more than once; reports (SARIF, JSON, GitLab) and baselines use the same value.
public enum FindingFingerprint {
  /// The group a finding belongs to: findings of one rule and file over the same text.
  public static func group(of finding: Finding) -> String {
    let text = finding.lines.filter { !$0.isWhitespace }
    return "\(finding.ruleID)\u{0}\(finding.path)\u{0}\(text)"
  }

  /// The fingerprint of the `occurrence`th (1-based) finding of `group`: 64 hex digits.
  public static func fingerprint(group: String, occurrence: Int) -> String {
    let digest = Crypto.SHA256.hash(data: Data("\(group)\u{0}\(occurrence)".utf8))
    return Hex.string(digest)
  }

  /// A fingerprint per finding, in the order given (report order numbers the occurrences).
  public static func fingerprints(_ findings: [Finding]) -> [String] {
    var seen: [String: Int] = [:]
    return findings.map { finding in
      let group = group(of: finding)
      let occurrence = (seen[group] ?? 0) + 1
      seen[group] = occurrence
      return fingerprint(group: group, occurrence: occurrence)
    }
  }
}
