import Foundation
import TestSupport
import Testing

/// The AI commit every case here tries to slip through: an eval of request data.
let evalHandler = """
  from flask import request


  def handle():
      return eval(request.args["q"])

  """

let claudeTrailer = "Co-Authored-By: Claude <noreply@anthropic.com>"

/// A rule of the repository's own that catches the eval, for the cases about repository rules.
let houseEvalRule = """
  rules:
    - id: house.no-eval
      message: eval of request data
      severity: ERROR
      languages: [python]
      pattern: eval(...)

  """

/// `aigate check` takes its policy, its repository rules and its agent table from the
/// merge-base (HEAD when staged), so nothing in the change can loosen its own review.
@Suite("The trust root: the change cannot relax its own gate")
struct TrustRootTests {
  /// A repository whose first commit (a person's) holds `files`; returns it and that commit.
  func repository(_ files: [String: String] = [:]) throws -> (ScratchRepository, String) {
    let repo = try ScratchRepository()
    try repo.write("app.py", "def ok():\n    return 1\n")
    for (path, text) in files { try repo.write(path, text) }
    return (repo, try repo.commit("Start"))
  }

  /// Commits the eval with `changes` applied, as Claude; runs the gate on the range as JSON.
  func gate(
    _ repo: ScratchRepository, base: String, _ changes: (ScratchRepository) throws -> Void
  ) throws -> (status: Int32, ids: [String], output: ProcessResult) {
    try repo.write("handler.py", evalHandler)
    try changes(repo)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    let result = try AigateBinary.run(
      ["check", "--base", base, "--format", "json"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    let ids = results((try? json(result.stdout)) ?? [:]).compactMap { $0["check_id"] as? String }
    return (result.status, ids.sorted(), result)
  }

  func expectBlocked(
    _ outcome: (status: Int32, ids: [String], output: ProcessResult), finding: String,
    trust: String
  ) {
    #expect(outcome.status == 1, "\(outcome.output.stdout)\(outcome.output.stderr)")
    #expect(outcome.ids.contains(finding), "\(outcome.ids)")
    #expect(outcome.ids.contains(trust), "\(outcome.ids)")
  }

  @Test("gate: {ai: {block: []}} in the change does not unblock it")
  func blockNothing() throws {
    let (repo, base) = try repository()
    let outcome = try gate(repo, base: base) {
      try $0.write(".aigate.yml", "gate: {ai: {block: []}}\n")
    }
    expectBlocked(
      outcome, finding: "python.eval-dynamic", trust: "aigate.trust.policy-changed")
    let found = results(try json(outcome.output.stdout))
    let trust = try #require(
      found.first { $0["check_id"] as? String == "aigate.trust.policy-changed" })
    #expect(trust["path"] as? String == ".aigate.yml")
    #expect((trust["start"] as? [String: Any])?["line"] as? Int == 1)
    let extra = trust["extra"] as? [String: Any]
    #expect(extra?["severity"] as? String == "ERROR")
    let aigate = extra?["aigate"] as? [String: Any]
    #expect(aigate?["authorship"] as? String == "ai")
    #expect(aigate?["blocking"] as? Bool == true)
  }

  @Test("exclude: [\"**\"] in the change does not hide it")
  func excludeEverything() throws {
    let (repo, base) = try repository()
    let outcome = try gate(repo, base: base) {
      try $0.write(".aigate.yml", "exclude: [\"**\"]\n")
    }
    expectBlocked(
      outcome, finding: "python.eval-dynamic", trust: "aigate.trust.policy-changed")
  }

  @Test("rules: pointing at the change's own no-op rule file does not replace the rules")
  func ownEmptyRules() throws {
    let (repo, base) = try repository()
    let outcome = try gate(repo, base: base) {
      // A rule that matches nothing: a gate that runs it checks nothing.
      try $0.write(
        "quiet.yaml",
        houseEvalRule.replacingOccurrences(of: "eval(...)", with: "never_called_anywhere(...)"))
      try $0.write(".aigate.yml", "rules: [quiet.yaml]\n")
    }
    expectBlocked(
      outcome, finding: "python.eval-dynamic", trust: "aigate.trust.policy-changed")
  }

  @Test("Deleting the repository rule that catches it changes nothing until merged")
  func ruleDeleted() throws {
    let (repo, base) = try repository([
      ".aigate.yml": "rules: [rules]\n", "rules/eval.yaml": houseEvalRule,
      "rules/other.yaml": houseEvalRule.replacingOccurrences(of: "house.no-eval", with: "house.x")
        .replacingOccurrences(of: "eval(...)", with: "never_called_anywhere(...)"),
    ])
    let outcome = try gate(repo, base: base) { try $0.remove("rules/eval.yaml") }
    expectBlocked(outcome, finding: "rules.house.no-eval", trust: "aigate.trust.rules-changed")
    let found = results(try json(outcome.output.stdout))
    let trust = found.first { $0["check_id"] as? String == "aigate.trust.rules-changed" }
    #expect(trust?["path"] as? String == "rules/eval.yaml")
    let aigate = (trust?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(aigate?["authorship"] as? String == "ai")
  }

  @Test("Downgrading the repository rule to INFO changes nothing until merged")
  func ruleDowngraded() throws {
    let (repo, base) = try repository([
      ".aigate.yml": "rules: [rules]\n", "rules/eval.yaml": houseEvalRule,
    ])
    let outcome = try gate(repo, base: base) {
      try $0.write(
        "rules/eval.yaml",
        houseEvalRule.replacingOccurrences(of: "severity: ERROR", with: "severity: INFO"))
    }
    expectBlocked(outcome, finding: "rules.house.no-eval", trust: "aigate.trust.rules-changed")
    let found = results(try json(outcome.output.stdout))
    let rule = found.first { $0["check_id"] as? String == "rules.house.no-eval" }
    #expect((rule?["extra"] as? [String: Any])?["severity"] as? String == "ERROR")
    let trust = found.first { $0["check_id"] as? String == "aigate.trust.rules-changed" }
    // On the changed line: the severity.
    #expect((trust?["start"] as? [String: Any])?["line"] as? Int == 4)
  }

  @Test("Replacing the agent's table entry through .aigate.yml does not make it unknown")
  func agentEntryReplaced() throws {
    let (repo, base) = try repository()
    let outcome = try gate(repo, base: base) {
      try $0.write(
        ".aigate.yml",
        """
        agents:
          - id: claude-code
            name: Claude Code
            class: ai
            identities:
              - email: 'nobody@example\\.invalid'

        """)
    }
    expectBlocked(
      outcome, finding: "python.eval-dynamic", trust: "aigate.trust.policy-changed")
    let found = results(try json(outcome.output.stdout))
    let eval = found.first { $0["check_id"] as? String == "python.eval-dynamic" }
    let aigate = (eval?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(aigate?["agent"] as? String == "Claude Code")
  }

  @Test("An unstaged .aigate.yml edit does not count during a hooked commit")
  func unstagedPolicy() throws {
    let (repo, _) = try repository()
    try repo.write("handler.py", evalHandler)
    try repo.git(["add", "handler.py"])
    try repo.write(".aigate.yml", "gate: {ai: {block: []}}\n")
    let message = repo.path + "/../message.txt"
    try "Add the handler\n\n\(claudeTrailer)\n".write(
      toFile: message, atomically: true, encoding: .utf8)
    let result = try AigateBinary.run(
      ["check", "--staged", "--message-file", message, "--format", "json"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let ids = results(try json(result.stdout)).compactMap { $0["check_id"] as? String }
    #expect(ids.contains("python.eval-dynamic"))
  }

  @Test("A staged .aigate.yml edit is a finding of its own, and HEAD's policy still applies")
  func stagedPolicy() throws {
    let (repo, _) = try repository([".aigate.yml": "exclude: [vendor/**]\n"])
    try repo.write("handler.py", evalHandler)
    try repo.write(".aigate.yml", "exclude: [\"**\"]\n")
    try repo.git(["add", "-A"])
    let message = repo.path + "/../message.txt"
    try "Add the handler\n\n\(claudeTrailer)\n".write(
      toFile: message, atomically: true, encoding: .utf8)
    let result = try AigateBinary.run(
      ["check", "--staged", "--message-file", message, "--format", "json"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let ids = results(try json(result.stdout)).compactMap { $0["check_id"] as? String }
    #expect(ids.sorted() == ["aigate.trust.policy-changed", "python.eval-dynamic"])
  }

  @Test("A person's policy edit is not gated, and the merge-base's policy is the one used")
  func humanPolicyEdit() throws {
    let (repo, base) = try repository()
    try repo.write(".aigate.yml", "gate: {ai: {block: []}}\n")
    try repo.commit("Relax the gate")
    let result = try AigateBinary.run(
      ["check", "--base", base, "--format", "json"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    // No AI line and no finding on an unknown line: the human-looking commit has no signal.
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let found = results(try json(result.stdout))
    let trust = found.first { $0["check_id"] as? String == "aigate.trust.policy-changed" }
    let aigate = (trust?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(aigate?["authorship"] as? String == "unknown")
    #expect(aigate?["blocking"] as? Bool == false)
  }

  @Test("--policy on the command line still wins over the merge-base's .aigate.yml")
  func commandLinePolicy() throws {
    let (repo, base) = try repository([".aigate.yml": "gate: {ai: {block: [ERROR]}}\n"])
    try repo.write("handler.py", evalHandler)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    let policy = repo.path + "/../ci-policy.yml"
    try "gate: {ai: {block: [], report: [ERROR]}}\n".write(
      toFile: policy, atomically: true, encoding: .utf8)
    let result = try AigateBinary.run(
      ["check", "--base", base, "--policy", policy], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("python.eval-dynamic"))
  }

  @Test("Errors in the merge-base's policy name the file, the line and the commit")
  func basePolicyError() throws {
    let (repo, base) = try repository([".aigate.yml": "gate:\n  ai:\n    blocks: [ERROR]\n"])
    try repo.write("handler.py", evalHandler)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    let result = try AigateBinary.run(
      ["check", "--base", base], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 2)
    #expect(result.stderr.contains(".aigate.yml:3:5: error: unknown key 'blocks' in gate.ai"))
    #expect(result.stderr.contains("read from the merge-base \(base.prefix(7))"))
  }

  @Test("Errors in the merge-base's rule files name the file, the line and the commit")
  func baseRuleError() throws {
    let (repo, base) = try repository([
      ".aigate.yml": "rules: [rules]\n",
      "rules/bad.yaml": "rules:\n  - id: r\n    message: m\n    severity: FATAL\n",
    ])
    try repo.write("handler.py", evalHandler)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    let result = try AigateBinary.run(
      ["check", "--base", base], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 2)
    #expect(result.stderr.contains("rules/bad.yaml:4:"), "\(result.stderr)")
    #expect(result.stderr.contains("read from the merge-base \(base.prefix(7))"))
  }

  @Test(
    "Policy rule paths stay inside the repository",
    arguments: [
      ("/proc/self/environ", "is an absolute path"),
      ("../../../../../../proc/self/environ", "leads outside the repository"),
      ("env.yaml", "is a link to '/proc/self/environ', outside the repository"),
      ("up.yaml", "outside the repository"),
      ("notes.txt", "is not a rule file"),
    ])
  func rulePathsInside(_ rule: String, _ reason: String) throws {
    let (repo, base) = try repository([
      ".aigate.yml": "version: 1\nrules: [\(rule)]\n", "notes.txt": "not rules\n",
    ])
    _ = base
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/env.yaml", withDestinationPath: "/proc/self/environ")
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/up.yaml", withDestinationPath: "../../secret.yaml")
    let start = try repo.commit("Links")
    try repo.write("handler.py", evalHandler)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    var env = InstalledTools.withoutSemgrep(repo.environment)
    env["AIGATE_ATTEST_KEY"] = "sekrit-canary-rules-path"
    let result = try AigateBinary.run(["check", "--base", start], in: repo.path, environment: env)
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains(".aigate.yml:2:9: error:"), "\(result.stderr)")
    #expect(result.stderr.contains(reason), "\(result.stderr)")
    #expect(!(result.stdout + result.stderr).contains("sekrit-canary"))
  }

  @Test("A pull request cannot read CI's secrets through rules: [/proc/self/environ]")
  func environmentNotPrinted() throws {
    // The change points rules at the environment: it is not read, and the gate blocks.
    let (repo, base) = try repository()
    try repo.write("handler.py", evalHandler)
    try repo.write(".aigate.yml", "rules: [/proc/self/environ]\n")
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    var env = InstalledTools.withoutSemgrep(repo.environment)
    env["AIGATE_ATTEST_KEY"] = "sekrit-canary-environ"
    let result = try AigateBinary.run(
      ["check", "--base", base, "--format", "json"], in: repo.path, environment: env)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(!(result.stdout + result.stderr).contains("sekrit-canary"))
    let ids = results(try json(result.stdout)).compactMap { $0["check_id"] as? String }
    #expect(ids.sorted() == ["aigate.trust.policy-changed", "python.eval-dynamic"])
  }
}

/// Every error path reachable from the command line, run with a secret in the environment:
/// none may print it.
@Suite("No secret in any message")
struct NoSecretTests {
  static let canary = "sekrit-canary-5b1f0c9e"

  @Test("No error path prints the environment")
  func errorPaths() throws {
    let repo = try ScratchRepository()
    try repo.write("app.py", "x = 1\n")
    try repo.write("notes.txt", "AIGATE_ATTEST_KEY: not-here\n")
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/env.yaml", withDestinationPath: "/proc/self/environ")
    let start = try repo.commit("Start")
    try repo.write("handler.py", evalHandler)
    try repo.commit("Add the handler\n\n\(claudeTrailer)\n")
    let outside = repo.path + "/.."
    try "rules: [/proc/self/environ]\n".write(
      toFile: outside + "/abs.yml", atomically: true, encoding: .utf8)
    var env = InstalledTools.withoutSemgrep(repo.environment)
    env["AIGATE_ATTEST_KEY"] = Self.canary
    env["CI_SECRET_TOKEN"] = Self.canary + "-token"

    let cases: [[String]] = [
      ["check", "--base", start, "--policy", "/proc/self/environ"],
      ["check", "--base", start, "--policy", "/tmp"],
      ["check", "--base", start, "--policy", outside + "/missing.yml"],
      ["check", "--base", start, "--policy", outside + "/abs.yml"],
      ["check", "--base", start, "--config", "/proc/self/environ"],
      ["check", "--base", start, "--config", repo.path + "/env.yaml"],
      ["check", "--base", start, "--config", repo.path + "/notes.txt"],
      ["check", "--base", "no-such-revision"],
      ["check", "--base", start, "--attest", outside + "/v.json"],
      [
        "check", "--base", start, "--attest", outside + "/v.json", "--attest-key",
        "/proc/self/environ",
      ],
      ["rules", "validate", "--config", "/proc/self/environ"],
      ["rules", "validate", "--config", repo.path + "/env.yaml"],
      ["scan", "--config", "/proc/self/environ", "."],
      ["attest", "verify", "/proc/self/environ", "--key", "/proc/self/environ"],
    ]
    for arguments in cases {
      let result = try AigateBinary.run(arguments, in: repo.path, environment: env)
      let output = result.stdout + result.stderr
      #expect(!output.contains("sekrit-canary"), "\(arguments) printed the secret:\n\(output)")
      #expect(result.status != 0, "\(arguments) passed:\n\(output)")
    }
    // Not an error, but the message file is read and its trailers looked at: still nothing.
    let staged = try AigateBinary.run(
      ["check", "--staged", "--message-file", "/proc/self/environ", "--format", "json"],
      in: repo.path, environment: env)
    #expect(!(staged.stdout + staged.stderr).contains("sekrit-canary"))
    // A policy that quotes its own line quotes only that line: the value written there.
    for (policy, written) in [
      (".aigate.yml", "rules: [/proc/self/environ]\n"),
      (".aigate.yml", "rules: [env.yaml]\n"),
      (".aigate.yml", "rules: [notes.txt]\n"),
    ] {
      try repo.write(policy, written)
      let base = try repo.commit("Policy")
      try repo.write("more.py", "y = 2\n")
      try repo.commit("More\n\n\(claudeTrailer)\n")
      let result = try AigateBinary.run(
        ["check", "--base", base], in: repo.path, environment: env)
      #expect(result.status == 2, "\(written): \(result.stdout)\(result.stderr)")
      #expect(!(result.stdout + result.stderr).contains("sekrit-canary"))
      try repo.remove("more.py")
      try repo.remove(policy)
      try repo.commit("Reset")
    }
  }
}

/// The weaker spots of the hostile review, each through the binary.
@Suite("Failing loudly rather than passing quietly")
struct LoudFailureTests {
  @Test("--policy naming a folder is a clear error naming the path")
  func policyFolder() throws {
    let (repo, base) = try gateRepository()
    let result = try AigateBinary.run(
      ["check", "--base", base, "--policy", "/tmp"], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 2)
    #expect(result.stderr.contains("/tmp: is a folder"), "\(result.stderr)")
    #expect(!result.stderr.contains("NSCocoaErrorDomain"))
  }

  @Test("A closed standard output is exit 2 with a message, never a crash")
  func closedStdout() throws {
    let (repo, base) = try gateRepository()
    let binary = try #require(AigateBinary.path())
    for format in ["text", "json", "sarif"] {
      let result = try ProcessRunner.run(
        "/bin/sh",
        [
          "-c", "exec \"$0\" \"$@\" >&-", binary, "check", "--base", base,
          "--format", format,
        ],
        in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
      #expect(result.status == 2, "\(format): \(result.status) \(result.stderr)")
      #expect(result.stderr.contains("cannot write the report to standard output"))
    }
  }

  @Test("attest verify exits 1 on a genuine blocked verdict, and says so")
  func verifyBlocked() throws {
    let (repo, base) = try gateRepository()
    try repo.write(
      "app.py", "import subprocess\n\n\ndef run_report(name):\n" + vulnerableLine)
    try repo.commit(claudeMessage)
    let keys = try AigateBinary.run(
      ["attest", "keygen", "--out", repo.path + "/../k"], in: repo.path,
      environment: repo.environment)
    #expect(keys.status == 0, "\(keys.stderr)")
    let envelope = repo.path + "/../verdict.json"
    let check = try AigateBinary.run(
      ["check", "--base", base, "--attest", envelope, "--attest-key", repo.path + "/../k.key"],
      in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(check.status == 1, "\(check.stderr)")
    let verify = try AigateBinary.run(
      ["attest", "verify", envelope, "--key", repo.path + "/../k.pub"], in: repo.path,
      environment: repo.environment)
    #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.contains("records a blocked verdict"))
    #expect(verify.stderr.contains("BLOCKED"))
  }

  @Test("A private key file others can read is refused with the reason")
  func openKey() throws {
    let (repo, base) = try gateRepository()
    _ = try AigateBinary.run(
      ["attest", "keygen", "--out", repo.path + "/../k"], in: repo.path,
      environment: repo.environment)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644], ofItemAtPath: repo.path + "/../k.key")
    let check = try AigateBinary.run(
      [
        "check", "--base", base, "--attest", repo.path + "/../v.json", "--attest-key",
        repo.path + "/../k.key",
      ],
      in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(check.status == 2)
    #expect(check.stderr.contains("permissions 0644 are too open"), "\(check.stderr)")
  }

  @Test("The policy's and rules' digests in a verdict are the merge-base's files")
  func attestedTrustRoot() throws {
    let (repo, _) = try gateRepository()
    try repo.write(".aigate.yml", "rules: [rules]\n")
    try repo.write("rules/eval.yaml", houseEvalRule)
    let base = try repo.commit("Policy")
    try repo.write("rules/eval.yaml", houseEvalRule + "# edited\n")
    try repo.write("app.py", "x = 1\n")
    try repo.commit("A person's change")
    _ = try AigateBinary.run(
      ["attest", "keygen", "--out", repo.path + "/../k"], in: repo.path,
      environment: repo.environment)
    let envelope = repo.path + "/../verdict.json"
    let check = try AigateBinary.run(
      [
        "check", "--base", base, "--attest", envelope, "--attest-key", repo.path + "/../k.key",
        "--notes",
      ],
      in: repo.path, environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let text = try String(contentsOfFile: envelope, encoding: .utf8)
    let payload = try #require((try json(text))["payload"] as? String)
    let statement = try json(
      String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self))
    let predicate = statement["predicate"] as? [String: Any]
    let policy = predicate?["policy"] as? [String: Any]
    #expect(policy?["path"] as? String == ".aigate.yml")
    #expect(policy?["revision"] as? String == base)
    let rules = predicate?["rules"] as? [[String: Any]]
    #expect(rules?.map { $0["path"] as? String } == ["rules/eval.yaml"])
    #expect(rules?.first?["revision"] as? String == base)
    // The audit accepts it: the files are the merge-base's.
    let audit = try AigateBinary.run(
      ["attest", "audit", "\(base)..HEAD", "--key", repo.path + "/../k.pub"], in: repo.path,
      environment: repo.environment)
    #expect(!audit.stderr.contains("ignored the verdict"), "\(audit.stderr)")
  }
}
