import Rules

/// The keys of a rule's `options:` that change what the engine matches, read once per rule.
struct MatchOptions: Sendable {
  /// `symbolic_propagation`: a name also matches as the expression last assigned to it.
  var symbolicPropagation = false
  /// `generic_ellipsis_max_span`: how many lines a generic-mode `...` may reach (semgrep: 10).
  var genericEllipsisMaxSpan = GenericMatcher.ellipsisLineSpan

  /// The option keys the engine honours; `interfile` changes nothing here, since semgrep
  /// without its Pro engine also runs such rules file by file.
  static let keys: Set<String> = [
    "interfile", "symbolic_propagation", "generic_ellipsis_max_span",
  ]

  /// Reads `options`; a value of the wrong type is not guessed at (the rule goes to semgrep).
  init(_ options: JSONValue) throws(MatchingError) {
    guard case .object(let entries) = options else { return }
    for (key, value) in entries {
      switch (key, value) {
      case ("interfile", .bool): break
      case ("symbolic_propagation", .bool(let on)): symbolicPropagation = on
      case ("generic_ellipsis_max_span", .integer(let lines)) where lines >= 0:
        genericEllipsisMaxSpan = lines
      default:
        throw .unsupported(construct: "option '\(key)' with this value")
      }
    }
  }
}
