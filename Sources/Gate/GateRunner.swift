import Attribution
import Foundation
import GitKit
import Rules

/// What `aigate check` was asked to gate, and with what.
public struct CheckRequest: Sendable {
  /// A revision range, or the staged index.
  public enum Change: Sendable {
    case range(base: String?, head: String?)
    case staged(messageFile: String?)
  }

  public var change: Change
  /// `--config` values; empty means the policy's `rules`, else the shipped packs.
  public var configs: [String]
  /// `--policy`; nil means `.aigate.yml` at the repository root when it exists.
  public var policyPath: String?
  /// Make rules that could not run an error.
  public var strict: Bool
  /// The environment (CI variables, agent variables, git's hook variables).
  public var environment: [String: String]
  /// The shipped `rulesets` folder: its language folders are the default rule packs.
  public var shippedRules: String?
  /// The shipped agent table.
  public var agentTable: String
  /// Where to start looking for the repository; nil means the current folder.
  public var repositoryPath: String?
  /// `--include`, `--exclude`, `--exclude-rule`, `--severity`, `--max-target-bytes`.
  public var filters = ScanFilters()
  /// Rule files whose ids stay as written (semgrep's `-e PATTERN` as a file): when any, they
  /// are the rules, instead of `configs`, the policy's or the shipped packs.
  public var unqualifiedConfigs: [String] = []
  /// `--baseline FILE`: the findings to leave out, instead of `.aigate-baseline.json` as of
  /// the trusted commit.
  public var baselinePath: String?
  /// `--no-baseline`: report every finding.
  public var usesBaseline = true
  /// Work the command started before its arguments were parsed, taken only where it was done
  /// on exactly the inputs this request names.
  public var preloads = Preloads()

  public init(
    change: Change, configs: [String] = [], policyPath: String? = nil, strict: Bool = false,
    environment: [String: String], shippedRules: String?, agentTable: String,
    repositoryPath: String? = nil
  ) {
    self.change = change
    self.configs = configs
    self.policyPath = policyPath
    self.strict = strict
    self.environment = environment
    self.shippedRules = shippedRules
    self.agentTable = agentTable
    self.repositoryPath = repositoryPath
  }
}

/// Everything a gate run produced, for the reports.
public struct GateRun: Sendable {
  public let evaluation: Evaluation
  public let attribution: AttributionReport
  /// How the base was chosen, for a range with no `--base`.
  public let base: BaseChoice?
  public let policy: Policy
  /// Every rule loaded, with who ran it.
  public let rules: [(rule: Rule, execution: Execution)]
  /// Rules that did not run, with the reason (semgrep absent or off).
  public let notRun: [(id: String, reason: String)]
  public let engines: [EngineRun]
  /// Repository-relative paths scanned.
  public let scanned: [String]
  /// Changed files not scanned, with the reason.
  public let skipped: [(path: String, reason: String)]
  /// The repository's working tree root.
  public let root: String
  /// Every scanned file (the head or staged version), by repository path, and every changed
  /// policy or rule file with a finding: read once, for the engines, the evaluation and the
  /// reports alike.
  public let sources: [String: SourceFile]
  /// The change gated: its commits (what an attestation covers) and its files.
  public let changeSet: ChangeSet
  /// Where the policy and the repository's rules were read from.
  public var trust: TrustRoot = .defaults(revision: nil, role: "")
  /// Findings on added lines left out because the baseline holds them.
  public var baselined: [Finding] = []

  /// The exit status the verdict maps to.
  public var exitStatus: Int32 { evaluation.verdict.passed ? 0 : 1 }
}

/// Runs the gate: change, attribution, engines, evaluation.
///
/// Every failure is a `GateError`.
public struct GateRunner {
  public let engine: (any InProcessEngine)?

  public init(engine: (any InProcessEngine)?) {
    self.engine = engine
  }

  public func run(_ request: CheckRequest) throws(GateError) -> GateRun {
    try run(request, in: try Self.repository(for: request))
  }

  /// The repository `request` names (the one around its path, honouring git's variables in
  /// its environment), for a caller that goes on using it after the run (to store a note).
  public static func repository(for request: CheckRequest) throws(GateError) -> Repository {
    do {
      return try Repository.open(at: request.repositoryPath, environment: request.environment)
    } catch {
      throw .git(error)
    }
  }

  /// Runs the gate in `repository`, opened by `repository(for:)`.
  ///
  /// The steps, in order: resolve the change, read the trust root, start loading the rules and
  /// the agent table on other cores, read the change and attribute it, find edits to the gate's
  /// own configuration, read the files to scan, scan, evaluate.
  public func run(_ request: CheckRequest, in repository: Repository) throws(GateError)
    -> GateRun
  {
    guard let root = repository.workingDirectory else {
      throw .git(.bareRepository(operation: "aigate check"))
    }
    let change = try ResolvedChange.resolve(
      request.change, in: repository, environment: request.environment)
    let loader = TrustRootLoader(
      repository: repository, revision: change.trusted, role: change.role)
    var trust = try loader.load(policyPath: request.policyPath)
    if !request.usesBaseline {
      trust.baseline = nil
    } else if let path = request.baselinePath {
      trust.baseline = try Baseline.load(path: path)
    } else {
      trust.baseline = try loader.baseline()
    }
    trust.ignore = try loader.semgrepIgnore()
    let workspace = Workspace()
    defer { workspace.remove() }
    let engines = engineSet(for: request, trust: trust, workspace: workspace)
    // The rules and the agent table load on other cores while git reads the change here; the
    // rules' errors are thrown once it is read, so a broken repository is still reported first.
    let cache = RuleCache.standard(environment: request.environment, outside: root)
    let rules = Self.startLoadingRules(request, trust: trust, engines: engines, cache: cache)
    let table = Self.startLoadingAgentTable(request, policy: trust.policy)
    let attributed = try change.read(
      from: repository, table: { () throws(GateError) in try table.result() },
      environment: request.environment)
    let agents = try table.result()
    let trustChanges = Self.trustChanges(
      in: attributed, of: change, trust: trust, table: agents, repository: repository)
    let classified = try rules.result()
    let files = try ChangedTargets.read(
      attributed.changeSet, excluding: trust.policy.exclude, filters: request.filters,
      ignore: trust.ignore.map { ($0, "ignored by .semgrepignore (\(trust.origin))") },
      in: repository, workspace: workspace)
    let attribution = files.attributingLinks(attributed.attribution)
    let found = try engines.run(
      classified, targets: files.targets, root: workspace.root, strict: request.strict)
    var findings = found.findings
    var baselined: [Finding] = []
    if let baseline = trust.baseline {
      let added = Dictionary(
        files.targets.map { ($0.path, Set($0.lines ?? [])) }, uniquingKeysWith: { $0.union($1) })
      (findings, baselined) = baseline.split(findings, added: added, sources: files.sources)
    }
    let evaluation = Evaluator.evaluate(
      findings: findings, attribution: attribution, sources: files.sources,
      policy: trust.policy, trustChanges: trustChanges)
    var run = GateRun(
      evaluation: evaluation, attribution: attribution, base: change.base, policy: trust.policy,
      rules: found.rules, notRun: found.notRun, engines: found.engines,
      scanned: files.targets.map(\.path), skipped: files.skipped, root: root,
      sources: Self.reportedSources(files.sources, trustChanges: trustChanges),
      changeSet: attributed.changeSet, trust: trust)
    run.baselined = baselined
    return run
  }

  /// The in-process engine and semgrep as the trusted policy sets them up, with the rule files
  /// read from the trusted commit written under the workspace when semgrep needs them.
  private func engineSet(
    for request: CheckRequest, trust: TrustRoot, workspace: Workspace
  ) -> EngineSet {
    var semgrep = trust.policy.semgrep
    semgrep.configs = trust.semgrepConfigs
    var engines = EngineSet(engine: engine, semgrep: semgrep, environment: request.environment)
    engines.configFiles = trust.files
    engines.configFolder = workspace.configRoot
    engines.compilesOnDemand = true
    return engines
  }

  /// Loads, checks and classifies the rules on another thread, through `cache` when there is
  /// one (a hook checks every commit against the same rules); with nothing to run, `result()`
  /// throws `noRules`.
  private static func startLoadingRules(
    _ request: CheckRequest, trust: TrustRoot, engines: EngineSet, cache: RuleCache?
  ) -> Background<[(rule: Rule, execution: Execution)]> {
    let configs = Result { () throws(GateError) in
      try ruleConfigs(request, trust: trust)
    }
    return Background { () throws(GateError) in
      let source = try configs.get()
      let ruleSet: RuleSet
      do throws(RuleError) {
        switch source {
        case .files(let paths, let directory):
          if let cache, let early = request.preloads.rules?(paths, directory, cache.folder) {
            early.markUsed()
            ruleSet = early.set
          } else {
            ruleSet = try RuleLoader.load(configs: paths, qualifyingFrom: directory, cache: cache)
          }
        case .trusted(let texts):
          ruleSet = RuleLoader.load(texts: texts, qualified: true, cache: cache)
        }
        _ = try ruleSet.requireValid()
      } catch {
        if case .trusted = source {
          throw GateError.fromRevision(trust.origin, .rules(error))
        }
        throw GateError.rules(error)
      }
      if ruleSet.rules.isEmpty && engines.semgrep.configs.isEmpty {
        throw GateError.noRules(configs: source.names)
      }
      return engines.classify(request.filters.rules(ruleSet.rules))
    }
  }

  /// Loads the shipped agent table, with the trusted policy's additions, on another thread.
  private static func startLoadingAgentTable(
    _ request: CheckRequest, policy: Policy
  ) -> Background<AgentTable> {
    let path = request.agentTable
    let additions = policy.agents
    return Background { () throws(GateError) -> AgentTable in
      do throws(AttributionError) {
        let table: AgentTable
        if let early = request.preloads.agentTable?(path) {
          table = early
        } else {
          table = try AgentTable.load(path: path)
        }
        return additions.map { table.merging($0) } ?? table
      } catch {
        throw GateError.attribution(error)
      }
    }
  }

  /// The edits the change makes to the gate's own policy and rules, findings of their own; a
  /// file edited with no added line (a deletion) is judged by the commits that touched it.
  private static func trustChanges(
    in attributed: AttributedChange, of change: ResolvedChange, trust: TrustRoot,
    table: AgentTable, repository: Repository
  ) -> [TrustChange] {
    let classifier = CommitClassifier(table: table)
    let changeSet = attributed.changeSet
    return trust.changes(
      in: changeSet, attribution: attributed.attribution,
      authors: { file in
        if let facts = attributed.stagedFacts { return [classifier.classify(facts)] }
        return changeSet.commits.filter { commit in
          touches(commit, file, repository: repository)
        }.map { classifier.classify($0) }
      },
      read: { path in
        let data =
          change.head.map { try? repository.contents(of: path, at: $0) }
          ?? (try? repository.stagedContents(of: path))
        return data.flatMap { $0 }.map { SourceFile(path: path, data: $0) }
      })
  }

  /// The scanned files, and every changed policy or rule file with a finding (a deleted one
  /// reads as empty: its finding on line 1 still gets a line fingerprint).
  private static func reportedSources(
    _ scanned: [String: SourceFile], trustChanges: [TrustChange]
  ) -> [String: SourceFile] {
    var reported = scanned
    for change in trustChanges where reported[change.path] == nil {
      reported[change.path] = change.source ?? SourceFile(path: change.path, bytes: [])
    }
    return reported
  }

  /// Whether `commit` changed `file` (its path, or its old path) against its first parent.
  private static func touches(
    _ commit: Commit, _ file: FileChange, repository: Repository
  ) -> Bool {
    let paths = [file.path] + (file.oldPath.map { [$0] } ?? [])
    return paths.contains { path in
      let now = try? repository.entry(path, at: commit.id)
      let before = commit.parents.first.flatMap { try? repository.entry(path, at: $0) }
      return now?.id != before?.id || now?.kind != before?.kind
    }
  }

  /// Where the rules come from: files on disk, or texts read from the trusted commit.
  enum RuleSource {
    /// Rule files or folders on disk; ids qualified from `directory` as semgrep run there
    /// would qualify them (none for the shipped packs).
    case files([String], qualifyingFrom: String?)
    /// Rule files read from the trusted commit, by repository path (qualified from the root).
    case trusted([(file: String, text: String)])

    var names: [String] {
      switch self {
      case .files(let paths, _): return paths
      case .trusted(let texts): return texts.map(\.file)
      }
    }
  }

  /// `--config`, else the repository rules the trusted policy names, else the shipped packs.
  private static func ruleConfigs(_ request: CheckRequest, trust: TrustRoot) throws(GateError)
    -> RuleSource
  {
    if !request.unqualifiedConfigs.isEmpty {
      return .files(request.unqualifiedConfigs, qualifyingFrom: nil)
    }
    if !request.configs.isEmpty {
      return .files(request.configs, qualifyingFrom: FileManager.default.currentDirectoryPath)
    }
    if !trust.ruleFiles.isEmpty {
      var texts: [(file: String, text: String)] = []
      for path in trust.ruleFiles {
        guard let data = trust.files[path], let text = String(data: data, encoding: .utf8) else {
          throw .fromRevision(trust.origin, .io(path: path, reason: "is not UTF-8 text"))
        }
        texts.append((path, text))
      }
      return .trusted(texts)
    }
    guard let shipped = request.shippedRules else {
      throw .noRules(configs: [])
    }
    return .files(Self.packs(in: shipped), qualifyingFrom: nil)
  }

  /// The rule packs of a rulesets folder: its subfolders (the agent table beside them is not a
  /// rule file).
  public static func packs(in folder: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return entries.sorted().compactMap { name in
      let path = (folder as NSString).appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard !name.hasPrefix("."),
        FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { return nil }
      return path
    }
  }
}

/// Work started on another thread, whose value (or error) `result()` waits for.
final class Background<Value>: @unchecked Sendable {
  private var outcome: Result<Value, GateError>?
  private let done = DispatchSemaphore(value: 0)

  /// With `-j 1` the work runs here and now, so that one thread does everything.
  init(_ work: @escaping @Sendable () throws(GateError) -> Value) {
    if Parallel.workers == 1 {
      outcome = Result(catching: work)
      done.signal()
      return
    }
    DispatchQueue.global(qos: .userInitiated).async {
      self.outcome = Result(catching: work)
      self.done.signal()
    }
  }

  /// Waits for the work; its error is thrown here.
  func result() throws(GateError) -> Value {
    done.wait()
    done.signal()
    guard let outcome else { throw .io(path: "", reason: "background work ended without a result") }
    return try outcome.get()
  }
}

/// A private folder holding the versions of the changed files being scanned, created only
/// when a file is written there (`ScanTarget.materialize`, for semgrep).
final class Workspace: Sendable {
  let root: String
  /// Where rule files read from a commit are written when semgrep needs them as files.
  let configRoot: String

  init() {
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "aigate-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
      ).path
    configRoot = root + "-config"
  }

  /// A target for `source` at its path inside the folder, written there only if an external
  /// tool needs it (`ScanTarget.materialize`).
  func target(_ source: SourceFile, lines: [Int]) throws(GateError) -> ScanTarget {
    let url = URL(fileURLWithPath: root).appendingPathComponent(source.path)
    guard url.standardizedFileURL.path.hasPrefix(root + "/") else {
      throw .io(path: source.path, reason: "a changed path that leaves the repository")
    }
    return ScanTarget(inMemory: source, absolutePath: url.path, lines: lines)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: root)
    try? FileManager.default.removeItem(atPath: configRoot)
  }
}
