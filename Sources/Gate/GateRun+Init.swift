import Attribution
import GitKit
import Rules

extension GateRun {
  /// A run built from its parts, so reports can be tested and rendered without running the gate.
  ///
  /// Without `changeSet`, the change is the attribution's range with no commits or files.
  ///
  /// A factory rather than an `init`, since a public init with the members' labels would clash
  /// with the synthesized memberwise one.
  public static func assembled(
    evaluation: Evaluation, attribution: AttributionReport, base: BaseChoice? = nil,
    policy: Policy = .defaults, rules: [(rule: Rule, execution: Execution)],
    notRun: [(id: String, reason: String)] = [], engines: [EngineRun], scanned: [String],
    skipped: [(path: String, reason: String)] = [], root: String,
    sources: [String: SourceFile] = [:], changeSet: ChangeSet? = nil
  ) -> GateRun {
    GateRun(
      evaluation: evaluation, attribution: attribution, base: base, policy: policy, rules: rules,
      notRun: notRun, engines: engines, scanned: scanned, skipped: skipped, root: root,
      sources: sources,
      changeSet: changeSet
        ?? ChangeSet(mergeBase: attribution.base, head: attribution.head, commits: [], files: []))
  }
}

extension Evaluation {
  /// An evaluation built from its parts, for tests and tools that judge findings themselves.
  public static func assembled(
    verdict: Verdict, findings: [GatedFinding], outsideChange: Int = 0, notShown: Int = 0
  ) -> Evaluation {
    Evaluation(
      verdict: verdict, findings: findings, outsideChange: outsideChange, notShown: notShown)
  }
}

extension SuppressionComment {
  /// A comment built from its parts, for tests of what reports make of suppressed findings.
  public static func assembled(
    marker: String, tool: String, ids: [String] = [], line: Int, standsAlone: Bool
  ) -> SuppressionComment {
    SuppressionComment(marker: marker, tool: tool, ids: ids, line: line, standsAlone: standsAlone)
  }
}
