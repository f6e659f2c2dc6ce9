import Foundation
import TestSupport
import Testing

@Suite("Every changed file is scanned by its content")
struct ContentScanTests {
  @Test(
    "A .gitattributes binary or -diff setting does not hide a Python file",
    arguments: ["change", "nested", "earlier", "info"])
  func attributes(place: String) throws {
    let repo = try ScratchRepository()
    let folder = place == "nested" ? "pkg/" : ""
    try repo.write(
      folder + "app.py", "from flask import request\n\n\ndef handler():\n    return 1\n")
    switch place {
    case "earlier": try repo.write(".gitattributes", "*.py binary\n")
    case "info": try repo.write(".git/info/attributes", "*.py -diff\n")
    default: break
    }
    let base = try repo.commit("Start")
    try repo.write(folder + "app.py", evalApp)
    if place == "change" { try repo.write(".gitattributes", "*.py binary\n") }
    if place == "nested" { try repo.write("pkg/.gitattributes", "*.py -diff\n") }
    try repo.commit(claudeMessage)
    let result = try gate(repo, ["--base", base])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let scanned = (try json(result.stdout)["paths"] as? [String: Any])?["scanned"] as? [String]
    #expect(scanned?.contains(folder + "app.py") == true)
    #expect(
      results(try json(result.stdout)).contains {
        isRule($0, "python.eval-dynamic")
      })
  }

  @Test("One NUL byte in a comment does not make a JavaScript file unscanned")
  func nulByte() throws {
    let repo = try ScratchRepository()
    try repo.write("server.js", "const q = 1;\n")
    let base = try repo.commit("Start")
    var bytes = Data(
      "const q = 1;\n// note \u{0}\nfunction run(req) {\n  return eval(req.query.q);\n}\n".utf8)
    bytes.append(contentsOf: [])
    try repo.write("server.js", data: bytes)
    try repo.commit(claudeMessage)
    let result = try gate(repo, ["--base", base], config: shippedJavaScript)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(
      results(try json(result.stdout)).contains {
        isRule($0, "javascript.eval-dynamic")
      })
  }

  @Test("A binary file of no known language is still skipped, saying why")
  func realBinary() throws {
    let (repo, base) = try gateRepository()
    try repo.write("logo.bin", data: Data([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 10, 3]))
    try repo.write("app.py", evalApp)
    try repo.commit(claudeMessage)
    let result = try AigateBinary.run(
      ["check", "--config", shippedPython, "--base", base], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1)
    #expect(result.stdout.contains("Skipped logo.bin: binary"), "\(result.stdout)")
    // Its bytes are not "added lines": they would dilute the AI share.
    let attribution = try AigateBinary.run(
      ["attribution", "--base", base, "--format", "json"], in: repo.path,
      environment: repo.environment)
    let files = try json(attribution.stdout)["files"] as? [[String: Any]] ?? []
    #expect(files.compactMap { $0["path"] as? String } == ["app.py"])
  }

  @Test("A link to Python code in the repository is scanned through its target")
  func linkInside() throws {
    let repo = try ScratchRepository()
    try repo.write("app/real.py", evalApp)
    let base = try repo.commit("Start")
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/run.py", withDestinationPath: "app/real.py")
    try repo.commit(claudeMessage)
    let result = try gate(repo, ["--base", base])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let found = results(try json(result.stdout)).first {
      isRule($0, "python.eval-dynamic")
    }
    #expect(found?["path"] as? String == "run.py")
    let facts = (found?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
    #expect(facts?["authorship"] as? String == "ai")
  }

  @Test("A link leaving the repository is skipped with its reason")
  func linkOutside() throws {
    let (repo, base) = try gateRepository()
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/run.py", withDestinationPath: "../../etc/passwd")
    try repo.write("app.py", evalApp)
    try repo.commit(claudeMessage)
    let result = try AigateBinary.run(
      ["check", "--config", shippedPython, "--base", base], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1)
    #expect(result.stdout.contains("Skipped run.py: a link to '../../etc/passwd', outside"))
  }

  @Test("A submodule in the change is skipped with its reason, not a blame failure")
  func submodule() throws {
    let library = try ScratchRepository()
    try library.write("lib.py", "x = 1\n")
    try library.commit("Library")
    let (repo, base) = try gateRepository()
    try repo.git(
      ["-c", "protocol.file.allow=always", "submodule", "add", "-q", library.path, "vendor/lib"])
    try repo.write("app.py", evalApp)
    try repo.commit(claudeMessage)
    let result = try AigateBinary.run(
      ["check", "--config", shippedPython, "--base", base], in: repo.path,
      environment: InstalledTools.withoutSemgrep(repo.environment))
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(!result.stderr.contains("git_blame_file"))
    #expect(result.stdout.contains("Skipped vendor/lib: a submodule"), "\(result.stdout)")
  }
}
