import Foundation
import TestSupport
import Testing

@testable import Shipped

/// The repository's root, from this file's place in it.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path

/// The environment of a machine with nothing set up: no Swift, no semgrep, no HOME.
private let emptyEnvironment = ["PATH": "/usr/bin:/bin"]

/// A fresh empty folder, removed by the caller.
private func scratchFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("aigate-standalone-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// The binary these tests package, through the same scripts either way.
///
/// `AIGATE_DIST_BINARY` (dist/aigate from `make release`, say), else the debug build.
private func binaryToShip() throws -> String {
  if let explicit = ProcessInfo.processInfo.environment["AIGATE_DIST_BINARY"], !explicit.isEmpty {
    return explicit
  }
  return try #require(AigateBinary.path(), "aigate binary not found; run swift build")
}

/// Runs scripts/demo.sh (an AI commit that must be blocked, then a fix that must pass) with
/// `aigate` and nothing but `environment`, its repository in a scratch folder.
private func runDemo(with aigate: String, environment: [String: String]) throws {
  let folder = try scratchFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  var environment = environment
  environment["AIGATE_DEMO_DIR"] = folder + "/demo"
  let result = try ProcessRunner.run(
    "/bin/bash", [root + "/scripts/demo.sh", aigate], in: folder, environment: environment,
    timeout: 300)
  #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
  #expect(result.stdout.contains("== blocked (exit 1)"), "\(result.stdout)")
  #expect(result.stdout.contains("== passed (exit 0)"), "\(result.stdout)")
  #expect(!result.stderr.contains("cannot find the agent table"), "\(result.stderr)")
}

@Suite("A binary that stands alone", .serialized)
struct StandaloneTests {
  @Test("A copied binary, alone in a folder, with an empty environment, gates the demo")
  func copiedBinaryGatesTheDemo() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let copy = folder + "/aigate"
    try FileManager.default.copyItem(atPath: try binaryToShip(), toPath: copy)
    try runDemo(with: copy, environment: emptyEnvironment)

    // The rules it ran are the built-in ones, written to the cache folder.
    var environment = emptyEnvironment
    environment["XDG_CACHE_HOME"] = folder + "/cache"
    let listed = try ProcessRunner.run(
      copy, ["rules", "list", "--long"], in: folder, environment: environment)
    #expect(listed.status == 0, "\(listed.stderr)")
    let written = folder + "/cache/aigate/rulesets-" + String(ShippedRulesets.digest.prefix(16))
    #expect(listed.stdout.contains(written + "/python/"), "\(listed.stdout.prefix(400))")
    #expect(ShippedRulesets.isIntact(written))
  }

  @Test("make dist's script: the tarball unpacks and gates from there; its checksum is signed")
  func distTarball() throws {
    let binary = try binaryToShip()
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let keygen = try ProcessRunner.run(
      binary, ["attest", "keygen", "--out", folder + "/release"], environment: emptyEnvironment)
    #expect(keygen.status == 0, "\(keygen.stderr)")
    var environment = emptyEnvironment
    environment["AIGATE_DIST_KEY"] = folder + "/release.key"
    let dist = try ProcessRunner.run(
      "/bin/bash", [root + "/scripts/dist.sh", binary, folder + "/out"], in: root,
      environment: environment, timeout: 300)
    #expect(dist.status == 0, "\(dist.stdout)\n\(dist.stderr)")

    let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
    let tarball = try #require(names.first { $0.hasSuffix("-linux-x86_64.tar.gz") }, "\(names)")
    #expect(tarball.hasPrefix("aigate-") && !tarball.contains("aigate--"))
    #expect(
      Set(names) == [tarball, tarball + ".sha256", tarball + ".sha256.sig", "aigate-release.pub"])

    // Checked as a user would: the checksum, then its signature, offline.
    let sums = try ProcessRunner.run(
      "/usr/bin/sha256sum", ["-c", tarball + ".sha256"], in: folder + "/out",
      environment: emptyEnvironment)
    #expect(sums.status == 0, "\(sums.stdout)\(sums.stderr)")
    let verified = try ProcessRunner.run(
      binary,
      ["attest", "verify-file", tarball + ".sha256", "--key", "aigate-release.pub"],
      in: folder + "/out", environment: emptyEnvironment)
    #expect(verified.status == 0, "\(verified.stderr)")
    // A checksum file swapped for another (an attacker's tarball) fails the signature.
    let sumsPath = folder + "/out/" + tarball + ".sha256"
    let original = try String(contentsOfFile: sumsPath, encoding: .utf8)
    try ("0" + original.dropFirst()).write(toFile: sumsPath, atomically: true, encoding: .utf8)
    let forged = try ProcessRunner.run(
      binary,
      ["attest", "verify-file", tarball + ".sha256", "--key", "aigate-release.pub"],
      in: folder + "/out", environment: emptyEnvironment)
    #expect(forged.status == 2, "\(forged.stdout)")
    #expect(forged.stderr.contains("does not verify"), "\(forged.stderr)")
    try original.write(toFile: sumsPath, atomically: true, encoding: .utf8)

    // Unpacked into a scratch folder and run from there with nothing else.
    try FileManager.default.createDirectory(
      atPath: folder + "/unpack", withIntermediateDirectories: false)
    let unpacked = try ProcessRunner.run(
      "/usr/bin/tar", ["-xzf", folder + "/out/" + tarball, "-C", folder + "/unpack"],
      environment: emptyEnvironment)
    #expect(unpacked.status == 0, "\(unpacked.stderr)")
    let top = folder + "/unpack/" + String(tarball.dropLast(".tar.gz".count))
    for file in [
      "aigate", "README.md", "LICENSE", "rulesets/agents.yaml", "rulesets/python/pickle-load.yaml",
    ] {
      #expect(FileManager.default.fileExists(atPath: top + "/" + file), "\(file) missing")
    }
    #expect(FileManager.default.isExecutableFile(atPath: top + "/aigate"))
    let license = FileManager.default.contents(atPath: top + "/LICENSE")
    #expect(license != nil && license == FileManager.default.contents(atPath: root + "/LICENSE"))
    #expect(String(decoding: license ?? Data(), as: UTF8.self).contains("Apache License"))
    try runDemo(with: top + "/aigate", environment: emptyEnvironment)
  }

  @Test("make install PREFIX=… puts the binary in bin and the packs where it looks")
  func makeInstall() throws {
    let binary = try binaryToShip()
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let make = try ProcessRunner.run(
      "/usr/bin/make",
      ["-s", "-C", root, "install", "PREFIX=\(folder)/prefix", "AIGATE_BIN=\(binary)"],
      environment: emptyEnvironment)
    #expect(make.status == 0, "\(make.stdout)\n\(make.stderr)")
    let installed = folder + "/prefix/bin/aigate"
    #expect(FileManager.default.isExecutableFile(atPath: installed))
    let listed = try ProcessRunner.run(
      installed, ["rules", "list", "--long"], in: folder, environment: emptyEnvironment)
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.contains(folder + "/prefix/share/aigate/rulesets/python/"))
  }

  /// The release binary: dist/aigate (stripped, from `make release`).
  static let releaseBinary = root + "/dist/aigate"

  @Test(
    "The release binary loads no shared library but glibc's, and is stripped",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: releaseBinary),
      "dist/aigate not built (make release); skipping the dependency check"))
  func releaseNeedsOnlyGlibc() throws {
    let dynamic = try ProcessRunner.run(
      "/usr/bin/readelf", ["-d", Self.releaseBinary], environment: emptyEnvironment)
    #expect(dynamic.status == 0, "\(dynamic.stderr)")
    let needed = dynamic.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
      .compactMap { line -> String? in
        guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else {
          return nil
        }
        return String(line[line.index(after: open)..<close])
      }
    let glibc: Set<String> = [
      "libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2", "libdl.so.2", "libpthread.so.0",
      "librt.so.1", "libutil.so.1",
    ]
    #expect(!needed.isEmpty)
    #expect(Set(needed).isSubset(of: glibc), "NEEDED: \(needed)")
    let ldd = try ProcessRunner.run(
      "/usr/bin/ldd", [Self.releaseBinary], environment: emptyEnvironment)
    #expect(ldd.status == 0, "\(ldd.stderr)")
    #expect(!ldd.stdout.contains("not found"), "\(ldd.stdout)")
    for library in ["libstdc++", "libgcc_s", "libswift", "libgit2", "libpcre2", "libyaml"] {
      #expect(!ldd.stdout.contains(library), "\(ldd.stdout)")
    }
    let sections = try ProcessRunner.run(
      "/usr/bin/readelf", ["-S", Self.releaseBinary], environment: emptyEnvironment)
    #expect(!sections.stdout.contains(".symtab"), "dist/aigate is not stripped")
  }
}
