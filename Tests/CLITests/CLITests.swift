import Foundation
import GitKit
import TestSupport
import Testing

@Suite("The aigate command line")
struct CLITests {
  @Test("--help lists every command")
  func help() throws {
    let result = try AigateBinary.run(["--help"], in: FileManager.default.temporaryDirectory.path)
    #expect(result.status == 0)
    for command in ["check", "scan", "attribution", "test", "rules", "hook", "init"] {
      #expect(result.stdout.contains("  \(command) "), "missing \(command)")
    }
  }

  @Test("--version prints a version")
  func version() throws {
    let result = try AigateBinary.run(
      ["--version"], in: FileManager.default.temporaryDirectory.path)
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: ".").count == 3)
  }

  @Test("Commands that end at once never crash while libgit2 is still starting")
  func quickExits() throws {
    // libgit2 starts on another thread while the arguments parse; a command done before it
    // (version, help, a usage error) once crashed in OpenSSL's exit handlers now and then.
    let folder = FileManager.default.temporaryDirectory.path
    for arguments in [["--version"], ["--help"], ["check", "--bogus"]] {
      for _ in 0..<60 {
        let result = try AigateBinary.run(arguments, in: folder)
        #expect(result.status < 128, "\(arguments): status \(result.status)")
        if result.status >= 128 { return }
      }
    }
  }

  @Test("An argument error exits 2 with one line naming the argument (semgrep's 0, 1, 2)")
  func usageError() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let cases: [([String], String)] = [
      (["check", "--staged", "--base", "main"], "--staged"),
      (["scan", "--bogus"], "--bogus"),
      (["check", "--format", "pdf"], "pdf"),
      (["scan", "--max-target-bytes", "many"], "many"),
    ]
    for (arguments, named) in cases {
      let result = try AigateBinary.run(arguments, in: folder)
      #expect(result.status == 2, "\(arguments)")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(arguments): \(result.stderr)")
      #expect(result.stderr.hasPrefix("aigate: error: "), "\(result.stderr)")
      #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
    }
    // Help and the version are not errors.
    #expect(try AigateBinary.run(["scan", "--help"], in: folder).status == 0)
    #expect(try AigateBinary.run(["--version"], in: folder).status == 0)
  }

  @Test("check outside any repository exits 2 with a one-line reason")
  func outsideRepository() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var env = ProcessRunner.cleanEnvironment
    env["GIT_CEILING_DIRECTORIES"] = folder
    let result = try AigateBinary.run(["check"], in: folder, environment: env)
    #expect(result.status == 2)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("aigate: error: not a git repository") == true)
  }

  @Test("check with an unknown revision exits 2 naming it")
  func unknownRevision() throws {
    let repo = try ScratchRepository()
    try repo.write("a", "1\n")
    try repo.commit("one")
    let result = try AigateBinary.run(
      ["check", "--base", "no-such-branch"], in: repo.path, environment: repo.environment)
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown revision 'no-such-branch'"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("check in a shallow clone without the base exits 2 and says how to fetch it")
  func shallowBase() throws {
    let repo = try ScratchRepository()
    var first = ""
    for number in 1...3 {
      try repo.write("f.txt", "\(number)\n")
      let id = try repo.commit("commit \(number)")
      if number == 1 { first = id }
    }
    let clone = repo.path + "-shallow"
    try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clone])
    defer { try? FileManager.default.removeItem(atPath: clone) }
    let result = try AigateBinary.run(
      ["check", "--base", first], in: clone, environment: repo.environment)
    #expect(result.status == 2)
    #expect(result.stderr.contains("shallow clone"))
    #expect(result.stderr.contains("fetch"))
  }

  @Test("init writes the default policy once, and refuses to overwrite it")
  func initPolicy() throws {
    let repo = try ScratchRepository()
    let first = try AigateBinary.run(["init"], in: repo.path, environment: repo.environment)
    #expect(first.status == 0)
    let written = try String(contentsOfFile: repo.path + "/.aigate.yml", encoding: .utf8)
    #expect(written.contains("ai-may-suppress: false"))
    let second = try AigateBinary.run(["init"], in: repo.path, environment: repo.environment)
    #expect(second.status == 2)
    #expect(second.stderr.contains("already exists"))
  }

  /// A rule whose pattern aigate's parser cannot read (a typed metavariable in a Python call,
  /// which semgrep reads) is a warning, runs in semgrep, and is otherwise listed as not run.
  @Test("A rule aigate cannot compile runs only in semgrep and never sinks the run")
  func uncompilableRulesGoToSemgrep() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-validate-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func rule(_ id: String, _ pattern: String) -> String {
      """
        - id: \(id)
          message: m
          severity: ERROR
          languages: [python]
          pattern: \(pattern)

      """
    }
    try ("rules:\n" + rule("typed-sleep", "\"time.sleep($X: int)\""))
      .write(toFile: folder + "/typed.yaml", atomically: true, encoding: .utf8)
    try ("rules:\n" + rule("plain-call", "danger(...)"))
      .write(toFile: folder + "/plain.yaml", atomically: true, encoding: .utf8)
    try "import time\ntime.sleep(3)\ndanger(1)\n".write(
      toFile: folder + "/app.py", atomically: true, encoding: .utf8)

    let validate = try AigateBinary.run(
      ["rules", "validate", "--config", folder + "/typed.yaml"], in: folder)
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stderr.contains("typed.yaml:"), "\(validate.stderr)")
    #expect(validate.stderr.contains("warning: rule 'typed-sleep' runs only in semgrep"))
    #expect(validate.stdout.contains("1 need semgrep"), "\(validate.stdout)")

    // Without semgrep: listed as not run beside the rule that ran; --strict fails; and with
    // no other rule, nothing checked the file, which fails too.
    let both = ["--config", "typed.yaml", "--config", "plain.yaml", "--semgrep", "off"]
    let scan = try AigateBinary.run(["scan", "--format", "json"] + both + ["app.py"], in: folder)
    #expect(scan.status == 0, "\(scan.stderr)")
    #expect(scan.stdout.contains("typed-sleep: semgrep is off"), "\(scan.stdout)")
    #expect(scan.stdout.contains("plain-call"))
    let strict = try AigateBinary.run(["scan", "--strict"] + both + ["app.py"], in: folder)
    #expect(strict.status == 2)
    let alone = try AigateBinary.run(
      ["scan", "--config", "typed.yaml", "--semgrep", "off", "app.py"], in: folder)
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("typed-sleep"), "\(alone.stderr)")

    // With semgrep, semgrep runs it and finds the call.
    guard InstalledTools.semgrepOrOpengrep != nil else {
      print("skipped the semgrep half: semgrep is not installed")
      return
    }
    let delegated = try AigateBinary.run(
      ["scan", "--format", "json", "--config", "typed.yaml", "--semgrep", "required", "app.py"],
      in: folder)
    #expect(delegated.status == 0, "\(delegated.stderr)")
    #expect(delegated.stdout.contains("typed-sleep"), "\(delegated.stdout)")
  }
}
