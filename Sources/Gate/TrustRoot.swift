import Foundation
import GitKit
import Rules

/// The gate's own configuration, read from outside the change it gates.
///
/// `.aigate.yml`, the repository rule files its `rules:` and `semgrep.configs` name, and its
/// agent-table additions come from the tree of a commit the change cannot alter: the merge-base
/// of a range, `HEAD` for a staged change. The working tree and the index play no part. With no
/// such commit (an unborn `HEAD`), the defaults apply. `--policy` and `--config` on the command
/// line are the CI's own choice and still win.
public struct TrustRoot: Sendable {
  /// The commit whose tree the configuration was read from; nil when there is none.
  public let revision: ObjectID?
  /// What that commit is to the change, for messages: "the merge-base", "HEAD".
  public let role: String
  /// The policy in effect.
  public let policy: Policy
  /// Repository files read from `revision`'s tree, by repository path: the policy and every
  /// rule file in effect (for attestations, and for semgrep, which reads files).
  public let files: [String: Data]
  /// The repository rule files in effect, in load order (keys of `files`).
  public let ruleFiles: [String]
  /// The repository files and folders whose change alters the gate: the rules the policy runs.
  public let guardedRules: [GuardedPath]
  /// The semgrep-only configs, as repository paths (folders hold their files).
  public let semgrepConfigs: [String]
  /// The findings `.aigate-baseline.json` in the same tree records, when there is one.
  public var baseline: Baseline?
  /// The root `.semgrepignore` of the same tree, when there is one: files it ignores are not
  /// scanned (and are listed as skipped).
  public var ignore: IgnoreRules?

  /// A repository path the gate's rules come from.
  public struct GuardedPath: Hashable, Sendable {
    public let path: String
    /// A folder guards the rule files beneath it.
    public let isFolder: Bool

    /// Whether a change to `candidate` changes the rules.
    public func covers(_ candidate: String) -> Bool {
      guard isFolder else { return candidate == path }
      let inside = path.isEmpty || candidate.hasPrefix(path + "/")
      let name = candidate.split(separator: "/").last.map(String.init) ?? ""
      return inside && RuleLoader.isRuleFileName(name)
    }
  }

  /// The policy of the defaults, with nothing read from any commit.
  static func defaults(revision: ObjectID?, role: String) -> TrustRoot {
    TrustRoot(
      revision: revision, role: role, policy: .defaults, files: [:], ruleFiles: [],
      guardedRules: [], semgrepConfigs: [])
  }

  /// `role` and the short id, as messages name the commit.
  public var origin: String {
    revision.map { "\(role) \($0.short)" } ?? "no commit (the defaults)"
  }
}

/// Reads the trust root from a repository.
struct TrustRootLoader {
  let repository: Repository
  let revision: ObjectID?
  let role: String

  /// Largest policy or rule file read from a tree.
  static let maxFileSize = 8 << 20
  /// Most files a rule folder may hold.
  static let maxFolderEntries = 20_000
  /// Most links followed to reach one path.
  static let maxLinks = 16

  /// The policy (`policyPath` from disk when given, else `.aigate.yml` from the tree) and the
  /// repository rule files it names.
  func load(policyPath: String?) throws(GateError) -> TrustRoot {
    var files: [String: Data] = [:]
    let policy: Policy
    let policySource: SourceFile?
    if let policyPath {
      policy = try Policy.load(path: policyPath)
      policySource = FileManager.default.contents(atPath: policyPath).map {
        SourceFile(path: policyPath, data: $0)
      }
    } else if let revision, let found = try read(Policy.fileName, what: "the policy") {
      files[Policy.fileName] = found.data
      guard let text = String(data: found.data, encoding: .utf8) else {
        throw .io(path: Policy.fileName, reason: "is not UTF-8 text (\(origin(revision)))")
      }
      do {
        var decoded = try Policy.parse(text, file: Policy.fileName)
        decoded.revision = revision
        policy = decoded
      } catch {
        throw .fromRevision(origin(revision), error)
      }
      policySource = SourceFile(path: Policy.fileName, data: found.data)
    } else {
      return .defaults(revision: revision, role: role)
    }

    // The repository rules the policy names, from the same tree.
    var ruleFiles: [String] = []
    var seen: Set<String> = []
    var guarded: [TrustRoot.GuardedPath] = []
    var problems: [SourceDiagnostic] = []
    for (index, name) in policy.rules.enumerated() {
      let location = policy.ruleLocations[safe: index]
      do throws(TrustProblem) {
        let found = try collect(name, key: "rules")
        guarded += found.guarded
        for (path, data) in found.files where seen.insert(path).inserted {
          files[path] = data
          ruleFiles.append(path)
        }
      } catch {
        problems.append(diagnostic(error, at: location, file: policy.file, source: policySource))
      }
    }
    var semgrepConfigs: [String] = []
    for (index, name) in policy.semgrep.configs.enumerated() {
      let location = policy.semgrep.configLocations[safe: index]
      do throws(TrustProblem) {
        let found = try collect(name, key: "semgrep.configs")
        guarded += found.guarded
        for (path, data) in found.files {
          files[path] = data
          semgrepConfigs.append(path)
        }
      } catch {
        problems.append(diagnostic(error, at: location, file: policy.file, source: policySource))
      }
    }
    if !problems.isEmpty {
      let error = GateError.invalidPolicy(problems)
      throw policyPath == nil ? .fromRevision(origin(revision), error) : error
    }
    return TrustRoot(
      revision: revision, role: role, policy: policy, files: files, ruleFiles: ruleFiles,
      guardedRules: guarded, semgrepConfigs: semgrepConfigs)
  }

  /// `.aigate-baseline.json` from the tree, nil when the tree has none (or there is no
  /// commit): the change's own copy never counts.
  func baseline() throws(GateError) -> Baseline? {
    guard let revision, let found = try read(Baseline.fileName, what: "the baseline") else {
      return nil
    }
    do {
      return try Baseline.parse(found.data, origin: "\(Baseline.fileName) (\(origin(revision)))")
    } catch {
      throw .fromRevision(origin(revision), error)
    }
  }

  /// The root `.semgrepignore` from the tree (its `:include` files from the same tree), nil
  /// when the tree has none: the change's own copy never counts, so a change cannot hide its
  /// own files.
  func semgrepIgnore() throws(GateError) -> IgnoreRules? {
    guard revision != nil, let found = try read(SemgrepIgnore.fileName, what: "the ignore file")
    else { return nil }
    let text = String(decoding: found.data, as: UTF8.self)
    return IgnoreRules(
      text: text, base: "",
      include: { name in
        guard let path = Self.normalize(name, in: ""),
          let included = try? read(path, what: "an included ignore file")
        else { return nil }
        return String(decoding: included.data, as: UTF8.self)
      })
  }

  private func origin(_ revision: ObjectID?) -> String {
    revision.map { "\(role) \($0.short)" } ?? "no commit"
  }

  /// Why a path in `rules:` cannot be used.
  enum TrustProblem: Error {
    case absolute(String)
    case leaves(String)
    case linkLeaves(link: String, target: String)
    case tooManyLinks(String)
    case missing(String)
    case noCommit(String)
    case notRuleFile(String)
    case empty(String)
    case tooLarge(String)
    case tooMany(String)
    case git(GitError)
  }

  /// A policy error at the `rules:` entry, quoting the policy's line.
  private func diagnostic(
    _ problem: TrustProblem, at location: SourceLocation?, file: String?, source: SourceFile?
  ) -> SourceDiagnostic {
    let place = origin(revision)
    let message: String
    switch problem {
    case .absolute(let path):
      message =
        "'\(path)' is an absolute path; rule paths in a policy are inside the repository "
        + "(name rules outside it with --config on the command line)"
    case .leaves(let path):
      message = "'\(path)' leads outside the repository; rule paths stay inside it"
    case .linkLeaves(let link, let target):
      message =
        "'\(link)' is a link to '\(target)', outside the repository; rule paths stay inside it"
    case .tooManyLinks(let path):
      message = "'\(path)' goes through more than \(Self.maxLinks) links"
    case .missing(let path):
      message =
        "'\(path)' is not in \(place), where the gate reads its rules from (rules the change "
        + "adds take effect once merged)"
    case .noCommit(let path):
      message =
        "'\(path)' cannot be read: there is no commit yet to read repository rules from"
    case .notRuleFile(let path):
      message =
        "'\(path)' is not a rule file: rule files are YAML, named *.yml or *.yaml"
    case .empty(let path):
      message = "'\(path)' holds no .yml or .yaml rule files in \(place)"
    case .tooLarge(let path):
      message = "'\(path)' is larger than \(Self.maxFileSize >> 20) MB"
    case .tooMany(let path):
      message = "'\(path)' holds more than \(Self.maxFolderEntries) files"
    case .git(let error):
      message = error.description
    }
    let at = location ?? SourceLocation(file: file ?? Policy.fileName, line: 1, column: 1)
    return SourceDiagnostic(message, at: at, in: source)
  }

  /// The rule files a `rules:` entry names, read from the tree, and the paths it guards.
  private func collect(
    _ name: String, key: String
  ) throws(TrustProblem) -> (files: [(String, Data)], guarded: [TrustRoot.GuardedPath]) {
    if name.hasPrefix("/") { throw .absolute(name) }
    guard let path = Self.normalize(name, in: "") else { throw .leaves(name) }
    guard revision != nil else { throw .noCommit(name) }
    guard let (entry, links) = try resolve(path, as: name) else { throw .missing(name) }
    var guarded = links.map { TrustRoot.GuardedPath(path: $0, isFolder: false) }
    switch entry.kind {
    case .file, .executable:
      guard Policy.isYAMLName(entry.path) && Policy.isYAMLName(path) else {
        throw .notRuleFile(name)
      }
      guarded.append(TrustRoot.GuardedPath(path: entry.path, isFolder: false))
      return ([(entry.path, try blob(entry, as: name))], guarded)
    case .folder:
      guarded.append(TrustRoot.GuardedPath(path: entry.path, isFolder: true))
      var files: [(String, Data)] = []
      var pending = [entry.path]
      var visited: Set<String> = []
      while let folder = pending.popLast() {
        guard visited.insert(folder).inserted else { continue }
        let listed: [TreeEntry]
        do {
          listed = try repository.entries(
            under: folder, at: revisionID, limit: Self.maxFolderEntries)
        } catch {
          throw .git(error)
        }
        if listed.count > Self.maxFolderEntries { throw .tooMany(name) }
        for item in listed {
          let relative = String(item.path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
          if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
          let itemName = (item.path as NSString).lastPathComponent
          switch item.kind {
          case .file, .executable:
            if RuleLoader.isRuleFileName(itemName) {
              files.append((item.path, try blob(item, as: item.path)))
            }
          case .link:
            guard let (target, hops) = try resolve(item.path, as: item.path) else { continue }
            guarded += hops.map { TrustRoot.GuardedPath(path: $0, isFolder: false) }
            if target.kind == .folder {
              guarded.append(TrustRoot.GuardedPath(path: target.path, isFolder: true))
              pending.append(target.path)
            } else if target.kind != .submodule, RuleLoader.isRuleFileName(itemName) {
              guarded.append(TrustRoot.GuardedPath(path: target.path, isFolder: false))
              files.append((item.path, try blob(target, as: item.path)))
            }
          case .folder, .submodule:
            continue
          }
          if files.count > Self.maxFolderEntries { throw .tooMany(name) }
        }
      }
      if files.isEmpty { throw .empty(name) }
      return (files.sorted { $0.0 < $1.0 }, guarded)
    case .link, .submodule:
      throw .missing(name)
    }
  }

  private var revisionID: ObjectID {
    // Only called once `collect` has checked there is a revision.
    revision ?? ObjectID(raw: [])
  }

  /// A file read from the tree: the policy.
  ///
  /// Links are followed inside the repository only.
  private func read(_ path: String, what: String) throws(GateError) -> (path: String, data: Data)? {
    let found: (TreeEntry, links: [String])?
    do throws(TrustProblem) {
      found = try resolve(path, as: path)
    } catch {
      throw failure(error, path: path)
    }
    guard let (entry, _) = found else { return nil }
    guard entry.kind == .file || entry.kind == .executable else {
      throw .io(path: path, reason: "\(what) is not a file in \(origin(revision))")
    }
    do throws(TrustProblem) {
      return (entry.path, try blob(entry, as: path))
    } catch {
      throw failure(error, path: path)
    }
  }

  private func failure(_ problem: TrustProblem, path: String) -> GateError {
    switch problem {
    case .linkLeaves(let link, let target):
      return .io(
        path: link,
        reason: "is a link to '\(target)', outside the repository (\(origin(revision))); not read")
    case .tooLarge:
      return .io(path: path, reason: "is larger than \(Self.maxFileSize >> 20) MB")
    case .git(let error):
      return .git(error)
    default:
      return .io(path: path, reason: "cannot be read from \(origin(revision))")
    }
  }

  private func blob(_ entry: TreeEntry, as name: String) throws(TrustProblem) -> Data {
    let size: Int
    do {
      size = try repository.blobSize(entry.id)
    } catch {
      throw .git(error)
    }
    guard size <= Self.maxFileSize else { throw .tooLarge(name) }
    do {
      return try repository.blobContents(entry.id)
    } catch {
      throw .git(error)
    }
  }

  /// The entry `path` names in the tree, with every link on the way followed.
  ///
  /// Links are followed inside the repository only. Also returns the links passed (a change
  /// to one changes what is read); nil when the path is missing.
  private func resolve(
    _ path: String, as name: String
  ) throws(TrustProblem) -> (TreeEntry, links: [String])? {
    guard let revision else { throw .noCommit(name) }
    var pending = path.split(separator: "/").map(String.init)
    var resolved: [String] = []
    var links: [String] = []
    var current: TreeEntry?
    while !pending.isEmpty {
      let component = pending.removeFirst()
      let candidate = (resolved + [component]).joined(separator: "/")
      let entry: TreeEntry?
      do {
        entry = try repository.entry(candidate, at: revision)
      } catch {
        throw .git(error)
      }
      guard let entry else { return nil }
      if entry.kind == .link {
        links.append(candidate)
        if links.count > Self.maxLinks { throw .tooManyLinks(name) }
        let target = String(decoding: try blob(entry, as: name).prefix(4096), as: UTF8.self)
        guard
          let joined = Self.normalize(target, in: resolved.joined(separator: "/"))
        else { throw .linkLeaves(link: candidate, target: target) }
        pending = joined.split(separator: "/").map(String.init) + pending
        resolved = []
        current = nil
        continue
      }
      if !pending.isEmpty && entry.kind != .folder { return nil }
      resolved.append(component)
      current = entry
    }
    if let current { return (current, links) }
    // The repository root itself.
    do {
      return try repository.entry("", at: revision).map { ($0, links) }
    } catch {
      throw .git(error)
    }
  }

  /// `path` (relative to `folder`) as a repository path without `.`, `..` or empty parts; nil
  /// when it is absolute or climbs out of the repository.
  static func normalize(_ path: String, in folder: String) -> String? {
    if path.hasPrefix("/") { return nil }
    var parts = folder.split(separator: "/").map(String.init)
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }
}

extension Array {
  /// The element at `index`, or nil past the ends.
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
