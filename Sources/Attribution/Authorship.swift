import GitKit

/// Who wrote a line.
///
/// A missing signal is `unknown`, never `human`.
public enum Authorship: String, Sendable, Hashable, Codable, CaseIterable {
  case ai
  case human
  case unknown
  /// A dependency or housekeeping bot (dependabot, renovate): its own class, neither AI nor human.
  case maintenanceBot = "maintenance-bot"
}

/// What kind of signal decided, strongest first.
public enum SignalKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// A git-ai authorship log on `refs/notes/ai` covering the line.
  case gitAINote = "git-ai-note"
  /// An Agent Trace record (`.agent-trace/traces.jsonl`) covering the line.
  case agentTrace = "agent-trace"
  /// The commit's author.
  case author
  /// The commit's committer.
  case committer
  /// A `Key: value` line of the message (a `Co-authored-by` naming an agent included).
  case trailer
  /// A line of the message body such as `Generated with [Claude Code](…)`.
  case footer
  /// The message's first line.
  case subject
  /// A variable the agent sets in its shells (staged changes only).
  case environment

  /// Line-level evidence outranks everything a commit says about itself.
  public var isLineLevel: Bool { self == .gitAINote || self == .agentTrace }

  public static func < (lhs: SignalKind, rhs: SignalKind) -> Bool {
    let order = allCases
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }
}

/// Which signal decided, and the text that carried it.
public struct Evidence: Hashable, Sendable, Codable {
  public let signal: SignalKind
  public let text: String

  public init(signal: SignalKind, text: String) {
    self.signal = signal
    self.text = text
  }
}

/// The attribution of a commit or of one line: who, which agent, and on what evidence.
public struct LineAttribution: Hashable, Sendable {
  public let authorship: Authorship
  /// The agent's name when one is known (also for maintenance bots).
  public let agent: String?
  /// The commit that introduced the line; nil for a staged change or when blame found none.
  public let commit: ObjectID?
  /// Nil exactly when nothing was found (`unknown`).
  public let evidence: Evidence?
  /// Claims that said otherwise and lost (a line claim that the line is human, against an
  /// agent signal on the commit), shown so that a reviewer sees the attempt.
  public let overruled: [Evidence]

  public init(
    authorship: Authorship, agent: String?, commit: ObjectID?, evidence: Evidence?,
    overruled: [Evidence] = []
  ) {
    self.authorship = authorship
    self.agent = agent
    self.commit = commit
    self.evidence = evidence
    self.overruled = overruled
  }

  /// Nothing says who wrote it.
  public static func unknown(commit: ObjectID?) -> LineAttribution {
    LineAttribution(authorship: .unknown, agent: nil, commit: commit, evidence: nil)
  }

  /// The same attribution for another commit.
  func with(commit: ObjectID?) -> LineAttribution {
    LineAttribution(
      authorship: authorship, agent: agent, commit: commit, evidence: evidence,
      overruled: overruled)
  }
}
