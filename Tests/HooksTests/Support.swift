import Foundation
import GitKit
import Hooks
import TestSupport
import Testing

/// A scratch repository with a first commit, plus a folder beside it for recorders and logs.
struct HookFixture {
  let repo: ScratchRepository
  /// Beside the repository (removed with it): scripts and logs that must not be in the tree.
  let aux: String

  init() throws {
    repo = try ScratchRepository()
    aux = repo.path + "-aux"
    try FileManager.default.createDirectory(atPath: aux, withIntermediateDirectories: true)
    try repo.write("a.py", "a = 1\n")
    try repo.commit("base")
  }

  /// The repository as aigate opens it, without this process's git variables.
  func open(at path: String? = nil, environment: [String: String] = [:]) throws -> Repository {
    try Repository.open(at: path ?? repo.path, environment: environment)
  }

  func installer(at path: String? = nil) throws -> HookInstaller {
    HookInstaller(folder: try HooksFolder.locate(in: try open(at: path)))
  }

  /// The hooks folder git itself reports, made absolute from `directory`.
  func gitHooksFolder(from directory: String? = nil) throws -> String {
    let cwd = directory ?? repo.path
    let result = try ProcessRunner.run(
      "git", ["rev-parse", "--git-path", "hooks"], in: cwd, environment: repo.environment)
    let reported = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let absolute = reported.hasPrefix("/") ? reported : cwd + "/" + reported
    return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// A stand-in for aigate that logs each call's arguments (one `[arg]` per argument, one
  /// line per call), keeps a copy of the commit-msg file, and exits with `status`.
  func recorder(named name: String = "fake-aigate", status: Int32 = 0) throws -> Recorder {
    let recorder = Recorder(
      path: aux + "/" + name, log: aux + "/" + name + ".log", message: aux + "/" + name + ".msg")
    let script = """
      #!/bin/sh
      if [ "$1" = --version ]; then echo 'aigate 0.0.0-recorder'; exit 0; fi
      for argument in "$@"; do printf '[%s]' "$argument"; done >> '\(recorder.log)'
      echo >> '\(recorder.log)'
      if [ "$3" = commit-msg ]; then cp "$4" '\(recorder.message)'; fi
      exit \(status)

      """
    try writeExecutable(script, to: recorder.path)
    return recorder
  }

  /// Runs a real `git commit` (hooks on) in `directory` and returns how it ended.
  func commit(
    _ message: String = "change", in directory: String? = nil,
    environment extra: [String: String] = [:]
  ) throws -> ProcessResult {
    let env = repo.environment.merging(extra) { _, new in new }
    let cwd = directory ?? repo.path
    _ = try ProcessRunner.run("git", ["add", "-A"], in: cwd, environment: env)
    return try ProcessRunner.run("git", ["commit", "-q", "-m", message], in: cwd, environment: env)
  }

  /// Stages a change so that a commit has something to record.
  func change(_ text: String = "b = 2\n") throws {
    try repo.write("b.py", text)
  }

  func headCount() throws -> Int {
    Int(
      try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))
      ?? -1
  }
}

/// Where a recording stand-in for aigate writes what it was called with.
struct Recorder {
  let path: String
  let log: String
  let message: String

  /// Each call's arguments, in order.
  var calls: [String] {
    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }
}

func writeExecutable(_ text: String, to path: String, mode: Int = 0o755) throws {
  try text.write(toFile: path, atomically: false, encoding: .utf8)
  try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

/// A file's bytes and permission bits, or a link's target, for byte-for-byte comparisons.
struct FileSnapshot: Equatable {
  let bytes: Data?
  let linkTarget: String?
  let mode: Int

  init(_ path: String) throws {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    mode = (attributes[.posixPermissions] as? Int) ?? -1
    if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
      linkTarget = try FileManager.default.destinationOfSymbolicLink(atPath: path)
      bytes = nil
    } else {
      linkTarget = nil
      bytes = FileManager.default.contents(atPath: path)
    }
  }
}

/// Every entry of a folder with its snapshot.
func snapshot(folder: String) throws -> [String: FileSnapshot] {
  var result: [String: FileSnapshot] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
    result[name] = try FileSnapshot(folder + "/" + name)
  }
  return result
}
