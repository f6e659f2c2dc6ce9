import Foundation
import Rules
import Semgrep

/// What the engines found together.
public struct EnginesResult: Sendable {
  /// Every finding, the in-process engine's first, with no `nosemgrep` applied.
  public var findings: [Finding]
  public var engines: [EngineRun]
  /// Rules that could not run, with the reason.
  public var notRun: [(id: String, reason: String)]
  /// The scanned files held in memory, by path: the targets' own, and those the in-process
  /// engine read that findings point into.
  public var sources: [String: SourceFile]
  /// Every rule with who ran it: the classification `run` was given, with the rules the
  /// engine could not compile once compiled on demand handed to semgrep.
  public var rules: [(rule: Rule, execution: Execution)] = []
}

/// The in-process engine and semgrep, run over the same targets: each rule by the engine that
/// can run it exactly, semgrep for the rest.
public struct EngineSet: Sendable {
  public let engine: (any InProcessEngine)?
  public let semgrep: SemgrepPolicy
  public let environment: [String: String]
  /// Rule and config files read from a commit's tree, by the repository path rules name them
  /// with; semgrep gets them written under `configFolder`.
  public var configFiles: [String: Data] = [:]
  public var configFolder: String?
  /// Whether `classify` leaves compiling to `run`, which then compiles only the rules some
  /// target could match: `aigate check` holds a few changed files against every rule.
  public var compilesOnDemand = false

  public init(
    engine: (any InProcessEngine)?, semgrep: SemgrepPolicy, environment: [String: String]
  ) {
    self.engine = engine
    self.semgrep = semgrep
    self.environment = environment
  }

  /// Who runs each rule.
  public func classify(_ rules: [Rule]) -> [(rule: Rule, execution: Execution)] {
    guard let engine else {
      return rules.map {
        (rule: $0, execution: .semgrepOnly(reason: "the in-process engine is not available"))
      }
    }
    if compilesOnDemand {
      return rules.map { (rule: $0, execution: Rules.classify($0, with: engine.capabilities)) }
    }
    // Asking the engine compiles each rule: on every core.
    let executions = ParallelSlots<Execution>(count: rules.count)
    Parallel.perform(iterations: rules.count) { index in
      executions.set(index, engine.execution(of: rules[index]))
    }
    return zip(rules, executions.values()).map { rule, execution in
      (rule: rule, execution: execution ?? .semgrepOnly(reason: "not classified"))
    }
  }

  /// Runs `classified` rules over `targets`, whose paths are relative to `root`.
  ///
  /// Fails when semgrep must run and cannot, or when no rule at all could run on files that
  /// needed one.
  public func run(
    _ classified: [(rule: Rule, execution: Execution)], targets: [ScanTarget], root: String,
    strict: Bool
  ) throws(GateError) -> EnginesResult {
    var result = EnginesResult(
      findings: [], engines: [], notRun: [],
      sources: Dictionary(
        targets.compactMap { $0.source.map { ($0.path, $0) } },
        uniquingKeysWith: { first, _ in first }
      ))
    var classified = classified
    // The rules the engine compiles now: every one it runs, or those some target could match.
    var scanned = classified.filter { $0.execution == .inProcess }.map(\.rule)
    if compilesOnDemand, let engine, !targets.isEmpty, !scanned.isEmpty {
      let indices = classified.indices.filter { classified[$0].execution == .inProcess }
      let uptakes = try engine.uptake(of: scanned, on: targets)
      scanned = []
      for (index, uptake) in zip(indices, uptakes) {
        switch uptake {
        case .runs: scanned.append(classified[index].rule)
        case .unreachable: break
        case .delegated(let reason): classified[index].execution = .semgrepOnly(reason: reason)
        }
      }
    }
    result.rules = classified
    let inProcess = classified.filter { $0.execution == .inProcess }.map(\.rule)
    if let engine, !targets.isEmpty, !inProcess.isEmpty {
      let output = try engine.scan(rules: scanned, targets: targets)
      result.findings += output.findings
      for source in output.sources where result.sources[source.path] == nil {
        result.sources[source.path] = source
      }
      var run = EngineRun(
        engine: .aigate, version: nil, rules: inProcess.count, findings: output.findings.count,
        warnings: output.warnings, failures: output.failures)
      run.timings = output.timings
      result.engines.append(run)
    }
    let delegated = classified.filter { $0.execution != .inProcess }.map(\.rule)
    let selection = LanguageFiles.Targets(targets)
    if let run = try runSemgrep(
      delegated: delegated, allRules: classified.map(\.rule), targets: targets,
      selection: selection, root: root, notRun: &result.notRun)
    {
      result.findings += run.findings
      result.engines.append(run.run)
    }
    // Checking nothing is not a pass: with files to scan, some rule must have run.
    // (A rule counts as run only where it could match a target: Python rules checking a Go
    // change do not count.)
    let ranInProcess = engine != nil && inProcess.contains { selection.anyMayApply($0.languages) }
    let ranInSemgrep = result.engines.contains { $0.engine == .semgrep && $0.rules > 0 }
    let nothingRan = !targets.isEmpty && !result.notRun.isEmpty && !ranInProcess && !ranInSemgrep
    if (strict && !result.notRun.isEmpty) || nothingRan {
      throw .rulesNotRun(result.notRun.map(\.id))
    }
    let failures = result.engines.flatMap(\.failures)
    if strict && !failures.isEmpty { throw .rulesStopped(failures) }
    return result
  }

  /// The file semgrep reads for `config`: a file read from a commit is written out first.
  private func configFile(_ config: String) throws(GateError) -> String {
    guard let data = configFiles[config], let folder = configFolder else { return config }
    let url = URL(fileURLWithPath: folder).appendingPathComponent(config)
    guard url.standardizedFileURL.path.hasPrefix(folder + "/") else {
      throw .io(path: config, reason: "a rule path that leaves the repository")
    }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    } catch {
      throw .io(path: url.path, reason: "cannot write a rule file for semgrep: \(error)")
    }
    return url.path
  }

  /// The `check_id` semgrep, run in `root` with each rule's file as a config (`config` gives
  /// the path semgrep is handed for a rule file), gives each rule, mapped to the id aigate
  /// reports (qualified from where aigate was run, which may differ).
  static func semgrepIDs(
    of rules: [Rule], in root: String, config: (String) -> String = { $0 }
  ) -> [String: String] {
    var ids: [String: String] = [:]
    for rule in rules {
      let checkID =
        RuleLoader.semgrepPrefix(forFile: config(rule.location.file), in: root) + rule.bareID
      ids[checkID] = ids[checkID] ?? rule.id
    }
    return ids
  }

  private func runSemgrep(
    delegated: [Rule], allRules: [Rule], targets: [ScanTarget],
    selection: LanguageFiles.Targets, root: String, notRun: inout [(id: String, reason: String)]
  ) throws(GateError) -> (findings: [Finding], run: EngineRun)? {
    // Only delegated rules that could match some target matter here: a Python-only change
    // does not pay semgrep's start-up for the YAML and Go packs, nor lists them as not run.
    let applicable = delegated.filter { selection.anyMayApply($0.languages) }
    let tool = SemgrepTool.locate(configured: semgrep.executable, environment: environment)
    switch semgrep.mode {
    case .off:
      notRun += applicable.map { ($0.id, "semgrep is off in the policy") }
      return nil
    case .required where tool == nil:
      throw .semgrep(
        .notInstalled(searched: semgrep.executable.map { [$0] } ?? SemgrepTool.names))
    case .auto where tool == nil:
      notRun += applicable.map { ($0.id, "semgrep is not installed") }
      return nil
    default:
      break
    }
    guard let tool else { return nil }
    // The files holding those rules, plus the semgrep-only configs.
    let ruleFiles = Array(Set(applicable.map(\.location.file))).sorted()
    var written: [String: String] = [:]
    for file in ruleFiles { written[file] = try configFile(file) }
    let configs = try (ruleFiles + semgrep.configs).map(configFile)
    // semgrep reads only the files those rules may match (every file for extra configs).
    let relevant =
      semgrep.configs.isEmpty
      ? zip(targets, selection.items).filter { _, candidate in
        applicable.contains { candidate.mayApply($0.languages) }
      }.map(\.0) : targets
    guard !configs.isEmpty, !relevant.isEmpty else { return nil }
    for target in relevant { try target.materialize() }
    do {
      let scan = try tool.scan(
        configs: configs, targets: relevant.map(\.path), root: root,
        knownRuleIDs: Set(allRules.map(\.id)),
        ruleIDs: Self.semgrepIDs(of: applicable, in: root) { written[$0] ?? $0 },
        timeout: semgrep.timeout, honourNosemgrep: false)
      // The scan's JSON carries semgrep's version: no second start-up to ask for it.
      return (
        scan.findings,
        EngineRun(
          engine: .semgrep, version: scan.version, rules: applicable.count,
          findings: scan.findings.count, warnings: scan.warnings)
      )
    } catch {
      throw .semgrep(error)
    }
  }
}
