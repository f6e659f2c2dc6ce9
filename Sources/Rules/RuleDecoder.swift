/// Decodes the rules of one file from its YAML tree, collecting every problem at its own place
/// instead of stopping at the first; a rule with any error is left out of the result.
struct RuleDecoder {
  let file: String
  /// The rule file, whose lines diagnostics quote.
  let source: SourceFile
  private(set) var errors: [SourceDiagnostic] = []
  private(set) var warnings: [SourceDiagnostic] = []
  /// Where each metavariable a condition or focus names was written, keyed by the condition's
  /// location, so that an unbound one is reported at the name itself.
  var nameUses: [SourceLocation: [(name: String, location: SourceLocation)]] = [:]
  /// Above zero while decoding a `metavariable-pattern` formula or a taint item, where semgrep
  /// takes a `patterns` list of only negations and conditions (it then matches the whole
  /// binding, or whatever the other terms leave); in a rule's own formula it refuses one.
  var positiveTermOptional = 0

  init(file: String, source: SourceFile) {
    self.file = file
    self.source = source
  }

  /// Records an error, once: a null value explains every later complaint about the same node.
  mutating func report(_ problem: RuleError, at location: SourceLocation) {
    let message = problem.message
    let null = RuleError.nullValue.message
    guard
      !errors.contains(where: {
        $0.location == location && ($0.message == message || $0.message == null)
      })
    else { return }
    errors.append(diagnostic(problem, at: location, severity: .error))
  }

  /// Reports every null value under `node`: semgrep refuses rule files that hold any.
  mutating func reportNulls(_ node: YAMLNode) {
    switch node.kind {
    case .scalar:
      if node.isNull { report(.nullValue, at: node.location) }
    case .sequence(let items):
      for item in items { reportNulls(item) }
    case .mapping(let entries):
      for (key, value) in entries {
        reportNulls(key)
        reportNulls(value)
      }
    }
  }

  mutating func warn(_ problem: RuleError, at location: SourceLocation) {
    warnings.append(diagnostic(problem, at: location, severity: .warning))
  }

  private func diagnostic(
    _ problem: RuleError, at location: SourceLocation, severity: SourceDiagnostic.Severity
  ) -> SourceDiagnostic {
    SourceDiagnostic(problem.message, at: location, in: source, severity: severity)
  }

  // MARK: - The file

  /// The rules of a file whose top is `root` (nil for an empty file).
  mutating func decodeFile(_ root: YAMLNode?) -> [Rule] {
    let start = SourceLocation(file: file, line: 1, column: 1)
    guard let root else {
      report(.notARuleFile(found: "nothing"), at: start)
      return []
    }
    guard let entries = root.mapping else {
      report(.notARuleFile(found: root.kindName), at: root.location)
      return []
    }
    guard let rulesNode = root["rules"] else {
      report(.notARuleFile(found: "no 'rules' key"), at: root.location)
      return []
    }
    for (key, _) in entries where key.scalar != "rules" {
      let name = key.scalar ?? key.kindName
      warn(
        .unknownOperator(
          name, place: "at the top of a rule file (ignored)",
          suggestion: closest(to: name, in: ["rules"])), at: key.location)
    }
    if rulesNode.isNull {
      reportNulls(rulesNode)
      return []
    }
    guard let items = rulesNode.sequence else {
      report(
        .wrongType(key: "rules", expected: "a list", found: rulesNode.kindName),
        at: rulesNode.location)
      return []
    }
    return items.compactMap { decodeRule($0) }
  }

  // MARK: - One rule

  static let patternKeys = ["pattern", "patterns", "pattern-either", "pattern-regex", "match"]
  static let oldTaintKeys = [
    "pattern-sources", "pattern-sinks", "pattern-sanitizers", "pattern-propagators",
  ]
  static let extractKeys = ["extract", "dest-language", "dest-rules", "transform", "reduce"]
  static let knownRuleKeys: Set<String> = Set(
    [
      "id", "message", "severity", "languages", "metadata", "fix", "fix-regex", "paths",
      "options", "min-version", "max-version", "version", "mode", "taint", "join", "validators",
      "r2c-internal-project-depends-on", "equivalences",
    ] + patternKeys + oldTaintKeys + extractKeys)
  /// In a fixed order, so that a typo as near to two keys gets the same suggestion every run.
  static let knownRuleKeysInOrder = knownRuleKeys.sorted()

  mutating func decodeRule(_ node: YAMLNode) -> Rule? {
    guard let entries = node.mapping else {
      report(
        .wrongType(key: "each rule", expected: "a mapping", found: node.kindName),
        at: node.location)
      return nil
    }
    let errorsBefore = errors.count
    reportNulls(node)
    var fields: [String: (key: YAMLNode, value: YAMLNode)] = [:]
    var unknown: [YAMLNode] = []
    for entry in entries {
      guard let name = entry.key.scalar else {
        report(
          .wrongType(key: "a rule key", expected: "a scalar", found: entry.key.kindName),
          at: entry.key.location)
        continue
      }
      fields[name] = entry
      if !Self.knownRuleKeys.contains(name) && !FormulaDecoder.operatorKeys.contains(name) {
        unknown.append(entry.key)
      }
    }
    let unknownNames = unknown.compactMap(\.scalar)
    func typo(for key: String) -> String? {
      unknownNames.first { closest(to: $0, in: [key]) != nil }
    }
    func required(_ key: String) -> YAMLNode? {
      if let value = fields[key]?.value { return value }
      report(.missingKey(key, in: "the rule", typo: typo(for: key)), at: node.location)
      return nil
    }

    let mode = decodeMode(fields)
    let id = required("id").flatMap { decodeID($0) } ?? ""
    let message: String
    let severity: Rule.Severity
    if mode == .extract {
      message = fields["message"].flatMap { string($0.value, key: "message") } ?? ""
      severity = fields["severity"].flatMap { decodeSeverity($0.value) } ?? .info
    } else {
      message = required("message").flatMap { string($0, key: "message") } ?? ""
      severity = required("severity").flatMap { decodeSeverity($0) } ?? .info
    }
    let languages: [Language]
    if mode == .join, fields["languages"] == nil {
      languages = []
    } else {
      languages = required("languages").map { decodeLanguages($0) } ?? []
    }
    let metadata = fields["metadata"].map { objectValue($0.value, key: "metadata") }
    let options = fields["options"].map { objectValue($0.value, key: "options") }
    let fix = fields["fix"].flatMap { string($0.value, key: "fix") }
    let fixRegex = fields["fix-regex"].flatMap { decodeFixRegex($0.value) }
    let paths = fields["paths"].map { decodePaths($0.value, key: "paths") } ?? PathFilter()
    let minVersion = fields["min-version"].flatMap { string($0.value, key: "min-version") }
    let maxVersion = fields["max-version"].flatMap { string($0.value, key: "max-version") }
    if let version = fields["version"] { _ = string(version.value, key: "version") }

    // Operators that belong inside a formula, written at the top of the rule.
    for entry in entries {
      guard let name = entry.key.scalar, FormulaDecoder.operatorKeys.contains(name),
        !Self.patternKeys.contains(name)
      else { continue }
      report(
        .misplacedOperator(
          name, place: "at the top level of a rule",
          hint: "put it in a 'patterns' list beside a positive pattern"),
        at: entry.key.location)
    }

    var formula: Formula?
    var taint: TaintSpec?
    var join: JSONValue?
    var extract: ExtractSpec?
    switch mode {
    case .search, .extract:
      formula = decodeTopFormula(fields, entries: entries, node: node, mode: mode, typo: typo)
      forbid(Self.oldTaintKeys + ["taint", "join"], in: fields, mode: mode)
      if mode == .search {
        forbid(Self.extractKeys, in: fields, mode: mode)
      } else {
        extract = decodeExtract(fields, node: node, typo: typo)
      }
    case .taint:
      forbid(Self.patternKeys + ["join"] + Self.extractKeys, in: fields, mode: mode)
      taint = decodeTaint(fields, node: node)
    case .join:
      forbid(
        Self.patternKeys + Self.oldTaintKeys + ["taint"] + Self.extractKeys, in: fields,
        mode: mode)
      join = required("join").map { jsonValue($0) }
    }
    for key in unknown {
      let name = key.scalar ?? ""
      warn(
        .unknownRuleKey(name, suggestion: closest(to: name, in: Self.knownRuleKeysInOrder)),
        at: key.location)
    }
    guard errors.count == errorsBefore else { return nil }
    return Rule(
      id: id, message: message, severity: severity, languages: languages,
      metadata: metadata ?? .object([:]), fix: fix, fixRegex: fixRegex, paths: paths,
      options: options ?? .object([:]), minVersion: minVersion, maxVersion: maxVersion,
      mode: mode, formula: formula, taint: taint, join: join, extract: extract,
      semgrepOnlyKeys: ["validators", "r2c-internal-project-depends-on"].filter {
        fields[$0] != nil
      },
      location: node.location)
  }

  private mutating func forbid(
    _ keys: [String], in fields: [String: (key: YAMLNode, value: YAMLNode)], mode: Rule.Mode
  ) {
    for key in keys {
      if let entry = fields[key] {
        report(.keyNotAllowedInMode(key, mode: mode.rawValue), at: entry.key.location)
      }
    }
  }

  private mutating func decodeMode(
    _ fields: [String: (key: YAMLNode, value: YAMLNode)]
  ) -> Rule.Mode {
    guard let node = fields["mode"]?.value else {
      return fields["taint"] != nil ? .taint : .search
    }
    guard let text = string(node, key: "mode") else { return .search }
    guard let mode = Rule.Mode(rawValue: text) else {
      report(.invalidMode(text), at: node.location)
      return .search
    }
    return mode
  }

  private mutating func decodeID(_ node: YAMLNode) -> String? {
    guard let id = string(node, key: "id") else { return nil }
    if !Self.isRuleID(id) {
      report(.invalidRuleID(id), at: node.location)
      return nil
    }
    return id
  }

  /// Whether `text` is a rule id semgrep accepts: letters, digits, `.`, `_` and `-`.
  static func isRuleID(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "." || $0 == "_" || $0 == "-"
      }
  }

  private mutating func decodeSeverity(_ node: YAMLNode) -> Rule.Severity? {
    guard let text = string(node, key: "severity") else { return nil }
    guard let severity = Rule.Severity(rawValue: text) else {
      report(.invalidSeverity(text), at: node.location)
      return nil
    }
    return severity
  }

  private mutating func decodeLanguages(_ node: YAMLNode) -> [Language] {
    guard let items = node.sequence else {
      report(
        .wrongType(key: "languages", expected: "a list", found: node.kindName), at: node.location)
      return []
    }
    if items.isEmpty { report(.noLanguages, at: node.location) }
    var languages: [Language] = []
    for item in items {
      guard let language = decodeLanguage(item, key: "languages") else { continue }
      if !languages.contains(language) { languages.append(language) }
    }
    return languages
  }

  mutating func decodeLanguage(_ node: YAMLNode, key: String) -> Language? {
    guard let name = string(node, key: key) else { return nil }
    guard let language = Language.named(name) else {
      report(
        .unknownLanguage(name, suggestion: closest(to: name, in: Language.spellings)),
        at: node.location)
      return nil
    }
    return language
  }

  private mutating func decodeFixRegex(_ node: YAMLNode) -> FixRegex? {
    guard
      let fields = keyed(
        node, key: "fix-regex", allowed: ["regex", "replacement", "count"],
        required: ["regex", "replacement"])
    else { return nil }
    guard let regexNode = fields["regex"], let regex = string(regexNode, key: "regex"),
      let replacement = fields["replacement"].flatMap({ string($0, key: "replacement") })
    else { return nil }
    checkRegex(regex, at: regexNode.location)
    var count: Int?
    if let countNode = fields["count"] { count = integer(countNode, key: "count") }
    return FixRegex(regex: regex, replacement: replacement, count: count, location: node.location)
  }

  mutating func decodePaths(_ node: YAMLNode, key: String) -> PathFilter {
    guard let fields = keyed(node, key: key, allowed: ["include", "exclude"], required: [])
    else { return PathFilter() }
    return PathFilter(
      include: fields["include"].map { strings($0, key: "include") } ?? [],
      exclude: fields["exclude"].map { strings($0, key: "exclude") } ?? [])
  }

  private mutating func decodeTopFormula(
    _ fields: [String: (key: YAMLNode, value: YAMLNode)],
    entries: [(key: YAMLNode, value: YAMLNode)], node: YAMLNode, mode: Rule.Mode,
    typo: (String) -> String?
  ) -> Formula? {
    let present = entries.filter { Self.patternKeys.contains($0.key.scalar ?? "") }
    guard let first = present.first else {
      if fields["r2c-internal-project-depends-on"] == nil {
        let misspelled = Self.patternKeys.compactMap { typo($0) }.first
        report(.noPatternKey(mode: mode.rawValue, typo: misspelled), at: node.location)
      }
      return nil
    }
    for extra in present.dropFirst() {
      report(
        .multiplePatternKeys(
          extra.key.scalar ?? "", first: first.key.scalar ?? "", firstLine: first.key.location.line
        ), at: extra.key.location)
    }
    let formula: Formula?
    if first.key.scalar == "match" {
      formula = decodeMatch(first.value)
    } else {
      formula = decodeOperator(
        first.key.scalar ?? "", key: first.key, value: first.value, place: .topLevel)
    }
    if let formula { checkBindings(formula) }
    return formula
  }

  private mutating func decodeExtract(
    _ fields: [String: (key: YAMLNode, value: YAMLNode)], node: YAMLNode,
    typo: (String) -> String?
  ) -> ExtractSpec? {
    func required(_ key: String) -> YAMLNode? {
      if let value = fields[key]?.value { return value }
      report(.missingKey(key, in: "an extract rule", typo: typo(key)), at: node.location)
      return nil
    }
    let metavariable = required("extract").flatMap { metavariableName($0, key: "extract") }
    let destination = required("dest-language").flatMap {
      decodeLanguage($0, key: "dest-language")
    }
    let rules = fields["dest-rules"].map { decodePaths($0.value, key: "dest-rules") }
    // dest-rules name rules by id, not by glob.
    for list in ["include", "exclude"] {
      for item in fields["dest-rules"]?.value[list]?.sequence ?? [] {
        if let id = item.scalar, !Self.isRuleID(id) {
          report(.invalidRuleID(id), at: item.location)
        }
      }
    }
    let transform = fields["transform"].flatMap {
      oneOf(
        $0.value, key: "transform",
        ["no_transform", "unquote_string", "concat_json_string_array"])
    }
    let reduce = fields["reduce"].flatMap {
      oneOf($0.value, key: "reduce", ["concat", "separate"])
    }
    guard let metavariable, let destination else { return nil }
    return ExtractSpec(
      metavariable: metavariable, destinationLanguage: destination,
      destinationRules: rules ?? PathFilter(), transform: transform, reduce: reduce)
  }

  private mutating func decodeTaint(
    _ fields: [String: (key: YAMLNode, value: YAMLNode)], node: YAMLNode
  ) -> TaintSpec? {
    if let spec = fields["taint"]?.value {
      for key in Self.oldTaintKeys {
        if let old = fields[key] {
          report(.keyNotAllowedInMode(key, mode: "taint: {…}-style"), at: old.key.location)
        }
      }
      return decodeNewTaint(spec)
    }
    return decodeOldTaint(fields, rule: node)
  }

  // MARK: - Scalars and plain values

  /// A scalar's text; reports anything else.
  mutating func string(_ node: YAMLNode, key: String) -> String? {
    if let text = node.scalar, !(node.isNull && text.isEmpty) { return text }
    let found = node.isNull ? "empty" : node.kindName
    report(.wrongType(key: key, expected: "a string", found: found), at: node.location)
    return nil
  }

  mutating func strings(_ node: YAMLNode, key: String) -> [String] {
    guard let items = node.sequence else {
      report(
        .wrongType(key: key, expected: "a list of strings", found: node.kindName), at: node.location
      )
      return []
    }
    return items.compactMap { string($0, key: key) }
  }

  mutating func integer(_ node: YAMLNode, key: String) -> Int? {
    if let value = node.integer { return value }
    report(.wrongType(key: key, expected: "an integer", found: describe(node)), at: node.location)
    return nil
  }

  mutating func boolean(_ node: YAMLNode, key: String) -> Bool? {
    if let value = node.bool { return value }
    report(
      .wrongType(key: key, expected: "true or false", found: describe(node)), at: node.location)
    return nil
  }

  mutating func oneOf(_ node: YAMLNode, key: String, _ choices: [String]) -> String? {
    guard let text = string(node, key: key) else { return nil }
    guard choices.contains(text) else {
      report(
        .wrongType(
          key: key, expected: "one of " + choices.joined(separator: ", "), found: "'\(text)'"),
        at: node.location)
      return nil
    }
    return text
  }

  private func describe(_ node: YAMLNode) -> String {
    if let text = node.scalar { return "'\(text)'" }
    return node.kindName
  }

  /// A metavariable name (`$X`, `$...X`, `$1`); reports anything else.
  mutating func metavariableName(_ node: YAMLNode, key: String) -> String? {
    guard let name = string(node, key: key) else { return nil }
    guard Metavariables.isName(name) else {
      report(.invalidMetavariableName(name), at: node.location)
      return nil
    }
    return name
  }

  /// A mapping's scalar-keyed fields, reporting unknown keys, missing ones, and other shapes.
  mutating func keyed(
    _ node: YAMLNode, key: String, allowed: [String], required: [String]
  ) -> [String: YAMLNode]? {
    let entries = node.fields(allowed: allowed) { problem in
      switch problem {
      case .notAMapping(let node):
        report(.wrongType(key: key, expected: "a mapping", found: node.kindName), at: node.location)
      case .keyNotText, .unknownKey:
        let name = problem.node.scalar ?? problem.node.kindName
        report(
          .unknownOperator(name, place: "in '\(key)'", suggestion: closest(to: name, in: allowed)),
          at: problem.node.location)
      case .repeatedKey, .notAList:
        // Only keys told apart by a tag are repeats here (the parser refuses the others): the
        // first is read.
        break
      }
    }
    guard let entries else { return nil }
    var fields: [String: YAMLNode] = [:]
    for (name, value) in entries { fields[name] = value }
    for name in required where fields[name] == nil {
      report(.missingKey(name, in: "'\(key)'", typo: nil), at: node.location)
    }
    return fields
  }

  /// `metadata` or `options`: any value, but a mapping at the top.
  mutating func objectValue(_ node: YAMLNode, key: String) -> JSONValue {
    if node.isNull { return .object([:]) }
    guard node.mapping != nil else {
      report(.wrongType(key: key, expected: "a mapping", found: node.kindName), at: node.location)
      return .object([:])
    }
    return jsonValue(node)
  }

  /// The bytes a plain scalar read as a floating-point number may hold.
  private static let numberBytes = Set("0123456789.eE+-".utf8)

  /// A node as JSON: plain scalars resolved as YAML's core schema does, quoted ones as strings.
  func jsonValue(_ node: YAMLNode) -> JSONValue {
    switch node.kind {
    case .scalar(let text, let plain):
      guard plain else { return .string(text) }
      if node.isNull { return .null }
      if let value = node.bool { return .bool(value) }
      if let value = Int(text) { return .integer(value) }
      // ASCII tests first: `Character.isNumber` on every metadata string was a hot spot.
      if text.utf8.allSatisfy({ Self.numberBytes.contains($0) }),
        text.utf8.contains(where: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
        let value = Double(text)
      {
        return .number(value)
      }
      return .string(text)
    case .sequence(let items):
      return .array(items.map { jsonValue($0) })
    case .mapping(let entries):
      var object: [String: JSONValue] = [:]
      for (key, value) in entries { object[key.scalar ?? "\(key.location)"] = jsonValue(value) }
      return .object(object)
    }
  }

  /// Reports a regex PCRE2 cannot compile as semgrep compiles it.
  mutating func checkRegex(_ regex: String, at location: SourceLocation) {
    if let reason = PCRE.problem(in: regex) {
      report(.invalidRegex(regex, reason: reason), at: location)
    }
  }
}
