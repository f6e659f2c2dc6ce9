import Attribution
import Foundation
import Gate
import Shipped

/// Where the shipped agent table and rule packs are, and which in-process engine runs.
enum ShippedData {
  /// The agent table and the rulesets folder beside it (`AIGATE_RULESETS` overrides the latter):
  /// `AIGATE_AGENTS`, else a rulesets folder beside the binary (a checkout, an install's
  /// share/aigate), else the copy built into the binary, written to a cache folder.
  static func locate(environment: [String: String]) throws -> (agentTable: String, rulesets: String)
  {
    let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
    // `locateShipped` fails only when no table is where it looks.
    let table =
      try (try? AgentTable.locateShipped(executablePath: executable, environment: environment))
      ?? ShippedRulesets.folder(environment: environment) + "/agents.yaml"
    let rulesets =
      environment["AIGATE_RULESETS"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (table as NSString).deletingLastPathComponent
    return (table, rulesets)
  }

  /// A path made absolute against the current folder (registry names are left for the rule
  /// loader to refuse).
  static func absolute(_ path: String) -> String {
    let registry = ["p/", "r/", "http://", "https://"].contains { path.hasPrefix($0) }
    if path.hasPrefix("/") || registry || path == "auto" { return path }
    return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
  }
}

/// The in-process engine the gate uses.
enum Engines {
  /// The Matching module's engine; rules it cannot run exactly go to semgrep.
  static let inProcess: (any InProcessEngine)? = MatchingEngine()
}
