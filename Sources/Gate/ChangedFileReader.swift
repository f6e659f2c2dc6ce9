import Attribution
import Foundation
import GitKit
import Matching
import Rules

/// Reads a changed file the way the gate judges it: by its content, whatever `.gitattributes`
/// says, with links followed inside the repository.
enum ChangedFileReader {
  /// What to do with one changed file.
  enum Outcome {
    /// Scan these bytes; `target` is the file a link led to (nil for the file itself).
    case scan(Data, target: String?)
    /// Do not scan it, for this reason (shown as "Skipped path: reason").
    case skip(String)
  }

  /// The most links followed from one changed path, as the kernel's own bound.
  static let maximumHops = 40

  /// Reads `path` at `commit` (the index when nil).
  static func read(
    _ path: String, at commit: ObjectID?, in repository: Repository
  ) throws(GateError) -> Outcome {
    var current = path
    var target: String?
    var found = try entry(current, at: commit, in: repository)
    var hops = 0
    while let (type, data) = found, type == .link {
      hops += 1
      guard hops <= maximumHops else {
        return .skip("a chain of more than \(maximumHops) links")
      }
      let text = String(decoding: data, as: UTF8.self)
      guard let next = resolve(link: text, from: current) else {
        return .skip("a link to '\(text)', outside the repository (links are followed inside it)")
      }
      current = next
      target = next
      found = try entry(current, at: commit, in: repository)
    }
    guard let (type, data) = found else {
      return target.map { .skip("a link to '\($0)', which is not a file in the repository") }
        ?? .skip("not a file in the revision")
    }
    if type == .submodule {
      return .skip("a link to a submodule; its code is gated in its own repository")
    }
    if isBinary(data) && !LanguageFiles.knows(path: path, contents: data) {
      return .skip("binary, and not in a language aigate reads")
    }
    return .scan(data, target: target)
  }

  /// A link's target as a repository path, relative to the link's folder; nil when it is
  /// absolute or climbs out of the repository.
  static func resolve(link text: String, from path: String) -> String? {
    guard !text.isEmpty, !text.contains("\0") else { return nil }
    let folder = path.split(separator: "/").dropLast().joined(separator: "/")
    guard let resolved = TrustRootLoader.normalize(text, in: folder), !resolved.isEmpty else {
      return nil
    }
    return resolved
  }

  /// A NUL byte in the first 8000 bytes, as git judges content.
  static func isBinary(_ data: Data) -> Bool {
    data.prefix(8000).contains(0)
  }

  private static func entry(
    _ path: String, at commit: ObjectID?, in repository: Repository
  ) throws(GateError) -> (type: EntryType, data: Data)? {
    do {
      return try repository.entry(path, at: commit)
    } catch {
      throw .git(error)
    }
  }
}

/// The files of a change the gate scans: the head (or staged) version of every changed file
/// with added lines, read by content (no attribute or NUL byte hides code in a language aigate
/// reads; links are followed inside the repository).
struct ChangedTargets {
  var targets: [ScanTarget] = []
  /// The files read, by repository path: the one copy the engines, the evaluation and the
  /// reports share.
  var sources: [String: SourceFile] = [:]
  /// Changed files not scanned, with the reason.
  var skipped: [(path: String, reason: String)] = []
  /// Links whose target's lines the change brings: the path, its first added line (whose
  /// author wrote the link), and every line of the target.
  var links: [(path: String, added: Int, lines: [Int])] = []

  /// Reads the files of `changeSet` to scan, leaving out those the `excluded` globs match and
  /// those `ignore` (the trusted `.semgrepignore`, with the reason to show) ignores.
  static func read(
    _ changeSet: ChangeSet, excluding excluded: [String], filters: ScanFilters = ScanFilters(),
    ignore: (rules: IgnoreRules, reason: String)? = nil,
    in repository: Repository, workspace: Workspace
  ) throws(GateError) -> ChangedTargets {
    let excluded = PathGlobs(exclude: excluded, anchoring: .gitignore)
    var result = ChangedTargets()
    for file in changeSet.files {
      if file.status == .deleted { continue }
      if file.type == .submodule {
        result.skipped.append(
          (file.path, "a submodule; its code is gated in its own repository"))
        continue
      }
      if file.isBinary && file.addedLines.isEmpty {
        result.skipped.append((file.path, "binary, and not in a language aigate reads"))
        continue
      }
      if file.addedLines.isEmpty { continue }
      if !excluded.allows(file.path) {
        result.skipped.append((file.path, "excluded by the policy"))
        continue
      }
      if let ignore, SemgrepIgnore.ignores(file.path, rules: ignore.rules) {
        result.skipped.append((file.path, ignore.reason))
        continue
      }
      if let reason = filters.reasonToSkip(path: file.path) {
        result.skipped.append((file.path, reason))
        continue
      }
      switch try ChangedFileReader.read(file.path, at: changeSet.head, in: repository) {
      case .skip(let reason):
        result.skipped.append((file.path, reason))
      case .scan(let data, let target):
        if let reason = filters.reasonToSkip(size: data.count) {
          result.skipped.append((file.path, reason))
          continue
        }
        let source = SourceFile(path: file.path, data: data)
        var lines = file.addedLines
        if target != nil {
          // A new or retargeted link brings all of its target's lines to this path.
          lines = Array(1...max(1, source.numberedLineCount))
          result.links.append((file.path, file.addedLines[0], lines))
        }
        result.targets.append(try workspace.target(source, lines: lines))
        result.sources[file.path] = source
      }
    }
    return result
  }

  /// `attribution` with every line a link brings written by whoever wrote the link.
  func attributingLinks(_ attribution: AttributionReport) -> AttributionReport {
    let linked = links.compactMap { link -> FileAttribution? in
      attribution.attribution(path: link.path, line: link.added).map { who in
        FileAttribution(path: link.path, lines: link.lines.map { ($0, who) })
      }
    }
    if linked.isEmpty { return attribution }
    let replaced = Set(linked.map(\.path))
    return AttributionReport(
      base: attribution.base, head: attribution.head,
      files: attribution.files.filter { !replaced.contains($0.path) } + linked)
  }
}

extension LanguageFiles {
  /// Whether aigate knows the language of the file at `path` with `contents`: by its extension,
  /// a Dockerfile's name, or a script's `#!` line.
  static func knows(path: String, contents: Data) -> Bool {
    let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    if LanguageDefinition.all.contains(where: { $0.mayBeFile(named: name) }) { return true }
    if let dot = name.lastIndex(of: ".") {
      return allExtensions.contains(String(name[name.index(after: dot)...]))
    }
    return LanguageDefinition.ofShebang(contents.prefix(256)) != nil
  }
}

/// Which files the gate reads as code even when their content looks binary.
public enum CodeFiles {
  /// Whether aigate reads the file at `path` starting with `start` as code.
  ///
  /// Its extension, a Dockerfile's name, or a `#!` line names a language aigate knows; a NUL
  /// byte in such a file does not make it unscanned.
  public static func recognizes(path: String, start: Data) -> Bool {
    LanguageFiles.knows(path: path, contents: start)
  }
}
