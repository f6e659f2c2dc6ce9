/// What is wrong with a node read through `YAMLNode.fields(allowed:_:)` or `items(_:)`; each
/// decoder (rules, the policy, the agent table) words it in its own terms.
public enum YAMLProblem: Sendable {
  case notAMapping(YAMLNode)
  case notAList(YAMLNode)
  /// A key that is a list or a mapping.
  case keyNotText(YAMLNode)
  case unknownKey(String, key: YAMLNode, allowed: [String])
  /// A key written twice in ways the parser keeps apart (`!!str id` and `id`).
  case repeatedKey(String, key: YAMLNode)

  /// The node to report the problem at.
  public var node: YAMLNode {
    switch self {
    case .notAMapping(let node), .notAList(let node), .keyNotText(let node),
      .unknownKey(_, let node, _), .repeatedKey(_, let node):
      return node
    }
  }

  /// The wording of the policy and the agent table, `what` naming the mapping.
  public func message(in what: String) -> String {
    switch self {
    case .notAMapping(let node):
      return "\(what) must be a mapping, not \(node.kindName)"
    case .notAList(let node):
      return "\(what) must be a list, not \(node.kindName)"
    case .keyNotText:
      return "keys in \(what) must be plain names"
    case .unknownKey(let name, _, let allowed):
      return "unknown key '\(name)' in \(what); expected one of: \(allowed.joined(separator: ", "))"
    case .repeatedKey(let name, _):
      return "'\(name)' is given twice in \(what)"
    }
  }
}

extension YAMLNode {
  /// The entries of a mapping whose keys must be among `allowed`, in order, by key text.
  ///
  /// Each problem goes to `problem`, which may throw to stop at the first or record it and let
  /// the read go on; an entry with a bad key is left out, and nil means not a mapping.
  public func fields<Failure: Error>(
    allowed: [String], _ problem: (YAMLProblem) throws(Failure) -> Void
  ) throws(Failure) -> [(name: String, value: YAMLNode)]? {
    guard let entries = mapping else {
      try problem(.notAMapping(self))
      return nil
    }
    var result: [(name: String, value: YAMLNode)] = []
    var seen: Set<String> = []
    for (key, value) in entries {
      guard let name = key.scalar else {
        try problem(.keyNotText(key))
        continue
      }
      guard allowed.contains(name) else {
        try problem(.unknownKey(name, key: key, allowed: allowed))
        continue
      }
      guard seen.insert(name).inserted else {
        try problem(.repeatedKey(name, key: key))
        continue
      }
      result.append((name, value))
    }
    return result
  }

  /// The items of a list; a problem for anything else, and nil.
  public func items<Failure: Error>(
    _ problem: (YAMLProblem) throws(Failure) -> Void
  ) throws(Failure) -> [YAMLNode]? {
    guard let items = sequence else {
      try problem(.notAList(self))
      return nil
    }
    return items
  }

  /// The value of a plain scalar read as a number; nil for anything else.
  public var number: Double? {
    guard case .scalar(let text, true) = kind else { return nil }
    return Double(text)
  }

  /// The value of a plain scalar read as an integer; nil for anything else.
  public var integer: Int? {
    guard case .scalar(let text, true) = kind else { return nil }
    return Int(text)
  }
}

extension SourceDiagnostic {
  /// A diagnostic at `location` quoting its line of `source` when the file is known: how the
  /// decoders of YAML (rules, the policy, the agent table) report a problem at its place.
  public init(
    _ message: String, at location: SourceLocation, in source: SourceFile?,
    severity: Severity = .error
  ) {
    self.init(message, at: location, severity: severity, sourceLine: source?.line(location.line))
  }
}
