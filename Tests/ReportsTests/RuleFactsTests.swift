import Rules
import Testing

@testable import Reports

@Suite("What code hosts learn about a rule")
struct RuleFactsTests {
  static let scores: [(Rule.Severity, [String: String], String)] = [
    (.critical, [:], "9.5"),
    (.error, [:], "8.0"),
    (.high, ["likelihood": "HIGH"], "8.5"),
    (.warning, [:], "5.5"),
    (.error, ["impact": "LOW"], "3.0"),
    (.info, ["impact": "HIGH", "likelihood": "LOW"], "7.5"),
    (.low, [:], "3.0"),
    (.inventory, [:], "0.0"),
    (.warning, ["security-severity": "9.1"], "9.1"),
    (.warning, ["security-severity": "eleven"], "5.5"),
  ]

  @Test(
    "security-severity comes from the rule's score, else impact or severity, moved by likelihood",
    arguments: scores.indices)
  func securitySeverity(_ index: Int) {
    let (severity, metadata, expected) = Self.scores[index]
    let facts = RuleFacts(
      id: "r", message: "m", severity: severity,
      metadata: .object(metadata.mapValues { .string($0) }))
    #expect(facts.securitySeverityText == expected)
  }

  @Test("CWE and OWASP ids are read from strings and lists, each once")
  func classification() {
    let facts = RuleFacts(
      id: "r", message: "m", severity: .error,
      metadata: .object([
        "cwe": .array([.string("CWE-79: XSS"), .string("cwe-79"), .string("CWE-116: Encoding")]),
        "owasp": .string("A03:2021 - Injection"),
        "confidence": .string("LOW"),
      ]))
    #expect(facts.cweIDs == ["CWE-79", "CWE-116"])
    #expect(facts.owaspIDs == ["A03:2021"])
    #expect(facts.precision == "low")
    #expect(facts.isSecurity)
  }

  @Test("Text is cut to a UTF-16 limit without splitting a character")
  func truncation() {
    let text = String(repeating: "😀", count: 600)
    let cut = TextLimit.truncate(text, to: 1024)
    #expect(cut.utf16.count <= 1024)
    #expect(cut.hasSuffix("…"))
    #expect(cut.dropLast().allSatisfy { $0 == "😀" })
    #expect(TextLimit.truncate("short", to: 1024) == "short")
  }
}
