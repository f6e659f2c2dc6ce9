import Foundation
import TestSupport
import Testing

/// Whether the pre-commit framework is installed (CI installs it); without it the tests skip.
private let preCommitInstalled: Bool = {
  let result = try? ProcessRunner.run("pre-commit", ["--version"])
  return result?.status == 0
}()

/// The from-source hooks build aigate in release mode (minutes on two cores);
/// `AIGATE_SKIP_PRE_COMMIT_TEST=1` skips that test for a quick local run.
private let buildFromSource =
  preCommitInstalled && ProcessInfo.processInfo.environment["AIGATE_SKIP_PRE_COMMIT_TEST"] != "1"

/// This repository's root, where `.pre-commit-hooks.yaml` lives.
private func repositoryRoot(filePath: String = #filePath) -> String {
  URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
}

/// `pre-commit try-repo` of this repository against a scratch repository, each hook compared
/// with the gate run directly.
@Suite("The pre-commit framework runs aigate")
struct PreCommitFrameworkTests {
  /// A staged change and a commit message with an agent's trailer.
  struct Setup {
    let fixture: HookFixture
    let message: String
    var environment: [String: String]

    init() throws {
      fixture = try HookFixture()
      try fixture.change()
      try fixture.repo.git(["add", "b.py"])
      message = fixture.aux + "/COMMIT_EDITMSG"
      try "add b\n\nAssisted-by: Claude\n".write(
        toFile: message, atomically: false, encoding: .utf8)
      environment = fixture.repo.environment
      environment["PRE_COMMIT_HOME"] = fixture.aux + "/pre-commit-home"
      environment["PRE_COMMIT_COLOR"] = "never"
    }

    func preCommit(_ arguments: [String]) throws -> ProcessResult {
      try ProcessRunner.run(
        "pre-commit", ["try-repo", repositoryRoot()] + arguments + ["--verbose"],
        in: fixture.repo.path, environment: environment, timeout: 1800)
    }

    /// Runs the pre-commit hook `hook` and the commit-msg hook `messageHook` through the
    /// framework: each passes exactly when the gate passes, and prints what the gate printed.
    func expectHooksGate(_ hook: String, _ messageHook: String) throws {
      func aigate(_ arguments: [String]) throws -> ProcessResult {
        try AigateBinary.run(
          arguments, in: fixture.repo.path, environment: fixture.repo.environment)
      }
      let cases: [([String], [String])] = [
        ([hook, "--hook-stage", "pre-commit"], ["check", "--staged"]),
        (
          [messageHook, "--hook-stage", "commit-msg", "--commit-msg-filename", message],
          ["check", "--staged", "--message-file", message]
        ),
      ]
      for (framework, direct) in cases {
        let viaFramework = try preCommit(framework)
        let expected = try aigate(direct)
        #expect((viaFramework.status == 0) == (expected.status == 0), "\(viaFramework.stdout)")
        #expect(
          viaFramework.stdout.contains("exit code: \(expected.status)") || expected.status == 0)
        for line in expected.stderr.split(separator: "\n") {
          #expect(viaFramework.stdout.contains(line), "\(viaFramework.stdout)")
        }
        #expect(!viaFramework.stdout.contains("Skipped"), "\(viaFramework.stdout)")
      }
    }
  }

  @Test(
    "The installed-binary hooks run the aigate on PATH, and stop the commit when there is none",
    .enabled(if: preCommitInstalled, "pre-commit is not installed"))
  func installedBinary() throws {
    var setup = try Setup()
    let binary = try #require(AigateBinary.path(), "aigate binary not found; run swift build")
    let bin = setup.fixture.aux + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: bin + "/aigate", withDestinationPath: binary)
    let path = setup.environment["PATH"] ?? "/usr/bin:/bin"
    setup.environment["PATH"] = bin + ":" + path
    try setup.expectHooksGate("aigate", "aigate-commit-msg")

    // No aigate on PATH: the framework fails the hook, never skips it.
    try FileManager.default.removeItem(atPath: bin + "/aigate")
    let missing = try setup.preCommit(["aigate", "--hook-stage", "pre-commit"])
    #expect(missing.status != 0, "\(missing.stdout)")
    #expect(missing.stdout.contains("not found"), "\(missing.stdout)")
    #expect(!missing.stdout.contains("Skipped"), "\(missing.stdout)")
  }

  @Test(
    "The from-source hooks build aigate and gate the staged change and the commit message",
    .enabled(
      if: buildFromSource, "pre-commit is not installed, or AIGATE_SKIP_PRE_COMMIT_TEST=1"))
  func fromSource() throws {
    var setup = try Setup()
    // SwiftPM resolves aigate's dependencies from the user's cache (git config stays isolated).
    setup.environment["HOME"] =
      ProcessInfo.processInfo.environment["HOME"] ?? setup.environment["HOME"]
    try setup.expectHooksGate("aigate-from-source", "aigate-commit-msg-from-source")
  }
}
