import Attribution
import Crypto
import Foundation
import Gate
import GitKit
import Rules

/// An in-toto Statement (v1) about one head commit: what the gate decided, and with what.
public struct Statement: Codable, Equatable, Sendable {
  public static let type = "https://in-toto.io/Statement/v1"
  public static let verdictPredicateType = "https://aigate.dev/attestation/verdict/v1"

  public struct Subject: Codable, Equatable, Sendable {
    public let name: String
    public let digest: [String: String]
  }

  public let statementType: String
  public let subject: [Subject]
  public let predicateType: String
  public let predicate: VerdictPredicate

  enum CodingKeys: String, CodingKey {
    case statementType = "_type"
    case subject, predicateType, predicate
  }

  /// The commit the statement is about (its `gitCommit` digest).
  public var headCommit: String? { subject.first?.digest["gitCommit"] }
}

/// What the verdict record says.
public struct VerdictPredicate: Codable, Equatable, Sendable {
  public struct Tool: Codable, Equatable, Sendable {
    public let name: String
    public let version: String

    public init(name: String, version: String) {
      self.name = name
      self.version = version
    }
  }

  public struct FileDigest: Codable, Equatable, Sendable {
    /// Relative to the repository root when inside it, else absolute.
    public let path: String
    public let sha256: String
    /// The commit whose tree the file was read from; absent when it was read from disk (a
    /// `--policy` or `--config` file, the shipped packs).
    public var revision: String?
  }

  public struct Finding: Codable, Equatable, Sendable {
    public let ruleId: String
    public let path: String
    public let line: Int
    public let authorship: String
    public let agent: String?
    public let blocking: Bool
    public let engine: String
  }

  public struct Outcome: Codable, Equatable, Sendable {
    public let passed: Bool
    public let reasons: [String]
  }

  /// The base as given or detected, and where it came from.
  public let base: String?
  public let baseSource: String?
  public let head: String
  public let mergeBase: String?
  /// Every commit of `mergeBase..head`: the commits this verdict covers.
  public let commits: [String]
  public let tools: [Tool]
  public let policy: FileDigest?
  public let rules: [FileDigest]
  /// Added lines by authorship and agent, in the attribution summary's one JSON form.
  public let lines: AttributionSummary
  public let findings: [Finding]
  public let verdict: Outcome
}

extension Statement {
  /// The statement for a gate run over a range (a staged run has no commit to speak about);
  /// the commits it covers are the run's own.
  public static func make(run: GateRun, aigateVersion: String) throws(AttestError) -> Statement {
    let change = run.changeSet
    guard let head = change.head else {
      throw .malformed(
        path: "--attest", reason: "a staged change has no commit yet; attest a range instead")
    }
    var tools = [VerdictPredicate.Tool(name: "aigate", version: aigateVersion)]
    for engine in run.engines where engine.engine == .semgrep {
      tools.append(VerdictPredicate.Tool(name: "semgrep", version: engine.version ?? "unknown"))
    }
    let ruleFiles = Set(run.rules.map(\.rule.location.file)).sorted()
    let predicate = VerdictPredicate(
      base: run.base?.revision, baseSource: run.base?.source, head: head.hex,
      mergeBase: change.mergeBase?.hex, commits: change.commits.map(\.id.hex), tools: tools,
      policy: try run.policy.file.map { path throws(AttestError) in
        try digest(path, root: run.root, trust: run.trust)
      },
      rules: try ruleFiles.map { path throws(AttestError) in
        try digest(path, root: run.root, trust: run.trust)
      },
      lines: run.attribution.summary,
      findings: run.evaluation.findings.map {
        VerdictPredicate.Finding(
          ruleId: $0.finding.ruleID, path: $0.finding.path, line: $0.finding.start.line,
          authorship: $0.authorship.rawValue, agent: $0.agent, blocking: $0.blocking,
          engine: $0.finding.engine.rawValue)
      },
      verdict: VerdictPredicate.Outcome(
        passed: run.evaluation.verdict.passed, reasons: run.evaluation.verdict.reasons))
    return Statement(
      statementType: type,
      subject: [Subject(name: "git-commit", digest: ["gitCommit": head.hex])],
      predicateType: verdictPredicateType, predicate: predicate)
  }

  /// The SHA-256 of a file the gate read, from the trusted commit's tree when it came from
  /// there, else from disk; named relative to the repository root when it is inside it.
  static func digest(_ path: String, root: String, trust: TrustRoot) throws(AttestError)
    -> VerdictPredicate.FileDigest
  {
    if let data = trust.files[path], let revision = trust.revision {
      return VerdictPredicate.FileDigest(
        path: path, sha256: sha256(data), revision: revision.hex)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "the file is gone")
    }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    let name = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    return VerdictPredicate.FileDigest(path: name, sha256: sha256(data))
  }

  /// Lowercase hexadecimal SHA-256.
  static func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  /// The canonical JSON bytes that get signed: sorted keys, no extra white space.
  public func encoded() throws(AttestError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(self)
    } catch {
      throw .malformed(path: "statement", reason: "\(error)")
    }
  }
}
