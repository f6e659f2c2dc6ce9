import Foundation
import GitKit

/// What is known about a commit, or about a commit still being written.
public struct CommitFacts: Sendable {
  public let author: Person?
  public let committer: Person?
  public let message: CommitMessage
  /// The environment of the shell committing; only for a staged change.
  public let environment: [String: String]

  public init(
    author: Person?, committer: Person?, message: CommitMessage,
    environment: [String: String] = [:]
  ) {
    self.author = author
    self.committer = committer
    self.message = message
    self.environment = environment
  }

  /// The facts of a recorded commit (no environment: it is long gone).
  public init(_ commit: Commit) {
    self.init(
      author: Person(name: commit.author.name, email: commit.author.email),
      committer: Person(name: commit.committer.name, email: commit.committer.email),
      message: CommitMessage(commit.message, gitTrailers: commit.trailers))
  }

  /// The facts of a staged commit: the message being written (if known), the author git will
  /// record when the committing shell set one (`GIT_AUTHOR_NAME`, as aider does), and the
  /// environment.
  public init(stagedMessage: String?, environment: [String: String]) {
    var author: Person?
    if let name = environment["GIT_AUTHOR_NAME"], !name.isEmpty {
      author = Person(name: name, email: environment["GIT_AUTHOR_EMAIL"] ?? "")
    }
    var committer: Person?
    if let name = environment["GIT_COMMITTER_NAME"], !name.isEmpty {
      committer = Person(name: name, email: environment["GIT_COMMITTER_EMAIL"] ?? "")
    }
    self.init(
      author: author, committer: committer,
      message: CommitMessage.editedMessage(stagedMessage ?? ""), environment: environment)
  }
}

/// A signal found for one table entry.
public struct AgentMatch: Hashable, Sendable {
  public let entry: AgentEntry
  public let evidence: Evidence
}

/// Decides a commit's authorship from the agent table.
///
/// Any AI signal makes the commit `ai` (the strongest signal is the evidence; at equal strength
/// the earlier table entry wins); else a maintenance bot's makes it `maintenance-bot`; else a
/// human marker makes it `human`; else it is `unknown`. An AI signal beats a human marker because
/// the gate fails closed.
public struct CommitClassifier: Sendable {
  public let table: AgentTable

  public init(table: AgentTable) {
    self.table = table
  }

  /// The attribution of `commit`'s own lines.
  public func classify(_ commit: Commit) -> LineAttribution {
    classify(CommitFacts(commit)).with(commit: commit.id)
  }

  /// The attribution the facts support (commit left nil).
  public func classify(_ facts: CommitFacts) -> LineAttribution {
    let found = matches(facts)
    for agentClass in [AgentClass.ai, .maintenanceBot] {
      let candidates = found.filter { $0.entry.agentClass == agentClass }
      guard let best = candidates.min(by: { $0.evidence.signal < $1.evidence.signal }) else {
        continue
      }
      return LineAttribution(
        authorship: agentClass == .ai ? .ai : .maintenanceBot, agent: best.entry.name,
        commit: nil, evidence: best.evidence)
    }
    for trailer in facts.message.trailers
    where !trailer.isNested
      && table.human.trailers.contains(where: {
        $0.matches(key: trailer.key, value: trailer.value)
      })
    {
      return LineAttribution(
        authorship: .human, agent: nil, commit: nil,
        evidence: Evidence(signal: .trailer, text: trailer.line))
    }
    return .unknown(commit: nil)
  }

  /// Every signal in the facts, per entry, in table order (the strongest first within an entry).
  public func matches(_ facts: CommitFacts) -> [AgentMatch] {
    var result: [AgentMatch] = []
    let coAuthors = facts.message.trailers.filter {
      $0.key.caseInsensitiveCompare("Co-authored-by") == .orderedSame
    }
    for entry in table.agents {
      if let match = firstSignal(of: entry, in: facts, coAuthors: coAuthors) {
        result.append(AgentMatch(entry: entry, evidence: match))
      }
    }
    return result
  }

  private func firstSignal(
    of entry: AgentEntry, in facts: CommitFacts, coAuthors: [BodyTrailer]
  ) -> Evidence? {
    if let author = facts.author, entry.identities.contains(where: { $0.matches(author) }) {
      return Evidence(signal: .author, text: author.description)
    }
    if let committer = facts.committer,
      entry.identities.contains(where: { $0.role == .any && $0.matches(committer) })
    {
      return Evidence(signal: .committer, text: committer.description)
    }
    for trailer in facts.message.trailers {
      let isCoAuthor = coAuthors.contains(trailer)
      if isCoAuthor
        && entry.identities.contains(where: { $0.matches(Person(parsing: trailer.value)) })
      {
        return Evidence(signal: .trailer, text: trailer.line)
      }
      if entry.trailers.contains(where: { $0.matches(key: trailer.key, value: trailer.value) }) {
        return Evidence(signal: .trailer, text: trailer.line)
      }
    }
    for line in facts.message.bodyLines {
      let text = line.trimmingCharacters(in: .whitespaces)
      if !text.isEmpty, line.first?.isWhitespace != true,
        entry.footers.contains(where: { $0.matches(text) })
      {
        return Evidence(signal: .footer, text: text)
      }
    }
    if entry.subjects.contains(where: { $0.matches(facts.message.subject) }) {
      return Evidence(signal: .subject, text: facts.message.subject)
    }
    for variable in entry.environment {
      guard let value = facts.environment[variable.name], !value.isEmpty else { continue }
      if variable.value?.matches(value) ?? true {
        return Evidence(signal: .environment, text: "\(variable.name)=\(value)")
      }
    }
    // The vendor-neutral `AI_AGENT` names the agent: it counts for the entry it names.
    if let named = facts.environment["AI_AGENT"], !named.isEmpty, entry.isNamed(named) {
      return Evidence(signal: .environment, text: "AI_AGENT=\(named)")
    }
    return nil
  }
}
