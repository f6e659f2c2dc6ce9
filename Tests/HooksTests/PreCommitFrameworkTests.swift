import Foundation
import TestSupport
import Testing

/// Whether the pre-commit framework is installed (CI installs it); without it the test skips.
///
/// The test builds aigate in release mode (minutes on two cores);
/// `AIGATE_SKIP_PRE_COMMIT_TEST=1` skips it for a quick local run.
private let preCommitInstalled: Bool = {
  if ProcessInfo.processInfo.environment["AIGATE_SKIP_PRE_COMMIT_TEST"] == "1" { return false }
  let result = try? ProcessRunner.run("pre-commit", ["--version"])
  return result?.status == 0
}()

/// This repository's root, where `.pre-commit-hooks.yaml` lives.
private func repositoryRoot(filePath: String = #filePath) -> String {
  URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
}

/// `pre-commit try-repo` of this repository against a scratch repository: the framework builds
/// aigate with `swift build -c release` from the manifest and runs both hooks.
@Suite("The pre-commit framework runs aigate")
struct PreCommitFrameworkTests {
  @Test(
    "try-repo runs the gate on the staged change and on the commit message",
    .enabled(
      if: preCommitInstalled, "pre-commit is not installed, or AIGATE_SKIP_PRE_COMMIT_TEST=1"))
  func tryRepo() throws {
    let fixture = try HookFixture()
    try fixture.change()
    try fixture.repo.git(["add", "b.py"])
    let message = fixture.aux + "/COMMIT_EDITMSG"
    try "add b\n\nAssisted-by: Claude\n".write(toFile: message, atomically: false, encoding: .utf8)
    var environment = fixture.repo.environment
    environment["PRE_COMMIT_HOME"] = fixture.aux + "/pre-commit-home"
    environment["PRE_COMMIT_COLOR"] = "never"
    // SwiftPM resolves aigate's dependencies from the user's cache (git config stays isolated).
    environment["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? environment["HOME"]
    func preCommit(_ arguments: [String]) throws -> ProcessResult {
      try ProcessRunner.run(
        "pre-commit", ["try-repo", repositoryRoot()] + arguments + ["--verbose"],
        in: fixture.repo.path, environment: environment, timeout: 1800)
    }
    func aigate(_ arguments: [String]) throws -> ProcessResult {
      try AigateBinary.run(arguments, in: fixture.repo.path, environment: fixture.repo.environment)
    }
    let cases: [([String], [String])] = [
      (["aigate", "--hook-stage", "pre-commit"], ["check", "--staged"]),
      (
        ["aigate-commit-msg", "--hook-stage", "commit-msg", "--commit-msg-filename", message],
        ["check", "--staged", "--message-file", message]
      ),
    ]
    for (framework, direct) in cases {
      let viaFramework = try preCommit(framework)
      let expected = try aigate(direct)
      // The framework prints the hook's output; it passes exactly when the gate passes.
      #expect((viaFramework.status == 0) == (expected.status == 0), "\(viaFramework.stdout)")
      #expect(viaFramework.stdout.contains("exit code: \(expected.status)") || expected.status == 0)
      for line in expected.stderr.split(separator: "\n") {
        #expect(viaFramework.stdout.contains(line), "\(viaFramework.stdout)")
      }
      #expect(!viaFramework.stdout.contains("Skipped"), "\(viaFramework.stdout)")
    }
  }
}
