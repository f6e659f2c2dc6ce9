import Foundation
import GitKit
import Rules
import Testing

@testable import Attribution

@Suite("The agent table")
struct AgentTableTests {
  @Test func shippedTableLoads() throws {
    let table = try shippedTable.get()
    let ids = Set(table.agents.map(\.id))
    let required = [
      "claude-code", "github-copilot", "openai-codex", "cursor", "aider", "devin",
      "gemini-code-assist", "jules", "amazon-q", "qwen-code", "opencode", "mistral-vibe", "sweep",
      "declared-ai", "dependabot", "renovate", "github-actions", "pre-commit-ci",
    ]
    for id in required {
      #expect(ids.contains(id), "no entry '\(id)' in rulesets/agents.yaml")
    }
    let bots = table.agents.filter { $0.agentClass == .maintenanceBot }.map(\.id)
    #expect(Set(bots) == ["dependabot", "renovate", "github-actions", "pre-commit-ci"])
  }

  @Test("Each entry claims its examples and leaves its counter-examples", arguments: shippedAgents)
  func entryExamples(_ entry: AgentEntry) throws {
    let classifier = CommitClassifier(table: try shippedTable.get())
    #expect(!entry.examples.match.isEmpty, "\(entry.id) has no positive example")
    #expect(!entry.examples.not.isEmpty, "\(entry.id) has no negative example")
    let expected: Authorship = entry.agentClass == .ai ? .ai : .maintenanceBot
    for example in entry.examples.match {
      let decided = classifier.classify(try facts(of: example))
      #expect(
        decided.agent == entry.name && decided.authorship == expected,
        "\(example.location): expected \(entry.name), got \(decided)")
    }
    for example in entry.examples.not {
      let found = classifier.matches(try facts(of: example))
      #expect(
        !found.contains { $0.entry.id == entry.id },
        "\(example.location): \(entry.name) claimed a counter-example")
    }
  }

  @Test func humanMarkerExamples() throws {
    let table = try shippedTable.get()
    let classifier = CommitClassifier(table: table)
    #expect(!table.human.examples.match.isEmpty && !table.human.examples.not.isEmpty)
    for example in table.human.examples.match {
      #expect(classifier.classify(try facts(of: example)).authorship == .human)
    }
    for example in table.human.examples.not {
      #expect(classifier.classify(try facts(of: example)).authorship != .human)
    }
  }

  @Test("An unknown key is an error at its place")
  func unknownKey() {
    let yaml = """
      version: 1
      agents:
        - id: x
          name: X
          class: ai
          emails: ['x@example\\.com']
      """
    #expect {
      _ = try AgentTable.parse(yaml, file: "agents.yaml")
    } throws: { error in
      guard case AttributionError.invalid(let diagnostic) = error else { return false }
      return diagnostic.location == SourceLocation(file: "agents.yaml", line: 6, column: 5)
        && diagnostic.message.contains("unknown key 'emails'")
        && diagnostic.description.contains("^")
    }
  }

  @Test("A pattern that does not compile is an error at its place")
  func badPattern() {
    let yaml = """
      agents:
        - id: x
          name: X
          class: ai
          identities:
            - email: 'x@(example'
      """
    #expect {
      _ = try AgentTable.parse(yaml, file: "agents.yaml")
    } throws: { error in
      guard case AttributionError.invalid(let diagnostic) = error else { return false }
      return diagnostic.location.line == 6 && diagnostic.location.column == 17
        && diagnostic.message.contains("regular expression")
    }
  }

  @Test(
    "Wrong shapes are errors",
    arguments: [
      ("agents:\n  - id: x\n    name: X\n    class: robot\n    subjects: ['x']\n", "class must be"),
      ("agents:\n  - id: x\n    name: X\n    class: ai\n", "has no signal"),
      ("agents:\n  - name: X\n    class: ai\n    subjects: ['x']\n", "needs an 'id'"),
      ("agents: {id: x}\n", "must be a list"),
      ("version: 2\nagents: []\n", "unsupported agent table version"),
      (
        "agents:\n  - id: x\n    name: X\n    class: ai\n    subjects: ['x']\n"
          + "  - id: x\n    name: Y\n    class: ai\n    subjects: ['y']\n",
        "already in this table"
      ),
    ])
  func wrongShapes(yaml: String, message: String) {
    #expect {
      _ = try AgentTable.parse(yaml, file: "t.yaml")
    } throws: { error in
      guard case AttributionError.invalid(let diagnostic) = error else { return false }
      return diagnostic.message.contains(message)
    }
  }

  @Test("Additions replace an entry by id and put new entries first")
  func merging() throws {
    let shipped = try shippedTable.get()
    let additions = try AgentTable.parse(
      """
      agents:
        - id: in-house
          name: In-house Bot
          class: ai
          identities:
            - email: 'bot@corp\\.example'
        - id: cursor
          name: Cursor
          class: ai
          trailers:
            - key: X-Cursor
      human:
        trailers:
          - key: Written-by-hand
      """, file: ".aigate.yml")
    let merged = shipped.merging(additions)
    #expect(merged.agents.first?.id == "in-house")
    #expect(merged.agents.count == shipped.agents.count + 1)
    let cursor = try #require(merged.agents.first { $0.id == "cursor" })
    #expect(cursor.trailers.map(\.key) == ["X-Cursor"] && cursor.identities.isEmpty)
    let classifier = CommitClassifier(table: merged)
    let inHouse = CommitFacts(
      author: Person(parsing: "Corp Bot <bot@corp.example>"), committer: nil,
      message: CommitMessage("Change\n"))
    #expect(classifier.classify(inHouse).agent == "In-house Bot")
    let byHand = CommitFacts(
      author: Person(parsing: dana), committer: nil,
      message: CommitMessage("Change\n\nWritten-by-hand: yes\n"))
    #expect(classifier.classify(byHand).authorship == .human)
  }

  @Test("The shipped table is found above the executable, or where AIGATE_AGENTS says")
  func locateShipped() throws {
    let executable = packageRoot.appendingPathComponent(".build/debug/aigate").path
    let found = try AgentTable.locateShipped(executablePath: executable, environment: [:])
    #expect(found == packageRoot.appendingPathComponent("rulesets/agents.yaml").path)
    let explicit = try AgentTable.locateShipped(
      executablePath: executable, environment: ["AIGATE_AGENTS": "/etc/agents.yaml"])
    #expect(explicit == "/etc/agents.yaml")
    #expect {
      _ = try AgentTable.locateShipped(executablePath: "/usr/bin/aigate", environment: [:])
    } throws: { error in
      guard case AttributionError.agentTableNotFound(let searched) = error else { return false }
      return searched.contains("/usr/bin/rulesets/agents.yaml")
    }
  }

  @Test("An .aigate.yml-style list of entries decodes as additions")
  func listOfAdditions() throws {
    let node = try #require(
      try YAMLDocument.parse(
        """
        agents:
          - id: in-house
            name: In-house Bot
            class: ai
            subjects: ['bot: .*']
        """, file: ".aigate.yml"))
    let list = try #require(node["agents"])
    let additions = try AgentTable.decode(list)
    #expect(additions.agents.map(\.id) == ["in-house"] && additions.human.trailers.isEmpty)
  }

  @Test("GitHub logins match on the noreply address whatever the numeric id")
  func githubLogin() throws {
    let login = try Pattern("copilot-swe-agent(\\[bot\\])?")
    let identity = Identity(name: nil, email: nil, login: login)
    #expect(
      identity.matches(
        Person(parsing: "x <198982749+copilot-swe-agent[bot]@users.noreply.github.com>")))
    #expect(identity.matches(Person(parsing: "x <1+copilot-swe-agent@users.noreply.github.com>")))
    #expect(identity.matches(Person(parsing: "copilot-swe-agent[bot] <bot@example.com>")))
    #expect(
      !identity.matches(Person(parsing: "x <1+not-copilot-swe-agent@users.noreply.github.com>")))
    #expect(!identity.matches(Person(parsing: "x <copilot-swe-agent@example.com>")))
    let claude = Identity(name: nil, email: nil, login: try Pattern("claude(\\[bot\\])?"))
    #expect(claude.matches(Person(parsing: "claude[bot] <claude@example.org>")))
    #expect(!claude.matches(Person(parsing: "Claude <claude@example.org>")))
  }
}
