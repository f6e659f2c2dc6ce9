import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One glob in gitignore's syntax, which semgrep uses for a rule's `paths:`, for `--include` and
/// `--exclude` and for `.semgrepignore`: `*`, `?` and `[...]` within one name, `\` escaping the
/// next character, `**` as a whole name for any number of folders (at the end, for at least
/// one), a leading `/` or `./` anchoring the glob to the root, a trailing `/` for folders only.
///
/// Matching goes name by name: a name is compared as text, or with `fnmatch` when it holds a
/// wildcard, and a `**` walks a table of reachable positions, so the work is bounded by the
/// glob's names times the path's.
public struct Glob: Sendable, Hashable {
  /// When a glob is tied to the root rather than matching at any depth.
  public enum Anchoring: Sendable {
    /// gitignore's rule (`--exclude`, `.semgrepignore`, `.aigate.yml`'s `exclude`): a `/` at
    /// the start or in the middle anchors; `a/b` matches `a/b` only.
    case gitignore
    /// semgrep's rule for a rule's `paths:`: only a leading `/` (or `./`) anchors; `a/b` also
    /// matches `c/a/b`.
    case leadingSlash
  }

  enum Part: Sendable, Hashable {
    /// A name compared as text.
    case name(String)
    /// `*` and a literal tail, the usual `*.ext`.
    case suffix(String)
    /// Any other name with a wildcard, for `fnmatch`.
    case wildcard(String)
    /// `**`: any number of folders.
    case folders
  }

  let parts: [Part]
  let anchored: Bool
  /// Whether a part is `**`; without one, a match spans exactly `parts.count` names.
  let spansFolders: Bool
  /// Whether only a folder matches (the glob ended in `/`).
  public let directoryOnly: Bool

  /// nil for a glob that names nothing (empty, or only slashes).
  public init?(_ pattern: String, anchoring: Anchoring) {
    var text = Substring(pattern)
    var anchored = false
    if text.hasPrefix("./") {
      // semgrep reads `./x` as `/x`.
      text = text.dropFirst(2)
      anchored = true
    } else if text.hasPrefix("/") {
      text = text.dropFirst()
      anchored = true
    }
    var directoryOnly = false
    while text.hasSuffix("/") && !text.hasSuffix("\\/") {
      text = text.dropLast()
      directoryOnly = true
    }
    if anchoring == .gitignore && text.contains("/") { anchored = true }
    let names = text.split(separator: "/")
    guard !names.isEmpty else { return nil }
    parts = names.map { name in
      if name == "**" { return .folders }
      guard name.contains(where: { "*?[\\".contains($0) }) else { return .name(String(name)) }
      let tail = name.dropFirst()
      if name.first == "*" && !tail.contains(where: { "*?[\\".contains($0) }) {
        return .suffix(String(tail))
      }
      return .wildcard(String(name))
    }
    self.anchored = anchored
    self.directoryOnly = directoryOnly
    spansFolders = parts.contains(.folders)
  }

  /// Whether the glob matches the path whose names are `names`, a folder when `isDirectory`.
  public func matches(_ names: [Substring], isDirectory: Bool) -> Bool {
    guard isDirectory || !directoryOnly else { return false }
    guard spansFolders else {
      // The usual glob (`*.pyc`, `build`, `docs/api`) can only match the last names.
      let start = names.count - parts.count
      return start >= 0 && (start == 0 || !anchored) && matches(names, from: start)
    }
    return ends(names).last == true
  }

  /// Whether the glob matches the file `names`, or one of the folders it lies in: how semgrep
  /// applies `paths:` and `--exclude` to a file.
  public func matchesFileOrFolder(_ names: [Substring]) -> Bool {
    guard spansFolders else {
      // The match spans `parts.count` names from some start; it must stop at a folder when
      // the glob is for folders only.
      let last = names.count - parts.count - (directoryOnly ? 1 : 0)
      guard last >= 0 else { return false }
      return (0...(anchored ? 0 : last)).contains { matches(names, from: $0) }
    }
    let reached = ends(names)
    // Position `end` is the path's first `end` names: the file itself at the last position.
    for end in 1..<reached.count where reached[end] {
      if end < names.count || !directoryOnly { return true }
    }
    return false
  }

  /// For each position in `names`, whether the glob can match the names before it, starting
  /// at the root when anchored and at any name otherwise.
  private func ends(_ names: [Substring]) -> [Bool] {
    var reached = [Bool](repeating: false, count: names.count + 1)
    if anchored {
      reached[0] = true
    } else {
      for start in 0..<names.count { reached[start] = true }
    }
    for (index, part) in parts.enumerated() {
      var next = [Bool](repeating: false, count: names.count + 1)
      switch part {
      case .folders:
        // At the end `**` needs at least one name (`a/**` is what `a` holds, not `a`).
        let least = index == parts.count - 1 ? 1 : 0
        var earliest: Int?
        for position in reached.indices where reached[position] {
          earliest = position
          break
        }
        if let earliest, earliest + least <= names.count {
          for position in (earliest + least)...names.count { next[position] = true }
        }
      default:
        for position in 0..<names.count where reached[position] {
          next[position + 1] = Self.matches(part, names[position])
        }
      }
      reached = next
    }
    return reached
  }

  /// Whether the parts (no `**` among them) match the names from `start` on, one each.
  private func matches(_ names: [Substring], from start: Int) -> Bool {
    for (offset, part) in parts.enumerated() where !Self.matches(part, names[start + offset]) {
      return false
    }
    return true
  }

  private static func matches(_ part: Part, _ name: Substring) -> Bool {
    switch part {
    case .name(let text): return name == text
    case .suffix(let tail): return name.hasSuffix(tail)
    case .wildcard(let pattern): return fnmatch(pattern, String(name), 0) == 0
    case .folders: return true
    }
  }
}

/// The files a list of includes and excludes lets through, as semgrep reads a rule's `paths:`
/// and `--include`/`--exclude`: with includes, only a file one of them matches (or lies in a
/// folder one matches); never one an exclude matches.
public struct PathGlobs: Sendable {
  let include: [Glob]
  let exclude: [Glob]

  public init(include: [String] = [], exclude: [String] = [], anchoring: Glob.Anchoring) {
    self.include = include.compactMap { Glob($0, anchoring: anchoring) }
    self.exclude = exclude.compactMap { Glob($0, anchoring: anchoring) }
  }

  /// A rule's `paths:`.
  public init(_ filter: PathFilter) {
    self.init(include: filter.include, exclude: filter.exclude, anchoring: .leadingSlash)
  }

  /// Whether the file at the repository-relative `path` passes.
  public func allows(_ path: String) -> Bool {
    // Most rules have no `paths:`: no need to look at the path.
    if include.isEmpty && exclude.isEmpty { return true }
    let names = path.split(separator: "/")
    if !include.isEmpty && !include.contains(where: { $0.matchesFileOrFolder(names) }) {
      return false
    }
    return !exclude.contains { $0.matchesFileOrFolder(names) }
  }
}
