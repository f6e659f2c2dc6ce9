import Foundation
import GitKit
import Matching

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

extension LanguageFiles {
  /// Whether aigate knows the language of the file at `path` with `contents`: by its extension,
  /// a Dockerfile's name, or a script's `#!` line.
  static func knows(path: String, contents: Data) -> Bool {
    let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    if name.hasPrefix("dockerfile") || name.hasPrefix("containerfile") { return true }
    if let dot = name.lastIndex(of: ".") {
      let ext = String(name[name.index(after: dot)...])
      return extensions.values.contains { $0.contains(ext) }
    }
    return PatternLanguage.shebangProgram(contents.prefix(256)).flatMap {
      interpreters[$0.name] ?? interpreters[$0.base]
    } != nil
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
