import Foundation
import GitKit
import Hooks
import TestSupport
import Testing

/// Where the hooks go, and that installing and removing them keeps what was there.
@Suite("Installing and removing hooks")
struct InstallTests {
  @Test("the default hooks folder is the one git reports")
  func defaultFolder() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    #expect(!folder.isConfigured)
    #expect(folder.path == (try fixture.gitHooksFolder()))
  }

  @Test(
    "core.hooksPath is honoured, relative to the working tree's root",
    arguments: ["my-hooks", ".githooks/shared", "ABSOLUTE"])
  func hooksPath(_ configured: String) throws {
    let fixture = try HookFixture()
    let value = configured == "ABSOLUTE" ? fixture.aux + "/global-hooks" : configured
    try fixture.repo.git(["config", "core.hooksPath", value])
    try fixture.repo.write("sub/dir/keep.txt", "x\n")
    try fixture.repo.commit("subfolder")
    let subfolder = fixture.repo.path + "/sub/dir"
    let folder = try HooksFolder.locate(in: try fixture.open(at: subfolder))
    #expect(folder.isConfigured)
    #expect(folder.path == (try fixture.gitHooksFolder()))
    let recorder = try fixture.recorder()
    _ = try HookInstaller(folder: folder).install([.preCommit], aigatePath: recorder.path)
    #expect(FileManager.default.isExecutableFile(atPath: folder.hookPath(.preCommit)))
    #expect(!FileManager.default.fileExists(atPath: fixture.repo.path + "/.git/hooks/pre-commit"))
    try fixture.change()
    let result = try fixture.commit(in: subfolder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(recorder.calls == ["[hook][run][pre-commit]"])
  }

  @Test("an empty core.hooksPath is an error, not a guess")
  func emptyHooksPath() throws {
    let fixture = try HookFixture()
    try fixture.repo.git(["config", "core.hooksPath", ""])
    #expect(throws: HookError.emptyHooksPath) {
      try HooksFolder.locate(in: try fixture.open())
    }
  }

  @Test("a linked worktree installs into the hooks folder it shares with the main one")
  func linkedWorktree() throws {
    let fixture = try HookFixture()
    let worktree = fixture.aux + "/linked"
    try fixture.repo.git(["worktree", "add", "-q", "-b", "side", worktree])
    let fromWorktree = try HooksFolder.locate(in: try fixture.open(at: worktree))
    let fromMain = try HooksFolder.locate(in: try fixture.open())
    #expect(fromWorktree == fromMain)
    #expect(fromWorktree.path == (try fixture.gitHooksFolder(from: worktree)))
    let recorder = try fixture.recorder()
    _ = try HookInstaller(folder: fromWorktree).install([.preCommit], aigatePath: recorder.path)
    try String("c = 3\n").write(toFile: worktree + "/c.py", atomically: false, encoding: .utf8)
    let result = try fixture.commit(in: worktree)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(recorder.calls == ["[hook][run][pre-commit]"])
  }

  @Test("GIT_DIR names the repository whose hooks folder is used")
  func gitDirVariable() throws {
    let fixture = try HookFixture()
    let elsewhere = try fixture.open(
      at: fixture.aux, environment: ["GIT_DIR": fixture.repo.path + "/.git"])
    #expect(try HooksFolder.locate(in: elsewhere) == (try HooksFolder.locate(in: fixture.open())))
  }

  @Test("re-installing changes nothing")
  func idempotent() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    try writeExecutable("#!/bin/sh\nexit 0\n", to: folder.hookPath(.preCommit))
    let installer = HookInstaller(folder: folder)
    _ = try installer.install(HookKind.allCases, aigatePath: "/opt/aigate")
    let first = try snapshot(folder: folder.path)
    let changes = try installer.install(HookKind.allCases, aigatePath: "/opt/aigate")
    #expect(try snapshot(folder: folder.path) == first)
    #expect(
      changes == [
        .updated(
          .preCommit, path: folder.hookPath(.preCommit), chained: folder.chainedPath(.preCommit)),
        .updated(.commitMsg, path: folder.hookPath(.commitMsg), chained: nil),
      ])
  }

  /// What a hooks folder held before aigate: a file with unusual bytes and mode, or a link.
  enum Prior: String, CaseIterable {
    case nothing, oddFile, symbolicLink, danglingLink, notExecutable
  }

  @Test(
    "uninstall restores exactly what was there, byte for byte and mode", arguments: Prior.allCases)
  func uninstallRestores(_ prior: Prior) throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    let hook = folder.hookPath(.preCommit)
    switch prior {
    case .nothing:
      break
    case .oddFile:
      var bytes = Data("#!/bin/sh\n# caf\u{e9} \u{2603}\r\nexit 0".utf8)
      bytes.append(contentsOf: [0xFF, 0xFE, 0x00])
      try bytes.write(to: URL(fileURLWithPath: hook))
      try FileManager.default.setAttributes([.posixPermissions: 0o710], ofItemAtPath: hook)
    case .symbolicLink:
      try writeExecutable("#!/bin/sh\nexit 0\n", to: fixture.aux + "/shared-hook")
      try FileManager.default.createSymbolicLink(
        atPath: hook, withDestinationPath: fixture.aux + "/shared-hook")
    case .danglingLink:
      try FileManager.default.createSymbolicLink(
        atPath: hook, withDestinationPath: "../no/such/hook")
    case .notExecutable:
      try "#!/bin/sh\nexit 1\n".write(toFile: hook, atomically: false, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: hook)
    }
    let before = try snapshot(folder: folder.path)
    let installer = HookInstaller(folder: folder)
    _ = try installer.install(HookKind.allCases, aigatePath: "/opt/aigate")
    _ = try installer.install(HookKind.allCases, aigatePath: "/opt/aigate")
    #expect(try snapshot(folder: folder.path) != before)
    let changes = try installer.uninstall(HookKind.allCases)
    #expect(try snapshot(folder: folder.path) == before)
    #expect(
      changes == [
        .removed(.preCommit, path: hook, restored: prior != .nothing),
        .removed(.commitMsg, path: folder.hookPath(.commitMsg), restored: false),
      ])
    #expect(
      try installer.uninstall(HookKind.allCases) == [
        prior == .nothing
          ? .notInstalled(.preCommit, path: hook) : .leftAlone(.preCommit, path: hook),
        .notInstalled(.commitMsg, path: folder.hookPath(.commitMsg)),
      ])
  }

  @Test("a non-executable hook stays skipped, as git skips it")
  func notExecutableStaysSkipped() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    try writeExecutable("#!/bin/sh\nexit 1\n", to: folder.hookPath(.preCommit), mode: 0o644)
    let recorder = try fixture.recorder()
    _ = try HookInstaller(folder: folder).install([.preCommit], aigatePath: recorder.path)
    try fixture.change()
    let result = try fixture.commit()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("is not executable; skipped"))
    #expect(recorder.calls == ["[hook][run][pre-commit]"])
  }

  @Test("uninstall leaves a hook aigate did not write alone")
  func foreignLeftAlone() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    try writeExecutable(
      "#!/bin/sh\n# aigate is mentioned here\nexit 0\n", to: folder.hookPath(.commitMsg))
    let before = try snapshot(folder: folder.path)
    let changes = try HookInstaller(folder: folder).uninstall(HookKind.allCases)
    #expect(
      changes == [
        .notInstalled(.preCommit, path: folder.hookPath(.preCommit)),
        .leftAlone(.commitMsg, path: folder.hookPath(.commitMsg)),
      ])
    #expect(try snapshot(folder: folder.path) == before)
  }

  @Test("installing over a foreign hook when a chained one is already saved is refused")
  func chainConflict() throws {
    let fixture = try HookFixture()
    let folder = try HooksFolder.locate(in: try fixture.open())
    let installer = HookInstaller(folder: folder)
    try writeExecutable("#!/bin/sh\necho first\n", to: folder.hookPath(.preCommit))
    _ = try installer.install([.preCommit], aigatePath: "/opt/aigate")
    // Someone replaces aigate's hook by hand while the first hook is still saved.
    try writeExecutable("#!/bin/sh\necho second\n", to: folder.hookPath(.preCommit))
    let before = try snapshot(folder: folder.path)
    #expect(
      throws: HookError.chainConflict(
        hook: folder.hookPath(.preCommit), chained: folder.chainedPath(.preCommit))
    ) {
      try installer.install([.preCommit], aigatePath: "/opt/aigate")
    }
    #expect(try snapshot(folder: folder.path) == before)
  }

  @Test("a hooks folder that does not exist yet is created")
  func createsFolder() throws {
    let fixture = try HookFixture()
    try fixture.repo.git(["config", "core.hooksPath", "new/hooks"])
    let folder = try HooksFolder.locate(in: try fixture.open())
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    _ = try HookInstaller(folder: folder).install([.commitMsg], aigatePath: "/opt/aigate")
    #expect(FileManager.default.isExecutableFile(atPath: folder.path + "/commit-msg"))
  }

  @Test("only the selected hooks are installed")
  func selection() throws {
    #expect(HookKind.selection(preCommit: false, commitMsg: false) == [.preCommit, .commitMsg])
    #expect(HookKind.selection(preCommit: true, commitMsg: true) == [.preCommit, .commitMsg])
    #expect(HookKind.selection(preCommit: true, commitMsg: false) == [.preCommit])
    #expect(HookKind.selection(preCommit: false, commitMsg: true) == [.commitMsg])
  }
}
