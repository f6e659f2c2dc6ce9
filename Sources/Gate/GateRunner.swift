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
  /// The text of every scanned file (the head or staged version), by repository path.
  public let sources: [String: String]

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
    let policy = try loadPolicy(request, root: root)
    // The rules load and compile on other cores while git and attribution run here; their
    // errors are thrown once those are done, so a broken repository is still reported first.
    let configs = Result { () throws(GateError) in
      try ruleConfigs(request, policy: policy, root: root)
    }
    let engines = EngineSet(
      engine: engine, semgrep: policy.semgrep, environment: request.environment)
    let preparation = Background { () throws(GateError) in
      let (paths, directory) = try configs.get()
      let ruleSet: RuleSet
      do throws(RuleError) {
        ruleSet = try RuleLoader.load(configs: paths, qualifyingFrom: directory)
        _ = try ruleSet.requireValid()
      } catch {
        throw GateError.rules(error)
      }
      return (ruleSet, engines.classify(ruleSet.rules))
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
    let attribution: AttributionReport
    var baseChoice: BaseChoice?
    do {
      switch request.change {
      case .range(let base, let head):
        let choice =
          try base.map { BaseChoice(revision: $0, source: "--base") }
          ?? BaseDetector.detect(repository: repository, environment: request.environment)
        baseChoice = choice
        changeSet = try repository.changeSet(base: choice.revision, head: head ?? "HEAD")
        let attributor = Attributor(repository: repository, table: try tableLoad.result())
        attribution = try attributor.attribute(changeSet)
      case .staged(let messageFile):
        changeSet = try repository.stagedChangeSet()
        let attributor = Attributor(repository: repository, table: try tableLoad.result())
        let message = try messageFile.map { path throws(AttributionError) in
          try Attributor.readMessage(file: path)
        }
        attribution = try attributor.attribute(
          changeSet,
          stagedFacts: CommitFacts(stagedMessage: message, environment: request.environment))
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

    // The rules, and who runs each.
    let (ruleSet, classified) = try preparation.result()
    if ruleSet.rules.isEmpty && policy.semgrep.configs.isEmpty {
      throw .noRules(configs: (try? configs.get())?.paths ?? [])
    }

    // The files: the head (or staged) version of every changed file with added lines.
    let workspace = Workspace()
    defer { workspace.remove() }
    let excluded = PathGlobs(policy.exclude)
    var targets: [ScanTarget] = []
    var sources: [String: String] = [:]
    var skipped: [(path: String, reason: String)] = []
    for file in changeSet.files {
      if file.status == .deleted { continue }
      if file.isBinary {
        skipped.append((file.path, "binary"))
        continue
      }
      if file.addedLines.isEmpty { continue }
      if excluded.matches(file.path) {
        skipped.append((file.path, "excluded by the policy"))
        continue
      }
      let data: Data?
      do {
        if let head = changeSet.head {
          data = try repository.contents(of: file.path, at: head)
        } else {
          data = try repository.stagedContents(of: file.path)
        }
      } catch {
        throw .git(error)
      }
      guard let data else { continue }
      let target = try workspace.target(file.path, data, lines: file.addedLines)
      targets.append(target)
      sources[file.path] = String(decoding: data, as: UTF8.self)
    }

    // The engines.
    let found = try engines.run(
      classified, targets: targets, root: workspace.root, strict: request.strict)

    let evaluation = Evaluator.evaluate(
      findings: found.findings, attribution: attribution, sources: sources, policy: policy)
    return GateRun(
      evaluation: evaluation, attribution: attribution, base: baseChoice, policy: policy,
      rules: classified, notRun: found.notRun, engines: found.engines, scanned: targets.map(\.path),
      skipped: skipped, root: root, sources: sources)
  }

  private func loadPolicy(_ request: CheckRequest, root: String) throws(GateError) -> Policy {
    if let path = request.policyPath {
      guard FileManager.default.fileExists(atPath: path) else {
        throw .io(path: path, reason: "the policy file given with --policy does not exist")
      }
      return try Policy.load(path: path)
    }
    let path = (root as NSString).appendingPathComponent(Policy.fileName)
    return FileManager.default.fileExists(atPath: path)
      ? try Policy.load(path: path) : Policy.defaults
  }

  /// `--config`, else the policy's `rules` (relative to the root), else the shipped packs; with
  /// the directory rule ids are qualified from, as semgrep run there would (none for the packs).
  private func ruleConfigs(
    _ request: CheckRequest, policy: Policy, root: String
  ) throws(GateError) -> (paths: [String], qualifyingFrom: String?) {
    if !request.configs.isEmpty {
      return (request.configs, FileManager.default.currentDirectoryPath)
    }
    if !policy.rules.isEmpty {
      let paths = policy.rules.map {
        $0.hasPrefix("/") ? $0 : (root as NSString).appendingPathComponent($0)
      }
      return (paths, root)
    }
    guard let shipped = request.shippedRules else {
      throw .noRules(configs: [])
    }
    return (Self.packs(in: shipped), nil)
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

  init() {
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "aigate-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
      ).path
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
  }
}
