import Attribution
import Foundation
import Gate
import GitKit
import Rules

@testable import Reports

/// A gate run built in code, with its scanned text, covering what every
/// reporter must handle: multibyte and CRLF lines, blocking, reported and suppressed findings, an
/// AI-added suppression, a rule known only from its finding, engine warnings and a rule not run.
struct Fixture {
  static let version = "9.9.9-test"
  static let headHex = "1234567890abcdef1234567890abcdef12345678"
  static let baseHex = "abcdefabcdefabcdefabcdefabcdefabcdefabcd"
  static let started = Date(timeIntervalSince1970: 1_790_000_000)
  static let finished = Date(timeIntervalSince1970: 1_790_000_003)

  /// The scanned files, with the line shapes columns get wrong.
  ///
  /// `app.py` holds an emoji and CJK before the match; `win.py` has CRLF line
  /// endings and a tab.
  static let files: [String: String] = [
    "app.py": "import os\nx = \"é😀中\" + eval(user)\n\n# nosemgrep\neval(other)\n",
    "win.py": "import os\r\ndef run(cmd):\r\n\tos.system(cmd)  # noqa\r\n",
    "odd, name:1.py": "data = 1\n",
  ]

  let root: String

  /// A root that does not exist: reports take the scanned text from the run, never from disk.
  init() {
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-reports-\(UUID().uuidString)").path
  }

  /// Byte columns (as semgrep reports them) of `needle`'s first occurrence on `line` of `path`.
  static func span(_ path: String, line: Int, _ needle: String) -> (FilePosition, FilePosition) {
    // Split on the byte, since Swift reads "\r\n" as one Character.
    let lines = (files[path] ?? "").utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    let text = line <= lines.count ? lines[line - 1] : ""
    guard let range = text.range(of: needle) else {
      return (
        FilePosition(line: line, col: 1, offset: 0), FilePosition(line: line, col: 1, offset: 0)
      )
    }
    let before = text[..<range.lowerBound].utf8.count
    let length = needle.utf8.count
    let lineOffset = lines.prefix(line - 1).reduce(0) { $0 + $1.utf8.count + 1 }
    return (
      FilePosition(line: line, col: before + 1, offset: lineOffset + before),
      FilePosition(line: line, col: before + length + 1, offset: lineOffset + before + length)
    )
  }

  static func rule(
    _ id: String, _ message: String, _ severity: Rule.Severity, metadata: JSONValue = .object([:])
  ) -> Rule {
    Rule(
      id: id, message: message, severity: severity, languages: [.python], metadata: metadata,
      formula: nil, location: SourceLocation(file: "rules/\(id).yaml", line: 2, column: 5))
  }

  static let evalMetadata: JSONValue = .object([
    "cwe": .array([.string("CWE-95: Improper Neutralization of Directives in Eval")]),
    "owasp": .array([.string("A03:2021 - Injection")]),
    "category": .string("security"),
    "confidence": .string("HIGH"),
    "likelihood": .string("MEDIUM"),
    "impact": .string("HIGH"),
    "references": .array([.string("https://docs.python.org/3/library/functions.html#eval")]),
  ])

  static let rules: [Rule] = [
    rule(
      "python.eval", "eval() runs $X as code. Parse the value instead.", .error,
      metadata: evalMetadata),
    rule(
      "python.os-system", "os.system runs a shell command.", .warning,
      metadata: .object([
        "cwe": .string("CWE-78: OS Command Injection"), "confidence": .string("LOW"),
      ])),
    rule("python.quiet", "Never matches here.", .info),
    rule("python.taint-flow", "Tainted data reaches a sink.", .error),
  ]

  func findings() -> [GatedFinding] {
    let head = ObjectID(hex: Self.headHex)
    let (evalStart, evalEnd) = Self.span("app.py", line: 2, "eval(user)")
    let (otherStart, otherEnd) = Self.span("app.py", line: 5, "eval(other)")
    let (systemStart, systemEnd) = Self.span("win.py", line: 3, "os.system(cmd)")
    let (noqaStart, _) = Self.span("win.py", line: 3, "noqa")
    let (dataStart, dataEnd) = Self.span("odd, name:1.py", line: 1, "data = 1")
    return [
      GatedFinding(
        finding: Finding(
          ruleID: "python.eval", path: "app.py", start: evalStart, end: evalEnd,
          message: "eval() runs user as code. Parse the value instead.", severity: .error,
          metadata: Self.evalMetadata, lines: "x = \"é😀中\" + eval(user)", engine: .semgrep),
        authorship: .ai, agent: "Claude Code", commit: head, blocking: true),
      GatedFinding(
        finding: Finding(
          ruleID: "python.eval", path: "app.py", start: otherStart, end: otherEnd,
          message: "eval() runs other as code. Parse the value instead.", severity: .error,
          metadata: Self.evalMetadata, lines: "eval(other)", engine: .semgrep),
        authorship: .human, agent: nil, commit: head, blocking: false,
        suppressedBy: .assembled(marker: "nosemgrep", tool: "semgrep", line: 4, standsAlone: true)),
      GatedFinding(
        finding: Finding(
          ruleID: "extra.config-rule", path: "odd, name:1.py", start: dataStart, end: dataEnd,
          message:
            "A rule from a semgrep-only config: 100% <sure> & \"quoted\", 'single'\nline two",
          severity: .info, metadata: .object(["category": .string("best-practice")]),
          lines: "data = 1",
          engine: .semgrep),
        authorship: .unknown, agent: nil, commit: nil, blocking: false),
      GatedFinding(
        finding: Finding(
          ruleID: "python.os-system", path: "win.py", start: systemStart, end: systemEnd,
          message: "os.system runs a shell command.", severity: .warning,
          metadata: .object(["cwe": .string("CWE-78: OS Command Injection")]),
          lines: "\tos.system(cmd)  # noqa\r", engine: .semgrep),
        authorship: .unknown, agent: nil, commit: head, blocking: false),
      GatedFinding(
        finding: Finding(
          ruleID: Evaluator.suppressionRuleID, path: "win.py", start: noqaStart,
          end: FilePosition(line: 3, col: 24, offset: 0),
          message: "AI-authored code added 'noqa', which tries to silence every flake8/ruff "
            + "finding there.", severity: .warning,
          metadata: .object(["category": .string("security")]), lines: "\tos.system(cmd)  # noqa\r",
          engine: .aigate),
        authorship: .ai, agent: "Claude Code", commit: head, blocking: false),
    ]
  }

  func run(findings: [GatedFinding]? = nil, engines: [EngineRun]? = nil) -> GateRun {
    let findings = findings ?? self.findings()
    let blocking = findings.filter(\.blocking).count
    let verdict = Verdict(
      passed: blocking == 0,
      reasons: blocking == 0 ? [] : ["\(blocking) blocking finding on gated lines"])
    let head = ObjectID(hex: Self.headHex)
    let ai = LineAttribution(
      authorship: .ai, agent: "Claude Code", commit: head,
      evidence: Evidence(signal: .trailer, text: "Co-authored-by: Claude"))
    let unknown = LineAttribution.unknown(commit: head)
    let attribution = AttributionReport(
      base: ObjectID(hex: Self.baseHex), head: head,
      files: [
        FileAttribution(
          path: "app.py", ranges: [AttributedRange(start: 1, end: 5, attribution: ai)]),
        FileAttribution(
          path: "win.py", ranges: [AttributedRange(start: 1, end: 3, attribution: unknown)]),
      ])
    return GateRun.assembled(
      evaluation: .assembled(verdict: verdict, findings: findings), attribution: attribution,
      rules: Self.rules.map {
        ($0, .semgrepOnly(reason: "the in-process engine is not available"))
      },
      notRun: [("python.taint-flow", "semgrep timed out on it")],
      engines: engines ?? [
        EngineRun(
          engine: .semgrep, version: "1.185.0", rules: 3, findings: 4,
          warnings: ["Syntax error at odd, name:1.py:3: skipped the rest of the file"])
      ],
      scanned: ["app.py", "odd, name:1.py", "win.py"], root: root,
      sources: Self.files.reduce(into: [:]) {
        $0[$1.key] = SourceFile(path: $1.key, text: $1.value)
      })
  }

  func report(findings: [GatedFinding]? = nil, engines: [EngineRun]? = nil) -> Report {
    Report(
      run: run(findings: findings, engines: engines), toolVersion: Self.version,
      startTime: Self.started, endTime: Self.finished)
  }
}
