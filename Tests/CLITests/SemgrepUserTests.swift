import Foundation
import TestSupport
import Testing

/// The rest of issue 23 through the built binary: a baseline, `-j`, `--time`, `.semgrepignore`
/// in `check`, JUnit's skipped rules, the text's suggested fixes and a compact `rules list`.
@Suite("semgrep users: baseline, -j, --time, .semgrepignore, rules list")
struct SemgrepUserTests {
  /// A taint rule: aigate's engine hands it to semgrep, so without semgrep it does not run.
  static let taintRule = """
    rules:
      - id: tainted
        languages: [python]
        severity: ERROR
        message: flows
        mode: taint
        pattern-sources: [{pattern: source(), label: T}]
        pattern-sinks: [{pattern: sink(...), requires: T}]
    """

  static let rules = """
    rules:
      - id: no-eval
        languages: [python]
        severity: ERROR
        message: eval of request data
        pattern: eval(...)
      - id: use-safe-load
        languages: [python]
        severity: WARNING
        message: unsafe load
        pattern: yaml.load($X)
        fix: yaml.safe_load($X)
    """

  private func read(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  private func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-users-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Self.rules.write(toFile: path + "/rules.yaml", atomically: true, encoding: .utf8)
    return path
  }

  private func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  private func aigate(
    _ arguments: [String], in folder: String, environment: [String: String]? = nil
  )
    throws -> ProcessResult
  {
    try AigateBinary.run(
      arguments, in: folder,
      environment: InstalledTools.withoutSemgrep(environment ?? ProcessRunner.cleanEnvironment))
  }

  private func found(_ result: ProcessResult) throws -> [String] {
    try results(json(result.stdout)).map {
      "\($0["check_id"] as? String ?? "?") \($0["path"] as? String ?? "?")"
        + ":\(($0["start"] as? [String: Any])?["line"] as? Int ?? 0)"
    }
  }

  @Test("aigate baseline, then a change adding one finding: check reports only that finding")
  func baselineInCheck() throws {
    let repo = try ScratchRepository()
    try repo.write("rules.yaml", Self.rules)
    try repo.write("app.py", "import yaml\n\nvalue = eval(input())\nloaded = yaml.load(data)\n")
    try repo.write("lib/old.py", "x = eval(y)\n")
    _ = try repo.commit("Start")
    let written = try aigate(["baseline", "--config", "rules.yaml"], in: repo.path)
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stderr.contains("3 findings recorded from"), "\(written.stderr)")
    let file = try json(read(repo.path + "/.aigate-baseline.json"))
    let entries = file["findings"] as? [[String: Any]] ?? []
    #expect(entries.count == 3)
    // Fingerprints, not line numbers.
    #expect(entries.allSatisfy { $0["line"] == nil && ($0["fingerprint"] as? String)?.count == 64 })
    let base = try repo.commit("Record the baseline")

    // The agent re-indents a baselined line (it is an added line now), moves another, and adds
    // one new finding.
    try repo.write(
      "app.py",
      "import yaml\n\nif True:\n    value = eval(input())\nloaded = yaml.load(data)\n"
        + "other = eval(request)\n")
    try repo.write("lib/old.py", "\n\nx = eval( y )\n")
    _ = try repo.commit(claudeMessage)
    let check = try aigate(
      ["check", "--base", base, "--config", "rules.yaml", "--json"], in: repo.path,
      environment: repo.environment)
    #expect(check.status == 1, "\(check.stderr)")
    #expect(try found(check) == ["no-eval app.py:6"])
    let left = try json(check.stdout)["baselined"] as? [[String: Any]] ?? []
    #expect(Set(left.compactMap { $0["path"] as? String }) == ["app.py", "lib/old.py"])
    let text = try aigate(
      ["check", "--base", base, "--config", "rules.yaml"], in: repo.path,
      environment: repo.environment)
    #expect(text.stdout.contains("2 findings left out: already in the baseline"), "\(text.stdout)")
    let all = try aigate(
      ["check", "--base", base, "--config", "rules.yaml", "--json", "--no-baseline"],
      in: repo.path, environment: repo.environment)
    #expect(try found(all).count == 3)
  }

  @Test("A copy of a baselined line, or a baseline the change edits, hides nothing")
  func baselineCannotHideNewCode() throws {
    let repo = try ScratchRepository()
    try repo.write("rules.yaml", Self.rules)
    try repo.write("app.py", "value = eval(input())\n")
    _ = try repo.commit("Start")
    #expect(try aigate(["baseline", "-c", "rules.yaml"], in: repo.path).status == 0)
    let base = try repo.commit("Record the baseline")
    func check() throws -> ProcessResult {
      try aigate(
        ["check", "--base", base, "--config", "rules.yaml", "--json"], in: repo.path,
        environment: repo.environment)
    }
    // The same line again, the original kept: the copy is new code.
    try repo.write("app.py", "value = eval(input())\nagain = 1\nvalue = eval(input())\n")
    _ = try repo.commit(claudeMessage)
    let copied = try check()
    #expect(copied.status == 1, "\(copied.stderr)")
    #expect(try found(copied) == ["no-eval app.py:3"])

    // The change rewrites the baseline to cover its own finding: the merge-base's still rules,
    // and the edit is a finding of its own.
    try repo.write("new.py", "z = eval(w)\n")
    _ = try repo.commit("Scratch", stageAll: true)
    _ = try aigate(["baseline", "-c", "rules.yaml"], in: repo.path)
    _ = try repo.commit(claudeMessage)
    let edited = try check()
    #expect(edited.status == 1)
    let ids = try found(edited)
    #expect(ids.contains("no-eval new.py:1"), "\(ids)")
    #expect(
      ids.contains { $0.hasPrefix("aigate.trust.baseline-changed .aigate-baseline.json:") },
      "\(ids)")
    // A baseline file that is not one is an error, not an empty baseline.
    try write("{}", repo.path + "/broken.json")
    let broken = try aigate(
      ["check", "--base", base, "--config", "rules.yaml", "--baseline", "broken.json"],
      in: repo.path, environment: repo.environment)
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("not an aigate baseline"), "\(broken.stderr)")
  }

  @Test("aigate baseline runs the policy's rules under the ids check gives them")
  func baselineWithPolicyRules() throws {
    let repo = try ScratchRepository()
    try repo.write("checks/python/rules.yaml", Self.rules)
    try repo.write(".aigate.yml", "rules: [checks]\n")
    try repo.write("app.py", "value = eval(input())\n")
    _ = try repo.commit("Start")
    #expect(try aigate(["baseline"], in: repo.path).status == 0)
    let recorded = try json(read(repo.path + "/.aigate-baseline.json"))
    let ids = (recorded["findings"] as? [[String: Any]] ?? []).compactMap {
      $0["rule_id"] as? String
    }
    #expect(ids == ["checks.python.no-eval"])
    let base = try repo.commit("Record the baseline")
    try repo.write("app.py", "value  =  eval(input())\n")
    _ = try repo.commit(claudeMessage)
    let check = try aigate(
      ["check", "--base", base, "--json"], in: repo.path, environment: repo.environment)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect((try json(check.stdout)["baselined"] as? [[String: Any]])?.count == 1)
  }

  @Test("scan leaves baselined findings out; a group that grew is reported whole")
  func baselineInScan() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try write("a = eval(x)\n", folder + "/one.py")
    #expect(try aigate(["baseline", "--config", "rules.yaml"], in: folder).status == 0)
    try write("a = eval(x)\nb = yaml.load(f)\n", folder + "/one.py")
    func scan(_ extra: [String] = []) throws -> [String] {
      let result = try aigate(
        ["scan", "--config", "rules.yaml", "--json"] + extra + ["."], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      return try found(result)
    }
    #expect(try scan() == ["use-safe-load one.py:2"])
    #expect(try scan(["--no-baseline"]).count == 2)
    try write("a = eval(x)\na = eval(x)\n", folder + "/one.py")
    // Two findings over the same text where one was recorded: which is new cannot be told.
    #expect(try scan() == ["no-eval one.py:1", "no-eval one.py:2"])
  }

  @Test("-j bounds the threads; the findings are the same with any number")
  func jobs() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for index in 0..<6 { try write("v\(index) = eval(x)\n", folder + "/f\(index).py") }
    let all = try aigate(["scan", "--config", "rules.yaml", "--json", "."], in: folder)
    let one = try aigate(["scan", "--config", "rules.yaml", "--json", "-j", "1", "."], in: folder)
    let two = try aigate(
      ["scan", "--config", "rules.yaml", "--json", "--jobs", "2", "."], in: folder)
    #expect(one.status == 0, "\(one.stderr)")
    // Off a terminal no progress line is shown unless asked for.
    #expect(!one.stderr.contains("files read"), "\(one.stderr)")
    let asked = try aigate(
      ["scan", "--config", "rules.yaml", "--json", "--progress", "-j", "1", "."], in: folder)
    #expect(try found(asked) == found(all))
    #expect(try found(one).count == 6)
    #expect(try found(one) == found(all))
    #expect(try found(two) == found(all))
    // semgrep's --max-target-bytes 0: no limit, not "skip every file".
    let unlimited = try aigate(
      ["scan", "--config", "rules.yaml", "--json", "--max-target-bytes", "0", "."], in: folder)
    #expect(try found(unlimited) == found(all))
    let tiny = try aigate(
      ["scan", "--config", "rules.yaml", "--json", "--max-target-bytes", "5", "."], in: folder)
    #expect(try found(tiny).isEmpty)
    let bad = try aigate(["scan", "--config", "rules.yaml", "-j", "0", "."], in: folder)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--jobs (-j)"), "\(bad.stderr)")
    #expect(bad.stderr.split(separator: "\n").count == 1)
  }

  @Test("--time: per rule and file in JSON, a summary in text, nothing without it")
  func time() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try write("a = eval(x)\nb = yaml.load(f)\n", folder + "/one.py")
    try write("c = 1\n", folder + "/two.py")
    let timed = try aigate(["scan", "--config", "rules.yaml", "--json", "--time", "."], in: folder)
    #expect(timed.status == 0, "\(timed.stderr)")
    let time = try json(timed.stdout)["time"] as? [String: Any] ?? [:]
    let rules = time["rules"] as? [String] ?? []
    #expect(Set(rules) == ["no-eval", "use-safe-load"])
    let targets = time["targets"] as? [[String: Any]] ?? []
    let one = targets.first { $0["path"] as? String == "one.py" }
    #expect((one?["match_times"] as? [Double])?.count == rules.count)
    #expect(one?["num_bytes"] as? Int == 29)
    #expect(time["total_bytes"] as? Int != nil)
    let plain = try aigate(["scan", "--config", "rules.yaml", "--json", "."], in: folder)
    #expect(try json(plain.stdout)["time"] == nil)
    let text = try aigate(["scan", "--config", "rules.yaml", "--time", "."], in: folder)
    #expect(text.stdout.contains("Timing (--time)"), "\(text.stdout)")
    #expect(text.stdout.contains("rules to match:"))
    let repo = try ScratchRepository()
    try repo.write("rules.yaml", Self.rules)
    try repo.write("app.py", "x = 1\n")
    let base = try repo.commit("Start")
    try repo.write("app.py", "x = eval(y)\n")
    _ = try repo.commit(claudeMessage)
    let check = try aigate(
      ["check", "--base", base, "--config", "rules.yaml", "--json", "--time"], in: repo.path,
      environment: repo.environment)
    let checked = try json(check.stdout)["time"] as? [String: Any]
    #expect((checked?["targets"] as? [[String: Any]])?.first?["path"] as? String == "app.py")
  }

  @Test("check honours the merge-base's .semgrepignore, never one the change brings")
  func semgrepIgnoreInCheck() throws {
    let repo = try ScratchRepository()
    try repo.write("rules.yaml", Self.rules)
    try repo.write(".semgrepignore", "vendor/\n")
    try repo.write("app.py", "x = 1\n")
    let base = try repo.commit("Start")
    try repo.write("vendor/lib.py", "a = eval(b)\n")
    _ = try repo.commit(claudeMessage)
    func check(_ base: String) throws -> ProcessResult {
      try aigate(
        ["check", "--base", base, "--config", "rules.yaml", "--json"], in: repo.path,
        environment: repo.environment)
    }
    let ignored = try check(base)
    #expect(ignored.status == 0, "\(ignored.stdout)\(ignored.stderr)")
    let skipped = "\((try json(ignored.stdout)["paths"] as? [String: Any])?["skipped"] ?? "")"
    #expect(skipped.contains("ignored by .semgrepignore"), "\(skipped)")

    // The change ignores its own file: the merge-base has no such line, so it is gated, and
    // the edit to .semgrepignore is a finding of its own.
    let second = try repo.commit("Nothing", allowEmpty: true)
    try repo.write(".semgrepignore", "vendor/\napp.py\n")
    try repo.write("app.py", "x = eval(y)\n")
    _ = try repo.commit(claudeMessage)
    let hidden = try check(second)
    #expect(hidden.status == 1)
    let ids = try found(hidden)
    #expect(ids.contains("no-eval app.py:1"), "\(ids)")
    #expect(ids.contains("aigate.trust.ignore-changed .semgrepignore:2"), "\(ids)")
  }

  @Test("Text shows a rule's fix as a suggested change; JUnit lists rules that did not run")
  func fixAndJUnit() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try write("b = yaml.load(f)\n", folder + "/one.py")
    let text = try aigate(["scan", "--config", "rules.yaml", "one.py"], in: folder)
    #expect(text.stdout.contains("suggested fix (--autofix applies it):\n      yaml.safe_load(f)"))
    try write(Self.taintRule, folder + "/taint.yaml")
    let junit = try aigate(
      ["scan", "--config", "rules.yaml", "--config", "taint.yaml", "--junit-xml", "one.py"],
      in: folder)
    #expect(junit.status == 0, "\(junit.stderr)")
    #expect(junit.stdout.contains("<testsuite name=\"tainted\""), "\(junit.stdout)")
    #expect(junit.stdout.contains("<skipped message=\"not run: semgrep is not installed\"/>"))
  }

  @Test("rules list: one line per rule within 100 columns, --lang and --engine filter, --long")
  func rulesList() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let list = try aigate(["rules", "list"], in: folder)
    #expect(list.status == 0, "\(list.stderr)")
    let lines = list.stdout.split(separator: "\n")
    #expect(lines.count > 100)
    #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
    let python = try aigate(["rules", "list", "--lang", "py", "--format", "json"], in: folder)
    let listed = try json(python.stdout)["rules"] as? [[String: Any]] ?? []
    #expect(!listed.isEmpty)
    #expect(listed.allSatisfy { ($0["languages"] as? [String])?.contains("python") == true })
    try write(Self.taintRule, folder + "/taint.yaml")
    let semgrep = try aigate(
      ["rules", "list", "-c", "rules.yaml", "-c", "taint.yaml", "--engine", "semgrep", "--json"],
      in: folder)
    let delegated = try json(semgrep.stdout)["rules"] as? [[String: Any]] ?? []
    #expect(delegated.map { $0["id"] as? String } == ["tainted"])
    #expect(delegated.allSatisfy { $0["engine"] as? String == "semgrep" })
    let long = try aigate(["rules", "list", "--config", "rules.yaml", "--long"], in: folder)
    #expect(long.stdout.contains("DEFINED AT"))
    let short = try aigate(["rules", "list", "--config", "rules.yaml"], in: folder)
    #expect(short.stdout.contains("ERROR    aigate  python           no-eval"), "\(short.stdout)")
    #expect(try aigate(["rules", "list", "--engine", "other"], in: folder).status == 2)
    #expect(try aigate(["scan", "--lang", "python", "."], in: folder).status == 2)
  }
}
