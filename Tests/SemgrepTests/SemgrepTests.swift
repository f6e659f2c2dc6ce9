import Foundation
import Rules
import Semgrep
import TestSupport
import Testing

/// A folder with a rule folder and a target file, removed afterwards.
final class SemgrepFixture {
  let root: String

  init() throws {
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-semgrep-\(UUID().uuidString)").path
    try write(
      "rules/python/shell.yaml",
      """
      rules:
        - id: subprocess-shell-true
          message: $F runs a shell
          severity: ERROR
          languages: [python]
          metadata: {cwe: ["CWE-78"], nested: {deep: [1, {x: true}]}}
          pattern: subprocess.$F(..., shell=True, ...)

      """)
    try write(
      "app.py",
      """
      import subprocess

      def go(name):
          return subprocess.run("ls " + name, shell=True)

      """)
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func write(_ path: String, _ text: String) throws {
    let url = URL(fileURLWithPath: root).appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  /// A stand-in executable that behaves badly in a chosen way.
  func fakeTool(_ body: String) throws -> SemgrepTool {
    let path = root + "/fake-semgrep"
    try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return SemgrepTool(path: path, flavor: "semgrep")
  }
}

let installedSemgrep = SemgrepTool.locate()

@Suite("The external semgrep engine")
struct SemgrepTests {
  @Test(
    "A real semgrep run yields findings with plain rule ids and real snippets",
    .enabled(if: installedSemgrep != nil, "semgrep is not installed; skipped"))
  func realRun() throws {
    let fixture = try SemgrepFixture()
    let tool = try #require(installedSemgrep)
    let scan = try tool.scan(
      configs: ["rules"], targets: ["app.py"], root: fixture.root,
      knownRuleIDs: ["subprocess-shell-true"], timeout: 300)
    #expect(scan.findings.count == 1)
    let finding = try #require(scan.findings.first)
    #expect(finding.ruleID == "subprocess-shell-true")
    #expect(finding.path == "app.py")
    #expect(finding.start.line == 4)
    #expect(finding.start.col == 12)
    #expect(finding.engine == .semgrep)
    #expect(finding.severity == .error)
    #expect(finding.message == "run runs a shell")
    #expect(finding.lines == "    return subprocess.run(\"ls \" + name, shell=True)")
    #expect(
      finding.metadata["nested"]
        == .object(["deep": .array([.integer(1), .object(["x": .bool(true)])])]))
    #expect(scan.scanned == ["app.py"])
  }

  @Test(
    "A rule semgrep rejects is an engine failure, not an empty result",
    .enabled(if: installedSemgrep != nil, "semgrep is not installed; skipped"))
  func brokenRule() throws {
    let fixture = try SemgrepFixture()
    try fixture.write(
      "bad/broken.yaml",
      "rules:\n  - id: broken\n    message: m\n    severity: ERROR\n    languages: [python]\n"
        + "    pattern: 'foo('\n")
    let tool = try #require(installedSemgrep)
    let error = #expect(throws: SemgrepError.self) {
      try tool.scan(
        configs: ["bad"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [], timeout: 300)
    }
    // semgrep exits 2 here; what it says about the rule, not the bare status, is the error.
    guard case .reportedErrors(_, let messages)? = error else {
      Issue.record("expected semgrep's own errors, got \(String(describing: error))")
      return
    }
    #expect(messages.contains { $0.contains("broken") }, "\(messages)")
  }

  @Test("A crash is a failure that carries the exit status and standard error")
  func crash() throws {
    let fixture = try SemgrepFixture()
    let tool = try fixture.fakeTool("echo 'Traceback: boom' >&2\nexit 3")
    let error = #expect(throws: SemgrepError.self) {
      try tool.scan(
        configs: ["rules"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [], timeout: 30)
    }
    guard case .failed(_, let status, let stderr)? = error else {
      Issue.record("expected a failure, got \(String(describing: error))")
      return
    }
    #expect(status == 3)
    #expect(stderr.contains("Traceback: boom"))
  }

  @Test("A semgrep a signal ends is a failure, even when the signal's number is 1")
  func killedBySignal() throws {
    let fixture = try SemgrepFixture()
    // Whole JSON, then SIGHUP: its number, 1, is also semgrep's "findings" exit code.
    let tool = try fixture.fakeTool(
      "echo '{\"results\": [], \"errors\": [], \"paths\": {\"scanned\": []}}'\nkill -HUP $$")
    let error = #expect(throws: SemgrepError.self) {
      try tool.scan(
        configs: ["rules"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [], timeout: 30)
    }
    guard case .failed(_, let status, _)? = error else {
      Issue.record("expected a failure, got \(String(describing: error))")
      return
    }
    #expect(status == 128 + SIGHUP)
  }

  @Test("Output that is not JSON is a failure")
  func garbage() throws {
    let fixture = try SemgrepFixture()
    let tool = try fixture.fakeTool("echo 'Login required'\nexit 0")
    #expect(throws: SemgrepError.self) {
      try tool.scan(
        configs: ["rules"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [], timeout: 30)
    }
  }

  @Test("A run past its timeout is stopped and reported")
  func timeout() throws {
    let fixture = try SemgrepFixture()
    let tool = try fixture.fakeTool("exec sleep 30")
    let error = #expect(throws: SemgrepError.self) {
      try tool.scan(
        configs: ["rules"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [],
        timeout: 0.5)
    }
    guard case .timedOut(_, let seconds)? = error else {
      Issue.record("expected a timeout, got \(String(describing: error))")
      return
    }
    #expect(seconds == 0.5)
  }

  @Test("A large output on both pipes does not block")
  func bothPipes() throws {
    let fixture = try SemgrepFixture()
    let tool = try fixture.fakeTool(
      "i=0; while [ $i -lt 3000 ]; do echo 'noise noise noise noise noise noise noise' >&2; "
        + "i=$((i+1)); done\n"
        + "echo '{\"results\": [], \"errors\": [], \"paths\": {\"scanned\": [\"app.py\"]}}'")
    let scan = try tool.scan(
      configs: ["rules"], targets: ["app.py"], root: fixture.root, knownRuleIDs: [], timeout: 60)
    #expect(scan.findings.isEmpty)
    #expect(scan.scanned == ["app.py"])
  }

  @Test(
    "Folder prefixes come off rule ids",
    arguments: [
      ("rules.python.subprocess-shell-true", "subprocess-shell-true"),
      ("tmp.x.rules.a.b", "a.b"),
      ("subprocess-shell-true", "subprocess-shell-true"),
      ("registry.unknown-rule", "registry.unknown-rule"),
    ])
  func normalize(checkID: String, expected: String) {
    #expect(
      SemgrepTool.normalize(checkID, known: ["subprocess-shell-true", "a.b"]) == expected)
  }
}
