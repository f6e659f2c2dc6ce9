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

  @Test func repeatedIDsAreWarningsAndEveryRuleStays() throws {
    let set = try RuleLoader.load(
      configs: [Fixtures.path("repeated/ids")], qualifyingFrom: Fixtures.path("repeated"))
    #expect(set.errors.isEmpty)
    #expect(
      set.rules.map(\.id) == [
        "ids.shared-id", "ids.twice-in-one-file", "ids.twice-in-one-file", "ids.shared-id",
      ])
    #expect(set.rules.map(\.bareID).first == "shared-id")
    #expect(set.warnings.count == 2)
    #expect(set.warnings.allSatisfy { $0.severity == .warning })
    #expect(set.warnings.map(\.location.line) == [12, 2])
    #expect(set.warnings[1].message.contains("ids/first.yaml:2:5"))
  }

  @Test("A repeated id in a CRLF file quotes its own line, without the carriage return")
  func repeatedIDInCRLFFileQuotesItsLine() throws {
    let folder = try TemporaryFolder()
    let text =
      (ruleText(id: "same", "pattern: f()") + "\n")
      + ruleText(id: "same", "pattern: g()").split(separator: "\n").dropFirst()
      .joined(separator: "\n")
    try folder.write("crlf.yaml", text.replacingOccurrences(of: "\n", with: "\r\n"))
    let set = try RuleLoader.load(configs: [folder.path + "/crlf.yaml"])
    #expect(set.errors.isEmpty)
    #expect(set.warnings.map(\.location.line) == [7])
    #expect(set.warnings.first?.sourceLine == "  - id: same")
  }

  /// One bare id in two folders of a config is two rules, as semgrep names them.
  @Test func folderIDsAreQualifiedAsSemgrepQualifiesThem() throws {
    let folder = try TemporaryFolder()
    let rule = ruleText(id: "same", "pattern: f()")
    for name in ["pack/a.yaml", "pack/web/b.yaml", "pack/web/deeper/c.yml"] {
      try folder.write(name, rule)
    }
    let set = try RuleLoader.load(
      configs: [folder.path + "/pack"], qualifyingFrom: folder.path)
    #expect(set.rules.map(\.id) == ["pack.same", "pack.web.same", "pack.web.deeper.same"])
    #expect(set.warnings.isEmpty && set.errors.isEmpty)
    // The shipped packs are loaded without qualifying.
    let plain = try RuleLoader.load(configs: [folder.path + "/pack/web"])
    #expect(plain.rules.map(\.id) == ["same", "same"])
    #expect(plain.warnings.count == 1)
  }

  /// What semgrep 1.185.0 printed as `check_id` for these `--config` paths and working folders.
  @Test(arguments: [
    ("a/b/c/r2.yml", "/tmp/w", "a.b.c."),
    ("/tmp/w/a/r1.yaml", "/tmp/w", "a."),
    ("/tmp/w/a/r1.yaml", "/tmp/other", "tmp.w.a."),
    ("r3.yaml", "/tmp/w", ""),
    ("./r3.yaml", "/tmp/w", ""),
    ("./c/../r3.yaml", "/tmp/w", "c...."),
    ("../a/b/c/r2.yml", "/tmp/w/a", "a.b.c."),
    ("c/../../b/c/r2.yml", "/tmp/w", "c.......b.c."),
    ("/tmp/w/../shared/rules/python/x.yaml", "/tmp/w", "shared.rules.python."),
  ])
  func semgrepPrefixes(file: String, directory: String, prefix: String) {
    #expect(RuleLoader.semgrepPrefix(forFile: file, in: directory) == prefix)
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

/// Where semgrep 1.185.0 takes a `patterns` list of only negations and conditions, and where
/// it refuses one ("you need at least one positive term").
@Suite("Negation-only patterns")
struct NegationOnlyTests {
  @Test func takenInsideMetavariablePatternAndRunInProcess() throws {
    let set = RuleLoader.parse(
      ruleText(
        """
        patterns:
          - pattern: foo($X)
          - metavariable-pattern:
              metavariable: $X
              patterns:
                - pattern-not: "1"
        """), file: "m.yaml")
    #expect(set.errors.isEmpty, "\(set.errors)")
    let rule = try #require(set.rules.first)
    let capabilities = EngineCapabilities(
      languages: [.python], features: Set(Feature.allCases))
    // The engine starts such a list from the whole binding, as semgrep does.
    #expect(classify(rule, with: capabilities) == .inProcess)
  }

  @Test func takenInTaintItemsWithTheOldOptionSpelling() {
    let set = RuleLoader.parse(
      ruleText(
        """
        mode: taint
        pattern-sources:
          - pattern: source()
        pattern-sinks:
          - patterns:
              - pattern-not-inside: safe(...)
        pattern-sanitizers:
          - pattern: clean(...)
            not_conflicting: true
        """), file: "t.yaml")
    #expect(set.errors.isEmpty, "\(set.errors)")
  }

  @Test(arguments: [
    "patterns:\n  - pattern-not: foo(1)",
    "patterns:\n  - pattern: foo($X)\n  - pattern-inside:\n      patterns:\n        - pattern-not: bar(...)",
  ])
  func refusedInTheRulesOwnFormula(body: String) {
    let set = RuleLoader.parse(ruleText(body), file: "r.yaml")
    #expect(set.errors.contains { $0.message.contains("at least one positive term") })
  }
}
