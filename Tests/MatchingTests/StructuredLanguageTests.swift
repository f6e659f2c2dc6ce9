import Rules
import Testing

@testable import Matching

/// Bash, Dockerfile and YAML: the shapes their parsers give, their robustness, and which files
/// are theirs.
@Suite("Bash, Dockerfile and YAML")
struct StructuredLanguageTests {
  func tree(_ text: String, _ language: PatternLanguage, pattern: Bool = false) -> SyntaxTree {
    LanguageParsers.parse(
      SourceFile(path: "t", text: text), language: language, patternMode: pattern)
  }

  @Test(
    "Bash commands, pipelines, chains, substitutions and compounds",
    arguments: [
      (
        "a=1 curl -k \"$U\" >o 2>&1",
        "(module (shCommand (string curl) (string -k) (shWord (shExpansion))))"
      ),
      (
        "a | b | c",
        "(module (shBinary:bitOr (shBinary:bitOr (shCommand (string a)) (shCommand (string b))) (shCommand (string c))))"
      ),
      (
        "a && b || c",
        "(module (shBinary:or (shBinary:and (shCommand (string a)) (shCommand (string b))) (shCommand (string c))))"
      ),
      (
        "x=$(ls `pwd`)",
        "(module (shAssignment (string x) (shSubstitution (block (shCommand (string ls) (shSubstitution (block (shCommand (string pwd)))))))))"
      ),
      ("export A=1", "(module (shCommand (string export) (shAssignment (string A) (string 1))))"),
      (
        "for i in a b; do echo $i; done",
        "(module (shCompound (string i) (list (string a) (string b)) (block (shCommand (string echo) (shExpansion)))))"
      ),
      (
        "if a; then b; else c; fi",
        "(module (shCompound (block (shCommand (string a))) (block (shCommand (string b))) (block (shCommand (string c)))))"
      ),
      ("f() { g; }", "(module (shCompound (string f) (block (shCommand (string g)))))"),
      (
        "cat <<EOF\nnot a command\nEOF\nls",
        "(module (shCommand (string cat)) (shCommand (string ls)))"
      ),
      (
        "case $x in a|b) one ;; *) two ;; esac",
        "(module (shCompound (shExpansion) (list (string a) (string b) (block (shCommand (string one)))) (list (string *) (block (shCommand (string two))))))"
      ),
    ])
  func bashShapes(_ example: (String, String)) {
    let parsed = tree(example.0, .bash)
    #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    #expect(parsed.sExpression() == example.1)
  }

  @Test(
    "Dockerfile instructions: shell and exec forms, images, entries, continuations",
    arguments: [
      (
        "RUN a && \\\n  # note\n  b",
        "(module (dockerInstruction (block (shBinary:and (shCommand (string a)) (shCommand (string b))))))"
      ),
      ("CMD [\"a\", \"b\"]", "(module (dockerInstruction (list (string a) (string b))))"),
      (
        "FROM --platform=p img:1.0@sha256:ab AS x",
        "(module (dockerInstruction (dockerImage (string img) (string 1.0) (string sha256:ab) (string p) (string x))))"
      ),
      (
        "ENV A=1 B=\"x y\"",
        "(module (dockerInstruction (shAssignment (string A) (string 1)) (shAssignment (string B) (string x y))))"
      ),
      (
        "# escape=`\nRUN a `\n  b\nUSER app",
        "(module (dockerInstruction (block (shCommand (string a) (string b)))) (dockerInstruction (string app)))"
      ),
      (
        "RUN <<EOT\nset -e\nEOT\nUSER app",
        "(module (dockerInstruction (block (shCommand))) (dockerInstruction (string app)))"
      ),
    ])
  func dockerfileShapes(_ example: (String, String)) {
    let parsed = tree(example.0, .dockerfile)
    #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    #expect(parsed.sExpression() == example.1)
  }

  @Test(
    "YAML mappings, sequences, flow collections, block scalars, documents",
    arguments: [
      (
        "a:\n  b: 1\n  c: [x, {d: e}]\n",
        "(module (yamlMapping (yamlPair (string a) (yamlMapping (yamlPair (string b) (string 1)) (yamlPair (string c) (yamlSequence (string x) (yamlMapping (yamlPair (string d) (string e)))))))))"
      ),
      (
        "- a\n- b: c\n  d: e\n",
        "(module (yamlSequence (string a) (yamlMapping (yamlPair (string b) (string c)) (yamlPair (string d) (string e)))))"
      ),
      (
        "k:\n- a\n- b\nz: 1\n",
        "(module (yamlMapping (yamlPair (string k) (yamlSequence (string a) (string b))) (yamlPair (string z) (string 1))))"
      ),
      (
        "a: 1\n---\nb: &x 2\nc: *x\n",
        "(module (yamlMapping (yamlPair (string a) (string 1))) (yamlMapping (yamlPair (string b) (string 2)) (yamlPair (string c) (yamlAlias))))"
      ),
    ])
  func yamlShapes(_ example: (String, String)) {
    let parsed = tree(example.0, .yaml)
    #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    #expect(parsed.sExpression() == example.1)
  }

  @Test("Deep nesting and unreadable text end in warnings, never a crash or a deep stack")
  func robustness() {
    let deep = [
      (String(repeating: "$(", count: 20_000), PatternLanguage.bash),
      (String(repeating: "`", count: 5_001), .bash),
      (String(repeating: "if a; then ", count: 5_000), .bash),
      (String(repeating: "[", count: 20_000), .yaml),
      (String(repeating: "- ", count: 5_000) + "x", .yaml),
      ("RUN " + String(repeating: "(", count: 20_000), .dockerfile),
      (")) fi esac ;; } \u{0}\u{1}\"'", .bash),
      ("key: \"unclosed\n  - [\n: :\n", .yaml),
      ("NOTANINSTRUCTION x\nRUN", .dockerfile),
      (String(repeating: "ONBUILD ", count: 20_000), .dockerfile),
    ]
    for (text, language) in deep {
      let parsed = tree(text, language)
      #expect(parsed.nodes.count > 0)
    }
    #expect(!tree(String(repeating: "$(", count: 20_000), .bash).warnings.isEmpty)
  }

  @Test("Code after an unreadable part is still matched, and the parse is reported partial")
  func partialParse() throws {
    let yaml = """
      rules:
        - id: k
          languages: [bash]
          severity: INFO
          message: m
          pattern: curl ... -k ...
      """
    let engine = try RuleEngine(rules: rules(yaml))
    let result = engine.scan(path: "x.sh", bytes: Array("fi )\ncurl -k https://x\n".utf8))
    #expect(result.findings.map(\.start.line) == [2])
    #expect(result.warnings.contains { $0.contains("matched as far as it parses") })
  }

  @Test(
    "Files are read as semgrep picks them: Dockerfile names, extensions, #! lines",
    arguments: [
      ("Dockerfile", "", PatternLanguage?.some(.dockerfile)),
      ("build/containerfile", "", .dockerfile),
      ("api.Dockerfile", "", .dockerfile),
      ("ci.yml", "", .yaml), ("k8s/app.yaml", "", .yaml),
      ("run.sh", "", .bash), ("bin/deploy", "#!/usr/bin/env bash\n", .bash),
      ("bin/tool", "#!/usr/bin/ruby\n", nil),
    ])
  func fileLanguages(_ example: (String, String, PatternLanguage?)) {
    let language = RuleEngine.language(
      of: example.0, Array(example.1.utf8), executable: !example.1.isEmpty)
    #expect(language == example.2)
  }
}
