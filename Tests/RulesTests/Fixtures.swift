import Foundation
import Testing

/// Test inputs beside this file, and golden files that are rewritten only on request.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  /// The rule files and folders under `Fixtures/broken`, one test case each; a folder that
  /// cannot be listed is one case named for the failure, which then fails (it has no golden).
  static let brokenCases: [String] = {
    do {
      let names = try FileManager.default.contentsOfDirectory(atPath: path("broken"))
      return names.filter { !$0.hasSuffix(".expected") }.sorted()
    } catch {
      return ["cannot list Fixtures/broken: \(error)"]
    }
  }()

  /// Fewer broken cases than this means fixtures went missing, not that rules got better.
  static let minimumBrokenCases = 16

  /// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDENS=1`.
  static func expectGolden(
    _ actual: String, at golden: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try actual.write(toFile: golden, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOfFile: golden, encoding: .utf8) else {
      Issue.record(
        "no golden file at \(golden); run with UPDATE_GOLDENS=1 to write it",
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, sourceLocation: sourceLocation)
  }
}
