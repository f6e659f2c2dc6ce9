import Testing

@testable import Rules

/// Who runs a rule: the engine only when it implements all the rule uses.
@Suite struct ClassificationTests {
  static let engine = EngineCapabilities(
    languages: [.python, .generic, .regex],
    features: Set(Feature.allCases).subtracting([.metavariableType, .metavariableAnalysis]),
    options: ["constant_propagation"])

  static let cases: [(body: String, languages: String, expected: Execution)] = [
    ("pattern: eval(...)", "[python]", .inProcess),
    ("pattern-regex: 'AKIA[0-9A-Z]{16}'", "[regex]", .inProcess),
    (
      "pattern: eval(...)", "[python, ts]",
      .semgrepOnly(reason: "aigate cannot parse typescript yet")
    ),
    ("pattern: eval(...)", "[python3]", .semgrepOnly(reason: "aigate cannot parse python3 yet")),
    (
      "pattern: eval(...)\noptions:\n  constant_propagation: false", "[python]", .inProcess
    ),
    (
      "pattern: eval(...)\noptions:\n  symbolic_propagation: true", "[python]",
      .semgrepOnly(reason: "option 'symbolic_propagation' is not in the engine yet")
    ),
    (
      "patterns:\n  - pattern: f($X)\n  - metavariable-type:\n      metavariable: $X\n      type: int",
      "[python]", .semgrepOnly(reason: "metavariable-type is not in the engine yet")
    ),
    (
      "patterns:\n  - pattern: f($X)\n  - metavariable-pattern:\n      metavariable: $X\n"
        + "      language: javascript\n      pattern: g()",
      "[python]",
      .semgrepOnly(reason: "metavariable-pattern in javascript, which aigate cannot parse yet")
    ),
    (
      // PCRE-only syntax runs in process: aigate's regexes are PCRE2, as semgrep's.
      "pattern-regex: \\((?:[^()]|(?R))*\\)", "[generic]", .inProcess
    ),
    (
      "mode: taint\npattern-sources: [{pattern: input()}]\npattern-sinks: [{pattern: eval(...)}]",
      "[python]", .inProcess
    ),
    (
      "mode: taint\npattern-sources: [{pattern: input(), label: A}]\n"
        + "pattern-sinks: [{pattern: eval(...), requires: A}]",
      "[python]", .semgrepOnly(reason: "taint source option 'label' is not in the engine yet")
    ),
    (
      "mode: taint\npattern-sources: [{pattern: input()}]\npattern-sinks: [{pattern: eval(...)}]\n"
        + "pattern-propagators: [{pattern: $T.add($F), from: $F, to: $T}]",
      "[python]", .semgrepOnly(reason: "taint rule with pattern-propagators")
    ),
    (
      "mode: taint\npattern-sources: [{pattern: input()}]\npattern-sinks: [{pattern: eval(...)}]\n"
        + "options:\n  taint_assume_safe_functions: true",
      "[python]",
      .semgrepOnly(reason: "option 'taint_assume_safe_functions' is not in the engine yet")
    ),
    (
      "mode: taint\npattern-sources: [{pattern: input()}]\n"
        + "pattern-sinks: [{patterns: [{pattern: eval($X)}, {metavariable-type: "
        + "{metavariable: $X, type: int}}]}]",
      "[python]", .semgrepOnly(reason: "metavariable-type is not in the engine yet")
    ),
    (
      "pattern: eval(...)\nr2c-internal-project-depends-on: {namespace: pypi, package: x, version: '< 2'}",
      "[python]", .semgrepOnly(reason: "uses 'r2c-internal-project-depends-on'")
    ),
  ]

  @Test(arguments: cases)
  func classifies(body: String, languages: String, expected: Execution) throws {
    let set = RuleLoader.parse(ruleText(languages: languages, body), file: "c.yaml")
    #expect(set.errors.isEmpty, "\(set.errors)")
    let rule = try #require(set.rules.first)
    #expect(classify(rule, with: Self.engine) == expected)
  }

  @Test func anEngineWithoutTaintModeLeavesTaintRulesToSemgrep() throws {
    let set = RuleLoader.parse(
      ruleText(
        languages: "[python]",
        "mode: taint\npattern-sources: [{pattern: input()}]\npattern-sinks: [{pattern: eval(...)}]"),
      file: "t.yaml")
    let rule = try #require(set.rules.first)
    var engine = Self.engine
    engine.features.remove(.taint)
    #expect(classify(rule, with: engine) == .semgrepOnly(reason: "taint mode"))
  }

  /// Symbolic propagation runs in search rules; the taint walk does not use it, so a taint
  /// rule asking for it stays with semgrep even on an engine that knows the option.
  @Test func aTaintRuleWithSymbolicPropagationIsDelegated() throws {
    let body =
      "mode: taint\npattern-sources: [{pattern: input()}]\npattern-sinks: [{pattern: eval(...)}]\n"
      + "options:\n  symbolic_propagation: true"
    let rule = try #require(
      RuleLoader.parse(ruleText(languages: "[python]", body), file: "t.yaml").rules.first)
    var engine = Self.engine
    engine.options.insert("symbolic_propagation")
    #expect(
      classify(rule, with: engine)
        == .semgrepOnly(reason: "option 'symbolic_propagation' in a taint rule"))
  }

  @Test func aLanguageSemgrepKnowsIsDelegatedNotRefused() throws {
    let set = RuleLoader.parse(ruleText(languages: "[kotlin]", "pattern: f()"), file: "k.yaml")
    #expect(set.errors.isEmpty)
    let rule = try #require(set.rules.first)
    #expect(
      classify(rule, with: Self.engine) == .semgrepOnly(reason: "aigate cannot parse kotlin yet"))
  }
}
