import Foundation
import Rules
import TestSupport
import Testing

@testable import Matching

/// Real Python nobody here wrote, to parse: parity code bases and the standard library.
///
/// The parity code bases are the ones `make parity` fetches; the standard library is the one a
/// Debian package installs. Every file CPython itself parses must parse here without a single
/// warning, since a statement read as an error node hides what follows it from every rule.
enum PythonCorpus {
  /// The folders to read: the cached parity code bases, `/usr/lib/python3.*`, and any listed
  /// in AIGATE_PYTHON_CORPUS (colon-separated).
  static func folders() -> (parity: [String], standardLibrary: [String], extra: [String]) {
    let manager = FileManager.default
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["PARITY_CACHE"].map { $0 + "/code" }
      ?? manager.homeDirectoryForCurrentUser.path + "/.cache/aigate/parity/code"
    let parity = ((try? manager.contentsOfDirectory(atPath: cache)) ?? []).sorted()
      .map { cache + "/" + $0 }
      .filter { manager.fileExists(atPath: $0 + "/.complete") }
    let standardLibrary = ((try? manager.contentsOfDirectory(atPath: "/usr/lib")) ?? []).sorted()
      .filter { $0.hasPrefix("python3.") }
      .map { "/usr/lib/" + $0 }
      .filter { manager.fileExists(atPath: $0 + "/os.py") }
    let extra = (environment["AIGATE_PYTHON_CORPUS"] ?? "").split(separator: ":").map(String.init)
    return (parity, standardLibrary, extra)
  }

  /// Every `.py` file under `folder`, sorted.
  static func pythonFiles(under folder: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    var files: [String] = []
    while let relative = walker.nextObject() as? String {
      if relative.hasSuffix(".py") { files.append(folder + "/" + relative) }
    }
    return files.sorted()
  }

  /// The newest CPython 3 that runs here: AIGATE_CPYTHON, else python3.13, python3.12, python3.
  static func cpython() -> String? {
    let environment = ProcessInfo.processInfo.environment
    let candidates = [environment["AIGATE_CPYTHON"], "python3.13", "python3.12", "python3"]
    for case let candidate? in candidates {
      let result = try? ProcessRunner.run(
        candidate, ["-c", "import sys; print(sys.version_info[0])"], timeout: 60)
      if let result, result.status == 0, result.stdout.hasPrefix("3") { return candidate }
    }
    return nil
  }

  /// Reads NUL-separated paths and prints, one a line, those CPython's own parser rejects.
  static let rejectScript = """
    import sys, warnings
    warnings.simplefilter("ignore")
    for path in sys.stdin.read().split("\\0"):
        if not path:
            continue
        try:
            with open(path, "rb") as handle:
                compile(handle.read(), path, "exec", 0x400, dont_inherit=True)
        except (SyntaxError, ValueError, UnicodeDecodeError, OverflowError, MemoryError, RecursionError):
            print(path)
    """

  /// The files of `files` that CPython parses.
  static func acceptedByCPython(_ files: [String], python: String) throws -> [String] {
    let result = try ProcessRunner.run(
      python, ["-c", rejectScript], input: files.joined(separator: "\0"), timeout: 1800)
    guard result.status == 0 else {
      throw TestSupportError.failed(command: [python, "-c", "..."], result: result)
    }
    let rejected = Set(result.stdout.split(separator: "\n").map(String.init))
    return files.filter { !rejected.contains($0) }
  }

  /// `path:line: message` for each file of `files` whose parse has warnings.
  static func parseProblems(_ files: [String]) -> [String] {
    var problems: [String] = []
    for path in files {
      guard let data = FileManager.default.contents(atPath: path) else {
        problems.append("\(path): unreadable")
        continue
      }
      let tree = PythonParser.parse(
        SourceFile(path: path, bytes: [UInt8](data)), patternMode: false)
      if let warning = tree.warnings.first {
        problems.append("\(path):\(warning.position.line): \(warning.message)")
      }
    }
    return problems
  }
}

@Test func everyFileCPythonParsesParsesHere() throws {
  let (parity, standardLibrary, extra) = PythonCorpus.folders()
  if parity.isEmpty {
    print(
      "PythonCorpus: no parity code bases cached (run `make parity` to fetch them); "
        + "reading the standard library only")
  }
  let folders = parity + standardLibrary + extra
  guard !folders.isEmpty else {
    print("PythonCorpus: skipped: no parity code bases and no /usr/lib/python3.* found")
    return
  }
  guard let python = PythonCorpus.cpython() else {
    print("PythonCorpus: skipped: no CPython 3 found to say which files are valid Python")
    return
  }
  let files = folders.flatMap(PythonCorpus.pythonFiles(under:))
  let accepted = try PythonCorpus.acceptedByCPython(files, python: python)
  print(
    "PythonCorpus: \(accepted.count) of \(files.count) files CPython (\(python)) parses, "
      + "from \(folders.count) folders")
  #expect(accepted.count > 100, "too few files to prove anything: \(folders)")
  let problems = PythonCorpus.parseProblems(accepted)
  #expect(
    problems.isEmpty,
    "\(problems.count) files parse with warnings:\n\(problems.prefix(40).joined(separator: "\n"))")
}
