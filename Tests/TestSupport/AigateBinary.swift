import Foundation

/// Finds the built `aigate` executable for tests that run the real binary.
public enum AigateBinary {
  /// The path of the `aigate` built beside the test bundle (or `AIGATE_BINARY` when set).
  public static func path(filePath: String = #filePath) -> String? {
    let fileManager = FileManager.default
    if let explicit = ProcessInfo.processInfo.environment["AIGATE_BINARY"] {
      return explicit
    }
    var candidates: [URL] = []
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(folder.appendingPathComponent("aigate"))
      folder = folder.deletingLastPathComponent()
    }
    candidates.append(
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("aigate"))
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/aigate"))
    return candidates.first { url in
      var isDirectory: ObjCBool = false
      return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory)
        && !isDirectory.boolValue && fileManager.isExecutableFile(atPath: url.path)
    }?.path
  }

  /// Runs aigate with `arguments` in `directory`.
  public static func run(
    _ arguments: [String], in directory: String, environment: [String: String]? = nil,
    timeout: TimeInterval = 120
  ) throws -> ProcessResult {
    guard let binary = path() else {
      throw TestSupportError.failed(
        command: ["aigate"] + arguments,
        result: ProcessResult(
          status: -1, stdout: "", stderr: "aigate binary not found; run swift build"))
    }
    return try ProcessRunner.run(
      binary, arguments, in: directory, environment: environment ?? ProcessRunner.cleanEnvironment,
      timeout: timeout)
  }
}
