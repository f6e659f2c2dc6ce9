import Foundation
import Gate
import Rules

/// What code hosts want to know about a rule, read from its severity and semgrep-style metadata
/// (`cwe`, `owasp`, `references`, `confidence`, `impact`, `likelihood`, `category`).
struct RuleFacts: Sendable {
  let id: String
  /// The message as the rule wrote it (`$X` left in).
  let message: String
  let severity: Rule.Severity
  let metadata: JSONValue

  init(id: String, message: String, severity: Rule.Severity, metadata: JSONValue) {
    self.id = id
    self.message = message
    self.severity = severity
    self.metadata = metadata
  }

  init(_ rule: Rule) {
    self.init(id: rule.id, message: rule.message, severity: rule.severity, metadata: rule.metadata)
  }

  /// A rule known only from its finding (a semgrep-only config the gate did not load itself).
  init(finding: Finding) {
    self.init(
      id: finding.ruleID, message: finding.message, severity: finding.severity,
      metadata: finding.metadata)
  }

  /// The rule behind AI-added suppression comments, which no rule file defines.
  static let suppression = RuleFacts(
    id: Evaluator.suppressionRuleID,
    message:
      "AI-authored code added a comment that tries to silence a security tool. Suppressions "
      + "written by an agent do not silence the gate: fix the code, or have a person review it "
      + "and add the suppression.",
    severity: .warning,
    metadata: .object(["category": .string("security")]))

  /// The rules behind edits to the gate's own policy and rule files, which no rule file defines.
  static let trust: [RuleFacts] = [
    RuleFacts(
      id: Evaluator.policyChangedRuleID,
      message:
        "The change edits .aigate.yml, the gate's own policy. The gate judges a change by the "
        + "policy of its merge-base (HEAD for a staged change), so the edit takes effect once "
        + "merged: have a person review it.",
      severity: .error, metadata: .object(["category": .string("security")])),
    RuleFacts(
      id: Evaluator.rulesChangedRuleID,
      message:
        "The change edits a rule file the gate's policy runs. The gate runs the rules of the "
        + "change's merge-base (HEAD for a staged change), so the edit takes effect once "
        + "merged: have a person review it.",
      severity: .error, metadata: .object(["category": .string("security")])),
  ]

  /// `CWE-78` style ids, in the order written, from `metadata.cwe` (a string or a list).
  var cweIDs: [String] {
    unique(
      strings("cwe").compactMap { text in
        guard
          let range = text.range(
            of: #"CWE-[0-9]+"#, options: [.regularExpression, .caseInsensitive])
        else { return nil }
        return text[range].uppercased()
      })
  }

  /// `A03:2021` style ids from `metadata.owasp`.
  var owaspIDs: [String] {
    unique(
      strings("owasp").compactMap { text in
        guard let range = text.range(of: #"A[0-9]{2}:[0-9]{4}"#, options: .regularExpression)
        else { return nil }
        return String(text[range])
      })
  }

  /// The OWASP entries as written (`A03:2021 - Injection`).
  var owaspNames: [String] { strings("owasp") }
  var cweNames: [String] { strings("cwe") }

  /// `metadata.references` (or `reference`), as written.
  var references: [String] { unique(strings("references") + strings("reference")) }

  var category: String? { metadata["category"]?.string?.lowercased() }

  /// Whether code hosts should treat the rule as a security check.
  var isSecurity: Bool {
    category == nil || category == "security" || !cweIDs.isEmpty || !owaspIDs.isEmpty
  }

  /// The first sentence of the message, for one-line listings.
  var summary: String {
    let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    if let end = flat.range(of: ". ") {
      return String(flat[..<end.lowerBound]) + "."
    }
    return flat.isEmpty ? id : flat
  }

  /// A 0.0–10.0 score, as GitHub reads `security-severity`: `metadata.security-severity` when
  /// the rule gives one, else `impact` (or the severity, when there is no impact) placed on
  /// GitHub's bands, moved half a point by `likelihood`.
  var securitySeverity: Double {
    if let given = metadata["security-severity"] {
      let value: Double?
      switch given {
      case .string(let text): value = Double(text)
      case .number(let number): value = number
      case .integer(let number): value = Double(number)
      default: value = nil
      }
      if let value, (0...10).contains(value) { return value }
    }
    var score: Double
    switch level(metadata["impact"]?.string) {
    case 3?: score = 8.0
    case 2?: score = 5.5
    case 1?: score = 3.0
    default:
      switch severity.rank {
      case 5...: score = 9.5
      case 4: score = 8.0
      case 3: score = 5.5
      case 1...2: score = 3.0
      default: score = 0.0
      }
    }
    switch level(metadata["likelihood"]?.string) {
    case 3?: score += 0.5
    case 1?: score -= 0.5
    default: break
    }
    return min(max(score, 0.0), 10.0)
  }

  /// The score as GitHub wants it: a string with one decimal.
  var securitySeverityText: String { String(format: "%.1f", securitySeverity) }

  /// SARIF's `precision` from `metadata.confidence` (semgrep's name for it).
  var precision: String {
    switch level(metadata["confidence"]?.string) {
    case 3?: return "high"
    case 1?: return "low"
    default: return "medium"
    }
  }

  /// SARIF's level for the rule's severity.
  var sarifLevel: String {
    switch severity.rank {
    case 4...: return "error"
    case 3: return "warning"
    default: return "note"
    }
  }

  private func level(_ text: String?) -> Int? {
    switch text?.uppercased() {
    case "HIGH", "CRITICAL": return 3
    case "MEDIUM": return 2
    case "LOW": return 1
    default: return nil
    }
  }

  private func strings(_ key: String) -> [String] {
    switch metadata[key] {
    case .string(let text)?: return [text]
    case .array(let values)?: return values.compactMap(\.string)
    default: return []
    }
  }

  private func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}

/// Text limits of code hosts.
enum TextLimit {
  /// `text` cut to at most `limit` UTF-16 units (GitHub's unit for its 1024-character limits),
  /// with an ellipsis when cut.
  static func truncate(_ text: String, to limit: Int) -> String {
    guard text.utf16.count > limit else { return text }
    var result = ""
    var units = 0
    for character in text {
      let width = character.utf16.count
      if units + width > limit - 1 { break }
      result.append(character)
      units += width
    }
    return result + "…"
  }
}

extension Report {
  /// The facts of every rule by id: the loaded rules, the suppression rule, and rules known only
  /// from their findings.
  var ruleFacts: [String: RuleFacts] {
    var facts: [String: RuleFacts] = [:]
    for entry in rules { facts[entry.rule.id] = RuleFacts(entry.rule) }
    facts[RuleFacts.suppression.id] = RuleFacts.suppression
    for rule in RuleFacts.trust { facts[rule.id] = rule }
    for gated in findings where facts[gated.finding.ruleID] == nil {
      facts[gated.finding.ruleID] = RuleFacts(finding: gated.finding)
    }
    return facts
  }
}
