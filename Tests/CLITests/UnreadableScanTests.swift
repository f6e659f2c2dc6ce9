import Foundation
import TestSupport
import Testing

@Suite("Files aigate scan cannot read")
struct UnreadableScanTests {
  @Test("An unreadable file is skipped with its reason, and --strict fails")
  func unreadable() throws {
    let repo = try ScratchRepository()
    try repo.write("ok.py", "x = 1\n")
    var target = repo.path + "/secret.py"
    if getuid() == 0 {
      // Root reads any file whatever its mode; this one fails on read instead.
      target = "/proc/self/mem"
    } else {
      try repo.write("secret.py", evalApp)
      try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: target)
    }
    let env = InstalledTools.withoutSemgrep(repo.environment)
    let plain = try AigateBinary.run(
      ["scan", "--config", shippedPython, "ok.py", target], in: repo.path, environment: env)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("Skipped \(target): unreadable"), "\(plain.stdout)")
    let strict = try AigateBinary.run(
      ["scan", "--error", "--strict", "--config", shippedPython, "ok.py", target],
      in: repo.path, environment: env)
    #expect(strict.status == 2, "\(strict.stdout)\(strict.stderr)")
    #expect(strict.stderr.contains(target))
  }

  @Test("A FIFO given to scan is skipped, never opened")
  func fifo() throws {
    let repo = try ScratchRepository()
    try repo.write("ok.py", "x = 1\n")
    #expect(mkfifo(repo.path + "/pipe.py", 0o644) == 0)
    let env = InstalledTools.withoutSemgrep(repo.environment)
    let result = try AigateBinary.run(
      ["scan", "--config", shippedPython, "ok.py", "pipe.py"], in: repo.path, environment: env)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Skipped pipe.py: not a regular file (a FIFO)"))
    let folder = try AigateBinary.run(
      ["scan", "--config", shippedPython, "."], in: repo.path, environment: env)
    #expect(folder.status == 0, "\(folder.stderr)")
    #expect(folder.stdout.contains("Skipped pipe.py: not a regular file (a FIFO)"))
  }
}
