import Foundation
import TestSupport
import Testing

/// semgrep's flags mean on `scan` and `check` what they mean in semgrep (issue 23), through the
/// built binary: a semgrep user's scripts and CI jobs run unchanged.
@Suite("semgrep's flags")
struct SemgrepFlagsTests {
  static let rules = """
    rules:
      - id: no-eval
        languages: [python]
        severity: ERROR
        message: eval of request data
        pattern: eval(...)
    """

  /// A folder holding the rule file and one finding in app.py.
  private func scanFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-flags-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Self.rules.write(toFile: path + "/rules.yaml", atomically: true, encoding: .utf8)
    try "import os\n\nvalue = eval(input())\n".write(
      toFile: path + "/app.py", atomically: true, encoding: .utf8)
    return path
  }

  private func scan(_ arguments: [String], in folder: String) throws -> ProcessResult {
    try AigateBinary.run(
      ["scan", "--config", "rules.yaml"] + arguments, in: folder,
      environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
  }

  private func read(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  @Test("--json, --text and --format agree; --sarif, --gitlab-sast and --junit-xml write theirs")
  func formatFlags() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let byFlag = try scan(["--json", "app.py"], in: folder)
    let byFormat = try scan(["--format", "json", "app.py"], in: folder)
    #expect(byFlag.status == 0, "\(byFlag.stderr)")
    #expect(byFlag.stdout == byFormat.stdout)
    #expect(results(try json(byFlag.stdout)).map { $0["check_id"] as? String } == ["no-eval"])
    let text = try scan(["--text", "app.py"], in: folder)
    #expect(text.stdout == (try scan(["app.py"], in: folder)).stdout)
    #expect(text.stdout.contains("no-eval"))

    let sarif = try scan(["--sarif", "app.py"], in: folder)
    #expect(sarif.status == 0, "\(sarif.stderr)")
    let log = try json(sarif.stdout)
    #expect(log["version"] as? String == "2.1.0")
    let runs = log["runs"] as? [[String: Any]] ?? []
    #expect(runs.flatMap { $0["results"] as? [[String: Any]] ?? [] }.count == 1)
    if SARIFValidator.available {
      let problems = try SARIFValidator.problems(sarif.stdout)
      #expect(problems == nil, "\(problems ?? "")")
    }
    let gitlab = try json(try scan(["--gitlab-sast", "app.py"], in: folder).stdout)
    #expect((gitlab["vulnerabilities"] as? [[String: Any]])?.count == 1)
    let junit = try scan(["--junit-xml", "app.py"], in: folder)
    #expect(junit.stdout.hasPrefix("<?xml"), "\(junit.stdout)")
    #expect(junit.stdout.contains("no-eval"))
    // A scan knows no authors: no report names one.
    #expect(!junit.stdout.contains("written by"), "\(junit.stdout)")
  }

  @Test("--FORMAT-output files, --output FORMAT=PATH and semgrep's plain -o PATH")
  func outputFiles() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let both = try scan(
      [
        "--text", "--json-output=out.json", "--sarif-output", "out.sarif",
        "--text-output=out.txt", "--output", "junit=out.xml", "app.py",
      ], in: folder)
    #expect(both.status == 0, "\(both.stderr)")
    #expect(both.stdout.contains("no-eval"))
    #expect(results(try json(read(folder + "/out.json"))).count == 1)
    #expect((try json(read(folder + "/out.sarif")))["version"] as? String == "2.1.0")
    #expect(read(folder + "/out.txt") == both.stdout)
    #expect(read(folder + "/out.xml").contains("<testsuite"))

    // semgrep's `-o PATH`: the standard-output report goes to the file instead.
    let redirected = try scan(["--json", "-o", "main.json", "app.py"], in: folder)
    #expect(redirected.status == 0, "\(redirected.stderr)")
    #expect(redirected.stdout.isEmpty)
    #expect(results(try json(read(folder + "/main.json"))).count == 1)
  }

  @Test("--error fails a scan with findings in every format; the report still lists them")
  func errorFlag() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sarif = try scan(["--error", "--sarif", "app.py"], in: folder)
    #expect(sarif.status == 1, "\(sarif.stderr)")
    #expect(sarif.stdout.contains("no-eval"))
  }

  @Test("Two formats for standard output, or two reports to one file, are argument errors")
  func conflicts() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cases: [([String], String)] = [
      (["--json", "--sarif"], "json and sarif"),
      (["--format", "text", "--junit-xml"], "text and junit"),
      (["--json-output", "a", "--sarif-output", "a"], "'a'"),
      (["-o", "a", "-o", "b"], "one plain PATH"),
    ]
    for (arguments, named) in cases {
      let result = try scan(arguments + ["app.py"], in: folder)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
  }

  @Test("semgrep's network flags are accepted and ignored with a note; -q silences notes")
  func networkFlagsAndQuiet() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let plain = try scan(["--json", "app.py"], in: folder)
    let flagged = try scan(
      ["--json", "--metrics", "off", "--disable-version-check", "app.py"], in: folder)
    #expect(flagged.status == 0, "\(flagged.stderr)")
    #expect(flagged.stdout == plain.stdout)
    #expect(flagged.stderr.contains("ignored --metrics, --disable-version-check"))
    let quiet = try scan(["--json", "-q", "--metrics=off", "app.py"], in: folder)
    #expect(quiet.status == 0)
    #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    let bad = try scan(["--metrics", "sometimes", "app.py"], in: folder)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--metrics"))
  }

  @Test("check takes the same flags: --sarif to standard output, --json-output beside it")
  func checkFlags() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "app.py",
      "import subprocess\n\n\ndef run_report(name):\n" + vulnerableLine)
    _ = try repo.commit(claudeMessage)
    let result = try AigateBinary.run(
      [
        "check", "--base", base, "--config", shippedPython, "--sarif", "--json-output", "gate.json",
      ],
      in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1, "\(result.stderr)")
    let log = try json(result.stdout)
    #expect(log["version"] as? String == "2.1.0")
    if SARIFValidator.available {
      let problems = try SARIFValidator.problems(result.stdout)
      #expect(problems == nil, "\(problems ?? "")")
    }
    let gate = try json(read(repo.path + "/gate.json"))
    #expect((gate["verdict"] as? [String: Any])?["passed"] as? Bool == false)
  }

  /// The scan folder plus sub/b.py (one eval) and a WARNING rule finding app.py's exec.
  private func filterFolder() throws -> String {
    let folder = try scanFolder()
    try FileManager.default.createDirectory(
      atPath: folder + "/sub", withIntermediateDirectories: true)
    try "y = eval(z)\n".write(toFile: folder + "/sub/b.py", atomically: true, encoding: .utf8)
    try "exec(q)\n".write(toFile: folder + "/run.py", atomically: true, encoding: .utf8)
    try """
    rules:
      - id: no-exec
        languages: [python]
        severity: WARNING
        message: exec
        pattern: exec(...)
    """.write(toFile: folder + "/more.yaml", atomically: true, encoding: .utf8)
    return folder
  }

  private func found(_ result: ProcessResult) throws -> [String] {
    try results(json(result.stdout)).map {
      "\($0["check_id"] as? String ?? "?") \($0["path"] as? String ?? "?")"
    }.sorted()
  }

  @Test("--include, --exclude, --exclude-rule and --severity narrow a scan as in semgrep")
  func filters() throws {
    let folder = try filterFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func run(_ arguments: [String]) throws -> [String] {
      let result = try AigateBinary.run(
        ["scan", "--config", "rules.yaml", "--config", "more.yaml", "--json"] + arguments
          + ["."], in: folder,
        environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      return try found(result)
    }
    #expect(
      try run([]) == ["no-eval app.py", "no-eval sub/b.py", "no-exec run.py"])
    // A folder name matches at any depth, and everything in it.
    #expect(try run(["--exclude", "sub"]) == ["no-eval app.py", "no-exec run.py"])
    #expect(try run(["--exclude", "*.py"]) == [])
    #expect(try run(["--include", "sub"]) == ["no-eval sub/b.py"])
    #expect(
      try run(["--include", "app.py", "--include", "run.py"])
        == ["no-eval app.py", "no-exec run.py"])
    // --exclude wins over --include.
    #expect(try run(["--include", "*.py", "--exclude", "app.py"]).count == 2)
    #expect(try run(["--exclude-rule", "no-eval"]) == ["no-exec run.py"])
    #expect(try run(["--severity", "WARNING"]) == ["no-exec run.py"])
    #expect(try run(["--severity", "error", "--severity", "warning"]).count == 3)
    let skipped = try AigateBinary.run(
      ["scan", "--config", "rules.yaml", "--exclude", "sub", "."], in: folder,
      environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
    #expect(skipped.stdout.contains("Skipped sub/b.py: excluded by --exclude"), "\(skipped.stdout)")
  }

  @Test("-e PATTERN -l LANG runs a one-off pattern under semgrep's id '-'")
  func oneOffPattern() throws {
    let folder = try filterFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try AigateBinary.run(
      ["scan", "-e", "exec(...)", "-l", "python", "--json", "."], in: folder,
      environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try found(result) == ["- run.py"])
    let message = (results(try json(result.stdout)).first?["extra"] as? [String: Any])?["message"]
    #expect(message as? String == "exec(...)")
    let long = try AigateBinary.run(
      ["scan", "--pattern", "exec(...)", "--lang", "python", "--json", "."], in: folder,
      environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
    #expect(try found(long) == ["- run.py"], "\(long.stderr)")
    for arguments in [
      ["-e", "exec(...)"], ["-l", "python"], ["-e", "x", "-l", "python", "-c", "rules.yaml"],
    ] {
      let bad = try AigateBinary.run(["scan"] + arguments + ["."], in: folder)
      #expect(bad.status == 2, "\(arguments)")
      #expect(bad.stderr.contains("--pattern (-e)") || bad.stderr.contains("--lang (-l)"))
    }
  }

  @Test("check takes the filters too: an excluded file or rule is not gated, and says so")
  func checkFilters() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n" + vulnerableLine)
    _ = try repo.commit(claudeMessage)
    func check(_ arguments: [String]) throws -> ProcessResult {
      try AigateBinary.run(
        ["check", "--base", base, "--json"] + arguments,
        in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    }
    #expect(try check([]).status == 1)
    let excluded = try check(["--exclude", "app.py"])
    #expect(excluded.status == 0, "\(excluded.stderr)")
    let skipped = (try json(excluded.stdout)["paths"] as? [String: Any])?["skipped"]
    #expect("\(skipped ?? "")".contains("excluded by --exclude"), "\(excluded.stdout)")
    #expect(try check(["--exclude-rule", "python.subprocess-shell-true"]).status == 0)
    #expect(try check(["--severity", "INFO"]).status == 0)
    #expect(try check(["--max-target-bytes", "10"]).status == 0)
    #expect(try check(["-e", "subprocess.run(...)", "-l", "python"]).status == 1)
  }

  static let fixRule = """
    rules:
      - id: use-safe-load
        languages: [python]
        severity: ERROR
        message: unsafe load
        pattern: yaml.load($X)
        fix: yaml.safe_load($X)
    """

  @Test(
    "--autofix applies rules' fix: (two on one line too); --dryrun shows them and writes nothing")
  func autofix() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.fixRule.write(toFile: folder + "/fix.yaml", atomically: true, encoding: .utf8)
    let original = "import yaml\na = yaml.load(f)\nb = yaml.load(g); c = yaml.load(h)\n"
    try original.write(toFile: folder + "/load.py", atomically: true, encoding: .utf8)
    func run(_ arguments: [String]) throws -> ProcessResult {
      try AigateBinary.run(
        ["scan", "--config", "fix.yaml"] + arguments + ["load.py"], in: folder,
        environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
    }
    let dry = try run(["--autofix", "--dryrun"])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(read(folder + "/load.py") == original)
    #expect(dry.stderr.contains("would fix 3 findings in load.py"), "\(dry.stderr)")
    #expect(dry.stderr.contains("-> yaml.safe_load(h)"), "\(dry.stderr)")
    // Without --autofix nothing is touched.
    _ = try run([])
    #expect(read(folder + "/load.py") == original)
    let fixed = try run(["--autofix"])
    #expect(fixed.status == 0, "\(fixed.stderr)")
    #expect(
      read(folder + "/load.py")
        == "import yaml\na = yaml.safe_load(f)\nb = yaml.safe_load(g); c = yaml.safe_load(h)\n")
    #expect(try run(["--dryrun"]).status == 2)
  }

  @Test("check --autofix fixes the working tree only where it still holds the gated text")
  func checkAutofix() throws {
    let repo = try ScratchRepository()
    try repo.write("fix.yaml", Self.fixRule)
    try repo.write("load.py", "import yaml\n")
    let base = try repo.commit("Start")
    try repo.write("load.py", "import yaml\na = yaml.load(f)\n")
    _ = try repo.commit(claudeMessage)
    func check(_ arguments: [String]) throws -> ProcessResult {
      try AigateBinary.run(
        ["check", "--base", base, "--config", "fix.yaml"] + arguments, in: repo.path,
        environment: InstalledTools.withoutSemgrep(repo.environment))
    }
    #expect(try check([]).status == 1)
    #expect(read(repo.path + "/load.py") == "import yaml\na = yaml.load(f)\n")
    // An edit in the working tree since the commit: the fix would land on other bytes.
    try repo.write("load.py", "import yaml\n\na = yaml.load(f)\n")
    let refused = try check(["--autofix"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("not fixed: load.py"), "\(refused.stderr)")
    #expect(read(repo.path + "/load.py") == "import yaml\n\na = yaml.load(f)\n")
    try repo.write("load.py", "import yaml\na = yaml.load(f)\n")
    let fixed = try check(["--autofix"])
    // The verdict is the commit's: fixing the working tree does not change what was gated.
    #expect(fixed.status == 1)
    #expect(read(repo.path + "/load.py") == "import yaml\na = yaml.safe_load(f)\n")
  }

  @Test("SARIF and JSON fingerprints survive an unrelated line above; levels are the rule's")
  func trackableReports() throws {
    let folder = try scanFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.fixRule.write(toFile: folder + "/fix.yaml", atomically: true, encoding: .utf8)
    func reports() throws -> (sarif: [String: Any], json: [String: Any], gitlab: [String: Any]) {
      let result = try AigateBinary.run(
        [
          "scan", "--config", "rules.yaml", "--config", "fix.yaml", "--sarif",
          "--json-output", "out.json", "--gitlab-sast-output", "out.gl.json", "app.py",
        ], in: folder,
        environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
      #expect(result.status == 0, "\(result.stderr)")
      if SARIFValidator.available {
        let problems = try SARIFValidator.problems(result.stdout)
        #expect(problems == nil, "\(problems ?? "")")
      }
      return (
        try json(result.stdout), try json(read(folder + "/out.json")),
        try json(read(folder + "/out.gl.json"))
      )
    }
    func sarifResults(_ log: [String: Any]) -> [[String: Any]] {
      (log["runs"] as? [[String: Any]] ?? []).flatMap { $0["results"] as? [[String: Any]] ?? [] }
    }
    func fingerprints(_ all: (sarif: [String: Any], json: [String: Any], gitlab: [String: Any]))
      -> [String]
    {
      let sarif = sarifResults(all.sarif).compactMap {
        ($0["partialFingerprints"] as? [String: String])?["aigateFindingHash/v1"]
      }
      let json = results(all.json).compactMap {
        ($0["extra"] as? [String: Any])?["fingerprint"] as? String
      }
      let gitlab = (all.gitlab["vulnerabilities"] as? [[String: Any]] ?? []).compactMap {
        ((($0["tracking"] as? [String: Any])?["items"] as? [[String: Any]])?.first?["signatures"]
          as? [[String: Any]])?.first?["value"] as? String
      }
      #expect(sarif.count == 2)
      #expect(sarif == json)
      #expect(Set(sarif) == Set(gitlab))
      return sarif
    }
    try "import yaml\nvalue = eval(input())\nloaded = yaml.load(data)\n".write(
      toFile: folder + "/app.py", atomically: true, encoding: .utf8)
    let before = try reports()
    let found = sarifResults(before.sarif)
    // Both rules are ERROR: so are their results; the fix and the snippet travel with them.
    #expect(found.map { $0["level"] as? String } == ["error", "error"])
    let fixed = found.first { $0["ruleId"] as? String == "use-safe-load" }
    let change =
      ((fixed?["fixes"] as? [[String: Any]])?.first?["artifactChanges"]
      as? [[String: Any]])?.first
    let inserted =
      ((change?["replacements"] as? [[String: Any]])?.first?["insertedContent"]
      as? [String: Any])?["text"] as? String
    #expect(inserted == "yaml.safe_load(data)")
    let region =
      ((fixed?["locations"] as? [[String: Any]])?.first?["physicalLocation"]
      as? [String: Any])?["region"] as? [String: Any]
    #expect(
      (region?["snippet"] as? [String: Any])?["text"] as? String == "loaded = yaml.load(data)")
    let first = try fingerprints(before)

    // An unrelated line above both findings moves them, not their fingerprints.
    try "import yaml\nimport os\nvalue = eval(input())\nloaded = yaml.load(data)\n".write(
      toFile: folder + "/app.py", atomically: true, encoding: .utf8)
    #expect(try fingerprints(reports()) == first)
  }
}
