import Foundation

/// The shared SARIF 2.1.0 validator (`../shared/sarif/validate_sarif.py`, beside the package),
/// run in GitHub's strict profile.
public enum SARIFValidator {
  /// The validator's path, found from this file (Tests/TestSupport/SARIFValidator.swift).
  public static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/sarif/validate_sarif.py").path

  /// The python3 that can run the validator (it needs `jsonschema`), or nil.
  public static let python: String? = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    for folder in paths {
      let candidate = "\(folder)/python3"
      guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
      if let result = try? ProcessRunner.run(candidate, ["-c", "import jsonschema"]),
        result.status == 0
      {
        return candidate
      }
    }
    return nil
  }()

  /// Whether both the validator and a python3 that runs it are here.
  public static var available: Bool {
    python != nil && FileManager.default.fileExists(atPath: path)
  }

  /// The validator's complaints about `text` (`--github --strict`), nil when it passes.
  public static func problems(_ text: String) throws -> String? {
    guard let python else { return "no python3 with jsonschema" }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-\(UUID().uuidString).sarif")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try ProcessRunner.run(python, [path, "--github", "--strict", file.path])
    return result.status == 0 ? nil : result.stdout + result.stderr
  }
}
