import Foundation
import Testing

@testable import Rules

/// The valid fixture uses every top-level key and every operator; each test checks that one part
/// of it decodes to the model the engine will read.
@Suite struct ValidRuleTests {
  static let file = Fixtures.path("valid/search.yaml")

  let set: RuleSet
  init() throws {
    set = try RuleLoader.load(configs: [Self.file])
  }

  func rule(_ id: String) throws -> Rule {
    try #require(set.rules.first { $0.id == id })
  }

  /// The 1-based line and column where `text` first appears in the fixture, from line `from`.
  func place(of text: String, from: Int = 1) throws -> Rules.SourceLocation {
    let lines = try String(contentsOfFile: Self.file, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() where number + 1 >= from {
      if let range = line.range(of: text) {
        let column = line.unicodeScalars.distance(
          from: line.unicodeScalars.startIndex, to: range.lowerBound)
        return Rules.SourceLocation(file: Self.file, line: number + 1, column: column + 1)
      }
    }
    throw FixtureMissing(text: text)
  }

  struct FixtureMissing: Error { let text: String }

  @Test func loadsEveryRuleWithoutErrors() {
    #expect(set.errors.isEmpty, "\(set.errors)")
    #expect(
      set.rules.map(\.id) == [
        "every-search-key", "every-match-key", "taint-old-style", "taint-new-style", "a-join",
        "an-extract", "regex-only", "single-pattern", "either-top",
      ])
  }

  @Test func topLevelKeysOfASearchRule() throws {
    let rule = try rule("every-search-key")
    #expect(rule.message == "Call to $FUNC with a literal that looks like a secret")
    #expect(rule.severity == .error)
    #expect(rule.languages == [.python, .python3])
    #expect(rule.fix == "$FUNC(secret_from_env())")
    #expect(rule.paths == PathFilter(include: ["src/**"], exclude: ["tests/**", "*_test.py"]))
    #expect(rule.options == .object(["symbolic_propagation": .bool(true)]))
    #expect(rule.minVersion == nil)
    #expect(try self.rule("single-pattern").minVersion == "1.40.0")
    #expect(try self.rule("single-pattern").maxVersion == "9.0.0")
    #expect(rule.mode == .search)
    #expect(rule.location == (try place(of: "id: every-search-key")))
  }

  @Test func patternsKeepSemgrepsOrderOfTermsConditionsAndFocus() throws {
    guard case .all(let conjunction) = try rule("every-search-key").formula else {
      Issue.record("'patterns' should decode to a conjunction")
      return
    }
    #expect(conjunction.positives.count == 3)
    #expect(conjunction.negatives.count == 3)
    guard case .any(let branches, _) = conjunction.terms[0] else {
      Issue.record("the first term is the pattern-either")
      return
    }
    #expect(branches.count == 4)
    #expect(
      branches[0] == .pattern("$FUNC($KEY, $LEN, ...)", at: try place(of: "$FUNC($KEY, $LEN")))
    #expect(
      branches[3] == .regex("(?P<TOKEN>AKIA[A-Z0-9]{16})", at: try place(of: "(?P<TOKEN>")))
    // A `|` block starts at its first content line, at that line's indentation.
    let inside = try place(of: "import $LIB")
    let insideKey = try place(of: "pattern-inside", from: inside.line - 1)
    #expect(insideKey.line == inside.line - 1)
    #expect(
      conjunction.terms[1] == .inside(.pattern("import $LIB\n...\n", at: inside), at: insideKey))
    guard case .not(.inside(.pattern(let text, _), _), _) = conjunction.terms[2] else {
      Issue.record("pattern-not-inside decodes to not(inside)")
      return
    }
    #expect(text == "if $DEBUG:\n  ...\n")
    guard case .not(.regex("^\\s*#", _), _) = conjunction.terms[4],
      case .anywhere(.pattern("setup_logging()", _), _) = conjunction.terms[5]
    else {
      Issue.record("pattern-not-regex and the anywhere operator decode in place")
      return
    }
    #expect(conjunction.focus.map(\.names) == [["$KEY", "$FUNC"], ["$KEY"]])
  }

  @Test func conditionsOfTheOriginalSyntax() throws {
    guard case .all(let conjunction) = try rule("every-search-key").formula else {
      Issue.record("'patterns' should decode to a conjunction")
      return
    }
    let conditions = conjunction.conditions
    #expect(conditions.count == 5)
    guard case .metavariableRegex("$FUNC", "(?i)^(connect|login)$", false, _) = conditions[0],
      case .metavariablePattern("$KEY", .generic, .all(let inner), _) = conditions[1],
      case .metavariableComparison("$LEN", "$LEN > 16", 10, true, _) = conditions[2],
      case .metavariableAnalysis("$KEY", .string("entropy"), _) = conditions[3],
      case .metavariableType("$KEY", ["str", "bytes"], nil, _) = conditions[4]
    else {
      Issue.record("conditions decoded wrongly: \(conditions)")
      return
    }
    #expect(inner.terms == [.pattern("'...'", at: inner.terms[0].location), inner.terms[1]])
    #expect(inner.negatives == [.pattern("'changeme'", at: try place(of: "'changeme'"))])
  }

  @Test func theMatchSyntaxDecodesToTheSameTree() throws {
    let rule = try rule("every-match-key")
    #expect(rule.fixRegex?.regex == "(md5|sha1)")
    #expect(rule.fixRegex?.replacement == "sha256")
    #expect(rule.fixRegex?.count == 1)
    guard case .all(let conjunction) = rule.formula else {
      Issue.record("'all' with 'where' should decode to one conjunction")
      return
    }
    #expect(conjunction.location == (try place(of: "all:")))
    guard case .any(let branches, _) = conjunction.terms[0],
      case .inside(.pattern, _) = conjunction.terms[1],
      case .not(.inside(.pattern, _), _) = conjunction.terms[2],
      case .not(.pattern("hashlib.$ALG(usedforsecurity=False)", _), _) = conjunction.terms[3],
      case .anywhere(.regex("import hashlib", _), _) = conjunction.terms[4]
    else {
      Issue.record("terms decoded wrongly: \(conjunction.terms)")
      return
    }
    #expect(
      branches == [
        .pattern("hashlib.$ALG(...)", at: try place(of: "hashlib.$ALG(...)")),
        .pattern("hashlib.new(\"$ALG\", ...)", at: try place(of: "hashlib.new(")),
      ])
    let kinds = conjunction.conditions.map { condition -> String in
      switch condition {
      case .metavariableRegex: return "regex"
      case .metavariablePattern(_, _, .any, _): return "pattern"
      case .metavariableType: return "type"
      case .metavariableAnalysis: return "analysis"
      case .metavariableComparison(nil, "len(str($ALG)) < 5", nil, nil, _): return "comparison"
      default: return "unexpected \(condition)"
      }
    }
    #expect(kinds == ["regex", "pattern", "type", "analysis", "comparison"])
    #expect(conjunction.focus.map(\.names) == [["$ALG"]])
  }

  @Test func taintJoinAndExtractRulesKeepTheirParts() throws {
    let old = try #require(try rule("taint-old-style").taint)
    #expect(old.sources.count == 1 && old.sinks.count == 1)
    #expect(old.sources[0].options == ["label": .string("USER")])
    #expect(old.propagators[0].options == ["from": .string("$FROM"), "to": .string("$TO")])
    let new = try #require(try rule("taint-new-style").taint)
    #expect(new.sources[0].formula == .pattern("req.query", at: try place(of: "req.query")))
    #expect(new.sinks[0].options == ["requires": .string("USER")])
    #expect(try rule("taint-new-style").mode == .taint)
    #expect(try rule("a-join").join?["on"] == .array([.string("first.$X == first.$X")]))
    let extract = try #require(try rule("an-extract").extract)
    #expect(extract.metavariable == "$CODE")
    #expect(extract.destinationLanguage == .javascript)
    #expect(extract.destinationRules.include == ["js-eval"])
    #expect(
      try rule("an-extract").formula
        == .pattern("<script>$CODE</script>", at: try place(of: "<script>")))
  }

  @Test func unknownTopLevelKeysAreAcceptedAndNoted() throws {
    #expect(try rule("regex-only").languages == [.regex])
    #expect(set.warnings.map(\.location) == [try place(of: "future-key")])
    #expect(set.warnings.first?.severity == .warning)
  }

  @Test func metadataOfAnyNestingSurvivesIntoJSON() throws {
    let rule = try rule("every-search-key")
    let json = try RuleListing.json([RuleListing(rule: rule, execution: .inProcess)])
    let decoded = try JSONDecoder().decode([String: [RuleListing]].self, from: Data(json.utf8))
    let metadata = try #require(decoded["rules"]?.first?.metadata)
    #expect(
      metadata["nested"]?["depth"]?["two"]?["three"]
        == .array([
          .integer(1), .number(2.5), .bool(true), .string("null"), .object(["four": .string("4")]),
        ]))
    #expect(metadata["cwe"] == .array([.string("CWE-798: Use of Hard-coded Credentials")]))
    #expect(metadata["likelihood"] == .number(0.5))
    #expect(metadata == rule.metadata)
  }
}
