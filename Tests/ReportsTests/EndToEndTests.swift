import Foundation
import TestSupport
import Testing

let needsSemgrepAndValidator = Testing.ConditionTrait.enabled(
  if: InstalledTools.semgrepOrOpengrep != nil && validatingPython != nil
    && FileManager.default.fileExists(atPath: validatorPath),
  "semgrep, or python3 with jsonschema and ../shared/sarif, is missing; skipped")

@Suite("Reports from a real aigate check")
struct EndToEndTests {
  static let claude = "Add report runner\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
  /// The call comes after CJK and an emoji on its line, so its SARIF column must count UTF-16.
  static let prefix = "    label = \"日本😀\"; return "
  static let call = "subprocess.run(\"report \" + name, shell=True)"

  func repository() throws -> (ScratchRepository, base: String) {
    let repo = try ScratchRepository()
    try repo.write("app.py", "import subprocess\n\n\ndef run_report(name):\n    return None\n")
    return (repo, try repo.commit("Start"))
  }

  @Test(
    "One check writes every format, and its SARIF passes GitHub's strict profile",
    needsSemgrepAndValidator)
  func everyFormat() throws {
    let (repo, base) = try repository()
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n" + Self.prefix + Self.call + "\n")
    try repo.commit(Self.claude)
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    func path(_ name: String) -> String { out.appendingPathComponent(name).path }
    var environment = repo.environment
    environment["GITHUB_STEP_SUMMARY"] = path("summary.md")

    let formats = ["json", "github", "gitlab-sast", "codequality", "junit"]
    let result = try AigateBinary.run(
      ["check", "--base", base, "--format", "sarif"]
        + formats.flatMap { ["--output", "\($0)=\(path($0))"] },
      in: repo.path, environment: environment)
    #expect(result.status == 1, "\(result.stderr)")

    let problems = try sarifProblems(result.stdout)
    #expect(problems == nil, "\(problems ?? "")\n\(result.stdout)")
    let sarif =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let results = (sarif["runs"] as? [[String: Any]] ?? []).flatMap {
      $0["results"] as? [[String: Any]] ?? []
    }
    #expect(results.count == 1)
    let location = (results.first?["locations"] as? [[String: Any]])?.first
    let region = (location?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
    #expect(region?["startLine"] as? Int == 5)
    #expect(region?["startColumn"] as? Int == Self.prefix.utf16.count + 1)
    #expect(region?["endColumn"] as? Int == Self.prefix.utf16.count + Self.call.utf16.count + 1)
    let fingerprint =
      (results.first?["partialFingerprints"] as? [String: Any])?[
        "primaryLocationLineHash"] as? String
    #expect(fingerprint?.hasSuffix(":1") == true)

    for format in formats {
      let text = try String(contentsOfFile: path(format), encoding: .utf8)
      #expect(!text.isEmpty, "\(format) report is empty")
    }
    let summary = try String(contentsOfFile: path("summary.md"), encoding: .utf8)
    #expect(summary.hasPrefix("## aigate: blocked"))
    let github = try String(contentsOfFile: path("github"), encoding: .utf8)
    #expect(github.hasPrefix("::error file=app.py,line=5,endLine=5,"))
  }

  @Test("A clean check writes SARIF with an empty results array", needsSemgrepAndValidator)
  func clean() throws {
    let (repo, base) = try repository()
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n    return [\"日本😀\", name]\n")
    try repo.commit(Self.claude)
    let result = try AigateBinary.run(
      ["check", "--base", base, "--format", "sarif"], in: repo.path,
      environment: repo.environment)
    #expect(result.status == 0, "\(result.stderr)")
    let problems = try sarifProblems(result.stdout)
    #expect(problems == nil, "\(problems ?? "")")
    let sarif =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let runs = sarif["runs"] as? [[String: Any]] ?? []
    #expect(!runs.isEmpty)
    for run in runs {
      #expect((run["results"] as? [Any])?.isEmpty == true)
    }
  }
}
