import Foundation
import TestSupport
import Testing

/// `make conformance`'s script on small registries written here, so that it cannot rot: its
/// pairing, its reading of annotations and its counts, with semgrep hidden.
@Suite("make conformance")
struct ConformanceTests {
  @Test(
    .enabled(if: InstalledTools.path(of: "python3") != nil, "python3 is not installed; skipped"))
  func countsRefusalsPairsAndLines() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-conformance-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func write(_ path: String, _ text: String) throws {
      let url = URL(fileURLWithPath: folder + "/" + path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    func rule(_ id: String, _ body: String) -> String {
      "rules:\n  - id: \(id)\n    message: m\n    severity: ERROR\n    languages: [python]\n"
        + body + "\n"
    }
    // Passes: an annotation on its own line and one after code both speak about the next
    // line; ok lines must stay quiet; todo lines count on neither side.
    try write("python/a/calls.yaml", rule("calls", "    pattern: danger(...)"))
    try write(
      "python/a/calls.py",
      "# ruleid: calls\ndanger(1)\nx = 1  # ruleid: calls\ndanger(2)\n# ok: calls\nsafe(3)\n"
        + "# todook: calls\ndanger(4)\n# todoruleid: calls\nsafe(5)\n")
    // Fails: the annotation expects a line the rule does not report.
    try write("python/b/misses.yaml", rule("misses", "    pattern: danger(...)"))
    try write("python/b/misses.py", "# ruleid: misses\nsafe(1)\n")
    // Needs semgrep, which is hidden: not run.
    try write(
      "python/b/flows.yaml",
      rule(
        "flows",
        "    mode: taint\n    pattern-sources:\n      - pattern: source()\n        label: T\n"
          + "    pattern-sinks:\n      - pattern: sink(...)\n        requires: T"))
    try write("python/b/flows.py", "# ruleid: flows\nsink(source())\n")
    // Refused: not a rule file aigate (or semgrep) takes.
    try write("python/c/broken.yaml", "rules:\n  - id: broken\n    message: m\n")
    try write("go/d/nothing.yaml", rule("nothing", "    pattern: nothing()"))
    // The three languages of issue 21: a shell script, a Dockerfile, and YAML whose test file
    // is `NAME.test.yaml` beside the rule file.
    func ruleIn(_ language: String, _ id: String, _ pattern: String) -> String {
      "rules:\n  - id: \(id)\n    message: m\n    severity: ERROR\n    languages: [\(language)]\n"
        + "    pattern: \(pattern)\n"
    }
    try write("bash/e/insecure.yaml", ruleIn("bash", "insecure", "curl -k ..."))
    try write(
      "bash/e/insecure.sh",
      "# ruleid: insecure\ncurl -k https://x\n# ok: insecure\ncurl https://x\n")
    try write("dockerfile/f/user.yaml", ruleIn("dockerfile", "user", "USER root"))
    try write("dockerfile/f/user.dockerfile", "FROM debian:12\n# ruleid: user\nUSER root\n")
    try write("yaml/g/privileged.yaml", ruleIn("yaml", "privileged", "'privileged: true'"))
    try write(
      "yaml/g/privileged.test.yaml",
      "services:\n  web:\n    # ruleid: privileged\n    privileged: true\n  db:\n"
        + "    # ok: privileged\n    privileged: false\n")

    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scripts/conformance.py").path
    let binary = try #require(AigateBinary.path())
    let result = try ProcessRunner.run(
      "python3",
      [
        script, "--rules", folder, "--aigate", binary, "--no-semgrep", "--jobs", "2",
        "--out", folder + "/out/conformance.json", "--cache", folder + "/out/cache",
      ], timeout: 300)
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.contains("language"), "\(result.stdout)")
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/conformance.json"))
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let languages = try #require(document["languages"] as? [String: [String: Any]])
    #expect(Set(languages.keys) == ["bash", "dockerfile", "go", "python", "yaml"])
    let python = try #require(languages["python"])
    #expect(python["rule_files"] as? Int == 4)
    #expect((python["refused"] as? [Any])?.count == 1)
    let aigate = try #require(python["aigate"] as? [String: Any])
    #expect(aigate["pairs"] as? Int == 2)
    #expect(aigate["passed"] as? Int == 1)
    #expect(aigate["not_run"] as? Int == 1)
    #expect(aigate["errors"] as? Int == 0)
    #expect(aigate["true_positive"] as? Int == 2)
    #expect(aigate["false_positive"] as? Int == 0)
    #expect(aigate["false_negative"] as? Int == 1)
    #expect(languages["go"]?["rule_files"] as? Int == 1)
    for language in ["bash", "dockerfile", "yaml"] {
      let counts = try #require(languages[language]?["aigate"] as? [String: Any], "\(language)")
      #expect(counts["pairs"] as? Int == 1, "\(language): \(counts)")
      #expect(counts["passed"] as? Int == 1, "\(language): \(counts)")
      #expect(counts["true_positive"] as? Int == 1, "\(language): \(counts)")
    }
  }
}
