import Crypto
import Foundation

/// A finding's identity across runs, which an edit elsewhere in the file leaves alone.
///
/// Its rule, its path and the text of its lines without whitespace, numbered when the same text
/// is found more than once; reports (SARIF, JSON, GitLab) and baselines use the same value.
public enum FindingFingerprint {
  /// The group a finding belongs to: findings of one rule and file over the same text.
  public static func group(of finding: Finding) -> String {
    "\(finding.ruleID)\u{0}\(finding.path)\u{0}\(withoutWhitespace(finding.lines))"
  }

  /// `text` without its whitespace characters (Unicode's White_Space, judged per character).
  ///
  /// ASCII text is filtered by byte, which gives the same result (its only multi-scalar
  /// character, CR LF, is whitespace either way) at a fraction of the cost of reading
  /// characters: a finding's lines can be a whole class.
  static func withoutWhitespace(_ text: String) -> String {
    let utf8 = text.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.filter { !$0.isWhitespace } }
    // U+0009 to U+000D and the space are ASCII's White_Space characters.
    return String(
      decoding: utf8.filter { !(0x09...0x0D).contains($0) && $0 != 0x20 }, as: UTF8.self)
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
