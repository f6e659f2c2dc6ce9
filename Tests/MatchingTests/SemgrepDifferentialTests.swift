import Foundation
import TestSupport
import Testing

@testable import Matching

/// A rule file with one rule per case, `r<index>`, each restricted to its own target file.
func ruleFile(_ cases: [MatchCase]) -> String {
  var yaml = "rules:\n"
  for (index, example) in cases.enumerated() {
    let body = example.pattern.split(separator: "\n", omittingEmptySubsequences: false)
      .map { "      " + $0 }.joined(separator: "\n")
    yaml += """
        - id: r\(index)
          languages: [python]
          severity: WARNING
          message: m
          paths:
            include: ["/case\(index).py"]
          pattern: |
      \(body)

      """
  }
  return yaml
}

@Test(
  .enabled(if: InstalledTools.semgrep != nil, "semgrep is not on PATH: differential test skipped"),
  .timeLimit(.minutes(20)))
func sameStartLinesAsSemgrep() throws {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("aigate-differential-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let rules = folder.appendingPathComponent("rules.yaml")
  try ruleFile(matchCases).write(to: rules, atomically: true, encoding: .utf8)
  for (index, example) in matchCases.enumerated() {
    try (example.code + "\n").write(
      to: folder.appendingPathComponent("case\(index).py"), atomically: true, encoding: .utf8)
  }
  let result = try ProcessRunner.run(
    "semgrep",
    [
      "scan", "--config", rules.path, "--json", "--metrics=off", "--disable-version-check",
      "--no-git-ignore", folder.path,
    ],
    timeout: 240)
  let data = Data(result.stdout.utf8)
  let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
  let results = report?["results"] as? [[String: Any]]
  try #require(results != nil, "semgrep printed no JSON: \(result.stderr)")
  var reported: [Int: Set<Int>] = [:]
  for item in results ?? [] {
    guard let id = item["check_id"] as? String, let path = item["path"] as? String,
      let start = item["start"] as? [String: Any], let line = start["line"] as? Int,
      let index = Int(id.split(separator: ".").last?.dropFirst() ?? ""),
      path.hasSuffix("/case\(index).py")
    else { continue }
    reported[index, default: []].insert(line)
  }
  #expect(reported.count > matchCases.count / 2, "semgrep reported too little: \(result.stderr)")
  for (index, example) in matchCases.enumerated() {
    let ours = Set(try startLines(example.pattern, example.code))
    let theirs = reported[index, default: []]
    #expect(ours == theirs, "\(example.name): ours \(ours.sorted()), semgrep \(theirs.sorted())")
  }
}
