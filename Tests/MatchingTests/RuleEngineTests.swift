import Foundation
import Rules
import Testing

@testable import Matching

/// Rules decoded from `yaml` as the loader reads them.
func rules(_ yaml: String) throws -> [Rule] {
  let set = RuleLoader.parse(yaml, file: "rules.yaml")
  try #require(set.errors.isEmpty, "\(set.errors.map(\.description))")
  return set.rules
}

/// One rule with `body` (YAML lines under the rule, indented by four spaces).
func rule(_ body: String, language: String = "python") -> String {
  """
  rules:
    - id: r
      languages: [\(language)]
      severity: WARNING
  \(body)
  """
}

@Test func messagesAndFixesInterpolateBindings() throws {
  let yaml = rule(
    """
        message: "$FUNC called with $ARG, not $ARGS"
        pattern: $FUNC($ARG)
        fix: safe_$FUNC($ARG)
    """)
  let engine = try RuleEngine(rules: rules(yaml))
  let found = engine.scan(path: "a.py", bytes: Array("x = load(data)\n".utf8)).findings
  try #require(found.count == 1)
  #expect(found[0].message == "load called with data, not $ARGS")
  #expect(found[0].fix == "safe_load(data)")
  #expect(found[0].engine == .aigate)
}

@Test func columnsAreUTF8BytesAndLinesAreWholeLines() throws {
  let yaml = rule(
    """
        message: m
        pattern: danger(...)
    """)
  let engine = try RuleEngine(rules: rules(yaml))
  let text = "s = \"héllo\"; danger(1,\n  2)\n"
  let found = engine.scan(path: "a.py", bytes: Array(text.utf8)).findings
  try #require(found.count == 1)
  let prefix = "s = \"héllo\"; "
  #expect(
    found[0].start == FilePosition(line: 1, col: prefix.utf8.count + 1, offset: prefix.utf8.count))
  #expect(found[0].end.line == 2)
  #expect(found[0].end.col == 5)
  #expect(found[0].lines == "s = \"héllo\"; danger(1,\n  2)")
}

@Test func aPatternThatDoesNotParseNamesTheRuleAndLine() throws {
  let yaml = rule(
    """
        message: m
        patterns:
          - pattern: ok(...)
          - pattern-not: "def ("
    """)
  #expect {
    _ = try RuleEngine(rules: rules(yaml))
  } throws: { error in
    guard case MatchingError.invalidRule(let id, let location, _) = error else { return false }
    return id == "r" && location.file == "rules.yaml" && location.line == 8
  }
}

@Test(arguments: [
  ("a.py", true), ("src/a.py", true), ("tests/a.py", false), ("src/tests/deep/a.py", false),
  ("a.pyi", false),
])
func pathsIncludeAndExclude(path: String, expected: Bool) throws {
  let yaml = rule(
    """
        message: m
        paths:
          include: ["*.py"]
          exclude: ["tests/"]
        pattern: danger()
    """)
  let engine = try RuleEngine(rules: rules(yaml))
  let found = engine.scan(path: path, bytes: Array("danger()\n".utf8)).findings
  #expect(found.isEmpty != expected)
}

@Test func pythonRulesSkipOtherFilesAndGenericRulesRunEverywhere() throws {
  let yaml = """
    rules:
      - id: py
        languages: [python]
        severity: INFO
        message: m
        pattern: danger()
      - id: text
        languages: [generic]
        severity: INFO
        message: m
        pattern: danger()
    """
  let engine = try RuleEngine(rules: rules(yaml))
  let inShell = engine.scan(path: "run.sh", bytes: Array("danger()\n".utf8)).findings
  #expect(inShell.map(\.ruleID) == ["text"])
  let inPython = engine.scan(path: "run.py", bytes: Array("danger()\n".utf8)).findings
  #expect(Set(inPython.map(\.ruleID)) == ["py", "text"])
}

@Test(arguments: [
  ("$X > 3", "5", true), ("$X > 3", "2", false), ("$X + 1 == 6", "5", true),
  ("$X // 2 == 2 and $X % 2 == 1", "5", true), ("not $X", "0", true),
  ("str($X) == 'abc'", "\"abc\"", true), ("int($X) in [1, 2]", "\"2\"", true),
  ("re.match('ab', $X)", "\"abc\"", true), ("re.match('bc', $X)", "\"abc\"", false),
  ("$X < 3", "\"text\"", false), ("0 < $X <= 10", "10", true), ("$X == 0x10", "16", true),
])
func comparisons(expression: String, value: String, expected: Bool) throws {
  let parsed = try ComparisonExpression.parse(expression)
  #expect(parsed.holds(with: ["$X": ComparisonValue.of(value)], budget: Budget()) == expected)
}

@Test(arguments: ["$X >", "foo($X)", "($X", "'open"])
func badComparisonsAreErrors(expression: String) {
  #expect(throws: MatchingError.self) { try ComparisonExpression.parse(expression) }
}

@Test func filesAreScannedInParallelWithEveryResultKept() throws {
  let yaml = rule(
    """
        message: m
        pattern: danger($X)
    """)
  let engine = try RuleEngine(rules: rules(yaml))
  let result = try engine.scan(count: 40) { index in
    ("f\(index).py", Array("danger(\(index))\nsafe()\n".utf8))
  }
  #expect(Set(result.findings.map(\.path)) == Set((0..<40).map { "f\($0).py" }))
}

/// Every rule of the feature suite, compiled once.
func featureEngine() throws -> RuleEngine {
  let files = try FileManager.default.contentsOfDirectory(atPath: featuresFolder)
    .filter { $0.hasSuffix(".yaml") }.sorted()
  let set = RuleLoader.load(
    files: files.map { (featuresFolder as NSString).appendingPathComponent($0) })
  try #require(set.errors.isEmpty, "\(set.errors.map(\.description))")
  return try RuleEngine(rules: set.rules)
}

@Test(arguments: [1, 2, 3])
func randomAndTruncatedFilesNeverBreakTheRules(seed: UInt64) throws {
  let engine = try featureEngine()
  var generator = SplitMix64(state: seed)
  let samples = try FileManager.default.contentsOfDirectory(atPath: featuresFolder)
    .filter { $0.hasSuffix(".py") }.sorted()
  for name in samples {
    let bytes = try Array(
      Data(
        contentsOf: URL(fileURLWithPath: (featuresFolder as NSString).appendingPathComponent(name)))
    )
    let cut = Int(generator.next() % UInt64(max(1, bytes.count)))
    let noise = (0..<512).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    for (path, text) in [
      ("cut.py", Array(bytes[..<cut])), ("noise.py", noise), ("noise.txt", noise),
    ] {
      let result = engine.scan(path: path, bytes: text)
      for finding in result.findings {
        #expect(finding.start.offset <= finding.end.offset && finding.end.offset <= text.count)
      }
    }
  }
}

@Test(
  "Bindings compare as code, whatever their layout",
  arguments: [
    ("a + b", "a+b", true), ("f(x,\n  y)", "f(x, y)", true), ("a", "b", false),
    ("ab", "a b", true), ("é(x)", "é( x )", true), ("é", "e", false), ("x\u{00A0}y", "xy", true),
    ("", "  ", true), ("a", "", false),
  ])
func sameCodeIgnoresLayout(_ example: (String, String, Bool)) {
  #expect(FormulaEvaluator.sameCode(example.0, example.1) == example.2)
  #expect(FormulaEvaluator.sameCode(example.1, example.0) == example.2)
}

/// A prefilter's literals, for comparing with what a regex requires.
private func describe(_ filter: Prefilter) -> String {
  switch filter {
  case .always: return "*"
  case .words(let words):
    return words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "&")
  case .substrings(let texts):
    return texts.map { "'" + String(decoding: $0, as: UTF8.self) + "'" }.joined(separator: "&")
  case .all(let parts): return "(" + parts.map(describe).joined(separator: " & ") + ")"
  case .any(let parts): return "(" + parts.map(describe).joined(separator: " | ") + ")"
  }
}

@Test(
  "A regex requires the literal text every match contains",
  arguments: [
    (#"\bhf_[A-Za-z0-9]{30,}\b"#, "'hf_'"),
    (#"\b(?:gsk_[A-Z]{4}|r8_[a-z]+|xai-x)\b"#, "('gsk_' | 'r8_' | 'xai-x')"),
    (#"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{32,}"#, "('sk-ant-' & ('api' | 'admin'))"),
    (#"NOPASSWD\s*:\s*ALL\b"#, "('NOPASSWD' & 'ALL')"),
    (#"(?i)\bchmod\s+777"#, "*"),
    (#"(?im)^ADD\s+"#, "*"),
    (#"(?m)^[ \t]*FROM[ \t]+x"#, "'FROM'"),
    (#"ab?c"#, "*"),
    (#"abc?d"#, "'ab'"),
    (
      #"(?:-v|--volume)[= ]+\S*/var/run/docker\.sock"#,
      "(('-v' | '--volume') & '/var/run/docker.sock')"
    ),
    (#"a|bc"#, "*"),
    (#"x(?!ant-)yz"#, "'yz'"),
    (#"(abc)*def"#, "'def'"),
    (#"ab+cd"#, "('ab' & 'cd')"),
    (#"\x41BC"#, "*"),
  ])
func regexLiterals(_ example: (String, String)) {
  #expect(describe(RegexLiterals.requirement(example.0)) == example.1)
}

@Test(
  "A #! line names the interpreter semgrep reads a script by",
  arguments: [
    ("#!/usr/bin/env python3\nx\n", PatternLanguage.python),
    ("#!/usr/bin/python\n", .python), ("#!/usr/bin/env -S python3.12 -u\n", .python),
    ("#! /opt/bin/python2\n", .python), ("#!/bin/bash\n", .bash), ("#!/bin/sh -e\n", .bash),
  ])
func shebangLanguage(_ example: (String, PatternLanguage)) {
  #expect(PatternLanguage.ofShebang(Array(example.0.utf8)) == example.1)
}

@Test("Lines that name no known interpreter give no language")
func shebangWithoutLanguage() {
  for text in ["#!/usr/bin/ruby\n", "# python\n", "#!/usr/bin/env\n", "", "#!/usr/bin/env FOO=1\n"]
  {
    #expect(PatternLanguage.ofShebang(Array(text.utf8)) == nil, "\(text)")
  }
}

@Test("An executable script without an extension is matched by its #! line, as semgrep does")
func executableScriptsByShebang() throws {
  let rule = try #require(
    RuleLoader.parse(
      """
      rules:
        - id: sys
          message: m
          severity: ERROR
          languages: [python]
          pattern: os.system(...)
      """, file: "r.yaml"
    ).rules.first)
  let engine = try RuleEngine(rules: [rule])
  let script = Array("#!/usr/bin/env python3\nimport os\nos.system(x)\n".utf8)
  #expect(engine.scan(path: "bin/tool", bytes: script, executable: true).findings.count == 1)
  #expect(engine.scan(path: "bin/tool", bytes: script, executable: false).findings.isEmpty)
  #expect(engine.scan(path: "bin/tool.txt", bytes: script, executable: true).findings.isEmpty)
}

@Test(
  "An in-place metavariable-pattern's words join the rule's prefilter, and matching is unchanged")
func nestedPatternWordsPrefilter() throws {
  let yaml = rule(
    """
        message: m
        patterns:
          - pattern: run($X)
          - metavariable-pattern:
              metavariable: $X
              pattern: reply.content
    """)
  let engine = try RuleEngine(rules: rules(yaml))
  let compiled = try #require(engine.rules.first)
  // A file holding `run` but not the nested pattern's names is not even parsed for the rule.
  #expect(!compiled.prefilter.allows(WordIndex(Array("run(x)\n".utf8))))
  #expect(compiled.prefilter.allows(WordIndex(Array("run(reply.content)\n".utf8))))
  #expect(engine.scan(path: "a.py", bytes: Array("run(x)\n".utf8)).findings.isEmpty)
  let found = engine.scan(path: "a.py", bytes: Array("run(reply.content)\nrun(y)\n".utf8)).findings
  #expect(found.map(\.start.line) == [1])
  // With a language, the binding's text is parsed anew: its words are not required.
  let other = rule(
    """
        message: m
        patterns:
          - pattern: run($X)
          - metavariable-pattern:
              metavariable: $X
              language: generic
              pattern: reply
    """)
  let anew = try RuleEngine(rules: rules(other))
  #expect(try #require(anew.rules.first).prefilter.allows(WordIndex(Array("run(x)\n".utf8))))
}
