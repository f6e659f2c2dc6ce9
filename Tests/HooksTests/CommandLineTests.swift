import Foundation
import TestSupport
import Testing

/// `aigate hook` through the built binary.
@Suite("aigate hook on the command line")
struct CommandLineTests {
  func aigate(_ arguments: [String], in fixture: HookFixture) throws -> ProcessResult {
    try AigateBinary.run(arguments, in: fixture.repo.path, environment: fixture.repo.environment)
  }

  @Test("install records this aigate's path; uninstall removes the hooks")
  func installAndUninstall() throws {
    let binary = try #require(AigateBinary.path(), "aigate binary not built")
    let fixture = try HookFixture()
    let hooks = try fixture.gitHooksFolder()
    let before = try snapshot(folder: hooks)
    let install = try aigate(["hook", "install", "--commit-msg"], in: fixture)
    #expect(install.status == 0, "\(install.stderr)")
    #expect(install.stdout.contains("installed commit-msg hook: \(hooks)/commit-msg"))
    #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-commit"))
    let script = try String(contentsOfFile: hooks + "/commit-msg", encoding: .utf8)
    let recorded = URL(fileURLWithPath: binary).standardizedFileURL.path
    #expect(script.contains("aigate_recorded='\(recorded)'"))
    let uninstall = try aigate(["hook", "uninstall"], in: fixture)
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    #expect(try snapshot(folder: hooks) == before)
  }

  @Test("install into core.hooksPath says where the hooks went")
  func configuredFolderNote() throws {
    let fixture = try HookFixture()
    try fixture.repo.git(["config", "core.hooksPath", "team-hooks"])
    let install = try aigate(["hook", "install", "--pre-commit"], in: fixture)
    #expect(install.status == 0, "\(install.stderr)")
    let folder = URL(fileURLWithPath: fixture.repo.path + "/team-hooks").standardizedFileURL.path
    #expect(install.stderr.contains("core.hooksPath is set: installing into \(folder)"))
    #expect(FileManager.default.isExecutableFile(atPath: folder + "/pre-commit"))
  }

  @Test(
    "hook run takes the same path as check",
    arguments: [
      (["hook", "run", "pre-commit"], ["check", "--staged"]),
      (
        ["hook", "run", "commit-msg", "MSG"],
        ["check", "--staged", "--message-file", "MSG"]
      ),
    ])
  func runIsCheck(_ hookRun: [String], _ check: [String]) throws {
    let fixture = try HookFixture()
    try fixture.change()
    try fixture.repo.git(["add", "b.py"])
    let message = fixture.aux + "/message"
    try "add b\n\nAssisted-by: Claude\n".write(toFile: message, atomically: false, encoding: .utf8)
    func replaced(_ arguments: [String]) -> [String] {
      arguments.map { $0 == "MSG" ? message : $0 }
    }
    let viaHook = try aigate(replaced(hookRun), in: fixture)
    let direct = try aigate(replaced(check), in: fixture)
    #expect(viaHook.status == direct.status)
    #expect(viaHook.stdout == direct.stdout)
    #expect(viaHook.stderr == direct.stderr)
    // Until the gate gives verdicts, check reads the staged change and exits 2.
    #expect([0, 1, 2].contains(viaHook.status))
  }

  @Test("hook run commit-msg without the file, or an unknown hook, fails")
  func runErrors() throws {
    let fixture = try HookFixture()
    let noFile = try aigate(["hook", "run", "commit-msg"], in: fixture)
    #expect(noFile.status == 2)
    #expect(noFile.stderr.contains("needs the commit message file"))
    let unknown = try aigate(["hook", "run", "pre-push"], in: fixture)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
  }
}
