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
  /// The text of every scanned file (the head or staged version), by repository path, and of
  /// every changed policy or rule file with a finding.
  public let sources: [String: String]
  /// Where the policy and the repository's rules were read from.
  public var trust: TrustRoot = .defaults(revision: nil, role: "")

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
    let repository: Repository
    do {
      repository = try Repository.open(
        at: request.repositoryPath, environment: request.environment)
    } catch {
      throw .git(error)
    }
    guard let root = repository.workingDirectory else {
      throw .git(.bareRepository(operation: "aigate check"))
    }
    // The change's head, and the commit the gate trusts: the merge-base of a range, HEAD for a
    // staged change. The policy and the repository's rules come from that commit's tree.
    var baseChoice: BaseChoice?
    let head: ObjectID?
    let trusted: ObjectID?
    let role: String
    do {
      switch request.change {
      case .range(let base, let headName):
        let choice =
          try base.map { BaseChoice(revision: $0, source: "--base") }
          ?? BaseDetector.detect(repository: repository, environment: request.environment)
        baseChoice = choice
        let headID = try repository.resolve(headName ?? "HEAD")
        let baseID = try repository.resolve(choice.revision)
        guard let found = try repository.mergeBase(baseID, headID) else {
          throw GitError.noMergeBase(choice.revision, headName ?? "HEAD")
        }
        (head, trusted, role) = (headID, found, "the merge-base")
      case .staged:
        let headID = repository.isHeadUnborn ? nil : try repository.resolve("HEAD")
        (head, trusted, role) = (nil, headID, "HEAD")
      }
    } catch let error as GitError {
      throw .git(error)
    } catch let error as GateError {
      throw error
    } catch {
      throw .baseDetection(String(describing: error))
    }
    let trust = try TrustRootLoader(repository: repository, revision: trusted, role: role)
      .load(policyPath: request.policyPath)
    let policy = trust.policy
    var semgrepPolicy = policy.semgrep
    semgrepPolicy.configs = trust.semgrepConfigs
    let workspace = Workspace()
    defer { workspace.remove() }

    // The rules load and compile on other cores while git and attribution run here; their
    // errors are thrown once those are done, so a broken repository is still reported first.
    let configs = Result { () throws(GateError) in
      try ruleConfigs(request, trust: trust)
    }
    var engines = EngineSet(
      engine: engine, semgrep: semgrepPolicy, environment: request.environment)
    engines.configFiles = trust.files
    engines.configFolder = workspace.configRoot
    engines.compilesOnDemand = true
    let classify = engines
    let preparation = Background { () throws(GateError) in
      let source = try configs.get()
      let ruleSet: RuleSet
      do throws(RuleError) {
        switch source {
        case .files(let paths, let directory):
          ruleSet = try RuleLoader.load(configs: paths, qualifyingFrom: directory)
        case .trusted(let texts):
          ruleSet = RuleLoader.load(texts: texts, qualified: true)
        }
        _ = try ruleSet.requireValid()
      } catch {
        if case .trusted = source {
          throw GateError.fromRevision(trust.origin, .rules(error))
        }
        throw GateError.rules(error)
      }
      return (ruleSet, classify.classify(ruleSet.rules))
    }
    // The agent table too, while git reads the change.
    let agentTable = request.agentTable
    let additions = policy.agents
    let tableLoad = Background { () throws(GateError) -> AgentTable in
      do throws(AttributionError) {
        let table = try AgentTable.load(path: agentTable)
        return additions.map { table.merging($0) } ?? table
      } catch {
        throw GateError.attribution(error)
      }
    }

    // The change and who wrote it.
    let changeSet: ChangeSet
    var attribution: AttributionReport
    let classifier: CommitClassifier
    var stagedFacts: CommitFacts?
    do {
      let table = try tableLoad.result()
      classifier = CommitClassifier(table: table)
      let attributor = Attributor(repository: repository, table: table)
      if let head {
        changeSet = try repository.changeSet(
          mergeBase: trusted, head: head, isCode: CodeFiles.recognizes)
        attribution = try attributor.attribute(changeSet)
      } else {
        changeSet = try repository.stagedChangeSet(isCode: CodeFiles.recognizes)
        var messageFile: String?
        if case .staged(let file) = request.change { messageFile = file }
        let message = try messageFile.map { path throws(AttributionError) in
          try Attributor.readMessage(file: path)
        }
        let facts = CommitFacts(stagedMessage: message, environment: request.environment)
        stagedFacts = facts
        attribution = try attributor.attribute(changeSet, stagedFacts: facts)
      }
    } catch let error as GitError {
      throw .git(error)
    } catch let error as AttributionError {
      throw .attribution(error)
    } catch let error as GateError {
      throw error
    } catch {
      throw .baseDetection(String(describing: error))
    }

    // Edits to the gate's own policy and rules: findings of their own.
    let trustChanges = trust.changes(
      in: changeSet, attribution: attribution,
      authors: { file in
        if let stagedFacts { return [classifier.classify(stagedFacts)] }
        return changeSet.commits.filter { commit in
          Self.touches(commit, file, repository: repository)
        }.map { classifier.classify($0) }
      },
      text: { path in
        let data =
          head.map { try? repository.contents(of: path, at: $0) }
          ?? (try? repository.stagedContents(of: path))
        return data.flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
      })

    // The rules, and who runs each.
    let (ruleSet, classified) = try preparation.result()
    if ruleSet.rules.isEmpty && semgrepPolicy.configs.isEmpty {
      throw .noRules(configs: (try? configs.get())?.names ?? [])
    }

    // The files: the head (or staged) version of every changed file with added lines, read by
    // content (no attribute or NUL byte hides code in a language aigate reads; links are
    // followed inside the repository).
    let excluded = PathGlobs(policy.exclude)
    var targets: [ScanTarget] = []
    var sources: [String: String] = [:]
    var skipped: [(path: String, reason: String)] = []
    var linked: [FileAttribution] = []
    for file in changeSet.files {
      if file.status == .deleted { continue }
      if file.type == .submodule {
        skipped.append((file.path, "a submodule; its code is gated in its own repository"))
        continue
      }
      if file.isBinary && file.addedLines.isEmpty {
        skipped.append((file.path, "binary, and not in a language aigate reads"))
        continue
      }
      if file.addedLines.isEmpty { continue }
      if excluded.matches(file.path) {
        skipped.append((file.path, "excluded by the policy"))
        continue
      }
      switch try ChangedFileReader.read(file.path, at: changeSet.head, in: repository) {
      case .skip(let reason):
        skipped.append((file.path, reason))
      case .scan(let data, let target):
        var lines = file.addedLines
        if target != nil {
          // A new or retargeted link brings all of its target's lines to this path, written
          // by whoever wrote the link.
          lines = Array(1...max(1, ChangedFileReader.lineCount(data)))
          if let who = attribution.attribution(path: file.path, line: file.addedLines[0]) {
            linked.append(FileAttribution(path: file.path, lines: lines.map { ($0, who) }))
          }
        }
        targets.append(try workspace.target(file.path, data, lines: lines))
        sources[file.path] = String(decoding: data, as: UTF8.self)
      }
    }
    if !linked.isEmpty {
      let replaced = Set(linked.map(\.path))
      attribution = AttributionReport(
        base: attribution.base, head: attribution.head,
        files: attribution.files.filter { !replaced.contains($0.path) } + linked)
    }

    // The engines.
    let found = try engines.run(
      classified, targets: targets, root: workspace.root, strict: request.strict)

    let evaluation = Evaluator.evaluate(
      findings: found.findings, attribution: attribution, sources: sources, policy: policy,
      trustChanges: trustChanges)
    var reported = sources
    // A deleted file reads as empty: its finding on line 1 still gets a line fingerprint.
    for change in trustChanges where reported[change.path] == nil {
      reported[change.path] = change.text ?? ""
    }
    return GateRun(
      evaluation: evaluation, attribution: attribution, base: baseChoice, policy: policy,
      rules: found.rules, notRun: found.notRun, engines: found.engines,
      scanned: targets.map(\.path), skipped: skipped, root: root, sources: reported, trust: trust)
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
  private func ruleConfigs(_ request: CheckRequest, trust: TrustRoot) throws(GateError)
    -> RuleSource
  {
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

  init(_ work: @escaping @Sendable () throws(GateError) -> Value) {
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

  /// A target for `data` at `path` inside the folder, written there only if an external tool
  /// needs it (`ScanTarget.materialize`).
  func target(_ path: String, _ data: Data, lines: [Int]) throws(GateError) -> ScanTarget {
    let url = URL(fileURLWithPath: root).appendingPathComponent(path)
    guard url.standardizedFileURL.path.hasPrefix(root + "/") else {
      throw .io(path: path, reason: "a changed path that leaves the repository")
    }
    return ScanTarget(path: path, absolutePath: url.path, lines: lines, contents: Array(data))
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: root)
    try? FileManager.default.removeItem(atPath: configRoot)
  }
}
