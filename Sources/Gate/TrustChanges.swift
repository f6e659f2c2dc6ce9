import Attribution
import GitKit
import Rules

/// A change to a file the gate trusts (its policy, the rules it runs), which the gate reports
/// as a finding of its own: it did not judge the change by it, and it takes effect once merged.
public struct TrustChange: Sendable {
  public enum Kind: String, Hashable, Sendable {
    case policy, rules
    /// `.aigate-baseline.json`: which findings are left out.
    case baseline
    /// `.semgrepignore` at the root: which files are not scanned.
    case ignore
  }

  /// Who made the change, and the line a finding about them goes on.
  public struct Author: Hashable, Sendable {
    /// 1-based: the first added line they wrote, else 1.
    public let line: Int
    public let attribution: LineAttribution

    public init(line: Int, attribution: LineAttribution) {
      self.line = line
      self.attribution = attribution
    }
  }

  public let kind: Kind
  /// The file's path (its new path when renamed).
  public let path: String
  /// "adds", "edits", "deletes" or "renames".
  public let verb: String
  public let authors: [Author]
  /// The file as the change leaves it; nil when deleted.
  public let source: SourceFile?
  /// The commit the gate took its configuration from, in words ("the merge-base 1a2b3c4").
  public let origin: String

  public init(
    kind: Kind, path: String, verb: String, authors: [Author], source: SourceFile?,
    origin: String
  ) {
    self.kind = kind
    self.path = path
    self.verb = verb
    self.authors = authors
    self.source = source
    self.origin = origin
  }
}

extension TrustRoot {
  /// The changes `changeSet` makes to `.aigate.yml`, to the repository rules in effect, to
  /// the baseline and to the root `.semgrepignore`.
  ///
  /// `authors` says who changed a file that has no added line (a deletion, a removal): the
  /// commits that touched it. `read` reads a file as the change leaves it.
  func changes(
    in changeSet: ChangeSet, attribution: AttributionReport,
    authors: (FileChange) -> [LineAttribution], read: (String) -> SourceFile?
  ) -> [TrustChange] {
    var result: [TrustChange] = []
    for file in changeSet.files {
      let paths = [file.path] + (file.oldPath.map { [$0] } ?? [])
      let kind: TrustChange.Kind
      if paths.contains(Policy.fileName) {
        kind = .policy
      } else if paths.contains(where: { path in guardedRules.contains { $0.covers(path) } }) {
        kind = .rules
      } else if paths.contains(Baseline.fileName) {
        kind = .baseline
      } else if paths.contains(SemgrepIgnore.fileName) {
        kind = .ignore
      } else {
        continue
      }
      var found: [TrustChange.Author] = []
      if let lines = attribution.files.first(where: { $0.path == file.path }) {
        for range in lines.ranges
        where !found.contains(where: { $0.attribution == range.attribution }) {
          found.append(TrustChange.Author(line: range.start, attribution: range.attribution))
        }
      }
      if found.isEmpty {
        found = authors(file).map { TrustChange.Author(line: 1, attribution: $0) }
      }
      if found.isEmpty {
        found = [TrustChange.Author(line: 1, attribution: .unknown(commit: changeSet.head))]
      }
      let verb: String
      switch file.status {
      case .added: verb = "adds"
      case .deleted: verb = "deletes"
      case .renamed: verb = "renames"
      default: verb = "edits"
      }
      result.append(
        TrustChange(
          kind: kind, path: file.path, verb: verb, authors: found,
          source: file.status == .deleted ? nil : read(file.path), origin: origin))
    }
    return result
  }
}

extension Evaluator {
  /// The rule id of the finding a change to `.aigate.yml` becomes.
  public static let policyChangedRuleID = "aigate.trust.policy-changed"
  /// The rule id of the finding a change to a repository rule file in effect becomes.
  public static let rulesChangedRuleID = "aigate.trust.rules-changed"
  /// The rule id of the finding a change to `.aigate-baseline.json` becomes.
  public static let baselineChangedRuleID = "aigate.trust.baseline-changed"
  /// The rule id of the finding a change to the root `.semgrepignore` becomes.
  public static let ignoreChangedRuleID = "aigate.trust.ignore-changed"

  /// Each change to the gate's own configuration as an ERROR finding, judged by who made it
  /// like any finding (it blocks when an agent did, under the default policy).
  static func trustFindings(_ changes: [TrustChange], policy: Policy) -> (
    [GatedFinding], notShown: Int
  ) {
    var result: [GatedFinding] = []
    var notShown = 0
    let severity = Rule.Severity.error
    for change in changes {
      let touched = change.authors.map(\.attribution)
      guard let (chosen, treatment) = strictest(touched, severity: severity, policy),
        let author = change.authors.first(where: { $0.attribution == chosen })
      else {
        notShown += 1
        continue
      }
      // The author's first line, else line 1 (empty for a deleted file).
      let line = change.source?.lineRange(author.line) != nil ? author.line : 1
      let bytes = change.source?.lineRange(line) ?? 0..<0
      let lineText = change.source?.text(from: bytes.lowerBound, to: bytes.upperBound) ?? ""
      let ruleID: String
      let message: String
      switch change.kind {
      case .policy:
        ruleID = policyChangedRuleID
        message =
          "This change \(change.verb) \(change.path), the gate's own policy (what blocks, which "
          + "rules run, what is excluded, the agent table). The gate judged the change by the "
          + "policy of \(change.origin); the edit takes effect once merged, so a person should "
          + "review it."
      case .rules:
        ruleID = rulesChangedRuleID
        message =
          "This change \(change.verb) \(change.path), a rule file the gate's policy runs. The "
          + "gate ran the rules of \(change.origin); the edit takes effect once merged, so a "
          + "person should review it."
      case .baseline:
        ruleID = baselineChangedRuleID
        message =
          "This change \(change.verb) \(change.path), the findings the gate leaves out as "
          + "already there. The gate used the baseline of \(change.origin); the edit takes "
          + "effect once merged, so a person should review it."
      case .ignore:
        ruleID = ignoreChangedRuleID
        message =
          "This change \(change.verb) \(change.path), which decides the files the gate does "
          + "not scan. The gate used the one of \(change.origin); the edit takes effect once "
          + "merged, so a person should review it."
      }
      let finding = Finding(
        ruleID: ruleID, path: change.path,
        start: FilePosition(line: line, col: 1, offset: bytes.lowerBound),
        end: FilePosition(line: line, col: bytes.count + 1, offset: bytes.upperBound),
        message: message, severity: severity,
        metadata: .object([
          "category": .string("security"),
          "trust": .string(change.kind.rawValue),
          "change": .string(change.verb),
        ]),
        lines: lineText, engine: .aigate)
      result.append(
        GatedFinding(
          finding: finding, authorship: chosen.authorship, agent: chosen.agent,
          commit: chosen.commit, blocking: treatment.block.contains(severity)))
    }
    return (result, notShown)
  }
}
