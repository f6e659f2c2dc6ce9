import Foundation
import Hooks
import TestSupport
import Testing

/// What `aigate hook run` passes to the gate, how the scripts are recognised, and where the
/// running aigate is found.
@Suite("Hook run arguments, scripts and the aigate path")
struct RunTests {
  @Test(
    "hook run maps to check's arguments",
    arguments: [
      (HookKind.preCommit, [String](), ["--staged"]),
      (.preCommit, ["--config", "rules"], ["--staged", "--config", "rules"]),
      (.commitMsg, [".git/COMMIT_EDITMSG"], ["--staged", "--message-file", ".git/COMMIT_EDITMSG"]),
      (
        .commitMsg, ["-c", "r.yaml", "msg"],
        ["--staged", "-c", "r.yaml", "--message-file", "msg"]
      ),
    ])
  func checkArguments(_ kind: HookKind, _ given: [String], _ expected: [String]) throws {
    #expect(try HookRun.checkArguments(for: kind, given) == expected)
  }

  @Test("commit-msg without a message file is an error", arguments: [[], ["--verbose"]])
  func missingMessageFile(_ given: [String]) {
    #expect(throws: HookError.missingMessageFile) {
      try HookRun.checkArguments(for: .commitMsg, given)
    }
  }

  @Test("the marker must stand on a line of its own")
  func marker() {
    let script = HookScript.render(.preCommit, aigatePath: "/opt/aigate")
    #expect(HookScript.isManaged(Data(script.utf8)))
    #expect(!HookScript.isManaged(Data("#!/bin/sh\necho '\(HookScript.marker)'\n".utf8)))
    #expect(!HookScript.isManaged(Data("#!/bin/sh\nexit 0\n".utf8)))
  }

  @Test(
    "the recorded path survives any characters",
    arguments: ["/opt/aigate", "/tmp/it's here/aigate", "/tmp/$HOME `x` \"q\"/aigate"])
  func recordedPathQuoting(_ path: String) throws {
    let script = HookScript.render(.preCommit, aigatePath: path)
    let line = script.split(separator: "\n").first { $0.hasPrefix("aigate_recorded=") }
    let assignment = try #require(line)
    let result = try ProcessRunner.run(
      "/bin/sh", ["-c", "\(assignment)\nprintf '%s' \"$aigate_recorded\""])
    #expect(result.stdout == path)
  }

  @Test("the scripts are valid POSIX shell", arguments: HookKind.allCases)
  func syntax(_ kind: HookKind) throws {
    let result = try ProcessRunner.run(
      "/bin/sh", ["-n", "-c", HookScript.render(kind, aigatePath: "/opt/aigate")])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test("the running aigate is found by its path or on PATH")
  func locate() throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder(named: "aigate")
    #expect(
      try ExecutableLocator.locate(
        argument0: recorder.path, currentDirectory: "/", searchPath: nil) == recorder.path)
    #expect(
      try ExecutableLocator.locate(
        argument0: "./aigate", currentDirectory: fixture.aux, searchPath: nil) == recorder.path)
    #expect(
      try ExecutableLocator.locate(
        argument0: "aigate", currentDirectory: "/", searchPath: "/nonexistent:" + fixture.aux)
        == recorder.path)
    #expect(throws: HookError.executableNotFound("aigate")) {
      try ExecutableLocator.locate(
        argument0: "aigate", currentDirectory: fixture.aux, searchPath: "/nonexistent")
    }
  }
}
