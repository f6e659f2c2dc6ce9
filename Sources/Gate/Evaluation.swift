import Attribution
import GitKit
import Rules

/// A finding in the change, with who wrote the lines it touches and what the policy makes of it.
public struct GatedFinding: Hashable, Sendable {
  public var finding: Finding
  /// The authorship that decided its treatment (the strictest among the added lines it touches).
  public var authorship: Authorship
  public var agent: String?
  public var commit: ObjectID?
  /// Whether it fails the gate.
  public var blocking: Bool
  /// The `nosemgrep` comment that silenced it, when one did (never one an AI added, unless the
  /// policy allows that); a suppressed finding never blocks.
  public var suppressedBy: SuppressionComment?

  public init(
    finding: Finding, authorship: Authorship, agent: String?, commit: ObjectID?,
    blocking: Bool, suppressedBy: SuppressionComment? = nil
  ) {
    self.finding = finding
    self.authorship = authorship
    self.agent = agent
    self.commit = commit
    self.blocking = blocking
    self.suppressedBy = suppressedBy
  }
}

/// The gate's answer.
public struct Verdict: Hashable, Sendable {
  public let passed: Bool
  /// Why it failed (empty when it passed).
  public let reasons: [String]

  public init(passed: Bool, reasons: [String]) {
    self.passed = passed
    self.reasons = reasons
  }
}

/// What evaluation made of the findings.
public struct Evaluation: Sendable {
  public let verdict: Verdict
  /// Findings the policy shows, in report order (blocking or not, suppressed included).
  public let findings: [GatedFinding]
  /// Findings that touch no added line: they were there before the change.
  public let outsideChange: Int
  /// Findings on added lines whose authorship the policy does not show.
  public let notShown: Int
}

/// Applies scope, suppressions and policy to findings: pure, so it is tested without git.
public enum Evaluator {
  /// The rule id of the finding an AI-added suppression comment becomes.
  public static let suppressionRuleID = "aigate.suppression-added"

  /// Strictest first: the order in which touched authorships are considered.
  static let strictness: [Authorship] = [.ai, .unknown, .maintenanceBot, .human]

  /// Evaluates `findings` (from every engine, with no suppression applied yet).
  ///
  /// Judges them by who wrote each added line they touch. `sources` holds the scanned files by
  /// path, for suppression comments. `trustChanges`, the change's edits to the gate's own
  /// policy and rules, become findings of their own.
  public static func evaluate(
    findings: [Finding], attribution: AttributionReport, sources: [String: SourceFile],
    policy: Policy, trustChanges: [TrustChange] = []
  ) -> Evaluation {
    let files = Dictionary(attribution.files.map { ($0.path, $0) }) { first, _ in first }
    // A file not scanned reads as empty: it holds no comment.
    let empty = SourceFile(path: "", bytes: [])
    func source(_ path: String) -> SourceFile { sources[path] ?? empty }

    var gated: [GatedFinding] = []
    var outside = 0
    var notShown = 0
    for finding in deduplicate(findings) {
      guard let file = files[finding.path] else {
        outside += 1
        continue
      }
      let touched = finding.lineSpan.compactMap { file.attribution(line: $0) }
      guard !touched.isEmpty else {
        outside += 1
        continue
      }
      guard let (chosen, treatment) = strictest(touched, severity: finding.severity, policy)
      else {
        notShown += 1
        continue
      }
      var entry = GatedFinding(
        finding: finding, authorship: chosen.authorship, agent: chosen.agent,
        commit: chosen.commit, blocking: treatment.block.contains(finding.severity))
      if let comment = nosemgrep(for: finding, in: source(finding.path)) {
        let commentBy = file.attribution(line: comment.line)
        let aiAdded = commentBy?.authorship == .ai
        if !aiAdded || policy.aiMaySuppress {
          entry.suppressedBy = comment
          entry.blocking = false
        }
      }
      gated.append(entry)
    }
    gated += suppressionFindings(
      attribution: attribution, source: source, policy: policy, findings: findings)
    let trust = trustFindings(trustChanges, policy: policy)
    gated += trust.0
    notShown += trust.notShown

    gated.sort { Finding.reportOrder($0.finding, $1.finding) }
    var reasons: [String] = []
    let blocking = gated.filter(\.blocking)
    if !blocking.isEmpty {
      let count = blocking.count
      reasons.append("\(count) blocking finding\(count == 1 ? "" : "s") on gated lines")
    }
    if let limit = policy.maxAIShare, attribution.summary.aiShare > limit {
      let share = Int((attribution.summary.aiShare * 100).rounded())
      reasons.append(
        "AI wrote \(share)% of the added lines, more than the policy's max-ai-share of "
          + "\(Int((limit * 100).rounded()))%")
    }
    return Evaluation(
      verdict: Verdict(passed: reasons.isEmpty, reasons: reasons), findings: gated,
      outsideChange: outside, notShown: notShown)
  }

  /// One finding per rule, file and start (line and column).
  ///
  /// The first engine's wins (callers list aigate's own findings first). Two matches of one rule
  /// on one line stay two, as in semgrep (`a = f(x); b = f(y)`).
  static func deduplicate(_ findings: [Finding]) -> [Finding] {
    var seen: Set<String> = []
    return findings.filter { finding in
      let start = "\(finding.start.line):\(finding.start.col)"
      return seen.insert("\(finding.ruleID)\u{0}\(finding.path)\u{0}\(start)").inserted
    }
  }

  /// The touched authorship whose treatment is strictest for `severity`: one that blocks it,
  /// else one that shows it; nil when none shows it.
  static func strictest(
    _ touched: [LineAttribution], severity: Rule.Severity, _ policy: Policy
  ) -> (LineAttribution, Treatment)? {
    let ordered = strictness.compactMap { authorship in
      touched.first { $0.authorship == authorship }
    }
    for line in ordered {
      let treatment = policy.treatment(for: line.authorship)
      if treatment.block.contains(severity) { return (line, treatment) }
    }
    for line in ordered {
      let treatment = policy.treatment(for: line.authorship)
      if treatment.report.contains(severity) { return (line, treatment) }
    }
    return nil
  }

  /// The `nosemgrep` comment that would silence `finding` by semgrep's placement: on its first
  /// line, or alone on the line before.
  public static func nosemgrep(for finding: Finding, in source: SourceFile) -> SuppressionComment? {
    let line = finding.start.line
    if let text = source.line(line) {
      let here = SuppressionScanner.comments(in: Substring(text), line: line)
      if let comment = here.first(where: {
        SuppressionScanner.nosemgrep($0, covers: finding.ruleID)
      }) {
        return comment
      }
    }
    if line >= 2, let text = source.line(line - 1) {
      let before = SuppressionScanner.comments(in: Substring(text), line: line - 1)
      if let comment = before.first(where: {
        $0.standsAlone && SuppressionScanner.nosemgrep($0, covers: finding.ruleID)
      }) {
        return comment
      }
    }
    return nil
  }

  /// Every suppression comment on an AI-authored added line becomes a finding of its own,
  /// unless the policy lets AI suppress.
  static func suppressionFindings(
    attribution: AttributionReport, source: (String) -> SourceFile, policy: Policy,
    findings: [Finding]
  ) -> [GatedFinding] {
    guard !policy.aiMaySuppress else { return [] }
    var result: [GatedFinding] = []
    for file in attribution.files {
      let text = source(file.path)
      for range in file.ranges where range.attribution.authorship == .ai {
        for line in range.lines {
          guard let bytes = text.lineRange(line),
            SuppressionScanner.mayHoldComment(text.bytes[bytes])
          else { continue }
          let lineText = Substring(text.text(from: bytes.lowerBound, to: bytes.upperBound))
          for comment in SuppressionScanner.comments(in: lineText, line: line) {
            let silenced = silencedFindings(comment, path: file.path, findings: findings)
            let what = silenced.isEmpty ? comment.target : silenced.joined(separator: ", ")
            let severity = Rule.Severity.warning
            let treatment = policy.treatment(for: .ai)
            guard treatment.shows(severity) else { continue }
            let column = byteColumn(of: comment.marker, in: lineText)
            // Offsets count the file's own bytes, as semgrep's do.
            let finding = Finding(
              ruleID: suppressionRuleID, path: file.path,
              start: FilePosition(line: line, col: column, offset: bytes.lowerBound + column - 1),
              end: FilePosition(line: line, col: bytes.count + 1, offset: bytes.upperBound),
              message:
                "AI-authored code added '\(comment.marker)', which tries to silence \(what). "
                + "Suppressions written by an agent do not silence the gate: fix the code, or "
                + "have a person review and add the suppression.",
              severity: severity,
              metadata: .object([
                "category": .string("security"),
                "suppression": .string(comment.marker),
                "tool": .string(comment.tool),
                "silences": .array((silenced.isEmpty ? comment.ids : silenced).map { .string($0) }),
              ]),
              lines: String(lineText), engine: .aigate)
            result.append(
              GatedFinding(
                finding: finding, authorship: .ai, agent: range.attribution.agent,
                commit: range.attribution.commit,
                blocking: treatment.block.contains(severity)))
          }
        }
      }
    }
    return result
  }

  /// The rule ids of findings a `nosemgrep` comment would silence.
  static func silencedFindings(
    _ comment: SuppressionComment, path: String, findings: [Finding]
  ) -> [String] {
    guard comment.tool == "semgrep" else { return [] }
    let targets = comment.standsAlone ? [comment.line, comment.line + 1] : [comment.line]
    let ids = findings.filter { finding in
      finding.path == path && targets.contains(finding.start.line)
        && SuppressionScanner.nosemgrep(comment, covers: finding.ruleID)
    }.map(\.ruleID)
    return Array(Set(ids)).sorted()
  }

  /// The 1-based byte column where `marker` starts on `line` (1 when absent).
  static func byteColumn(of marker: String, in line: Substring) -> Int {
    guard let range = line.range(of: marker, options: .caseInsensitive) else { return 1 }
    return line[..<range.lowerBound].utf8.count + 1
  }
}
