import Foundation
import Rules

/// Whether an entry is a coding agent or a bot that keeps a repository up to date.
public enum AgentClass: String, Sendable, Hashable, CaseIterable {
  case ai
  case maintenanceBot = "maintenance-bot"
}

/// Who an identity may be on a commit.
public enum IdentityRole: String, Sendable, Hashable, CaseIterable {
  /// Author, committer or co-author.
  case any
  /// Author or co-author only: a tool that merely commits for a person is not the author.
  case author
}

/// A person as a commit names one: `Name <email>`.
public struct Person: Hashable, Sendable, CustomStringConvertible {
  public let name: String
  public let email: String

  public init(name: String, email: String) {
    self.name = name
    self.email = email
  }

  /// Parses `Name <email>`; without angle brackets the whole text is the name.
  public init(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
      name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
      email = String(trimmed[trimmed.index(after: open)..<close]).trimmingCharacters(
        in: .whitespaces)
    } else {
      name = trimmed
      email = ""
    }
  }

  /// The GitHub login behind a `<id>+<login>@users.noreply.github.com` (or older
  /// `<login>@users.noreply.github.com`) address.
  public var githubLogin: String? {
    let suffix = "@users.noreply.github.com"
    let lower = email.lowercased()
    guard lower.hasSuffix(suffix) else { return nil }
    var local = String(email.dropLast(suffix.count))
    if let plus = local.firstIndex(of: "+"), local[..<plus].allSatisfy(\.isNumber) {
      local = String(local[local.index(after: plus)...])
    }
    return local.isEmpty ? nil : local
  }

  public var description: String { email.isEmpty ? name : "\(name) <\(email)>" }
}

/// One way an agent shows up as a person: every given field must match.
public struct Identity: Hashable, Sendable {
  public let name: Pattern?
  public let email: Pattern?
  public let login: Pattern?
  public let role: IdentityRole

  public init(name: Pattern?, email: Pattern?, login: Pattern?, role: IdentityRole = .any) {
    self.name = name
    self.email = email
    self.login = login
    self.role = role
  }

  /// Whether `person` is this identity.
  public func matches(_ person: Person) -> Bool {
    if let name, !name.matches(person.name) { return false }
    if let email, !email.matches(person.email) { return false }
    if let login {
      // A GitHub App commits under its `<login>[bot]` name; a person's plain name is no login.
      let viaEmail = person.githubLogin.map(login.matches) ?? false
      let viaBotName = person.name.hasSuffix("[bot]") && login.matches(person.name)
      if !viaEmail && !viaBotName { return false }
    }
    return true
  }
}

/// A `Key: value` line that names an agent; a nil `value` accepts any value.
public struct TrailerSignal: Hashable, Sendable {
  public let key: String
  public let value: Pattern?

  public init(key: String, value: Pattern?) {
    self.key = key
    self.value = value
  }

  /// Whether the trailer `key: value` is this signal (key case-insensitive, as git compares).
  public func matches(key other: String, value text: String) -> Bool {
    guard key.caseInsensitiveCompare(other) == .orderedSame else { return false }
    return value?.matches(text) ?? true
  }
}

/// An environment variable an agent sets in its shells; a nil `value` accepts any non-empty one.
public struct EnvironmentSignal: Hashable, Sendable {
  public let name: String
  public let value: Pattern?

  public init(name: String, value: Pattern?) {
    self.name = name
    self.value = value
  }
}

/// A commit (or a staged commit) described the way the table's examples describe one.
public struct AgentExample: Hashable, Sendable {
  public let author: Person?
  public let committer: Person?
  public let message: String?
  public let environment: [String: String]?
  public let location: SourceLocation

  public init(
    author: Person?, committer: Person?, message: String?, environment: [String: String]?,
    location: SourceLocation
  ) {
    self.author = author
    self.committer = committer
    self.message = message
    self.environment = environment
    self.location = location
  }
}

/// Examples an entry must claim (`match`) and must leave alone (`not`).
public struct AgentExamples: Hashable, Sendable {
  public let match: [AgentExample]
  public let not: [AgentExample]

  public init(match: [AgentExample], not: [AgentExample]) {
    self.match = match
    self.not = not
  }
}

/// One agent or maintenance bot and every signal that identifies it.
public struct AgentEntry: Hashable, Sendable, CustomStringConvertible {
  public let id: String
  public let name: String
  public let agentClass: AgentClass
  public let aliases: [String]
  public let identities: [Identity]
  public let trailers: [TrailerSignal]
  public let footers: [Pattern]
  public let subjects: [Pattern]
  public let environment: [EnvironmentSignal]
  public let examples: AgentExamples
  public let location: SourceLocation

  public init(
    id: String, name: String, agentClass: AgentClass, aliases: [String] = [],
    identities: [Identity] = [], trailers: [TrailerSignal] = [], footers: [Pattern] = [],
    subjects: [Pattern] = [], environment: [EnvironmentSignal] = [],
    examples: AgentExamples = AgentExamples(match: [], not: []),
    location: SourceLocation = SourceLocation(file: "<code>", line: 1, column: 1)
  ) {
    self.id = id
    self.name = name
    self.agentClass = agentClass
    self.aliases = aliases
    self.identities = identities
    self.trailers = trailers
    self.footers = footers
    self.subjects = subjects
    self.environment = environment
    self.examples = examples
    self.location = location
  }

  /// Whether a tool name (git-ai's `agent_id.tool`, Agent Trace's `tool.name`, `AI_AGENT`) is
  /// this agent.
  public func isNamed(_ tool: String) -> Bool {
    let wanted = tool.trimmingCharacters(in: .whitespaces)
    return ([id, name] + aliases).contains { $0.caseInsensitiveCompare(wanted) == .orderedSame }
  }

  public var description: String { "\(name) (\(id))" }
}

/// The declarations that affirm a human author.
public struct HumanMarkers: Hashable, Sendable {
  public let trailers: [TrailerSignal]
  public let examples: AgentExamples

  public init(
    trailers: [TrailerSignal], examples: AgentExamples = AgentExamples(match: [], not: [])
  ) {
    self.trailers = trailers
    self.examples = examples
  }
}

/// The table of agents: data, loaded from `rulesets/agents.yaml` and extended by `.aigate.yml`.
public struct AgentTable: Hashable, Sendable {
  /// In priority order: among signals of equal strength, the earlier entry wins.
  public let agents: [AgentEntry]
  public let human: HumanMarkers

  public init(agents: [AgentEntry], human: HumanMarkers) {
    self.agents = agents
    self.human = human
  }

  /// This table with `additions` applied: an entry with a known id replaces it in place; new
  /// entries go first, since a repository's own entries are more specific than the shipped ones;
  /// human markers are added.
  public func merging(_ additions: AgentTable) -> AgentTable {
    var merged = agents
    var fresh: [AgentEntry] = []
    for entry in additions.agents {
      if let index = merged.firstIndex(where: { $0.id == entry.id }) {
        merged[index] = entry
      } else {
        fresh.append(entry)
      }
    }
    let human = HumanMarkers(
      trailers: self.human.trailers + additions.human.trailers,
      examples: AgentExamples(
        match: self.human.examples.match + additions.human.examples.match,
        not: self.human.examples.not + additions.human.examples.not))
    return AgentTable(agents: fresh + merged, human: human)
  }

  /// The entry a tool name stands for, if any.
  public func entry(named tool: String) -> AgentEntry? {
    agents.first { $0.isNamed(tool) }
  }
}
