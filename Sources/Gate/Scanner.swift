import Foundation
import Rules

/// What `aigate scan` found, for the reports.
public struct ScanRun: Sendable {
  /// Findings in report order, with `nosemgrep` applied as semgrep applies it.
  public let findings: [Finding]
  public let rules: [(rule: Rule, execution: Execution)]
  public let notRun: [(id: String, reason: String)]
  public let engines: [EngineRun]
  public let scanned: [String]
  public let skipped: [(path: String, reason: String)]
  /// Findings a `nosemgrep` comment silenced.
  public let suppressed: Int
  /// The folder the scan ran from: the paths above are relative to it.
  public let root: String
  /// The files read, by path (those with findings at least), for the reports.
  public let sources: [String: SourceFile]
  /// Findings left out because the baseline holds them.
  public var baselined: [Finding] = []
}

/// Scans files or folders without git, like `semgrep scan`.
public struct Scanner {
  public let engines: EngineSet

  public init(engines: EngineSet) {
    self.engines = engines
  }

  public func run(
    paths: [String], configs: [String], workingDirectory: String, strict: Bool,
    qualifyingIDs: Bool = true, options: TargetWalker.Options = TargetWalker.Options(),
    filters: ScanFilters = ScanFilters(), baseline: Baseline? = nil
  ) throws(GateError) -> ScanRun {
    let ruleSet: RuleSet
    do {
      ruleSet = try RuleLoader.load(
        configs: configs, qualifyingFrom: qualifyingIDs ? workingDirectory : nil)
      _ = try ruleSet.requireValid()
    } catch {
      throw .rules(error)
    }
    guard !ruleSet.rules.isEmpty || !engines.semgrep.configs.isEmpty else {
      throw .noRules(configs: configs)
    }
    var walked = try TargetWalker.walk(paths, workingDirectory: workingDirectory, options: options)
    var admitted: [ScanTarget] = []
    for target in walked.targets {
      if let reason = filters.reasonToSkip(path: target.path) {
        walked.skipped.append((target.path, reason))
      } else {
        admitted.append(target)
      }
    }
    walked.targets = admitted
    if strict && !walked.unreadable.isEmpty {
      throw .unreadableFiles(walked.unreadable.map { "\($0.path): \($0.reason)" })
    }
    let classified = engines.classify(filters.rules(ruleSet.rules))
    let found = try engines.run(
      classified, targets: walked.targets, root: workingDirectory, strict: strict)

    // The files the in-process engine read already; only those semgrep alone reported on are
    // read here.
    var sources = found.sources
    var kept: [Finding] = []
    var suppressed = 0
    let absolute = Dictionary(
      walked.targets.map { ($0.path, $0.absolutePath) }, uniquingKeysWith: { first, _ in first })
    for finding in Evaluator.deduplicate(found.findings) {
      let source: SourceFile
      if let known = sources[finding.path] {
        source = known
      } else {
        let file = absolute[finding.path] ?? finding.path
        let data = FileManager.default.contents(atPath: file) ?? Data()
        source = SourceFile(path: finding.path, data: data)
        sources[finding.path] = source
      }
      if Evaluator.nosemgrep(for: finding, in: source) != nil {
        suppressed += 1
      } else {
        kept.append(finding)
      }
    }
    kept.sort(by: Finding.reportOrder)
    var baselined: [Finding] = []
    if let baseline { (kept, baselined) = baseline.split(kept) }
    var run = ScanRun(
      findings: kept, rules: classified, notRun: found.notRun,
      engines: found.engines, scanned: walked.targets.map(\.path), skipped: walked.skipped,
      suppressed: suppressed, root: workingDirectory, sources: sources)
    run.baselined = baselined
    return run
  }
}
