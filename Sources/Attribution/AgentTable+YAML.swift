import Foundation
import Rules

extension AgentTable {
  /// Reads an agent table file (`rulesets/agents.yaml`, or the `agents` part of `.aigate.yml`).
  public static func load(path: String) throws(AttributionError) -> AgentTable {
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw AttributionError.invalid(
          SourceDiagnostic(
            "the file is not valid UTF-8", at: SourceLocation(file: path, line: 1, column: 1)))
      }
      text = decoded
    } catch let error as AttributionError {
      throw error
    } catch {
      throw .invalid(
        SourceDiagnostic(
          "cannot read the agent table: \(error.localizedDescription)",
          at: SourceLocation(file: path, line: 1, column: 1)))
    }
    return try parse(text, file: path)
  }

  /// Parses agent table YAML; `file` names it in error locations.
  public static func parse(_ text: String, file: String) throws(AttributionError) -> AgentTable {
    let node: YAMLNode?
    do {
      node = try YAMLDocument.parse(text, file: file)
    } catch {
      throw .invalid(error)
    }
    guard let node else {
      throw .invalid(
        SourceDiagnostic(
          "the agent table is empty", at: SourceLocation(file: file, line: 1, column: 1)))
    }
    do {
      return try TableDecoder(source: SourceFile(path: file, text: text)).table(node)
    } catch {
      throw .invalid(error)
    }
  }

  /// Decodes a table from a YAML node already read, for `.aigate.yml`'s `agents` key: either a
  /// list of entries, or a mapping like the shipped file's (`agents`, `human`).
  public static func decode(_ node: YAMLNode) throws(AttributionError) -> AgentTable {
    do {
      return try TableDecoder(source: nil).table(node)
    } catch {
      throw .invalid(error)
    }
  }

  /// Where the shipped table is: `$AIGATE_AGENTS`, else `rulesets/agents.yaml` or
  /// `share/aigate/rulesets/agents.yaml` in the executable's folder or any folder above it.
  public static func locateShipped(
    executablePath: String, environment: [String: String]
  ) throws(AttributionError) -> String {
    if let explicit = environment["AIGATE_AGENTS"], !explicit.isEmpty { return explicit }
    var searched: [String] = []
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while true {
      for relative in ["rulesets/agents.yaml", "share/aigate/rulesets/agents.yaml"] {
        let candidate = folder.appendingPathComponent(relative).path
        searched.append(candidate)
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    throw .agentTableNotFound(searched: searched)
  }
}

/// Turns YAML nodes into table values, rejecting unknown keys and wrong shapes with the place.
private struct TableDecoder {
  /// The table's file, cut into lines only for a diagnostic's snippet; nil when not known.
  let source: SourceFile?

  func fail(_ message: String, _ node: YAMLNode) -> SourceDiagnostic {
    SourceDiagnostic(message, at: node.location, in: source)
  }

  /// The entries of a mapping whose keys must all be in `allowed`.
  func mapping(
    _ node: YAMLNode, allowed: Set<String>, what: String
  ) throws(SourceDiagnostic) -> [String: YAMLNode] {
    let entries = try node.fields(allowed: allowed.sorted()) {
      problem throws(SourceDiagnostic) in
      switch problem {
      case .keyNotText: throw fail("keys must be plain text", problem.node)
      case .repeatedKey(let name, _): throw fail("'\(name)' is given twice", problem.node)
      default: throw fail(problem.message(in: what), problem.node)
      }
    }
    return Dictionary(uniqueKeysWithValues: (entries ?? []).map { ($0.name, $0.value) })
  }

  func string(_ node: YAMLNode, what: String) throws(SourceDiagnostic) -> String {
    guard let text = node.scalar, !node.isNull else {
      throw fail("\(what) must be text, not \(node.isNull ? "empty" : node.kindName)", node)
    }
    return text
  }

  func list(_ node: YAMLNode?, what: String) throws(SourceDiagnostic) -> [YAMLNode] {
    try node?.items { problem throws(SourceDiagnostic) in
      throw fail(problem.message(in: what), problem.node)
    } ?? []
  }

  func pattern(_ node: YAMLNode, what: String) throws(SourceDiagnostic) -> Pattern {
    let text = try string(node, what: what)
    do {
      return try Pattern(text)
    } catch {
      throw fail("\(what) is not a valid regular expression: \(error.reason)", node)
    }
  }

  func table(_ node: YAMLNode) throws(SourceDiagnostic) -> AgentTable {
    if node.sequence != nil {
      return try table(
        YAMLNode(
          kind: .mapping([
            (YAMLNode(kind: .scalar("agents", plain: true), location: node.location), node)
          ]), location: node.location))
    }
    let top = try mapping(node, allowed: ["version", "agents", "human"], what: "the agent table")
    if let version = top["version"], version.scalar != "1" {
      throw fail("unsupported agent table version; this aigate reads version 1", version)
    }
    var agents: [AgentEntry] = []
    var seen: Set<String> = []
    for item in try list(top["agents"], what: "agents") {
      let entry = try agent(item)
      guard seen.insert(entry.id).inserted else {
        throw fail("an agent with id '\(entry.id)' is already in this table", item)
      }
      agents.append(entry)
    }
    let human = try top["human"].map { node throws(SourceDiagnostic) in try humanMarkers(node) }
    return AgentTable(agents: agents, human: human ?? HumanMarkers(trailers: []))
  }

  func agent(_ node: YAMLNode) throws(SourceDiagnostic) -> AgentEntry {
    let keys: Set<String> = [
      "id", "name", "class", "aliases", "identities", "trailers", "footers", "subjects",
      "environment", "examples",
    ]
    let fields = try mapping(node, allowed: keys, what: "an agent")
    guard let idNode = fields["id"] else { throw fail("an agent needs an 'id'", node) }
    guard let nameNode = fields["name"] else { throw fail("an agent needs a 'name'", node) }
    guard let classNode = fields["class"] else {
      throw fail("an agent needs a 'class' (ai or maintenance-bot)", node)
    }
    let classText = try string(classNode, what: "class")
    guard let agentClass = AgentClass(rawValue: classText) else {
      throw fail("class must be ai or maintenance-bot, not '\(classText)'", classNode)
    }
    var aliases: [String] = []
    for alias in try list(fields["aliases"], what: "aliases") {
      aliases.append(try string(alias, what: "an alias"))
    }
    var identities: [Identity] = []
    for item in try list(fields["identities"], what: "identities") {
      identities.append(try identity(item))
    }
    var trailers: [TrailerSignal] = []
    for item in try list(fields["trailers"], what: "trailers") {
      trailers.append(try trailer(item))
    }
    var footers: [Pattern] = []
    for item in try list(fields["footers"], what: "footers") {
      footers.append(try pattern(item, what: "a footer"))
    }
    var subjects: [Pattern] = []
    for item in try list(fields["subjects"], what: "subjects") {
      subjects.append(try pattern(item, what: "a subject"))
    }
    var environment: [EnvironmentSignal] = []
    for item in try list(fields["environment"], what: "environment") {
      let variable = try mapping(item, allowed: ["name", "value"], what: "an environment signal")
      guard let name = variable["name"] else {
        throw fail("an environment signal needs a 'name'", item)
      }
      environment.append(
        EnvironmentSignal(
          name: try string(name, what: "name"),
          value: try variable["value"].map { node throws(SourceDiagnostic) in
            try pattern(node, what: "value")
          }))
    }
    let entry = AgentEntry(
      id: try string(idNode, what: "id"), name: try string(nameNode, what: "name"),
      agentClass: agentClass, aliases: aliases, identities: identities, trailers: trailers,
      footers: footers, subjects: subjects, environment: environment,
      examples: try examples(fields["examples"], positive: "match"), location: node.location)
    if identities.isEmpty && trailers.isEmpty && footers.isEmpty && subjects.isEmpty
      && environment.isEmpty
    {
      throw fail(
        "agent '\(entry.id)' has no signal: give identities, trailers, footers, "
          + "subjects or environment", node)
    }
    return entry
  }

  func identity(_ node: YAMLNode) throws(SourceDiagnostic) -> Identity {
    let fields = try mapping(
      node, allowed: ["name", "email", "login", "role"], what: "an identity")
    let name = try fields["name"].map { node throws(SourceDiagnostic) in
      try pattern(node, what: "name")
    }
    let email = try fields["email"].map { node throws(SourceDiagnostic) in
      try pattern(node, what: "email")
    }
    let login = try fields["login"].map { node throws(SourceDiagnostic) in
      try pattern(node, what: "login")
    }
    guard name != nil || email != nil || login != nil else {
      throw fail("an identity needs a name, email or login", node)
    }
    var role = IdentityRole.any
    if let roleNode = fields["role"] {
      let text = try string(roleNode, what: "role")
      guard let parsed = IdentityRole(rawValue: text) else {
        throw fail("role must be any or author, not '\(text)'", roleNode)
      }
      role = parsed
    }
    return Identity(name: name, email: email, login: login, role: role)
  }

  func trailer(_ node: YAMLNode) throws(SourceDiagnostic) -> TrailerSignal {
    let fields = try mapping(node, allowed: ["key", "value"], what: "a trailer")
    guard let key = fields["key"] else { throw fail("a trailer needs a 'key'", node) }
    let keyText = try string(key, what: "key")
    guard !keyText.isEmpty, keyText.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
      throw fail("a trailer key is letters, digits and '-', not '\(keyText)'", key)
    }
    return TrailerSignal(
      key: keyText,
      value: try fields["value"].map { node throws(SourceDiagnostic) in
        try pattern(node, what: "value")
      })
  }

  func humanMarkers(_ node: YAMLNode) throws(SourceDiagnostic) -> HumanMarkers {
    let fields = try mapping(node, allowed: ["trailers", "examples"], what: "human")
    var trailers: [TrailerSignal] = []
    for item in try list(fields["trailers"], what: "trailers") {
      trailers.append(try trailer(item))
    }
    return HumanMarkers(
      trailers: trailers, examples: try examples(fields["examples"], positive: "match"))
  }

  func examples(_ node: YAMLNode?, positive: String) throws(SourceDiagnostic) -> AgentExamples {
    guard let node else { return AgentExamples(match: [], not: []) }
    let fields = try mapping(node, allowed: [positive, "not"], what: "examples")
    var match: [AgentExample] = []
    for item in try list(fields[positive], what: positive) {
      match.append(try example(item))
    }
    var not: [AgentExample] = []
    for item in try list(fields["not"], what: "not") {
      not.append(try example(item))
    }
    return AgentExamples(match: match, not: not)
  }

  func example(_ node: YAMLNode) throws(SourceDiagnostic) -> AgentExample {
    let fields = try mapping(
      node, allowed: ["author", "committer", "message", "environment"], what: "an example")
    guard !fields.isEmpty else {
      throw fail("an example needs an author, committer, message or environment", node)
    }
    var environment: [String: String]?
    if let envNode = fields["environment"] {
      guard let entries = envNode.mapping else {
        throw fail("environment must be a mapping of variables to values", envNode)
      }
      var values: [String: String] = [:]
      for (key, value) in entries {
        values[try string(key, what: "a variable name")] = try string(value, what: "a value")
      }
      environment = values
    }
    return AgentExample(
      author: try fields["author"].map { node throws(SourceDiagnostic) in
        Person(parsing: try string(node, what: "author"))
      },
      committer: try fields["committer"].map { node throws(SourceDiagnostic) in
        Person(parsing: try string(node, what: "committer"))
      },
      message: try fields["message"].map { node throws(SourceDiagnostic) in
        try string(node, what: "message")
      },
      environment: environment, location: node.location)
  }
}
