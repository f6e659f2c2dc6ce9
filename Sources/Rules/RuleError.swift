/// Everything that can be wrong with rule files or `--config` arguments; all message text is in
/// `message`, so wording stays consistent and a test can name a problem by its case.
public enum RuleError: Error, Sendable, Hashable, CustomStringConvertible {
  // `--config` arguments
  case registryConfig(String)
  case configNotFound(String)
  case noRuleFiles(folder: String)
  /// Every problem found, each at its own place.
  case invalidRules([SourceDiagnostic])

  // file structure
  case notARuleFile(found: String)
  case wrongType(key: String, expected: String, found: String)
  case missingKey(String, in: String, typo: String?)
  case emptyList(key: String)
  case nullValue

  // top-level rule keys
  case invalidRuleID(String)
  case duplicateRuleID(String, first: SourceLocation)
  case invalidSeverity(String)
  case invalidMode(String)
  case unknownLanguage(String, suggestion: String?)
  case noLanguages
  case noPatternKey(mode: String, typo: String?)
  case multiplePatternKeys(String, first: String, firstLine: Int)
  case keyNotAllowedInMode(String, mode: String)
  case unknownRuleKey(String, suggestion: String?)

  // formulas
  case misplacedOperator(String, place: String, hint: String)
  case unknownOperator(String, place: String, suggestion: String?)
  case noOperator(place: String, expected: [String])
  case multipleOperators(String, String, place: String)
  case noPositiveTerm(String)
  case invalidRegex(String, reason: String)
  case invalidMetavariableName(String)
  case unboundMetavariable(String, operator: String)
  case unknownAnalyzer(String)

  public var description: String { message }

  /// The text a person reads; for `invalidRules`, every diagnostic with its snippet.
  public var message: String {
    switch self {
    case .registryConfig(let config):
      return
        "'\(config)' names rules in semgrep's registry, which needs the network; aigate reads "
        + "only local files: download the rules and pass the file or folder to --config"
    case .configNotFound(let config):
      return "--config '\(config)': no such file or folder"
    case .noRuleFiles(let folder):
      return "--config '\(folder)': the folder holds no .yml or .yaml rule files"
    case .invalidRules(let diagnostics):
      let count = diagnostics.filter { $0.severity == .error }.count
      return diagnostics.map(\.description).joined(separator: "\n")
        + "\n\(count) problem\(count == 1 ? "" : "s") in the rules"
    case .notARuleFile(let found):
      return "a rule file is a mapping with a 'rules:' list; this file holds \(found)"
    case .wrongType(let key, let expected, let found):
      let subject = key.contains(" ") ? key : "'\(key)'"
      return "\(subject) must be \(expected), not \(found)"
    case .missingKey(let key, let place, let typo):
      return "\(place) is missing the required key '\(key)'" + misspelled(typo)
    case .nullValue:
      return
        "null values are not allowed in rule files (semgrep refuses them); give a value, quote "
        + "it, or remove the key"
    case .emptyList(let key):
      return "'\(key)' must not be empty"
    case .invalidRuleID(let id):
      return
        "rule id '\(id)' may contain only letters, digits, '.', '_' and '-'"
    case .duplicateRuleID(let id, let first):
      return "rule id '\(id)' is already used at \(first); both run, as in semgrep"
    case .invalidSeverity(let value):
      return
        "unknown severity '\(value)'; use one of "
        + Rule.Severity.allCases.map(\.rawValue).joined(separator: ", ")
    case .invalidMode(let value):
      return
        "unknown mode '\(value)'; use one of "
        + Rule.Mode.allCases.map(\.rawValue).joined(separator: ", ")
    case .unknownLanguage(let name, let suggestion):
      return "semgrep knows no language '\(name)'" + didYouMean(suggestion)
    case .noLanguages:
      return "'languages' must name at least one language"
    case .noPatternKey(let mode, let typo):
      return
        "the \(mode) rule has no pattern: add one of 'pattern', 'patterns', 'pattern-either', "
        + "'pattern-regex' or 'match'" + misspelled(typo)
    case .multiplePatternKeys(let key, let first, let firstLine):
      return
        "the rule has both '\(first)' (line \(firstLine)) and '\(key)'; a rule takes exactly one "
        + "top-level pattern key (combine them under 'patterns' or 'pattern-either')"
    case .keyNotAllowedInMode(let key, let mode):
      let taintKey = key == "taint" || RuleDecoder.oldTaintKeys.contains(key)
      return
        "'\(key)' is not allowed in a \(mode)-mode rule"
        + (mode == "search" && taintKey ? "; add 'mode: taint' for a taint rule" : "")
    case .unknownRuleKey(let key, let suggestion):
      return
        "unknown rule key '\(key)' is ignored (semgrep accepts unknown keys for forward "
        + "compatibility)" + didYouMean(suggestion)
    case .misplacedOperator(let key, let place, let hint):
      return "'\(key)' is not allowed \(place); \(hint)"
    case .unknownOperator(let key, let place, let suggestion):
      return "unknown key '\(key)' \(place)" + didYouMean(suggestion)
    case .noOperator(let place, let expected):
      return
        "\(place) needs one of " + expected.map { "'\($0)'" }.joined(separator: ", ")
    case .multipleOperators(let first, let second, let place):
      return
        "\(place) has both '\(first)' and '\(second)'; write each on its own '- ' item"
    case .noPositiveTerm(let key):
      return
        "'\(key)' needs at least one positive term ('pattern', 'pattern-inside', "
        + "'pattern-regex', 'pattern-either' or 'patterns'), not only negations and conditions"
    case .invalidRegex(_, let reason):
      return "invalid regular expression: \(reason) (PCRE2, as semgrep compiles it)"
    case .invalidMetavariableName(let name):
      return "'\(name)' is not a metavariable; write one like $X or $...ARGS"
    case .unboundMetavariable(let name, let op):
      return
        "'\(op)' uses \(name), which no positive pattern binds here; a typo, or a "
        + "metavariable bound only under a 'pattern-not'?"
    case .unknownAnalyzer(let name):
      return "unknown analyzer '\(name)'; use entropy, entropy_v2 or redos"
    }
  }

  private func misspelled(_ typo: String?) -> String {
    typo.map { "; is '\($0)' a misspelling?" } ?? ""
  }

  private func didYouMean(_ suggestion: String?) -> String {
    suggestion.map { "; did you mean '\($0)'?" } ?? ""
  }
}

/// The closest of `candidates` to a misspelled word, when one is close enough to suggest.
func closest(to word: String, in candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
  guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
  let limit = max(1, min(3, word.count / 3))
  return best.1 <= limit ? best.0 : nil
}

/// Edits between two words, counting a swap of neighbours as one (the commonest typo).
private func editDistance(_ lhs: String, _ rhs: String) -> Int {
  let a = Array(lhs.unicodeScalars)
  let b = Array(rhs.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { table[i][0] = i }
  for j in 0...b.count { table[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
      }
    }
  }
  return table[a.count][b.count]
}
