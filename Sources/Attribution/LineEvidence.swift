import Foundation
import GitKit
import Rules

/// Line ranges of one file that a line-level record attributes to someone.
public struct RangeClaim: Hashable, Sendable {
  public let lines: ClosedRange<Int>
  public let authorship: Authorship
  public let agent: String?
  public let evidence: Evidence

  public init(lines: ClosedRange<Int>, authorship: Authorship, agent: String?, evidence: Evidence) {
    self.lines = lines
    self.authorship = authorship
    self.agent = agent
    self.evidence = evidence
  }
}

/// The attribution of one line from what its commit says about itself (`own`) and its claims.
///
/// Precedence is one-way, so that nothing written inside a change can launder it:
/// a claim that the line is human never overrides an agent signal on the commit, and counts at
/// all only when it is `trusted` (recorded outside the change under review, or by the commit it
/// describes); a claim that the line is AI tightens wherever it was recorded, but names the
/// agent of an agent-signalled commit only when trusted. Of several claims AI wins: the gate
/// fails closed. Claims that lose are kept as `overruled`.
func decide(
  own: LineAttribution, trusted: [RangeClaim], untrusted: [RangeClaim]
) -> LineAttribution {
  let ai = trusted.first { $0.authorship == .ai } ?? untrusted.first { $0.authorship == .ai }
  let trustedHuman = trusted.first { $0.authorship == .human }
  let humans = (trusted + untrusted).filter { $0.authorship == .human }.map(\.evidence)
  switch own.authorship {
  case .ai, .maintenanceBot:
    guard let ai else {
      return LineAttribution(
        authorship: own.authorship, agent: own.agent, commit: own.commit,
        evidence: own.evidence, overruled: humans)
    }
    let renames = own.authorship == .maintenanceBot || trusted.contains(ai)
    guard renames, own.authorship == .maintenanceBot || ai.agent != nil else {
      return LineAttribution(
        authorship: own.authorship, agent: own.agent, commit: own.commit,
        evidence: own.evidence, overruled: humans)
    }
    return LineAttribution(
      authorship: .ai, agent: own.authorship == .ai ? ai.agent ?? own.agent : ai.agent,
      commit: own.commit, evidence: ai.evidence, overruled: humans)
  case .human, .unknown:
    if let ai {
      let lost = own.authorship == .human ? own.evidence.map { [$0] } ?? [] : []
      return LineAttribution(
        authorship: .ai, agent: ai.agent, commit: own.commit, evidence: ai.evidence,
        overruled: lost + humans)
    }
    if let trustedHuman {
      return LineAttribution(
        authorship: .human, agent: nil, commit: own.commit, evidence: trustedHuman.evidence)
    }
    return LineAttribution(
      authorship: own.authorship, agent: own.agent, commit: own.commit, evidence: own.evidence,
      overruled: humans)
  }
}

/// A git-ai authorship log (`refs/notes/ai`, schema `authorship/3.x`): per file, the line ranges
/// (numbered as in the noted commit) each session or human wrote.
///
/// Attestation lines: a path at column 0 (double-quoted when it has spaces), then lines indented
/// two spaces `<key> <ranges>`, ranges like `1-4,9,12-20`. Keys starting `h_` are humans; any
/// other key is an AI session (`s_<id>::t_<id>`, or a bare hash in older logs) whose
/// `agent_id.tool` the JSON metadata after the `---` line names.
public struct GitAINote: Hashable, Sendable {
  /// Claims per path.
  public let files: [String: [RangeClaim]]

  /// Parses a note's text; `source` names the note in errors (as `refs/notes/ai@<commit>`).
  public init(text: String, source: String, table: AgentTable) throws(SourceDiagnostic) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    func fail(_ message: String, line: Int, column: Int = 1) -> SourceDiagnostic {
      SourceDiagnostic(
        message, at: SourceLocation(file: source, line: line, column: column),
        sourceLine: line <= lines.count ? lines[line - 1] : nil)
    }
    guard let divider = lines.firstIndex(of: "---") else {
      throw fail("a git-ai authorship log needs a '---' line before its metadata", line: 1)
    }
    let metadataText = lines[(divider + 1)...].joined(separator: "\n")
    let metadata: GitAIMetadata
    do {
      metadata = try JSONDecoder().decode(GitAIMetadata.self, from: Data(metadataText.utf8))
    } catch {
      throw fail("the metadata after '---' is not valid JSON: \(error)", line: divider + 2)
    }
    guard metadata.schemaVersion.hasPrefix("authorship/3.") else {
      throw fail(
        "unsupported git-ai schema '\(metadata.schemaVersion)'; this aigate reads authorship/3.x",
        line: divider + 2)
    }
    var files: [String: [RangeClaim]] = [:]
    var current: String?
    for (index, line) in lines[..<divider].enumerated() {
      let number = index + 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      if !line.hasPrefix(" ") {
        var path = line
        if path.hasPrefix("\"") {
          guard path.count >= 2, path.hasSuffix("\"") else {
            throw fail("a quoted path needs its closing quote", line: number)
          }
          path = String(path.dropFirst().dropLast())
        }
        current = path
        continue
      }
      guard let path = current else {
        throw fail("an attestation line comes before any file path", line: number)
      }
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count == 2 else {
        throw fail("expected '<key> <ranges>'", line: number, column: 3)
      }
      let key = String(fields[0])
      let column = key.count + 4
      let ranges: [ClosedRange<Int>]
      do {
        ranges = try Self.ranges(String(fields[1]))
      } catch {
        throw fail(error.message, line: number, column: column)
      }
      let claim = Self.claim(key: key, metadata: metadata, table: table)
      for range in ranges {
        files[path, default: []].append(
          RangeClaim(
            lines: range, authorship: claim.authorship, agent: claim.agent,
            evidence: Evidence(signal: .gitAINote, text: "\(source) \(path) \(key) \(fields[1])")))
      }
    }
    self.files = files
  }

  /// Who a key stands for.
  static func claim(
    key: String, metadata: GitAIMetadata, table: AgentTable
  ) -> (authorship: Authorship, agent: String?) {
    if key.hasPrefix("h_") { return (.human, nil) }
    let session = key.components(separatedBy: "::").first ?? key
    let record = metadata.sessions?[session] ?? metadata.prompts?[key] ?? metadata.prompts?[session]
    guard let tool = record?.agentID?.tool, !tool.isEmpty else { return (.ai, nil) }
    return (.ai, table.entry(named: tool)?.name ?? tool)
  }

  /// Parses `1-4,9,12-20`.
  static func ranges(_ text: String) throws(RangeSyntaxError) -> [ClosedRange<Int>] {
    var result: [ClosedRange<Int>] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
      guard bounds.count == 1 || bounds.count == 2,
        let start = Int(bounds[0]), let end = Int(bounds[bounds.count - 1]),
        start >= 1, end >= start
      else {
        throw RangeSyntaxError(
          message: "'\(part)' is not a line or a range of lines like 3 or 3-7 (1-based)")
      }
      result.append(start...end)
    }
    return result
  }

  /// The claims on `line` of `path` (numbered as in the noted commit).
  public func claims(path: String, line: Int) -> [RangeClaim] {
    files[path]?.filter { $0.lines.contains(line) } ?? []
  }
}

/// A malformed line range.
struct RangeSyntaxError: Error {
  let message: String
}

/// The parts of git-ai's JSON metadata that name agents.
struct GitAIMetadata: Decodable {
  struct AgentID: Decodable {
    let tool: String?
    let model: String?
  }

  struct Record: Decodable {
    let agentID: AgentID?

    enum CodingKeys: String, CodingKey {
      case agentID = "agent_id"
    }
  }

  let schemaVersion: String
  let prompts: [String: Record]?
  let sessions: [String: Record]?

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case prompts, sessions
  }
}

/// Agent Trace records (`.agent-trace/traces.jsonl`, one JSON record a line): per revision and
/// file, the line ranges (numbered as at `vcs.revision`) an AI or a human contributed.
///
/// `mixed` and `unknown` contributors claim nothing. A range's own `contributor` overrides its
/// conversation's.
public struct AgentTraceLog: Hashable, Sendable {
  struct Key: Hashable, Sendable {
    let revision: String
    let path: String
  }

  private let claims: [Key: [RangeClaim]]

  /// No records.
  public init() {
    claims = [:]
  }

  /// Parses JSON Lines; `source` names the file in errors.
  public init(text: String, source: String, table: AgentTable) throws(SourceDiagnostic) {
    var claims: [Key: [RangeClaim]] = [:]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      let record: TraceRecord
      do {
        record = try JSONDecoder().decode(TraceRecord.self, from: Data(trimmed.utf8))
      } catch {
        throw SourceDiagnostic(
          "not an Agent Trace record: \(Self.describe(error))",
          at: SourceLocation(file: source, line: index + 1, column: 1),
          sourceLine: String(line.prefix(200)))
      }
      guard let vcs = record.vcs, vcs.type == nil || vcs.type == "git",
        let revision = vcs.revision?.lowercased(), revision.count >= 7
      else { continue }
      let tool = record.tool?.name
      let agent = tool.map { table.entry(named: $0)?.name ?? $0 }
      for file in record.files ?? [] {
        for conversation in file.conversations ?? [] {
          for range in conversation.ranges ?? [] {
            let contributor = range.contributor ?? conversation.contributor
            let authorship: Authorship
            switch contributor?.type?.lowercased() {
            case "ai": authorship = .ai
            case "human": authorship = .human
            default: continue
            }
            guard range.startLine >= 1, range.endLine >= range.startLine else {
              throw SourceDiagnostic(
                "a range must have 1 <= start_line <= end_line",
                at: SourceLocation(file: source, line: index + 1, column: 1))
            }
            let model = contributor?.modelID.map { " (\($0))" } ?? ""
            let text =
              "\(source) \(record.id ?? "") \(file.path) \(range.startLine)-\(range.endLine) "
              + "\(authorship.rawValue)\(model)"
            claims[Key(revision: revision, path: file.path), default: []].append(
              RangeClaim(
                lines: range.startLine...range.endLine, authorship: authorship,
                agent: authorship == .ai ? agent : nil,
                evidence: Evidence(signal: .agentTrace, text: text)))
          }
        }
      }
    }
    self.claims = claims
  }

  /// Whether there are no claims at all.
  public var isEmpty: Bool { claims.isEmpty }

  /// The claims on `line` of `path` as `revision` has it (records may abbreviate the id).
  ///
  /// Asked once per added line: with no record for `path` it answers without spelling the
  /// revision out.
  public func claims(revision: ObjectID, path: String, line: Int) -> [RangeClaim] {
    var hex: String?
    var result: [RangeClaim] = []
    for (key, list) in claims where key.path == path {
      let spelled = hex ?? revision.hex
      hex = spelled
      if spelled.hasPrefix(key.revision) { result += list.filter { $0.lines.contains(line) } }
    }
    return result
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing '\(key.stringValue)' at \(path(context))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "wrong type at \(path(context))"
    case DecodingError.dataCorrupted(let context):
      return context.debugDescription
    default:
      return "\(error)"
    }
  }

  private static func path(_ context: DecodingError.Context) -> String {
    let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
    return parts.isEmpty ? "the top level" : parts.joined().trimmingCharacters(in: ["."])
  }
}

/// The parts of an Agent Trace record that attribution reads.
struct TraceRecord: Decodable {
  struct VCS: Decodable {
    let type: String?
    let revision: String?
  }

  struct Tool: Decodable {
    let name: String?
  }

  struct Contributor: Decodable {
    let type: String?
    let modelID: String?

    enum CodingKeys: String, CodingKey {
      case type
      case modelID = "model_id"
    }
  }

  struct Range: Decodable {
    let startLine: Int
    let endLine: Int
    let contributor: Contributor?

    enum CodingKeys: String, CodingKey {
      case startLine = "start_line"
      case endLine = "end_line"
      case contributor
    }
  }

  struct Conversation: Decodable {
    let contributor: Contributor?
    let ranges: [Range]?
  }

  struct File: Decodable {
    let path: String
    let conversations: [Conversation]?
  }

  let id: String?
  let vcs: VCS?
  let tool: Tool?
  let files: [File]?
}
