import Foundation
import TestSupport
import Testing

@testable import Reports

/// The package root, found from this file (Tests/ReportsTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

let goldensFolder = packageRoot.appendingPathComponent("Tests/ReportsTests/Goldens")

/// The shared SARIF validator, beside the package in `../shared`.
let validatorPath = SARIFValidator.path

/// The python3 that can run the validator (it needs `jsonschema`), or nil.
let validatingPython = SARIFValidator.python

let needsValidator = Testing.ConditionTrait.enabled(
  if: SARIFValidator.available,
  "python3 with jsonschema, or ../shared/sarif/validate_sarif.py, is missing; skipped")

/// Runs the shared validator in GitHub's strict profile on `text`; returns its output when it
/// fails, nil when the SARIF passes.
func sarifProblems(_ text: String) throws -> String? {
  try SARIFValidator.problems(text)
}

/// Replaces what changes between machines and releases with placeholders.
func normalized(_ text: String, root: String) -> String {
  text.replacingOccurrences(of: root, with: "{{ROOT}}")
    .replacingOccurrences(of: Fixture.version, with: "{{VERSION}}")
}

func parsedJSON(_ text: String) throws -> NSObject {
  let object = try JSONSerialization.jsonObject(
    with: Data(text.utf8), options: [.fragmentsAllowed])
  return object as? NSObject ?? NSNull()
}

/// Compares `actual` with the golden file `name` (parsed when it is JSON); with
/// `UPDATE_GOLDENS=1` rewrites the golden instead.
func expectGolden(
  _ actual: String, _ name: String, json: Bool, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = goldensFolder.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
    try FileManager.default.createDirectory(at: goldensFolder, withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url, options: .atomic)
    return
  }
  guard let data = FileManager.default.contents(atPath: url.path) else {
    Issue.record(
      "no golden \(name); run with UPDATE_GOLDENS=1 to write it", sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  if json {
    let same = try parsedJSON(actual).isEqual(try parsedJSON(expected))
    #expect(same, "\(name) differs from its golden:\n\(actual)", sourceLocation: sourceLocation)
  } else {
    #expect(actual == expected, "\(name) differs from its golden", sourceLocation: sourceLocation)
  }
}
