import Foundation
import Testing

@testable import Semgrep

/// The launcher every external program goes through (git in tests, semgrep in the gate): real
/// programs, started with `posix_spawn`.
@Suite("ExternalProcess")
struct ExternalProcessTests {
  let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]

  @Test("Arguments go through unchanged, never through a shell; both pipes are read")
  func argumentsAndPipes() throws {
    let output = try ExternalProcess.run(
      executable: "/bin/sh",
      arguments: [
        "-c", "printf '%s|' \"$@\"; printf 'to stderr' >&2; exit 3", "sh", "a b", "$HOME", "*",
      ],
      environment: environment, timeout: 30)
    #expect(output.status == 3)
    #expect(String(decoding: output.stdout, as: UTF8.self) == "a b|$HOME|*|")
    #expect(String(decoding: output.stderr, as: UTF8.self) == "to stderr")
  }

  @Test("The working directory, the environment and standard input are the child's")
  func directoryEnvironmentInput() throws {
    let folder = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
    let output = try ExternalProcess.run(
      executable: "/bin/sh", arguments: ["-c", "pwd; echo \"$ONLY\"; wc -c"],
      environment: environment.merging(["ONLY": "this"]) { $1 }, directory: folder,
      input: Data(repeating: 65, count: 300_000), timeout: 30)
    let lines = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.map(String.init) == [folder, "this", "300000"])
    // Without input, standard input is empty, not the test's own.
    let empty = try ExternalProcess.run(
      executable: "/bin/sh", arguments: ["-c", "wc -c"], environment: environment, timeout: 30)
    #expect(
      String(decoding: empty.stdout, as: UTF8.self).trimmingCharacters(in: .whitespaces) == "0\n")
  }

  @Test("Large output on both pipes does not block; a signal's end reads as 128 + the signal")
  func largeOutputAndSignals() throws {
    let output = try ExternalProcess.run(
      executable: "/bin/sh",
      arguments: ["-c", "head -c 2000000 /dev/zero; head -c 2000000 /dev/zero >&2; kill -TERM $$"],
      environment: environment, timeout: 60)
    #expect(output.stdout.count == 2_000_000)
    #expect(output.stderr.count == 2_000_000)
    #expect(output.status == 128 + SIGTERM)
  }

  @Test("Only the three standard streams are open in the child")
  func noInheritedDescriptors() throws {
    let output = try ExternalProcess.run(
      executable: "/bin/ls", arguments: ["/proc/self/fd"], environment: environment, timeout: 30)
    let open = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n")
    // ls itself opens the folder it lists: one more.
    #expect(open.count <= 4, "\(open)")
  }

  @Test("A program past its deadline is stopped, and one that cannot start is an error")
  func deadlineAndLaunchFailure() throws {
    #expect(throws: ExternalProcessError.timedOut(executable: "/bin/sleep", seconds: 0.5)) {
      try ExternalProcess.run(
        executable: "/bin/sleep", arguments: ["30"], environment: environment, timeout: 0.5)
    }
    #expect {
      try ExternalProcess.run(
        executable: "/nonexistent/tool", arguments: [], environment: environment, timeout: 5)
    } throws: { error in
      guard case .launchFailed(let executable, _) = error as? ExternalProcessError else {
        return false
      }
      return executable == "/nonexistent/tool"
    }
  }
}
