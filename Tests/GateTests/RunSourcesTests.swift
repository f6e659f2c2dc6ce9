import Foundation
import Gate
import GitKit
import Rules
import TestSupport
import Testing

/// A rule the in-process engine runs, so no test here waits for semgrep.
private let evalRule = """
  rules:
    - id: no-eval
      message: eval
      severity: ERROR
      languages: [python]
      pattern: eval(...)
  """

/// The repository's shipped agent table, for runs built here.
private let agentTable =
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("rulesets/agents.yaml").path

@Suite("Each file read once, and the run carrying it")
struct RunSourcesTests {
  @Test("A check carries its change and one file per scanned path, as the change left it")
  func runCarriesChangeAndFiles() throws {
    let repo = try ScratchRepository()
    try repo.write("a.py", "x = 1\n")
    let base = try repo.commit("base")
    try repo.write("a.py", "x = 1\r\ny = eval(z)\n")
    try repo.write("b.py", "w = 2\n")
    try repo.commit("first")
    try repo.write("b.py", "w = 3\n")
    let head = try repo.commit("second")
    let rules = repo.path + "-rules.yaml"
    try evalRule.write(toFile: rules, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: rules) }

    let request = CheckRequest(
      change: .range(base: base, head: nil), configs: [rules], environment: repo.environment,
      shippedRules: nil, agentTable: agentTable, repositoryPath: repo.path)
    let repository = try GateRunner.repository(for: request)
    let run = try GateRunner(engine: MatchingEngine()).run(request, in: repository)

    // The run's change is the range's own walk: what an attestation covers.
    let walked = try repository.commits(
      from: try repository.resolve(base), to: try repository.resolve(head))
    #expect(run.changeSet.commits.map(\.id) == walked.map(\.id))
    #expect(run.changeSet.head?.hex == head)
    #expect(run.changeSet.files.map(\.path) == ["a.py", "b.py"])
    // Every scanned file is held once, with the head's bytes.
    #expect(Set(run.sources.keys) == Set(run.scanned))
    #expect(run.sources["a.py"]?.bytes == Array("x = 1\r\ny = eval(z)\n".utf8))
    #expect(run.sources["a.py"]?.line(2) == "y = eval(z)")
    #expect(run.evaluation.findings.map(\.finding.start.line) == [2])
  }

  @Test("The in-process engine hands back the files it read where it found something")
  func engineHandsBackFilesItRead() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-sources-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "y = eval(z)\n".write(toFile: folder + "/hit.py", atomically: true, encoding: .utf8)
    try "y = 1\n".write(toFile: folder + "/miss.py", atomically: true, encoding: .utf8)
    let rule = try #require(RuleLoader.parse(evalRule, file: "r.yaml").rules.first)
    let output = try MatchingEngine().scan(
      rules: [rule],
      targets: ["hit.py", "miss.py"].map { ScanTarget(path: $0, absolutePath: "\(folder)/\($0)") })
    #expect(output.findings.map(\.path) == ["hit.py"])
    #expect(output.sources.map(\.path) == ["hit.py"])
    #expect(output.sources.first?.bytes == Array("y = eval(z)\n".utf8))
  }

  @Test("A file already read is matched as it is, and reaches the result as the same file")
  func heldFileIsNotReadAgain() throws {
    let rule = try #require(RuleLoader.parse(evalRule, file: "r.yaml").rules.first)
    // Nothing is at this path: the engine can only have matched the held file.
    let held = SourceFile(path: "a.py", text: "y = eval(z)\n")
    var semgrep = SemgrepPolicy()
    semgrep.mode = .off
    let engines = EngineSet(engine: MatchingEngine(), semgrep: semgrep, environment: [:])
    let result = try engines.run(
      engines.classify([rule]),
      targets: [ScanTarget(inMemory: held, absolutePath: "/nonexistent/a.py")],
      root: "/nonexistent", strict: true)
    #expect(result.findings.map(\.start.line) == [1])
    #expect(result.sources["a.py"] === held)
  }
}
