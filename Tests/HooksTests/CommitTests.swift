import Foundation
import GitKit
import Hooks
import TestSupport
import Testing

/// The installed hooks exercised by real `git commit`s, with a recording stand-in for aigate.
@Suite("Hooks in a real git commit")
struct CommitTests {
  @Test("the hooks call 'aigate hook run' with git's arguments, and the commit goes through")
  func callsAigate() throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder()
    _ = try fixture.installer().install(HookKind.allCases, aigatePath: recorder.path)
    try fixture.change()
    let result = try fixture.commit("add b\n\nAssisted-by: Claude")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      recorder.calls == [
        "[hook][run][pre-commit]",
        "[hook][run][commit-msg][.git/COMMIT_EDITMSG]",
      ])
    let message = try String(contentsOfFile: recorder.message, encoding: .utf8)
    #expect(message.contains("Assisted-by: Claude"))
    #expect(try fixture.headCount() == 2)
  }

  @Test("a failing gate stops the commit", arguments: HookKind.allCases)
  func failingGateStops(_ kind: HookKind) throws {
    let fixture = try HookFixture()
    let failing = try fixture.recorder(named: "failing", status: 1)
    let passing = try fixture.recorder(named: "passing", status: 0)
    let installer = try fixture.installer()
    for each in HookKind.allCases {
      _ = try installer.install([each], aigatePath: each == kind ? failing.path : passing.path)
    }
    try fixture.change()
    let result = try fixture.commit()
    #expect(result.status != 0)
    #expect(try fixture.headCount() == 1)
    #expect(failing.calls.count == 1)
    #expect(failing.calls.first?.contains("[\(kind.rawValue)]") == true)
  }

  @Test("a hook that was there before runs first with the same arguments", arguments: [0, 1])
  func chainedHookRunsFirst(_ userStatus: Int) throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder()
    let folder = try HooksFolder.locate(in: try fixture.open())
    let log = recorder.log
    let userHook = """
      #!/bin/sh
      printf 'user commit-msg' >> '\(log)'
      for argument in "$@"; do printf '[%s]' "$argument"; done >> '\(log)'
      echo >> '\(log)'
      exit \(userStatus)

      """
    try writeExecutable(userHook, to: folder.hookPath(.commitMsg))
    let changes = try HookInstaller(folder: folder).install(
      HookKind.allCases, aigatePath: recorder.path)
    #expect(
      changes.contains(
        .installed(
          .commitMsg, path: folder.hookPath(.commitMsg), chained: folder.chainedPath(.commitMsg))))
    try fixture.change()
    let result = try fixture.commit()
    if userStatus == 0 {
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        recorder.calls == [
          "[hook][run][pre-commit]",
          "user commit-msg[.git/COMMIT_EDITMSG]",
          "[hook][run][commit-msg][.git/COMMIT_EDITMSG]",
        ])
    } else {
      #expect(result.status != 0)
      #expect(try fixture.headCount() == 1)
      #expect(
        recorder.calls == ["[hook][run][pre-commit]", "user commit-msg[.git/COMMIT_EDITMSG]"])
    }
  }

  @Test("AIGATE_SKIP lets the commit through and says loudly that the gate was bypassed")
  func bypass() throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder(status: 1)
    _ = try fixture.installer().install(HookKind.allCases, aigatePath: recorder.path)
    try fixture.change()
    let result = try fixture.commit(environment: [HookEnvironment.skip: "1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(recorder.calls.isEmpty)
    for kind in HookKind.allCases {
      #expect(result.stderr.contains("gate was BYPASSED by the \(kind.rawValue) hook"))
    }
    #expect(try fixture.headCount() == 2)
  }

  @Test("AIGATE_SKIP=0 does not bypass the gate")
  func skipZeroGates() throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder(status: 1)
    _ = try fixture.installer().install([.preCommit], aigatePath: recorder.path)
    try fixture.change()
    let result = try fixture.commit(environment: [HookEnvironment.skip: "0"])
    #expect(result.status != 0)
    #expect(!result.stderr.contains("BYPASSED"))
    #expect(recorder.calls == ["[hook][run][pre-commit]"])
  }

  @Test("a missing aigate binary stops the commit and says so")
  func missingBinary() throws {
    let fixture = try HookFixture()
    let missing = fixture.aux + "/no-such-aigate"
    _ = try fixture.installer().install(HookKind.allCases, aigatePath: missing)
    try fixture.change()
    let result = try fixture.commit()
    #expect(result.status != 0)
    #expect(result.stderr.contains("the aigate binary is missing or not executable: \(missing)"))
    #expect(result.stderr.contains("cannot gate this commit"))
    #expect(try fixture.headCount() == 1)
  }

  @Test("AIGATE_BIN overrides the recorded aigate, by path or by name on PATH")
  func binaryOverride() throws {
    let fixture = try HookFixture()
    let recorded = try fixture.recorder(named: "recorded")
    let override = try fixture.recorder(named: "override")
    _ = try fixture.installer().install([.preCommit], aigatePath: recorded.path)
    try fixture.change("b = 2\n")
    let byPath = try fixture.commit(environment: [HookEnvironment.binary: override.path])
    #expect(byPath.status == 0, "\(byPath.stderr)")
    try fixture.change("b = 3\n")
    let path = fixture.aux + ":" + (fixture.repo.environment["PATH"] ?? "/usr/bin:/bin")
    let byName = try fixture.commit(
      environment: [HookEnvironment.binary: "override", "PATH": path])
    #expect(byName.status == 0, "\(byName.stderr)")
    #expect(recorded.calls.isEmpty)
    #expect(override.calls == ["[hook][run][pre-commit]", "[hook][run][pre-commit]"])
    try fixture.change("b = 4\n")
    let missing = try fixture.commit(environment: [HookEnvironment.binary: "/nowhere/aigate"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("missing or not executable: /nowhere/aigate"))
  }
}

@Suite("AIGATE_BIN must name aigate")
struct BinaryOverrideTests {
  @Test("AIGATE_BIN=/bin/true stops the commit instead of passing it unchecked")
  func standInRefused() throws {
    let fixture = try HookFixture()
    let recorder = try fixture.recorder(status: 1)
    _ = try fixture.installer().install(HookKind.allCases, aigatePath: recorder.path)
    try fixture.change()
    let result = try fixture.commit(environment: [HookEnvironment.binary: "/bin/true"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("AIGATE_BIN=/bin/true does not answer --version as aigate"))
    #expect(try fixture.headCount() == 1)
  }

  @Test("An AIGATE_BIN that is aigate runs, and the hook says which one")
  func overrideNamed() throws {
    let fixture = try HookFixture()
    let recorded = try fixture.recorder(named: "recorded", status: 1)
    let override = try fixture.recorder(named: "override")
    _ = try fixture.installer().install([.preCommit], aigatePath: recorded.path)
    try fixture.change()
    let result = try fixture.commit(environment: [HookEnvironment.binary: override.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("AIGATE_BIN is set: the pre-commit hook runs \(override.path)"))
  }
}

/// The chained hook sees the hook's standard input, as git would have given it.
@Suite("Chained hook input")
struct ChainedInputTests {
  @Test("the chained hook reads the input the hook was given")
  func input() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    let received = fixture.aux + "/received"
    try writeExecutable(
      "#!/bin/sh\ncat > '\(received)'\n", to: folder.hookPath(.preCommit))
    let recorder = try fixture.recorder()
    _ = try HookInstaller(folder: folder).install([.preCommit], aigatePath: recorder.path)
    let result = try ProcessRunner.run(
      folder.hookPath(.preCommit), ["one", "two words"], in: fixture.repo.path,
      environment: fixture.repo.environment, input: "line 1\nline 2\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try String(contentsOfFile: received, encoding: .utf8) == "line 1\nline 2\n")
    #expect(recorder.calls == ["[hook][run][pre-commit][one][two words]"])
  }
}
