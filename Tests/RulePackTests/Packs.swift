import Foundation
import Rules
import TestSupport

/// The shipped rule packs, found from this file so the tests run from any working directory.
enum Packs {
  /// The package root: three levels above this file (Tests/RulePackTests/Packs.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let rulesets = root.appendingPathComponent("rulesets")

  /// Every pack folder (each non-hidden folder of `rulesets/`), sorted.
  static let folders: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: rulesets.path)) ?? []
    return names.sorted().filter { name in
      var isFolder: ObjCBool = false
      let path = rulesets.appendingPathComponent(name).path
      return !name.hasPrefix(".")
        && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        && isFolder.boolValue
    }
  }()

  /// Every rule file of every pack, relative to `rulesets/` so test names stay short.
  static let ruleFiles: [String] = {
    let configs = folders.map { rulesets.appendingPathComponent($0).path }
    let files = (try? RuleLoader.ruleFiles(for: configs)) ?? []
    let prefix = rulesets.path + "/"
    return files.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
  }()

  static func path(_ relative: String) -> String {
    rulesets.appendingPathComponent(relative).path
  }

  /// The test target paired with a rule file: same folder, same name, any other extension
  /// (semgrep's pairing: `x.yaml` with `x.py`, `x.dockerfile`, `x.test.yaml`, ...).
  static func testTargets(for ruleFile: String) -> [String] {
    let url = URL(fileURLWithPath: path(ruleFile))
    let folder = url.deletingLastPathComponent()
    let stem = url.deletingPathExtension().lastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { name in
      let isYAML = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
      let isYAMLTarget = name.hasSuffix(".test.yaml") || name.hasSuffix(".test.yml")
      return name.hasPrefix(stem + ".") && name != url.lastPathComponent
        && (!isYAML || isYAMLTarget)
    }.map { folder.appendingPathComponent($0).path }
  }
}
