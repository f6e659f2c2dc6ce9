import Gate
import Rules

/// The parts of semgrep's `--json` shape that `check`'s and `scan`'s JSON reports share.
enum SemgrepShapes {
  /// `extra.engine_kind`: semgrep's name for a single-file analysis (what both engines run).
  static let engineKind = "OSS"

  /// An entry of `skipped_rules[]`: a rule that did not run, and why.
  struct SkippedRule: Encodable {
    let ruleID: String
    let details: String

    enum CodingKeys: String, CodingKey {
      case ruleID = "rule_id"
      case details
    }

    static func list(_ notRun: [(id: String, reason: String)]) -> [SkippedRule] {
      notRun.map { SkippedRule(ruleID: $0.id, details: $0.reason) }
    }
  }

  /// An entry of `errors[]`.
  struct Error: Encodable {
    let level: String
    let type: String
    let message: String
    /// For a rule that stopped on a file, as semgrep's timeout entries carry them.
    var ruleID: String? = nil
    var path: String? = nil

    enum CodingKeys: String, CodingKey {
      case level, type, message, path
      case ruleID = "rule_id"
    }

    /// The engines' warnings, one entry each.
    static func warnings(_ engines: [EngineRun]) -> [Error] {
      engines.flatMap { engine in
        engine.warnings.map {
          Error(level: "warn", type: "\(engine.engine.rawValue) warning", message: $0)
        }
      }
    }

    /// The rules that stopped on a file: semgrep's level for a timeout.
    static func failures(_ engines: [EngineRun]) -> [Error] {
      engines.flatMap(\.failures).map {
        Error(level: "warn", type: $0.type, message: $0.message, ruleID: $0.ruleID, path: $0.path)
      }
    }
  }

  /// `paths`: what was scanned, and what was passed over with the reason.
  struct Paths: Encodable {
    struct Skipped: Encodable {
      let path: String
      let reason: String
    }

    let scanned: [String]
    let skipped: [Skipped]

    init(scanned: [String], skipped: [(path: String, reason: String)]) {
      self.scanned = scanned
      self.skipped = skipped.map { Skipped(path: $0.path, reason: $0.reason) }
    }
  }
}

/// What the gate made of a finding, as JSON's `extra.aigate` and SARIF's result properties
/// both carry it.
struct GatedFacts: Encodable {
  let authorship: String
  let agent: String?
  let commit: String?
  let blocking: Bool
  let engine: String
  /// The suppression comment that matched (JSON only).
  var suppressedBy: String? = nil
  /// Line claims that lost to an agent signal on the finding's lines (`[signal] text`); left
  /// out when none did (JSON only).
  var overruled: [String]? = nil

  init(_ gated: GatedFinding) {
    authorship = gated.authorship.rawValue
    agent = gated.agent
    commit = gated.commit?.hex
    blocking = gated.blocking
    engine = gated.finding.engine.rawValue
  }

  enum CodingKeys: String, CodingKey {
    case authorship, agent, commit, blocking, engine, overruled
    case suppressedBy = "suppressed_by"
  }
}
