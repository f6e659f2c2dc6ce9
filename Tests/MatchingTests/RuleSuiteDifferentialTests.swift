import Foundation
import Rules
import TestSupport
import Testing

@testable import Matching

/// The repository's root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path

/// A rule file and the test files beside it (`x.yaml` with `x.<ext>`, no `.fixed.` files).
struct SuiteCase {
  let ruleFile: String
  let targets: [String]
}

/// Every rule file with its test files under `folders` (walked recursively).
func suiteCases(in folders: [String]) -> [SuiteCase] {
  var cases: [SuiteCase] = []
  let fileManager = FileManager.default
  for folder in folders {
    guard let walker = fileManager.enumerator(atPath: folder) else { continue }
    let files = (walker.allObjects as? [String] ?? []).sorted()
    for relative in files where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
      let path = (folder as NSString).appendingPathComponent(relative)
      let directory = (path as NSString).deletingLastPathComponent
      var stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      if stem.hasSuffix(".test") { stem = String(stem.dropLast(".test".count)) }
      let siblings = (try? fileManager.contentsOfDirectory(atPath: directory)) ?? []
      let targets = siblings.filter {
        $0.hasPrefix(stem + ".") && !$0.hasSuffix(".yaml") && !$0.hasSuffix(".yml")
          && !$0.dropFirst(stem.count).contains(".fixed.")
      }.sorted().map { (directory as NSString).appendingPathComponent($0) }
      if !targets.isEmpty { cases.append(SuiteCase(ruleFile: path, targets: targets)) }
    }
  }
  return cases
}

/// The lines each rule is expected to report in semgrep's test format: a `ruleid:` (or
/// `todook:`) comment (`#` or `//`) names the next line when alone on its line, else its own.
func annotatedLines(in text: String) -> [String: Set<Int>] {
  var expected: [String: Set<Int>] = [:]
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  for (index, line) in lines.enumerated() {
    // `#` comments for Python and YAML, `//` for the C family.
    guard let hash = line.range(of: "#")?.lowerBound ?? line.range(of: "//")?.lowerBound,
      let marker = line[hash...].firstIndex(where: { $0 != "#" && $0 != "/" })
    else { continue }
    let comment = line[marker...].trimmingCharacters(in: .whitespaces)
    guard let colon = comment.firstIndex(of: ":") else { continue }
    let name = comment[..<colon]
    guard name == "ruleid" || name == "todook" else { continue }
    let alone = line[..<hash].allSatisfy(\.isWhitespace)
    let target = alone ? index + 2 : index + 1
    for id in comment[comment.index(after: colon)...].split(separator: ",") {
      expected[id.trimmingCharacters(in: .whitespaces), default: []].insert(target)
    }
  }
  return expected
}

/// Start lines per rule id and target path, as semgrep reports them for `cases`.
func semgrepStartLines(_ cases: [SuiteCase]) throws -> [String: Set<Int>] {
  var arguments = ["scan", "--json", "--metrics=off", "--disable-version-check", "--no-git-ignore"]
  for item in cases { arguments += ["--config", item.ruleFile] }
  arguments += cases.flatMap(\.targets)
  let result = try ProcessRunner.run("semgrep", arguments, timeout: 400)
  let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
  let results = report?["results"] as? [[String: Any]]
  try #require(results != nil, "semgrep printed no JSON: \(result.stderr)")
  var lines: [String: Set<Int>] = [:]
  for item in results ?? [] {
    guard let id = item["check_id"] as? String, let path = item["path"] as? String,
      let start = item["start"] as? [String: Any], let line = start["line"] as? Int
    else { continue }
    lines["\(id)\u{0}\(URL(fileURLWithPath: path).standardizedFileURL.path)", default: []]
      .insert(line)
  }
  return lines
}

@Test(
  .enabled(if: InstalledTools.semgrep != nil, "semgrep is not on PATH: differential test skipped"),
  .timeLimit(.minutes(20)))
func ruleSuitesReportTheLinesSemgrepReports() throws {
  // `semgrep --test` forks a process pool that can hang; one `semgrep scan` over every rule
  // file checks the same thing: semgrep reports exactly the annotated lines, and so do we.
  let folders = [
    (repositoryRoot as NSString).appendingPathComponent("rulesets"),
    (repositoryRoot as NSString).appendingPathComponent("Tests/MatchingTests/Features"),
  ]
  let cases = suiteCases(in: folders)
  try #require(!cases.isEmpty)
  let theirs = try semgrepStartLines(cases)
  var compared = 0
  for item in cases {
    let loaded = RuleLoader.loadFile(item.ruleFile)
    try #require(loaded.errors.isEmpty, "\(item.ruleFile): \(loaded.errors)")
    let runnable = loaded.rules.filter {
      classify($0, with: RuleEngine.capabilities) == .inProcess
    }
    let engine = try RuleEngine(rules: runnable)
    for target in item.targets {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: target)))
      let annotated = annotatedLines(in: String(decoding: bytes, as: UTF8.self))
      let found = engine.scan(path: target, bytes: bytes).findings
      for rule in runnable {
        compared += 1
        let ours = Set(found.filter { $0.ruleID == rule.id }.map(\.start.line))
        let path = URL(fileURLWithPath: target).standardizedFileURL.path
        // semgrep prefixes ids with the rule file's folder.
        let reported = theirs.filter { key, _ in
          let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
          return parts.count == 2 && parts[1] == path
            && (parts[0] == rule.id || parts[0].hasSuffix("." + rule.id))
        }.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
        #expect(
          ours == reported,
          "\(rule.id) on \(target): aigate \(ours.sorted()), semgrep \(reported.sorted())")
        // The annotations are semgrep's answers, not only ours.
        let wanted = annotated[rule.id] ?? []
        #expect(
          reported == wanted,
          "\(rule.id) on \(target): semgrep \(reported.sorted()), annotated \(wanted.sorted())")
      }
    }
  }
  #expect(compared > 0)
}
