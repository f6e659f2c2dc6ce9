import Foundation
import Semgrep

/// The tools installed on this machine, semgrep and opengrep found as aigate finds them: for the
/// tests that need the real thing (skipped, and saying so, without it) and those that must hide
/// it.
public enum InstalledTools {
  /// semgrep itself on PATH, for tests that compare aigate with semgrep's own output.
  public static let semgrep: String? = path(of: "semgrep")

  /// semgrep, else opengrep: whichever aigate would run, for tests of the delegation to it.
  public static let semgrepOrOpengrep: String? =
    SemgrepTool.locate(environment: ProcessInfo.processInfo.environment)?.path

  /// An executable's path on PATH; nil when it is not installed.
  public static func path(of name: String) -> String? {
    ExternalProcess.find(name, path: ProcessInfo.processInfo.environment["PATH"])
  }

  /// `environment` with every PATH folder that holds semgrep or opengrep left out, so that only
  /// aigate's own engine can run rules: a test using it proves the in-process engine whatever
  /// is installed, and cannot pass through either tool.
  public static func withoutSemgrep(_ environment: [String: String]) -> [String: String] {
    var result = environment
    let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").filter { folder in
      !SemgrepTool.names.contains { ExternalProcess.find($0, path: String(folder)) != nil }
    }
    result["PATH"] = folders.joined(separator: ":")
    return result
  }
}
