import Testing

@testable import Rules

/// A fingerprint's group reads the finding's lines without whitespace; ASCII lines take a
/// by-byte path that must drop exactly the characters the general one drops, or every
/// baseline written before would stop matching.
@Suite struct FindingFingerprintTests {
  @Test(arguments: [
    "x = 1\n",
    "if a:\r\n\treturn b\r\n",
    "\u{0B}vertical\u{0C}feed\r",
    "kept\u{1C}\u{1D}\u{1E}\u{1F}separators",
    "",
    "   \n\t",
    "name\u{00A0}=\u{3000}'caf\u{E9}'",
    "combining \u{301}after a space",
    "line\u{2028}separator\u{85}next",
  ])
  func bytePathDropsWhatCharactersDrop(_ text: String) {
    #expect(FindingFingerprint.withoutWhitespace(text) == text.filter { !$0.isWhitespace })
  }

  @Test func groupsJoinRulePathAndText() {
    let finding = Finding(
      ruleID: "r", path: "a.py", start: FilePosition(line: 1, col: 1, offset: 0),
      end: FilePosition(line: 1, col: 6, offset: 5), message: "m", severity: .warning,
      lines: "x = 1\r\n", engine: .aigate)
    #expect(FindingFingerprint.group(of: finding) == "r\u{0}a.py\u{0}x=1")
  }
}
