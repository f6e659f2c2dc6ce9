import Foundation
import Testing

@testable import Rules

/// The decoded-rule cache gives what decoding gives, whatever state its folder is in.
@Suite struct RuleCacheTests {
  /// Rule files of every kind: valid rules of every operator, taint and extract rules, and
  /// files full of errors and warnings (one not even UTF-8).
  static let files: [String] = {
    let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rulesets")
      .path
    let packs = (try? RuleLoader.ruleFiles(for: [shipped])) ?? []
    let broken = Fixtures.brokenCases.map { Fixtures.path("broken/" + $0) }.filter {
      RuleLoader.isRuleFileName($0)
    }
    return packs + broken + [Fixtures.path("valid/search.yaml")]
  }()

  /// A fresh cache folder, removed with the returned cleanup.
  static func scratchFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigate-rule-cache-\(UUID().uuidString)"
    ).path
  }

  /// Whether two loads agree on everything a caller sees.
  static func expectSame(
    _ actual: RuleSet, _ expected: RuleSet,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(actual.rules == expected.rules, sourceLocation: sourceLocation)
    #expect(actual.files == expected.files, sourceLocation: sourceLocation)
    #expect(actual.errors == expected.errors, sourceLocation: sourceLocation)
    #expect(actual.warnings == expected.warnings, sourceLocation: sourceLocation)
  }

  static func entries(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
      $0.hasSuffix(".rules")
    }.map { folder + "/" + $0 }
  }

  @Test func everyRuleErrorAndWarningSurvivesTheRoundTrip() throws {
    #expect(Self.files.count > 50)
    let set = RuleLoader.load(files: Self.files)
    #expect(!set.rules.isEmpty && !set.errors.isEmpty && !set.warnings.isEmpty)
    #expect(set.rules.contains { $0.taint != nil } && set.rules.contains { $0.fixRegex != nil })
    let loaded = RuleCoding.Loaded(rules: set.rules, errors: set.errors, warnings: set.warnings)
    let bytes = try #require(RuleCoding.encode(loaded))
    #expect(try RuleCoding.decode(bytes) == loaded)
  }

  @Test func aMissThenAHitGiveWhatDecodingGives() throws {
    let folder = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = RuleCache(folder: folder)
    let plain = RuleLoader.load(files: Self.files, qualifyingFrom: "/")
    let miss = RuleLoader.load(files: Self.files, qualifyingFrom: "/", cache: cache)
    #expect(Self.entries(in: folder).count == 1)
    let hit = RuleLoader.load(files: Self.files, qualifyingFrom: "/", cache: cache)
    Self.expectSame(miss, plain)
    Self.expectSame(hit, plain)
    #expect(Self.entries(in: folder).count == 1)
  }

  @Test func aSoundEntryIsWhatTheLoaderReturns() throws {
    // Proof that a hit reads the entry: one written for these files' key (by hand, with a
    // message no rule file holds) is what the load gives.
    let folder = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = RuleCache(folder: folder)
    let file = Fixtures.path("valid/search.yaml")
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    var set = RuleLoader.load(files: [file])
    set.rules[0].message = "written into the cache by the test"
    let key = try #require(RuleCache.key(for: [(file, data)]))
    cache.write(key, RuleCoding.Loaded(rules: set.rules, errors: [], warnings: []))
    let loaded = RuleLoader.load(files: [file], cache: cache)
    #expect(loaded.rules.first?.message == "written into the cache by the test")
  }

  /// Ways an entry can go bad on disk.
  enum Damage: String, CaseIterable {
    case flippedPayloadByte, flippedHeaderByte, truncated, empty, extended, foreignKey, folder
  }

  @Test(arguments: Damage.allCases)
  func aDamagedEntryIsIgnoredAndWrittenAnew(damage: Damage) throws {
    let folder = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = RuleCache(folder: folder)
    let files = Array(Self.files.prefix(20))
    let plain = RuleLoader.load(files: files)
    _ = RuleLoader.load(files: files, cache: cache)
    let entry = try #require(Self.entries(in: folder).first)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
    let sound = bytes
    switch damage {
    case .flippedPayloadByte: bytes[bytes.count - 40] ^= 0x01
    case .flippedHeaderByte: bytes[3] ^= 0x20
    case .truncated: bytes.removeLast(bytes.count / 3)
    case .empty: bytes = []
    case .extended: bytes += [0]
    case .foreignKey:
      // The sound entry of other files, under these files' name.
      _ = RuleLoader.load(files: [Fixtures.path("valid/search.yaml")], cache: cache)
      let other = try #require(Self.entries(in: folder).first { $0 != entry })
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: other)))
    case .folder:
      bytes = []
    }
    try FileManager.default.removeItem(atPath: entry)
    if damage == .folder {
      try FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: false)
    } else {
      try Data(bytes).write(to: URL(fileURLWithPath: entry))
    }
    Self.expectSame(RuleLoader.load(files: files, cache: cache), plain)
    if damage != .folder {
      // Rewritten sound.
      #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: entry))) == sound)
    }
  }

  @Test func aChangedRuleFileIsDecodedAgain() throws {
    let folder = Self.scratchFolder()
    let rules = Self.scratchFolder()
    defer {
      try? FileManager.default.removeItem(atPath: folder)
      try? FileManager.default.removeItem(atPath: rules)
    }
    try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
    let file = rules + "/r.yaml"
    let cache = RuleCache(folder: folder)
    try ruleText("pattern: f()").write(toFile: file, atomically: true, encoding: .utf8)
    let first = RuleLoader.load(files: [file], cache: cache)
    try ruleText("pattern: g()").write(toFile: file, atomically: true, encoding: .utf8)
    let second = RuleLoader.load(files: [file], cache: cache)
    Self.expectSame(second, RuleLoader.load(files: [file]))
    #expect(first.rules.first?.formula != second.rules.first?.formula)
    #expect(Self.entries(in: folder).count == 2)
    // A broken edit is reported from the cache as from the file.
    try "rules: [".write(toFile: file, atomically: true, encoding: .utf8)
    let broken = RuleLoader.load(files: [file], cache: cache)
    #expect(!broken.errors.isEmpty)
    Self.expectSame(RuleLoader.load(files: [file], cache: cache), broken)
  }

  @Test func anUnwritableFolderCostsOnlyTheDecoding() throws {
    let parent = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: parent) }
    // A file where the folder's parent should be: nothing can be created under it, even by
    // root (which ignores permission bits).
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: parent))
    let cache = RuleCache(folder: parent + "/rules")
    let files = Array(Self.files.prefix(20))
    Self.expectSame(RuleLoader.load(files: files, cache: cache), RuleLoader.load(files: files))
    Self.expectSame(RuleLoader.load(files: files, cache: cache), RuleLoader.load(files: files))
  }

  @Test func textsFromACommitAreCachedByTheirPathsAndBytes() throws {
    let folder = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = RuleCache(folder: folder)
    let texts = [
      (file: "rules/a.yaml", text: ruleText(id: "a", "pattern: f()")),
      (file: "rules/b.yaml", text: ruleText(id: "a", "pattern: g(")),
    ]
    let plain = RuleLoader.load(texts: texts, qualified: true)
    #expect(!plain.warnings.isEmpty || !plain.errors.isEmpty)
    Self.expectSame(RuleLoader.load(texts: texts, qualified: true, cache: cache), plain)
    Self.expectSame(RuleLoader.load(texts: texts, qualified: true, cache: cache), plain)
    // The same bytes under another path are other rules (their locations differ).
    let moved = texts.map { (file: "other/" + $0.file, text: $0.text) }
    Self.expectSame(
      RuleLoader.load(texts: moved, qualified: true, cache: cache),
      RuleLoader.load(texts: moved, qualified: true))
    #expect(Self.entries(in: folder).count == 2)
  }

  @Test func everyTruncationOfAnEntryIsRefused() throws {
    let set = RuleLoader.load(files: [Fixtures.path("valid/search.yaml")])
    let loaded = RuleCoding.Loaded(rules: set.rules, errors: set.errors, warnings: set.warnings)
    let bytes = try #require(RuleCoding.encode(loaded))
    for length in 0..<bytes.count {
      #expect(throws: RuleCoding.Corrupt.self) { try RuleCoding.decode(Array(bytes[..<length])) }
    }
  }

  @Test func changedBytesNeverCrashTheReader() throws {
    let set = RuleLoader.load(files: Array(Self.files.prefix(5)))
    let loaded = RuleCoding.Loaded(rules: set.rules, errors: set.errors, warnings: set.warnings)
    let bytes = try #require(RuleCoding.encode(loaded))
    // A fixed sequence of single-byte changes: each either decodes or is refused.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var refused = 0
    for _ in 0..<2000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      var changed = bytes
      let index = Int((state >> 33) % UInt64(changed.count))
      changed[index] = UInt8(truncatingIfNeeded: state >> 13)
      if (try? RuleCoding.decode(changed)) == nil { refused += 1 }
    }
    #expect(refused > 0)
  }

  @Test func tooDeepANestingIsNotKept() {
    var value = JSONValue.null
    for _ in 0...RuleCoding.maxDepth { value = .array([value]) }
    let rule = Rule(
      id: "deep", message: "m", severity: .info, languages: [.python], metadata: value,
      formula: .pattern("f()", at: Rules.SourceLocation(file: "d.yaml", line: 1, column: 1)),
      location: Rules.SourceLocation(file: "d.yaml", line: 1, column: 1))
    #expect(RuleCoding.encode(RuleCoding.Loaded(rules: [rule], errors: [], warnings: [])) == nil)
  }

  @Test func theFolderComesFromTheEnvironmentAndNeverFromTheRepository() {
    let home = ["HOME": "/home/dana"]
    #expect(
      RuleCache.standard(environment: home, outside: nil)?.folder
        == "/home/dana/.cache/aigate/rules")
    #expect(
      RuleCache.standard(
        environment: home.merging(["XDG_CACHE_HOME": "/var/cache/dana"]) { $1 }, outside: nil)?
        .folder == "/var/cache/dana/aigate/rules")
    #expect(
      RuleCache.standard(
        environment: home.merging(["AIGATE_RULE_CACHE": "/tmp/rules"]) { $1 }, outside: nil)?
        .folder == "/tmp/rules")
    #expect(
      RuleCache.standard(
        environment: home.merging(["AIGATE_RULE_CACHE": "off"]) { $1 }, outside: nil)
        == nil)
    #expect(
      RuleCache.standard(
        environment: home.merging(["AIGATE_RULE_CACHE": "relative"]) { $1 }, outside: nil) == nil)
    #expect(RuleCache.standard(environment: [:], outside: nil) == nil)
    // A cache folder inside the repository being gated could be written by the change.
    #expect(RuleCache.standard(environment: home, outside: "/home/dana") == nil)
    #expect(RuleCache.standard(environment: home, outside: "/home/dana/.cache/") == nil)
    #expect(RuleCache.standard(environment: home, outside: "/home/dan") != nil)
    #expect(RuleCache.standard(environment: home, outside: "/home/dana/src/app") != nil)
  }

  @Test func theFolderKeepsABoundedNumberOfEntries() throws {
    let folder = Self.scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = RuleCache(folder: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("kept".utf8).write(to: URL(fileURLWithPath: folder + "/unrelated.txt"))
    let empty = RuleCoding.Loaded(rules: [], errors: [], warnings: [])
    for index in 0..<(RuleCache.maxEntries + 5) {
      let key = try #require(RuleCache.key(for: [("f\(index)", Data())]))
      cache.write(key, empty)
    }
    #expect(Self.entries(in: folder).count == RuleCache.maxEntries)
    #expect(FileManager.default.fileExists(atPath: folder + "/unrelated.txt"))
  }
}
