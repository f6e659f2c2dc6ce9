import Attribution
import Foundation
import Rules

extension Policy {
  /// Reads a policy file named on the command line (`--policy`); every unknown key and bad value
  /// is an error at its place.
  ///
  /// Only a YAML file is read (its name ends in `.yml` or `.yaml`), so that an error never
  /// quotes a line of some other file (an environment dump, a key).
  public static func load(path: String) throws(GateError) -> Policy {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw .io(path: path, reason: "the policy file does not exist")
    }
    if isFolder.boolValue {
      throw .io(path: path, reason: "is a folder; a policy is a YAML file such as .aigate.yml")
    }
    guard isYAMLName(path) else {
      throw .io(
        path: path, reason: "a policy is a YAML file whose name ends in .yml or .yaml; not read")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      // YAMLDocument says where the encoding breaks.
      do {
        _ = try YAMLDocument.load(path: path)
      } catch {
        throw .invalidPolicy([error])
      }
      throw .io(path: path, reason: "the file is not valid UTF-8")
    }
    return try parse(text, file: path)
  }

  /// Decodes policy text; `file` names it in locations and errors quote its lines.
  public static func parse(_ text: String, file: String) throws(GateError) -> Policy {
    let node: YAMLNode?
    do {
      node = try YAMLDocument.parse(text, file: file)
    } catch {
      throw .invalidPolicy([error])
    }
    return try decode(node, file: file, text: text)
  }

  /// Decodes a parsed policy document (nil, an empty file, means the defaults); `text`, when
  /// given, is the document's text, for the lines errors quote.
  public static func decode(
    _ node: YAMLNode?, file: String, text: String? = nil
  ) throws(GateError) -> Policy {
    var policy = Policy.defaults
    policy.file = file
    guard let node, !node.isNull else { return policy }
    var decoder = PolicyDecoder(source: text.map { SourceFile(path: file, text: $0) })
    decoder.decode(node, into: &policy)
    if !decoder.diagnostics.isEmpty {
      throw .invalidPolicy(decoder.diagnostics.sorted { $0.location < $1.location })
    }
    return policy
  }

  /// Whether `path` names a YAML file.
  static func isYAMLName(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent.lowercased()
    return name.hasSuffix(".yml") || name.hasSuffix(".yaml")
  }
}

/// Collects every problem in a policy document rather than stopping at the first.
private struct PolicyDecoder {
  var diagnostics: [SourceDiagnostic] = []
  /// The document, when the caller has its text.
  let source: SourceFile?

  init(source: SourceFile?) {
    self.source = source
  }

  static let topKeys = [
    "version", "gate", "rules", "semgrep", "exclude", "max-ai-share", "suppressions", "agents",
  ]
  static let authorshipKeys = ["ai", "unknown", "human", "maintenance-bot"]

  mutating func fail(_ message: String, _ node: YAMLNode) {
    diagnostics.append(SourceDiagnostic(message, at: node.location, in: source))
  }

  /// The entries of a mapping whose keys must be among `allowed`.
  mutating func entries(
    _ node: YAMLNode, allowed: [String], what: String
  ) -> [(name: String, value: YAMLNode)] {
    node.fields(allowed: allowed) { fail($0.message(in: what), $0.node) } ?? []
  }

  mutating func decode(_ node: YAMLNode, into policy: inout Policy) {
    for (key, value) in entries(node, allowed: Self.topKeys, what: "the policy") {
      switch key {
      case "version":
        if value.scalar != "1" { fail("version must be 1", value) }
      case "gate":
        decodeGate(value, into: &policy)
      case "rules":
        policy.rules = strings(value, what: "rules")
        policy.ruleLocations = (value.sequence ?? []).map(\.location)
      case "semgrep":
        decodeSemgrep(value, into: &policy.semgrep)
      case "exclude":
        policy.exclude = strings(value, what: "exclude")
      case "max-ai-share":
        if let share = value.number, (0...1).contains(share) {
          policy.maxAIShare = share
        } else {
          fail("max-ai-share must be a number from 0 to 1 (a share of added lines)", value)
        }
      case "suppressions":
        for (name, setting) in entries(value, allowed: ["ai-may-suppress"], what: "suppressions") {
          if name == "ai-may-suppress" {
            if let flag = setting.bool {
              policy.aiMaySuppress = flag
            } else {
              fail("ai-may-suppress must be true or false", setting)
            }
          }
        }
      case "agents":
        do {
          policy.agents = try AgentTable.decode(value)
        } catch {
          if case .invalid(let diagnostic) = error {
            diagnostics.append(diagnostic)
          } else {
            fail("agents: \(error)", value)
          }
        }
      default:
        break
      }
    }
  }

  mutating func decodeGate(_ node: YAMLNode, into policy: inout Policy) {
    for (key, value) in entries(node, allowed: Self.authorshipKeys, what: "gate") {
      var treatment = policy.treatment(for: Authorship(rawValue: key) ?? .unknown)
      for (name, list) in entries(value, allowed: ["block", "report"], what: "gate.\(key)") {
        let severities = self.severities(list, what: "gate.\(key).\(name)")
        if name == "block" { treatment.block = severities } else { treatment.report = severities }
      }
      switch key {
      case "ai": policy.ai = treatment
      case "unknown": policy.unknown = treatment
      case "human": policy.human = treatment
      default: policy.maintenanceBot = treatment
      }
    }
  }

  mutating func decodeSemgrep(_ node: YAMLNode, into semgrep: inout SemgrepPolicy) {
    let keys = ["mode", "timeout", "configs", "executable"]
    for (key, value) in entries(node, allowed: keys, what: "semgrep") {
      switch key {
      case "mode":
        if let text = value.scalar, let mode = SemgrepPolicy.Mode(rawValue: text) {
          semgrep.mode = mode
        } else {
          let modes = SemgrepPolicy.Mode.allCases.map(\.rawValue).joined(separator: ", ")
          fail("semgrep.mode must be one of \(modes)", value)
        }
      case "timeout":
        if let seconds = value.number, seconds > 0 {
          semgrep.timeout = seconds
        } else {
          fail("semgrep.timeout must be a positive number of seconds", value)
        }
      case "configs":
        semgrep.configs = strings(value, what: "semgrep.configs")
        semgrep.configLocations = (value.sequence ?? []).map(\.location)
        for (config, item) in zip(semgrep.configs, value.sequence ?? []) where isRegistry(config) {
          fail(
            "'\(config)' is a semgrep registry config, which needs the network; "
              + "download the rules and name the local file", item)
        }
      case "executable":
        if let text = value.scalar, text.contains("/"), !text.hasPrefix("/") {
          // A path inside the checkout would run the change's own copy of the tool.
          fail(
            "semgrep.executable must be an absolute path or a command name found on PATH, "
              + "not a path relative to the checkout", value)
        } else if let text = value.scalar, !text.isEmpty {
          semgrep.executable = text
        } else {
          fail("semgrep.executable must be a path or a command name", value)
        }
      default:
        break
      }
    }
  }

  func isRegistry(_ config: String) -> Bool {
    config == "auto" || config.hasPrefix("p/") || config.hasPrefix("r/")
      || config.hasPrefix("http://") || config.hasPrefix("https://")
  }

  /// Severity names, case-insensitive; each brings its peers on the other scale (ERROR and
  /// HIGH, WARNING and MEDIUM, INFO and LOW), so a policy covers rules written on either.
  mutating func severities(_ node: YAMLNode, what: String) -> Set<Rule.Severity> {
    var result: Set<Rule.Severity> = []
    for item in items(node, what: what) {
      guard let text = item.scalar, let severity = Rule.Severity(rawValue: text.uppercased())
      else {
        let names = Rule.Severity.allCases.map(\.rawValue).joined(separator: ", ")
        fail("\(what): unknown severity '\(item.scalar ?? item.kindName)'; expected \(names)", item)
        continue
      }
      result.insert(severity)
      result.formUnion(Rule.Severity.allCases.filter { $0.rank == severity.rank && $0.rank > 0 })
    }
    return result
  }

  mutating func strings(_ node: YAMLNode, what: String) -> [String] {
    items(node, what: what).compactMap { item in
      guard let text = item.scalar, !text.isEmpty else {
        fail("\(what) must list strings", item)
        return nil
      }
      return text
    }
  }

  mutating func items(_ node: YAMLNode, what: String) -> [YAMLNode] {
    if node.isNull { return [] }
    return node.items { fail($0.message(in: what), $0.node) } ?? []
  }
}
