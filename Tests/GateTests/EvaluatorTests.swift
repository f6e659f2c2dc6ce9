import Attribution
import Gate
import GitKit
import Rules
import Testing

/// A change to `app.py` in which lines 3-4 are AI's, line 6 unknown and line 8 human.
func sampleAttribution() -> AttributionReport {
  let ai = LineAttribution(
    authorship: .ai, agent: "Claude Code", commit: ObjectID(hex: String(repeating: "a", count: 40)),
    evidence: Evidence(signal: .trailer, text: "Co-Authored-By: Claude <noreply@anthropic.com>"))
  let unknown = LineAttribution.unknown(commit: ObjectID(hex: String(repeating: "b", count: 40)))
  let human = LineAttribution(
    authorship: .human, agent: nil, commit: ObjectID(hex: String(repeating: "c", count: 40)),
    evidence: Evidence(signal: .trailer, text: "AI-assisted: no"))
  let file = FileAttribution(path: "app.py", lines: [(3, ai), (4, ai), (6, unknown), (8, human)])
  return AttributionReport(base: nil, head: nil, files: [file])
}

/// The file without suppression comments.
let plainSource = """
  import os
  x = 1
  os.system(cmd)
  os.system(cmd)
  os.system("ls")
  os.system(other)
  pass
  os.system(human_line)
  os.system(old_line)

  """

/// The file with a suppression an AI added (line 3) and one a person added (line 7).
let suppressedSource = """
  import os
  x = 1
  os.system(cmd)  # nosemgrep
  os.system(cmd)
  os.system("ls")
  os.system(other)
  # nosemgrep: shell-call
  os.system(human_line)
  os.system(old_line)

  """

func finding(
  _ line: Int, rule: String = "shell-call", severity: Rule.Severity = .error,
  engine: EngineName = .aigate, endLine: Int? = nil
) -> Finding {
  Finding(
    ruleID: rule, path: "app.py", start: FilePosition(line: line, col: 1, offset: 0),
    end: FilePosition(line: endLine ?? line, col: 10, offset: 0), message: "m",
    severity: severity, engine: engine)
}

@Suite("Scope, suppressions and policy")
struct EvaluatorTests {
  func evaluate(
    _ findings: [Finding], policy: Policy = .defaults, source: String = plainSource
  ) -> Evaluation {
    Evaluator.evaluate(
      findings: findings, attribution: sampleAttribution(),
      sources: ["app.py": SourceFile(path: "app.py", text: source)],
      policy: policy)
  }

  @Test("A finding on an AI line blocks; the same on an unknown line is only reported")
  func authorshipDecides() {
    let result = evaluate([finding(4), finding(6)])
    #expect(result.findings.map(\.finding.start.line) == [4, 6])
    #expect(result.findings.map(\.blocking) == [true, false])
    #expect(result.findings.map(\.authorship) == [.ai, .unknown])
    #expect(result.findings.first?.agent == "Claude Code")
    #expect(!result.verdict.passed)
  }

  @Test("Human lines are not gated by default, and old lines never are")
  func humanAndOld() {
    let result = evaluate([finding(8), finding(9), finding(1)])
    #expect(result.findings.isEmpty)
    #expect(result.notShown == 1)
    #expect(result.outsideChange == 2)
    #expect(result.verdict.passed)
  }

  @Test("A finding spanning old and AI lines takes the AI lines' treatment")
  func spanTouchingAI() {
    let result = evaluate([finding(2, endLine: 3)])
    #expect(result.findings.first?.authorship == .ai)
    #expect(result.findings.first?.blocking == true)
  }

  @Test("INFO on AI lines is reported, not blocking")
  func infoReported() {
    let result = evaluate([finding(4, severity: .info)])
    #expect(result.findings.first?.blocking == false)
    #expect(result.verdict.passed)
  }

  @Test("The same finding from both engines appears once")
  func deduplicated() {
    let result = evaluate([finding(4), finding(4, engine: .semgrep)])
    #expect(result.findings.count == 1)
    #expect(result.findings.first?.finding.engine == .aigate)
  }

  @Test("Two matches of one rule on one line stay two, as in semgrep")
  func sameLineTwice() {
    var second = finding(4)
    second.start = FilePosition(line: 4, col: 20, offset: 0)
    let result = evaluate([finding(4), second])
    #expect(result.findings.map(\.finding.start.col) == [1, 20])
  }

  @Test("A nosemgrep comment an AI added does not silence, and becomes a finding of its own")
  func aiSuppression() {
    let result = evaluate([finding(3)], source: suppressedSource)
    let rules = result.findings.map(\.finding.ruleID)
    #expect(rules.contains("shell-call"))
    #expect(rules.contains(Evaluator.suppressionRuleID))
    let original = result.findings.first { $0.finding.ruleID == "shell-call" }
    #expect(original?.blocking == true)
    #expect(original?.suppressedBy == nil)
    let suppression = result.findings.first { $0.finding.ruleID == Evaluator.suppressionRuleID }
    #expect(suppression?.finding.message.contains("shell-call") == true)
    #expect(suppression?.finding.start == FilePosition(line: 3, col: 19, offset: 34))
    #expect(suppression?.blocking == true)
  }

  @Test("A nosemgrep comment a person wrote, alone on the line before, silences")
  func humanSuppression() {
    var policy = Policy.defaults
    policy.human = Treatment(block: [.error], report: [])
    let result = evaluate([finding(8)], policy: policy, source: suppressedSource)
    let silenced = result.findings.filter { $0.finding.ruleID == "shell-call" }
    #expect(silenced.count == 1)
    #expect(silenced.first?.suppressedBy?.line == 7)
    #expect(silenced.first?.blocking == false)
    // Only the AI's own suppression on line 3 blocks.
    #expect(result.findings.filter(\.blocking).map(\.finding.start.line) == [3])
  }

  @Test("CRLF files keep their line numbers, and the file's byte offsets, for suppressions")
  func crlf() throws {
    var policy = Policy.defaults
    policy.human = Treatment(block: [.error], report: [])
    let source = suppressedSource.replacingOccurrences(of: "\n", with: "\r\n")
    let result = evaluate([finding(8)], policy: policy, source: source)
    let silenced = result.findings.first { $0.finding.ruleID == "shell-call" }
    #expect(silenced?.suppressedBy?.line == 7)
    let added = try #require(
      result.findings.first { $0.finding.ruleID == Evaluator.suppressionRuleID }?.finding)
    // Offsets count every byte of the file, the carriage returns included, as semgrep's do.
    let bytes = Array(source.utf8)
    let marker = try #require(source.range(of: "nosemgrep")).lowerBound
    #expect(added.start.offset == source.utf8.distance(from: source.startIndex, to: marker))
    #expect(added.start.line == 3 && added.end.line == 3)
    #expect(bytes[added.end.offset] == UInt8(ascii: "\r"))
    #expect(added.lines == "os.system(cmd)  # nosemgrep")
  }

  @Test("The policy may let AI suppress")
  func aiMaySuppress() {
    var policy = Policy.defaults
    policy.aiMaySuppress = true
    let result = evaluate([finding(3)], policy: policy, source: suppressedSource)
    #expect(result.findings.count == 1)
    #expect(result.findings.first?.suppressedBy != nil)
    #expect(result.verdict.passed)
  }

  @Test("Too large an AI share fails the gate on its own")
  func maxShare() {
    var policy = Policy.defaults
    policy.maxAIShare = 0.25
    let result = evaluate([], policy: policy)
    #expect(!result.verdict.passed)
    #expect(result.verdict.reasons.first?.contains("50%") == true)
  }

  @Test(
    "Suppression comments of many tools are recognised",
    arguments: [
      ("x = 1  # nosemgrep", "nosemgrep", [String]()),
      ("x = 1  # nosemgrep: a.b, c", "nosemgrep", ["a.b", "c"]),
      ("x = 1  # noqa: E501", "noqa", ["E501"]),
      ("x = 1  # nosec B602", "nosec", ["B602"]),
      ("f()  // eslint-disable-line no-eval", "eslint-disable-line", ["no-eval"]),
      ("// eslint-disable-next-line", "eslint-disable-next-line", []),
      ("int x;  // NOLINT(cert-err58)", "NOLINT", ["cert-err58"]),
      ("x := 1 //nolint:gosec", "nolint", ["gosec"]),
      ("@SuppressWarnings(\"unchecked\")", "@SuppressWarnings", ["\"unchecked\""]),
      ("x = f()  # type: ignore[attr-defined]", "type: ignore", ["attr-defined"]),
      ("if x:  # pragma: no cover", "pragma: no cover", []),
      ("// @ts-ignore", "@ts-ignore", []),
    ])
  func markers(line: String, marker: String, ids: [String]) {
    let comments = SuppressionScanner.comments(in: Substring(line), line: 1)
    #expect(comments.first?.marker == marker)
    #expect(comments.first?.ids == ids)
  }

  @Test(
    "Markers are found whatever their case, and past non-ASCII text",
    arguments: [
      ("x = 1  # NOSEMGREP: a", "NOSEMGREP", ["a"]),
      ("x = 1  # NoQa", "NoQa", [String]()),
      ("s = 'é'  # nosec", "nosec", []),
      ("x = 1  # no\u{017F}emgrep", "no\u{017F}emgrep", []),
      ("y = 2 /* ESLINT-DISABLE-LINE no-eval */", "ESLINT-DISABLE-LINE", ["no-eval"]),
      ("x = 1  # nosemgrep: règle.é, ok", "nosemgrep", ["règle.é", "ok"]),
    ])
  func markerCase(line: String, marker: String, ids: [String]) {
    let comments = SuppressionScanner.comments(in: Substring(line), line: 1)
    #expect(comments.first?.marker == marker)
    #expect(comments.first?.ids == ids)
  }

  @Test("A nosemgrep after the comment openers of the defined languages, SQL, HTML and INI")
  func everyCommentSyntax() {
    let lines = [
      "x # nosemgrep: r", "x // nosemgrep: r", "x /* nosemgrep: r */", "x -- nosemgrep: r",
      "<!-- nosemgrep: r -->", "x ; nosemgrep: r", " * nosemgrep: r",
    ]
    for line in lines {
      let comments = SuppressionScanner.comments(in: Substring(line), line: 1)
      #expect(comments.map(\.marker) == ["nosemgrep"], "\(line)")
      #expect(comments.first?.ids == ["r"], "\(line)")
    }
  }

  @Test("Words in ordinary code are not suppressions")
  func notMarkers() {
    for line in ["nosec = 1", "print('noqa')", "call_nolint()", "x = 'type: ignore'"] {
      #expect(SuppressionScanner.comments(in: Substring(line), line: 1).isEmpty, "\(line)")
    }
  }
}
