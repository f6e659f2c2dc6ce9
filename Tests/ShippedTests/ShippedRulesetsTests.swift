import Foundation
import TestSupport
import Testing

@testable import Shipped

/// The repository's root, from this file's place in it.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A fresh empty folder, removed by the caller.
private func scratchFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("aigate-shipped-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Every file under `folder`, relative to it, with its bytes.
private func tree(_ folder: String) throws -> [String: Data] {
  var result: [String: Data] = [:]
  let enumerator = FileManager.default.enumerator(atPath: folder)
  while let relative = enumerator?.nextObject() as? String {
    var isDirectory: ObjCBool = false
    let path = folder + "/" + relative
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else { continue }
    result[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
  }
  return result
}

@Suite("The rule packs built into the binary")
struct ShippedRulesetsTests {
  @Test("The built-in files are exactly rulesets/, byte for byte")
  func matchesRulesetsFolder() throws {
    let onDisk = try tree(packageRoot.appendingPathComponent("rulesets").path)
    let builtIn = Dictionary(
      uniqueKeysWithValues: ShippedRulesets.files.map { ($0.path, Data($0.text.utf8)) })
    let stale =
      Set(onDisk.keys).symmetricDifference(builtIn.keys).sorted()
      + onDisk.filter { path, data in builtIn[path].map { $0 != data } ?? false }.keys.sorted()
    #expect(
      stale.isEmpty,
      "Sources/Shipped/ShippedFiles.swift is stale (\(stale.prefix(5))); run python3 scripts/embed-rulesets.py"
    )
    #expect(builtIn["agents.yaml"] != nil)
    #expect(builtIn.keys.contains { $0.hasPrefix("python/") && $0.hasSuffix(".yaml") })
  }

  @Test("The generated source is what scripts/embed-rulesets.py writes today (digest included)")
  func generatedSourceIsCurrent() throws {
    let script = packageRoot.appendingPathComponent("scripts/embed-rulesets.py").path
    let result = try ProcessRunner.run("/usr/bin/env", ["python3", script, "--stdout"])
    #expect(result.status == 0, "\(result.stderr)")
    let checkedIn = try String(
      contentsOf: packageRoot.appendingPathComponent("Sources/Shipped/ShippedFiles.swift"),
      encoding: .utf8)
    #expect(result.stdout == checkedIn, "run python3 scripts/embed-rulesets.py")
    #expect(checkedIn.contains(ShippedRulesets.digest))
  }

  @Test("Written once to the cache folder, then reused; a damaged copy is rewritten")
  func writesAndRepairs() throws {
    let cache = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let folder = try ShippedRulesets.folder(environment: ["XDG_CACHE_HOME": cache])
    #expect(folder.hasPrefix(cache + "/aigate/rulesets-"))
    let written = try tree(folder)
    #expect(written.count == ShippedRulesets.files.count)
    for (path, text) in ShippedRulesets.files { #expect(written[path] == Data(text.utf8)) }

    #expect(try ShippedRulesets.folder(environment: ["XDG_CACHE_HOME": cache]) == folder)

    // A rule emptied and another removed: the next run restores both instead of running fewer.
    let rule = try #require(ShippedRulesets.files.first { $0.path.hasSuffix(".yaml") }).path
    let other = try #require(ShippedRulesets.files.last { $0.path.hasSuffix(".yaml") }).path
    try Data().write(to: URL(fileURLWithPath: folder + "/" + rule))
    try FileManager.default.removeItem(atPath: folder + "/" + other)
    #expect(!ShippedRulesets.isIntact(folder))
    #expect(try ShippedRulesets.folder(environment: ["XDG_CACHE_HOME": cache]) == folder)
    #expect(try tree(folder) == written)
    // No staging folder is left behind.
    let entries = try FileManager.default.contentsOfDirectory(atPath: cache + "/aigate")
    #expect(entries == [(folder as NSString).lastPathComponent])
  }

  @Test("An unusable cache folder falls back to a private folder in TMPDIR")
  func fallsBackToPrivateTemporaryFolder() throws {
    let scratch = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    // A file where the cache folder should be: it cannot hold folders.
    try Data("x".utf8).write(to: URL(fileURLWithPath: scratch + "/cache"))
    let environment = ["XDG_CACHE_HOME": scratch + "/cache", "TMPDIR": scratch]
    let folder = try ShippedRulesets.folder(environment: environment)
    #expect(folder.hasPrefix(scratch + "/aigate-\(geteuid())/rulesets-"))
    var info = stat()
    #expect(lstat(scratch + "/aigate-\(geteuid())", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o700)
  }

  @Test("A shared temporary folder others can write to is refused, with each place named")
  func refusesWritableByOthers() throws {
    let scratch = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try Data("x".utf8).write(to: URL(fileURLWithPath: scratch + "/cache"))
    let shared = scratch + "/aigate-\(geteuid())"
    try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
    #expect(chmod(shared, 0o777) == 0)
    #expect {
      _ = try ShippedRulesets.folder(
        environment: ["XDG_CACHE_HOME": scratch + "/cache", "TMPDIR": scratch])
    } throws: { error in
      guard case ShippedError.unwritable(let attempts) = error else { return false }
      return attempts.count == 2 && attempts[0].hasPrefix(scratch + "/cache/aigate")
        && attempts[1].hasPrefix(shared)
    }
    #expect(
      !FileManager.default.fileExists(
        atPath: shared + "/rulesets-" + String(ShippedRulesets.digest.prefix(16))))
  }
}
