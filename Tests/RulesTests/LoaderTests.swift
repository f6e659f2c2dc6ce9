import Foundation
import Testing

@testable import Rules

/// A one-rule file around `body`, which is indented as the rule's own keys.
func ruleText(id: String = "r", languages: String = "[python]", _ body: String) -> String {
  let keys = body.split(separator: "\n", omittingEmptySubsequences: false)
    .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
  return """
    rules:
      - id: \(id)
        message: m
        severity: ERROR
        languages: \(languages)
    \(keys)
    """
}

@Suite struct LoaderTests {
  @Test(arguments: [
    ("py", Language.python), ("Python", .python), ("JS", .javascript), ("ts", .typescript),
    ("golang", .go), ("sh", .bash), ("c++", .cpp), ("docker", .dockerfile), ("none", .regex),
    ("hcl", .terraform), ("c#", .csharp), ("kt", .kotlin), ("spacegrep", .generic),
  ])
  func languageAliasesNormalise(spelling: String, language: Language) {
    #expect(Language.named(spelling) == language)
  }

  @Test(arguments: ["cobol", "pyhton", ""])
  func unknownLanguagesAreNotGuessed(spelling: String) {
    #expect(Language.named(spelling) == nil)
  }

  @Test(arguments: Rule.Severity.allCases)
  func everySeveritySpellingIsKept(severity: Rule.Severity) throws {
    let text = ruleText("pattern: f()").replacingOccurrences(
      of: "severity: ERROR", with: "severity: \(severity.rawValue)")
    let set = RuleLoader.parse(text, file: "s.yaml")
    #expect(set.errors.isEmpty)
    #expect(set.rules.first?.severity == severity)
  }

  @Test func positionsCountScalarsAfterAMultibytePrefix() throws {
    let text = ruleText(
      """
      metadata: {note: "café ☕️"}
      patterns:
        - pattern: "é(...)"
        - pattern-not: |

            é(1)
        - focus-metavariable: ["☕️", $Ü]
      """)
    let set = RuleLoader.parse(text, file: "m.yaml")
    // Neither is a metavariable (uppercase ASCII only); columns count Unicode scalars, and the
    // coffee cup is two (U+2615 U+FE0F).
    #expect(
      set.errors.map(\.location) == [
        SourceLocationFactory.at(12, 31, "m.yaml"), SourceLocationFactory.at(12, 36, "m.yaml"),
      ])
    let valid = RuleLoader.parse(
      text.replacingOccurrences(of: "focus-metavariable: [\"☕️\", $Ü]", with: "pattern-not: ü"),
      file: "m.yaml")
    guard case .all(let conjunction) = try #require(valid.rules.first?.formula) else {
      Issue.record("expected a conjunction")
      return
    }
    #expect(
      conjunction.terms[0] == .pattern("é(...)", at: SourceLocationFactory.at(8, 19, "m.yaml")))
    // The block's first content line, past a blank line.
    #expect(
      conjunction.negatives[0]
        == .pattern("\né(1)\n", at: SourceLocationFactory.at(11, 11, "m.yaml")))
  }

  @Test func duplicateIDsAcrossFilesNameTheFirst() throws {
    let set = try RuleLoader.load(configs: [Fixtures.path("broken/duplicate-id")])
    #expect(set.rules.map(\.id) == ["shared-id", "twice-in-one-file"])
    #expect(set.errors.count == 2)
    #expect(set.errors.allSatisfy { $0.message.contains("is already used at") })
  }

  @Test func aFolderIsReadRecursivelySkippingTestsFixedAndHiddenFiles() throws {
    let folder = try TemporaryFolder()
    let valid = ruleText("pattern: f()")
    for name in [
      "a.yaml", "b.yml", "sub/deeper/c.yaml", "d.test.yaml", "e.test.yml", "f.fixed.yaml",
      ".hidden/g.yaml", ".h.yaml", "notes.txt", "sub/i.py",
    ] {
      try folder.write(name, valid.replacingOccurrences(of: "id: r", with: "id: \(name.count)"))
    }
    let files = try RuleLoader.ruleFiles(for: [folder.path])
    #expect(files == ["a.yaml", "b.yml", "sub/deeper/c.yaml"].map { folder.path + "/" + $0 })
    // Naming the same file twice reads it once.
    #expect(try RuleLoader.ruleFiles(for: [folder.path, folder.path + "/a.yaml"]).count == 3)
  }

  @Test(arguments: ["p/python", "r/python.lang.security", "auto", "https://example.invalid/r.yaml"])
  func registryConfigsAreRefusedForNeedingTheNetwork(config: String) {
    #expect(throws: RuleError.registryConfig(config)) {
      try RuleLoader.ruleFiles(for: [config])
    }
  }

  @Test func missingAndEmptyConfigsAreErrors() throws {
    #expect(throws: RuleError.configNotFound("no/such/rules.yaml")) {
      try RuleLoader.ruleFiles(for: ["no/such/rules.yaml"])
    }
    let folder = try TemporaryFolder()
    #expect(throws: RuleError.noRuleFiles(folder: folder.path)) {
      try RuleLoader.ruleFiles(for: [folder.path])
    }
  }

  @Test func metavariableNamesFollowSemgrep() {
    #expect(
      Metavariables.names(in: "f($X, $...ARGS, $_, $x, $X, \"$Y\")") == ["$X", "$...ARGS", "$Y"])
    for name in ["$X", "$...ARGS", "$_", "$X1", "$1"] { #expect(Metavariables.isName(name)) }
    for name in ["X", "$x", "$", "$1X", "$...", "$X-Y"] { #expect(!Metavariables.isName(name)) }
  }

  @Test(arguments: [
    ("é$X ü$...Y", ["$X", "$...Y"]),
    ("$", []), ("$..", []), ("$...", []), ("$1X", []),
    ("a$_$B1", ["$B1"]), ("ü$X$X", ["$X"]), ("$...é$A", ["$A"]),
  ])
  func metavariableNamesAmongMultibyteText(text: String, names: [String]) {
    #expect(Metavariables.names(in: text) == names)
  }

  /// 'patters' is one edit from both 'pattern' and 'patterns'; the pick must not vary by run.
  @Test func aTypoNearTwoKeysGetsTheFirstInAlphabeticalOrder() {
    let text = """
      rules:
        - id: r
          message: m
          severity: ERROR
          languages: [python]
          pattern: f()
          patters: []
      """
    let set = RuleLoader.parse(text, file: "t.yaml")
    #expect(set.warnings.map(\.message).contains { $0.hasSuffix("did you mean 'pattern'?") })
  }

  @Test func anEmptyRulesListIsValid() {
    let set = RuleLoader.parse("rules: []\n", file: "e.yaml")
    #expect(set.errors.isEmpty && set.rules.isEmpty)
  }
}

enum SourceLocationFactory {
  static func at(_ line: Int, _ column: Int, _ file: String) -> Rules.SourceLocation {
    Rules.SourceLocation(file: file, line: line, column: column)
  }
}

/// A scratch folder removed when the test ends.
final class TemporaryFolder {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-rules-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func write(_ relative: String, _ text: String) throws {
    let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
