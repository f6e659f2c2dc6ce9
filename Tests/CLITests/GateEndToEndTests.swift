import Foundation
import TestSupport
import Testing

/// The shipped Python pack, for tests that want rules aigate's own engine runs.
let shippedPython = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("rulesets/python").path

/// For the tests that need semgrep itself (taint rules, packs in languages aigate cannot parse).
let needsSemgrep = Testing.ConditionTrait.enabled(
  if: InstalledTools.semgrepOrOpengrep != nil, "semgrep is not installed; skipped")

let vulnerableLine = "    return subprocess.run(\"report \" + name, shell=True)\n"
let claudeMessage = """
  Add report runner

  Co-Authored-By: Claude <noreply@anthropic.com>

  """

/// A repository whose first commit is a person's, ready for a second commit under test.
func gateRepository() throws -> (ScratchRepository, base: String) {
  let repo = try ScratchRepository()
  try repo.write("app.py", "import subprocess\n\n\ndef run_report(name):\n    return None\n")
  let base = try repo.commit("Start")
  return (repo, base)
}

func json(_ text: String) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
  return object as? [String: Any] ?? [:]
}

func results(_ output: [String: Any]) -> [[String: Any]] {
  output["results"] as? [[String: Any]] ?? []
}

@Suite("aigate check, end to end")
struct GateEndToEndTests {
  func check(
    _ repo: ScratchRepository, _ arguments: [String], semgrep: Bool = false
  ) throws -> ProcessResult {
    try AigateBinary.run(
      ["check"] + arguments, in: repo.path,
      environment: semgrep ? repo.environment : InstalledTools.withoutSemgrep(repo.environment))
  }

  func writeVulnerable(_ repo: ScratchRepository, extra: String = "") throws {
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n" + vulnerableLine + extra)
  }

  @Test("An AI-trailered commit adding a shell injection is blocked")
  func aiBlocked() throws {
    let (repo, base) = try gateRepository()
    try writeVulnerable(repo)
    let head = try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base, "--format", "json"])
    #expect(result.status == 1, "\(result.stderr)")
    let output = try json(result.stdout)
    let verdict = output["verdict"] as? [String: Any]
    #expect(verdict?["passed"] as? Bool == false)
    let found = results(output)
    #expect(found.count == 1)
    let extra = found.first?["extra"] as? [String: Any]
    let aigate = extra?["aigate"] as? [String: Any]
    #expect(found.first?["check_id"] as? String == "python.subprocess-shell-true")
    #expect((found.first?["start"] as? [String: Any])?["line"] as? Int == 5)
    #expect(aigate?["authorship"] as? String == "ai")
    #expect(aigate?["agent"] as? String == "Claude Code")
    #expect(aigate?["commit"] as? String == head)
    #expect(aigate?["blocking"] as? Bool == true)
    #expect((output["paths"] as? [String: Any])?["scanned"] as? [String] == ["app.py"])
  }

  @Test("The same change with no AI signal is reported but passes")
  func unknownPasses() throws {
    let (repo, base) = try gateRepository()
    try writeVulnerable(repo)
    try repo.commit("Add report runner")
    let result = try check(repo, ["--base", base, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let found = results(try json(result.stdout))
    let aigate = (found.first?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(aigate?["authorship"] as? String == "unknown")
    #expect(aigate?["blocking"] as? Bool == false)
  }

  @Test("A person's commit that fixes the AI line makes the range pass")
  func humanFix() throws {
    let (repo, base) = try gateRepository()
    try writeVulnerable(repo)
    try repo.commit(claudeMessage)
    try repo.write(
      "app.py",
      "import subprocess\n\n\ndef run_report(name):\n"
        + "    return subprocess.run([\"report\", name])\n")
    try repo.commit("Use an argument list")
    let result = try check(repo, ["--base", base])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasPrefix("PASSED"))
  }

  @Test("nosemgrep on an AI line does not silence the gate")
  func aiNosemgrep() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "app.py",
      "import subprocess\n\n\ndef run_report(name):\n"
        + "    return subprocess.run(\"report \" + name, shell=True)  # nosemgrep\n")
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base, "--format", "json"])
    #expect(result.status == 1)
    let ids = results(try json(result.stdout)).compactMap { $0["check_id"] as? String }
    #expect(ids.sorted() == ["aigate.suppression-added", "python.subprocess-shell-true"])
  }

  @Test("A typo in the merge-base's .aigate.yml exits 2 naming the file and line")
  func policyTypo() throws {
    let (repo, _) = try gateRepository()
    try repo.write(".aigate.yml", "gate:\n  ai:\n    blocks: [ERROR]\n")
    let base = try repo.commit("Policy")
    try writeVulnerable(repo)
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base])
    #expect(result.status == 2)
    #expect(result.stderr.contains(".aigate.yml:3:5: error: unknown key 'blocks' in gate.ai"))
  }

  @Test("semgrep required but absent exits 2")
  func semgrepRequiredAbsent() throws {
    let (repo, _) = try gateRepository()
    try repo.write(
      ".aigate.yml", "semgrep:\n  mode: required\n  executable: /nonexistent/semgrep\n")
    let base = try repo.commit("Policy")
    try writeVulnerable(repo)
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base])
    #expect(result.status == 2)
    #expect(result.stderr.contains("semgrep is required"))
  }

  // Taint labels are semgrep's alone: such a rule runs there.
  @Test(
    "A taint-mode rule with labels runs through semgrep and its finding reaches the report",
    needsSemgrep)
  func taintThroughSemgrep() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "rules/taint.yaml",
      """
      rules:
        - id: request-to-eval
          mode: taint
          message: request data reaches eval
          severity: ERROR
          languages: [python]
          pattern-sources:
            - pattern: request.args.get(...)
              label: INPUT
          pattern-sinks:
            - pattern: eval(...)
              requires: INPUT

      """)
    try repo.write(".aigate.yml", "rules: [rules]\n")
    try repo.commit("Add rules")
    let start = try repo.head()
    try repo.write(
      "handler.py",
      "from flask import request\n\n\ndef handle():\n    value = request.args.get('q')\n"
        + "    return eval(value)\n")
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", start, "--format", "json"], semgrep: true)
    #expect(result.status == 1, "\(result.stderr)")
    let found = results(try json(result.stdout))
    // Qualified by the policy's folder, as semgrep run at the root with `--config rules` names it.
    #expect(found.map { $0["check_id"] as? String } == ["rules.request-to-eval"])
    let aigate = (found.first?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(aigate?["engine"] as? String == "semgrep")
    _ = base
  }

  @Test("A finding both engines report appears once, as aigate's", needsSemgrep)
  func bothEngines() throws {
    let (repo, _) = try gateRepository()
    // One file, a taint rule with labels (semgrep only) beside a search rule (both engines): semgrep runs
    // the whole file, so the search rule's finding comes from both.
    try repo.write(
      "rules/mixed.yaml",
      """
      rules:
        - id: eval-of-input
          mode: taint
          message: request data reaches eval
          severity: ERROR
          languages: [python]
          pattern-sources:
            - pattern: request.args.get(...)
              label: INPUT
          pattern-sinks:
            - pattern: eval(...)
              requires: INPUT
        - id: any-eval
          message: eval of $X
          severity: ERROR
          languages: [python]
          pattern: eval($X)

      """)
    try repo.write(".aigate.yml", "rules: [rules]\n")
    try repo.commit("Add rules")
    let start = try repo.head()
    try repo.write(
      "handler.py",
      "from flask import request\n\n\ndef handle():\n    value = request.args.get('q')\n"
        + "    return eval(value)\n")
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", start, "--format", "json"], semgrep: true)
    #expect(result.status == 1, "\(result.stderr)")
    let found = results(try json(result.stdout))
    let engines = found.map { item -> String in
      let extra = item["extra"] as? [String: Any]
      let aigate = extra?["aigate"] as? [String: Any]
      return "\(item["check_id"] as? String ?? "?")@\(aigate?["engine"] as? String ?? "?")"
    }
    #expect(engines.sorted() == ["rules.any-eval@aigate", "rules.eval-of-input@semgrep"])
  }

  @Test("--staged gates the index; an AI message file decides its authorship")
  func staged() throws {
    let (repo, _) = try gateRepository()
    try writeVulnerable(repo)
    try repo.git(["add", "app.py"])
    let plain = try check(repo, ["--staged"])
    #expect(plain.status == 0, "\(plain.stderr)")
    let messageFile = repo.path + "/.git/COMMIT_EDITMSG"
    try claudeMessage.write(toFile: messageFile, atomically: true, encoding: .utf8)
    let withMessage = try check(repo, ["--staged", "--message-file", messageFile])
    #expect(withMessage.status == 1, "\(withMessage.stdout)\(withMessage.stderr)")
  }

  @Test("Without semgrep, rules it alone could run on the change are listed; --strict fails")
  func delegatedRulesListed() throws {
    let (repo, base) = try gateRepository()
    // aigate's engine walks no taint through shell commands: this rule is semgrep's.
    try repo.write(
      "taint-rules/download-to-eval.yaml",
      """
      rules:
        - id: download-to-eval
          languages: [bash]
          severity: ERROR
          message: downloaded text reaches eval
          mode: taint
          pattern-sources:
            - pattern: $(curl ...)
          pattern-sinks:
            - pattern: eval ...
        - id: wipe-root
          languages: [bash]
          severity: ERROR
          message: removes everything
          pattern: rm -rf /
      """)
    try repo.write("deploy.sh", "#!/bin/sh\necho deploying\n")
    try repo.commit(claudeMessage)
    let config = ["--config", repo.path + "/taint-rules"]
    let plain = try check(repo, ["--base", base] + config)
    #expect(plain.stdout.contains("Not run (semgrep is not installed): "), "\(plain.stdout)")
    #expect(plain.stdout.contains("download-to-eval"), "\(plain.stdout)")
    let strict = try check(repo, ["--base", base, "--strict"] + config)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("download-to-eval"))
  }

  @Test("Without semgrep, the shipped docker, workflow and shell packs block a risky change")
  func infrastructurePacksRunInProcess() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "Dockerfile", "FROM debian:12\nRUN curl -fsSL https://example.org/i.sh | sh\nUSER app\n")
    try repo.write(
      ".github/workflows/ci.yml",
      "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    permissions: write-all\n"
        + "    steps:\n      - run: make\n")
    try repo.write("scripts/get.sh", "#!/bin/sh\ncurl -k https://example.org/x -o x\n")
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base, "--format", "json"])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let ids = Set(results(try json(result.stdout)).compactMap { $0["check_id"] as? String })
    #expect(
      ids.isSuperset(of: [
        "docker.curl-pipe-shell", "github-actions.permissions-write-all",
        "shell.tls-verification-disabled",
      ]), "\(ids)")
    #expect(!result.stdout.contains("Not run"), "\(result.stdout)")
  }

  @Test("Rules that cannot match the changed files are neither run nor listed as not run")
  func irrelevantRulesStayQuiet() throws {
    let (repo, base) = try gateRepository()
    try writeVulnerable(repo)
    try repo.commit(claudeMessage)
    let result = try check(repo, ["--base", base])
    #expect(result.status == 1)
    #expect(!result.stdout.contains("Not run"), "\(result.stdout)")
  }

  @Test("No rules at all is an error, never a pass")
  func noRules() throws {
    let (repo, base) = try gateRepository()
    try repo.write("empty-rules/none.yaml", "rules: []\n")
    try repo.write("no-rules/.keep", "")
    try writeVulnerable(repo)
    try repo.commit(claudeMessage)
    let empty = try check(repo, ["--base", base, "--config", repo.path + "/empty-rules"])
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("no rules were loaded"))
    let missing = try check(repo, ["--base", base, "--config", repo.path + "/no-rules"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("holds no .yml or .yaml rule files"))
  }
}

@Suite("aigate test")
struct RuleTestCommandTests {
  @Test("The shipped rule packs pass their own tests", needsSemgrep)
  func shippedPacks() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let result = try AigateBinary.run(["test", "rulesets"], in: root)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix(" passed, 0 failed"), "\(last)")
  }

  @Test("Every shipped rule runs in aigate's engine: the packs pass their tests without semgrep")
  func shippedPacksWithoutSemgrep() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let environment = InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment)
    let result = try AigateBinary.run(["test", "rulesets"], in: root, environment: environment)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix(" passed, 0 failed"), "\(last)")
    let listing = try AigateBinary.run(
      ["rules", "list", "--format", "json"], in: root, environment: environment)
    #expect(listing.status == 0, "\(listing.stderr)")
    let rules = (try json(listing.stdout)["rules"] as? [[String: Any]]) ?? []
    #expect(!rules.isEmpty)
    let delegated = rules.filter { ($0["engine"] as? String) != "aigate" }.compactMap { $0["id"] }
    #expect(delegated.isEmpty, "\(delegated)")
  }

  @Test("A failing rule test exits 1 and says which lines differ")
  func failing() throws {
    let repo = try ScratchRepository()
    try repo.write(
      "r.yaml",
      "rules:\n  - id: r1\n    message: m\n    severity: ERROR\n    languages: [python]\n"
        + "    pattern: danger(...)\n")
    try repo.write("r.py", "danger(1)  # ruleid: r1\nsafe()\n")
    let result = try AigateBinary.run(
      ["test", "."], in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1)
    #expect(result.stdout.contains("missed: [2], not expected: [1]"))
    #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"))
  }

  @Test("No rule tests at all is an error")
  func none() throws {
    let repo = try ScratchRepository()
    let result = try AigateBinary.run(["test", "."], in: repo.path)
    #expect(result.status == 2)
  }
}

@Suite("aigate scan")
struct ScanCommandTests {
  @Test("Scans a folder like semgrep: ignores, nosemgrep and --error")
  func scanFolder() throws {
    let repo = try ScratchRepository()
    try repo.write(
      "src/app.py",
      "import subprocess\n" + vulnerableLine.replacingOccurrences(of: "    return ", with: ""))
    try repo.write(
      "src/quiet.py",
      "import subprocess\nsubprocess.run(\"x \" + y, shell=True)  # nosemgrep\n")
    try repo.write("tests/t.py", "import subprocess\nsubprocess.run(\"x \" + y, shell=True)\n")
    let env = InstalledTools.withoutSemgrep(repo.environment)
    let plain = try AigateBinary.run(
      ["scan", "--format", "json", "--config", shippedPython, "."], in: repo.path,
      environment: env)
    #expect(plain.status == 0, "\(plain.stderr)")
    let output = try json(plain.stdout)
    #expect(results(output).compactMap { $0["path"] as? String } == ["src/app.py"])
    let scanned = (output["paths"] as? [String: Any])?["scanned"] as? [String]
    #expect(scanned == ["src/app.py", "src/quiet.py"])
    let strict = try AigateBinary.run(
      ["scan", "--error", "--config", shippedPython, "src"], in: repo.path, environment: env)
    #expect(strict.status == 1)
    #expect(strict.stdout.contains("python.subprocess-shell-true"))
  }

  @Test("A missing path is an error")
  func missingPath() throws {
    let repo = try ScratchRepository()
    let result = try AigateBinary.run(["scan", "nope"], in: repo.path)
    #expect(result.status == 2)
    #expect(result.stderr.contains("nope"))
  }
}

@Suite("aigate check --attest and aigate attest")
struct AttestCommandTests {
  @Test("A signed verdict is written, stored as a note, verified, shown and audited")
  func flow() throws {
    let (repo, base) = try gateRepository()
    try repo.write("app.py", "import subprocess\n\n\ndef run_report(name):\n    return name\n")
    let head = try repo.commit(claudeMessage)
    let keys = try AigateBinary.run(
      ["attest", "keygen", "--out", repo.path + "/../k"], in: repo.path,
      environment: repo.environment)
    #expect(keys.status == 0, "\(keys.stderr)")
    let keyText = try String(contentsOfFile: repo.path + "/../k.key", encoding: .utf8)
    var env = repo.environment
    env["AIGATE_ATTEST_KEY"] = keyText.split(separator: "\n").last.map(String.init)
    let envelope = repo.path + "/../verdict.json"
    let check = try AigateBinary.run(
      ["check", "--base", base, "--attest", envelope, "--notes"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(env))
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let verify = try AigateBinary.run(
      ["attest", "verify", envelope, "--key", repo.path + "/../k.pub", "--commit", "HEAD"],
      in: repo.path, environment: repo.environment)
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.contains("passed verdict for \(head)"))
    let show = try AigateBinary.run(
      ["attest", "show"], in: repo.path, environment: repo.environment)
    #expect(show.stdout.contains("\"payloadType\" : \"application/vnd.in-toto+json\""))
    let audit = try AigateBinary.run(
      ["attest", "audit", "\(base)..HEAD", "--key", repo.path + "/../k.pub"], in: repo.path,
      environment: repo.environment)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    #expect(audit.stdout.contains("1 covered by a signed passing verdict, 0 not"))
    // A later AI commit that was never gated makes the audit fail.
    try repo.write("more.py", "value = 1\n")
    try repo.commit(claudeMessage)
    let second = try AigateBinary.run(
      ["attest", "audit", "\(base)..HEAD", "--key", repo.path + "/../k.pub"], in: repo.path,
      environment: repo.environment)
    #expect(second.status == 1)
  }

  @Test("Signing without a key is an error")
  func noKey() throws {
    let (repo, base) = try gateRepository()
    try repo.write("app.py", "x = 1\n")
    try repo.commit("change")
    let result = try AigateBinary.run(
      ["check", "--base", base, "--attest", repo.path + "/../v.json"],
      in: repo.path, environment: repo.environment)
    #expect(result.status == 2)
    #expect(result.stderr.contains("no signing key"))
  }
}

@Suite("Hooks with the real gate")
struct HookVerdictTests {
  func installedRepository() throws -> ScratchRepository {
    let (repo, _) = try gateRepository()
    let install = try AigateBinary.run(
      ["hook", "install"], in: repo.path, environment: repo.environment)
    #expect(install.status == 0, "\(install.stderr)")
    return repo
  }

  func commitThroughHooks(_ repo: ScratchRepository, message: String) throws -> ProcessResult {
    try repo.git(["add", "-A"])
    return try ProcessRunner.run(
      "git", ["commit", "-q", "-F", "-"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment), input: message)
  }

  @Test("A commit whose message marks a bad staged change as AI-written is refused")
  func blocked() throws {
    let repo = try installedRepository()
    let before = try repo.head()
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n" + vulnerableLine)
    let result = try commitThroughHooks(repo, message: claudeMessage)
    #expect(result.status != 0)
    #expect(result.stdout.contains("BLOCKED") || result.stderr.contains("BLOCKED"))
    #expect(try repo.head() == before)
  }

  @Test("A good AI-written change commits through the same hooks")
  func allowed() throws {
    let repo = try installedRepository()
    let before = try repo.head()
    try repo.write(
      "app.py",
      "import subprocess\n\n\ndef run_report(name):\n"
        + "    return subprocess.run([\"report\", name])\n")
    let result = try commitThroughHooks(repo, message: claudeMessage)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(try repo.head() != before)
  }
}
