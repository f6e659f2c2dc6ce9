import Foundation
import TestSupport
import Testing

@testable import GitKit

/// What git blame says about one line of a file at head.
struct BlamedLine: Equatable, CustomStringConvertible {
  /// The commit that introduced the line in the range; nil for a line older than the range.
  var commit: String?
  /// The line's number and path in that commit (only for lines in the range).
  var originalLine: Int?
  var originalPath: String?

  var description: String {
    guard let commit else { return "older" }
    return "\(commit.prefix(7)) \(originalPath ?? "?"):\(originalLine ?? 0)"
  }
}

/// Per line of `path` at `head`, the commit `git blame` (the real command) blames inside the
/// range from `base` (the whole history when nil, where the root commit's lines are its own).
func gitBlame(_ repo: ScratchRepository, base: String?, head: String, path: String) throws
  -> [BlamedLine]
{
  let range = base.map { ["\($0)..\(head)"] } ?? ["--root", head]
  let output = try repo.git(["blame", "--line-porcelain"] + range + ["--", path])
  var lines: [BlamedLine] = []
  var current = BlamedLine()
  var boundary = false
  var atStart = true
  for raw in output.split(separator: "\n") {
    let line = String(raw)
    if atStart, let header = BlamedLine.header(line) {
      current = BlamedLine(commit: header.commit, originalLine: header.line)
      boundary = false
      atStart = false
    } else if line.hasPrefix("\t") {
      lines.append(boundary ? BlamedLine() : current)
      atStart = true
    } else if line == "boundary" {
      boundary = true
    } else if line.hasPrefix("filename ") {
      current.originalPath = String(line.dropFirst("filename ".count))
    }
  }
  return lines
}

extension BlamedLine {
  /// The `<40 hex> <orig line> <final line> …` header that starts each porcelain entry.
  static func header(_ line: String) -> (commit: String, line: Int)? {
    let fields = line.split(separator: " ")
    guard fields.count >= 3, fields[0].count == 40,
      fields[0].allSatisfy({ $0.isHexDigit }), let number = Int(fields[1])
    else { return nil }
    return (String(fields[0]), number)
  }
}

/// The same per-line view of GitKit's hunks.
func lines(of hunks: [BlameHunk], path: String) -> [BlamedLine] {
  hunks.flatMap { hunk in
    (0..<hunk.lineCount).map { offset in
      hunk.isBoundary
        ? BlamedLine()
        : BlamedLine(
          commit: hunk.commit.hex, originalLine: hunk.originalStartLine + offset,
          originalPath: hunk.originalPath ?? path)
    }
  }
}

/// A small deterministic random source (SplitMix64), so that each seed is one fixed history.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// What a generated history may contain besides plain edits.
enum HistoryShape: String, CaseIterable, CustomStringConvertible {
  case linear, renames, merges, movedLines, deletedAndRecreated, everything

  var description: String { rawValue }
}

/// Builds a random history of text files in a scratch repository: edits of every kind, and
/// renames, merges, moved and duplicated blocks, or deleted and re-created files as `shape` asks.
struct HistoryGenerator {
  let repo: ScratchRepository
  let shape: HistoryShape
  var random: SeededRandom
  var files: [String: [String]] = [:]
  var deleted: [String: [String]] = [:]
  var serial = 0

  init(repo: ScratchRepository, shape: HistoryShape, seed: UInt64) {
    self.repo = repo
    self.shape = shape
    random = SeededRandom(state: seed)
  }

  /// A line: often one of a few common ones (so diffs have ambiguous alignments), else unique.
  mutating func line() -> String {
    serial += 1
    let common = ["", "}", "    return nil", "# ---", "end"]
    if Int.random(in: 0..<4, using: &random) == 0 {
      return common[Int.random(in: 0..<common.count, using: &random)]
    }
    return "line \(serial) = \(Int.random(in: 0..<1000, using: &random))"
  }

  mutating func block(_ count: Int) -> [String] { (0..<count).map { _ in line() } }

  mutating func write(_ path: String, _ lines: [String]) throws {
    files[path] = lines
    try repo.write(path, lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
  }

  mutating func pick() -> String? {
    files.keys.sorted().randomElement(using: &random)
  }

  /// One random change to the working tree.
  mutating func change() throws {
    let allowed: [String] =
      switch shape {
      case .linear, .merges: ["edit", "edit", "edit", "create"]
      case .renames: ["edit", "edit", "rename", "create"]
      case .movedLines: ["edit", "move", "move", "duplicate"]
      case .deletedAndRecreated: ["edit", "edit", "delete", "recreate", "create"]
      case .everything:
        ["edit", "edit", "rename", "move", "duplicate", "delete", "recreate", "create"]
      }
    let action = allowed.randomElement(using: &random) ?? "edit"
    if action == "create" || files.isEmpty {
      try write(
        "src/file\(files.count + deleted.count)_\(serial).txt",
        block(5 + Int.random(in: 0..<10, using: &random)))
      return
    }
    guard let path = pick(), var lines = files[path] else { return }
    switch action {
    case "rename":
      let target = "moved/\(serial)_" + ((path as NSString).lastPathComponent)
      serial += 1
      try repo.remove(path)
      files[path] = nil
      if Bool.random(using: &random), !lines.isEmpty {
        lines[Int.random(in: 0..<lines.count, using: &random)] = line()
      }
      try write(target, lines)
    case "move" where lines.count > 2:
      let start = Int.random(in: 0..<lines.count, using: &random)
      let count = Int.random(in: 1...min(4, lines.count - start), using: &random)
      let moved = Array(lines[start..<start + count])
      lines.removeSubrange(start..<start + count)
      lines.insert(contentsOf: moved, at: Int.random(in: 0...lines.count, using: &random))
      try write(path, lines)
    case "duplicate" where !lines.isEmpty:
      let start = Int.random(in: 0..<lines.count, using: &random)
      let copy = Array(lines[start..<min(lines.count, start + 3)])
      lines.insert(contentsOf: copy, at: Int.random(in: 0...lines.count, using: &random))
      try write(path, lines)
    case "delete":
      try repo.remove(path)
      files[path] = nil
      deleted[path] = lines
    case "recreate":
      guard let (old, content) = deleted.sorted(by: { $0.key < $1.key }).first else {
        return try edit(path, lines)
      }
      deleted[old] = nil
      var recreated = content
      recreated.insert(
        contentsOf: block(2), at: Int.random(in: 0...recreated.count, using: &random))
      try write(old, recreated)
    default:
      try edit(path, lines)
    }
  }

  /// Inserts, deletes or replaces a few lines somewhere.
  mutating func edit(_ path: String, _ original: [String]) throws {
    var lines = original
    let position = Int.random(in: 0...lines.count, using: &random)
    switch Int.random(in: 0..<3, using: &random) {
    case 0:
      lines.insert(contentsOf: block(1 + Int.random(in: 0..<4, using: &random)), at: position)
    case 1 where position < lines.count:
      lines.removeSubrange(
        position..<min(lines.count, position + 1 + Int.random(in: 0..<3, using: &random)))
    default:
      if position < lines.count {
        lines.replaceSubrange(
          position..<min(lines.count, position + 2),
          with: block(Int.random(in: 1..<4, using: &random)))
      } else {
        lines.append(line())
      }
    }
    try write(path, lines)
  }

  /// A commit of one to three random changes.
  @discardableResult
  mutating func commit() throws -> String {
    for _ in 0..<Int.random(in: 1...3, using: &random) { try change() }
    return try repo.commit("Change \(serial)\n", allowEmpty: true)
  }

  /// A side branch with a few commits, merged back after main moves on; conflicts resolve to
  /// main's side, and some merges change lines of their own.
  mutating func mergeRound() throws {
    let mainFiles = files
    let mainDeleted = deleted
    try repo.git(["checkout", "-q", "-b", "side\(serial)"])
    let branch = "side\(serial)"
    for _ in 0..<Int.random(in: 1...3, using: &random) { try commit() }
    let sideFiles = files
    try repo.git(["checkout", "-q", "main"])
    files = mainFiles
    deleted = mainDeleted
    for _ in 0..<Int.random(in: 0...2, using: &random) { try commit() }
    do {
      try repo.git(["merge", "-q", "--no-ff", "--no-commit", "-X", "ours", branch])
    } catch {
      // A modify/delete conflict: keep whatever the working tree has.
    }
    files = [:]
    for path in try repo.git(["ls-files"]).split(separator: "\n").map(String.init) {
      let text = try String(
        contentsOfFile: (repo.path as NSString).appendingPathComponent(path), encoding: .utf8)
      files[path] = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
        String.init)
    }
    _ = sideFiles
    if Bool.random(using: &random), let path = pick(), let lines = files[path] {
      try edit(path, lines)
    }
    try repo.commit("Merge \(branch)\n")
  }
}

@Suite("Blaming a whole range in one pass agrees with git blame")
struct RangeBlameTests {
  /// Builds the history for `shape` and `seed`; returns the range's base (nil: whole history).
  func history(_ repo: ScratchRepository, _ shape: HistoryShape, seed: UInt64) throws -> String? {
    var generator = HistoryGenerator(repo: repo, shape: shape, seed: seed)
    for _ in 0..<3 { try generator.commit() }
    let base: String? = seed % 4 == 0 ? nil : try repo.head()
    for round in 0..<12 {
      if (shape == .merges || shape == .everything) && round % 4 == 1 {
        try generator.mergeRound()
      } else {
        try generator.commit()
      }
    }
    return base
  }

  @Test(
    "Every line of every file gets git blame's commit, line and path",
    arguments: HistoryShape.allCases, 1...6)
  func matchesGitBlame(shape: HistoryShape, seed: UInt64) throws {
    let repo = try ScratchRepository()
    let base = try history(repo, shape, seed: seed * 7919 + UInt64(shape.rawValue.count))
    let log = try repo.git(["log", "-M", "--name-status", "--format=%p"])
    if shape == .merges || shape == .everything {
      #expect(try !repo.git(["rev-list", "--merges", "HEAD"]).isEmpty, "the history has merges")
    }
    if shape == .renames || shape == .everything {
      #expect(log.contains("\nR"), "the history has renames")
    }
    let repository = try Repository.open(at: repo.path, environment: [:])
    let change = try repository.changeSet(base: base, head: "HEAD")
    let paths = try repo.git(["ls-files"]).split(separator: "\n").map(String.init)
    let result = try repository.rangeBlame(paths: paths, in: change)
    #expect(result.fellBack.isEmpty, "blamed file by file: \(result.fellBack.sorted())")
    for path in paths {
      let expected = try gitBlame(repo, base: base, head: "HEAD", path: path)
      let actual = lines(of: result.hunks[path] ?? [], path: path)
      #expect(actual.count == expected.count, "\(path): line count")
      for (number, pair) in zip(actual, expected).enumerated() where pair.0 != pair.1 {
        Issue.record("\(path):\(number + 1): one pass says \(pair.0), git blame \(pair.1)")
        break
      }
    }
  }
}
