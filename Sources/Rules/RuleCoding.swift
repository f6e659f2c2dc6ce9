/// Loaded rules written as bytes and read back, for `RuleCache`: every rule, error and warning
/// of a set of rule files, exactly as decoding the YAML gave them.
///
/// The format is aigate's own and private to one build: variable-length integers, and each
/// string written once and referred to by number afterwards (a rule set repeats its file path
/// in every location). Reading checks every count, tag and bound, so bytes that are not a
/// complete entry written by `RuleWriter` are refused with `RuleCoding.Corrupt`, never trusted.
enum RuleCoding {
  /// Why bytes are not a rule set this build wrote.
  struct Corrupt: Error, Equatable {
    let reason: String
  }

  /// How deeply formulas and metadata may nest in an entry: far deeper than any rule file
  /// writes, and shallow enough that reading never runs out of stack.
  static let maxDepth = 200

  /// What a set of rule files loaded to, before ids are qualified.
  struct Loaded: Equatable {
    var rules: [Rule]
    var errors: [SourceDiagnostic]
    var warnings: [SourceDiagnostic]
  }

  /// `loaded` as bytes; nil when it nests deeper than `maxDepth` (such a set is not kept).
  static func encode(_ loaded: Loaded) -> [UInt8]? {
    var writer = RuleWriter()
    do {
      writer.count(loaded.rules.count)
      for rule in loaded.rules { try writer.rule(rule) }
      for list in [loaded.errors, loaded.warnings] {
        writer.count(list.count)
        for diagnostic in list { writer.diagnostic(diagnostic) }
      }
    } catch {
      return nil
    }
    return writer.bytes
  }

  /// The rule set `bytes` hold; throws for anything `encode` did not write.
  static func decode(_ bytes: [UInt8]) throws(Corrupt) -> Loaded {
    var reader = RuleReader(bytes)
    let ruleCount = try reader.count()
    var rules: [Rule] = []
    rules.reserveCapacity(ruleCount)
    for _ in 0..<ruleCount { rules.append(try reader.rule()) }
    var lists: [[SourceDiagnostic]] = []
    for _ in 0..<2 {
      let count = try reader.count()
      var list: [SourceDiagnostic] = []
      for _ in 0..<count { list.append(try reader.diagnostic()) }
      lists.append(list)
    }
    guard reader.atEnd else { throw Corrupt(reason: "bytes after the rule set") }
    return Loaded(rules: rules, errors: lists[0], warnings: lists[1])
  }
}

/// Writes rule values as `RuleReader` reads them.
struct RuleWriter {
  private(set) var bytes: [UInt8] = []
  /// The number of each string written so far.
  private var numbers: [String: UInt64] = [:]
  private var depth = 0

  /// Too deep to write: the set is not kept.
  struct TooDeep: Error {}

  mutating func unsigned(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  mutating func count(_ value: Int) { unsigned(UInt64(value)) }

  /// A signed integer, zigzag-coded so small negative numbers stay short.
  mutating func integer(_ value: Int) {
    let wide = Int64(value)
    unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
  }

  mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

  /// A string: its bytes the first time, its number after.
  mutating func string(_ text: String) {
    if let number = numbers[text] {
      unsigned(number << 1 | 1)
      return
    }
    numbers[text] = UInt64(numbers.count)
    let utf8 = text.utf8
    unsigned(UInt64(utf8.count) << 1)
    bytes.append(contentsOf: utf8)
  }

  mutating func optionalString(_ text: String?) {
    flag(text != nil)
    if let text { string(text) }
  }

  mutating func strings(_ texts: [String]) {
    count(texts.count)
    for text in texts { string(text) }
  }

  mutating func location(_ location: SourceLocation) {
    string(location.file)
    integer(location.line)
    integer(location.column)
  }

  mutating func diagnostic(_ diagnostic: SourceDiagnostic) {
    string(diagnostic.message)
    location(diagnostic.location)
    string(diagnostic.severity.rawValue)
    optionalString(diagnostic.sourceLine)
  }

  mutating func paths(_ filter: PathFilter) {
    strings(filter.include)
    strings(filter.exclude)
  }

  mutating func rule(_ rule: Rule) throws(TooDeep) {
    string(rule.id)
    string(rule.bareID)
    string(rule.message)
    string(rule.severity.rawValue)
    count(rule.languages.count)
    for language in rule.languages { string(language.rawValue) }
    try json(rule.metadata)
    optionalString(rule.fix)
    flag(rule.fixRegex != nil)
    if let fix = rule.fixRegex {
      string(fix.regex)
      string(fix.replacement)
      flag(fix.count != nil)
      if let count = fix.count { integer(count) }
      location(fix.location)
    }
    paths(rule.paths)
    try json(rule.options)
    optionalString(rule.minVersion)
    optionalString(rule.maxVersion)
    string(rule.mode.rawValue)
    flag(rule.formula != nil)
    if let formula = rule.formula { try self.formula(formula) }
    flag(rule.taint != nil)
    if let taint = rule.taint {
      for items in [taint.sources, taint.sinks, taint.sanitizers, taint.propagators] {
        count(items.count)
        for item in items {
          try formula(item.formula)
          try object(item.options)
        }
      }
    }
    flag(rule.join != nil)
    if let join = rule.join { try json(join) }
    flag(rule.extract != nil)
    if let extract = rule.extract {
      string(extract.metavariable)
      string(extract.destinationLanguage.rawValue)
      paths(extract.destinationRules)
      optionalString(extract.transform)
      optionalString(extract.reduce)
    }
    strings(rule.semgrepOnlyKeys)
    location(rule.location)
  }

  private mutating func enter() throws(TooDeep) {
    depth += 1
    guard depth <= RuleCoding.maxDepth else { throw TooDeep() }
  }

  mutating func formula(_ formula: Formula) throws(TooDeep) {
    try enter()
    defer { depth -= 1 }
    switch formula {
    case .pattern(let text, let at):
      count(0)
      string(text)
      location(at)
    case .regex(let text, let at):
      count(1)
      string(text)
      location(at)
    case .all(let conjunction):
      count(2)
      count(conjunction.terms.count)
      for term in conjunction.terms { try self.formula(term) }
      count(conjunction.conditions.count)
      for condition in conjunction.conditions { try self.condition(condition) }
      count(conjunction.focus.count)
      for focus in conjunction.focus {
        strings(focus.names)
        location(focus.location)
      }
      location(conjunction.location)
    case .any(let branches, let at):
      count(3)
      count(branches.count)
      for branch in branches { try self.formula(branch) }
      location(at)
    case .not(let inner, let at):
      count(4)
      try self.formula(inner)
      location(at)
    case .inside(let inner, let at):
      count(5)
      try self.formula(inner)
      location(at)
    case .anywhere(let inner, let at):
      count(6)
      try self.formula(inner)
      location(at)
    }
  }

  private mutating func optionalLanguage(_ language: Language?) {
    optionalString(language?.rawValue)
  }

  mutating func condition(_ condition: Condition) throws(TooDeep) {
    switch condition {
    case .metavariableRegex(let name, let regex, let constantPropagation, let at):
      count(0)
      string(name)
      string(regex)
      flag(constantPropagation)
      location(at)
    case .metavariablePattern(let name, let language, let formula, let at):
      count(1)
      string(name)
      optionalLanguage(language)
      try self.formula(formula)
      location(at)
    case .metavariableComparison(let name, let comparison, let base, let strip, let at):
      count(2)
      optionalString(name)
      string(comparison)
      flag(base != nil)
      if let base { integer(base) }
      flag(strip != nil)
      if let strip { flag(strip) }
      location(at)
    case .metavariableAnalysis(let name, let analyzer, let at):
      count(3)
      string(name)
      try json(analyzer)
      location(at)
    case .metavariableType(let name, let types, let language, let at):
      count(4)
      string(name)
      strings(types)
      optionalLanguage(language)
      location(at)
    case .metavariableName(let name, let details, let at):
      count(5)
      string(name)
      try json(details)
      location(at)
    }
  }

  /// An object's members in key order, so that one rule set always gives the same bytes.
  private mutating func object(_ members: [String: JSONValue]) throws(TooDeep) {
    count(members.count)
    for (key, value) in members.sorted(by: { $0.key < $1.key }) {
      string(key)
      try json(value)
    }
  }

  mutating func json(_ value: JSONValue) throws(TooDeep) {
    try enter()
    defer { depth -= 1 }
    switch value {
    case .null:
      count(0)
    case .bool(let flag):
      count(flag ? 2 : 1)
    case .integer(let number):
      count(3)
      integer(number)
    case .number(let number):
      count(4)
      unsigned(number.bitPattern)
    case .string(let text):
      count(5)
      string(text)
    case .array(let items):
      count(6)
      count(items.count)
      for item in items { try json(item) }
    case .object(let members):
      count(7)
      try object(members)
    }
  }
}

/// Reads what `RuleWriter` wrote, refusing anything else.
struct RuleReader {
  private let bytes: [UInt8]
  private var offset = 0
  /// The strings read so far, by number.
  private var strings: [String] = []
  private var depth = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  var atEnd: Bool { offset == bytes.count }

  private func corrupt(_ reason: String) -> RuleCoding.Corrupt {
    RuleCoding.Corrupt(reason: "\(reason) at byte \(offset)")
  }

  mutating func unsigned() throws(RuleCoding.Corrupt) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw corrupt("an integer runs past the end") }
      let byte = bytes[offset]
      offset += 1
      guard shift < 64, shift < 63 || byte <= 1 else { throw corrupt("an integer too long") }
      value |= UInt64(byte & 0x7f) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  /// A count of things still to read: each takes at least a byte, so a count beyond the bytes
  /// left is refused before anything is allocated for it.
  mutating func count() throws(RuleCoding.Corrupt) -> Int {
    let value = try unsigned()
    guard value <= UInt64(bytes.count - offset) else { throw corrupt("a count beyond the end") }
    return Int(value)
  }

  /// Which case of an enum follows.
  mutating func tag() throws(RuleCoding.Corrupt) -> UInt64 {
    let value = try unsigned()
    guard value < 16 else { throw corrupt("an unknown tag") }
    return value
  }

  /// A line or column number.
  mutating func place() throws(RuleCoding.Corrupt) -> Int {
    let value = try integer()
    guard abs(value) <= Int(Int32.max) else { throw corrupt("a line or column out of range") }
    return value
  }

  mutating func integer() throws(RuleCoding.Corrupt) -> Int {
    let coded = try unsigned()
    let value = Int64(bitPattern: coded >> 1) ^ -Int64(bitPattern: coded & 1)
    guard let number = Int(exactly: value) else { throw corrupt("an integer out of range") }
    return number
  }

  mutating func flag() throws(RuleCoding.Corrupt) -> Bool {
    guard offset < bytes.count else { throw corrupt("a flag past the end") }
    let byte = bytes[offset]
    offset += 1
    guard byte <= 1 else { throw corrupt("a flag that is neither 0 nor 1") }
    return byte == 1
  }

  mutating func string() throws(RuleCoding.Corrupt) -> String {
    let coded = try unsigned()
    if coded & 1 == 1 {
      guard coded >> 1 < UInt64(strings.count) else { throw corrupt("an unknown string number") }
      return strings[Int(coded >> 1)]
    }
    guard coded >> 1 <= UInt64(bytes.count - offset) else {
      throw corrupt("a string beyond the end")
    }
    let end = offset + Int(coded >> 1)
    guard let text = String(validating: bytes[offset..<end], as: UTF8.self) else {
      throw corrupt("a string that is not UTF-8")
    }
    offset = end
    strings.append(text)
    return text
  }

  mutating func optionalString() throws(RuleCoding.Corrupt) -> String? {
    try flag() ? try string() : nil
  }

  mutating func stringList() throws(RuleCoding.Corrupt) -> [String] {
    let count = try self.count()
    var texts: [String] = []
    texts.reserveCapacity(count)
    for _ in 0..<count { texts.append(try string()) }
    return texts
  }

  /// A value of a `String`-backed enum, by its raw value.
  mutating func named<Value: RawRepresentable>(_: Value.Type) throws(RuleCoding.Corrupt) -> Value
  where Value.RawValue == String {
    let text = try string()
    guard let value = Value(rawValue: text) else { throw corrupt("an unknown name '\(text)'") }
    return value
  }

  mutating func location() throws(RuleCoding.Corrupt) -> SourceLocation {
    let file = try string()
    let line = try place()
    let column = try place()
    return SourceLocation(file: file, line: line, column: column)
  }

  mutating func diagnostic() throws(RuleCoding.Corrupt) -> SourceDiagnostic {
    let message = try string()
    let location = try self.location()
    let severity = try named(SourceDiagnostic.Severity.self)
    let line = try optionalString()
    return SourceDiagnostic(message, at: location, severity: severity, sourceLine: line)
  }

  mutating func paths() throws(RuleCoding.Corrupt) -> PathFilter {
    let include = try stringList()
    return PathFilter(include: include, exclude: try stringList())
  }

  mutating func rule() throws(RuleCoding.Corrupt) -> Rule {
    let id = try string()
    let bareID = try string()
    let message = try string()
    let severity = try named(Rule.Severity.self)
    let languageCount = try count()
    var languages: [Language] = []
    for _ in 0..<languageCount { languages.append(try named(Language.self)) }
    let metadata = try json()
    let fix = try optionalString()
    var fixRegex: FixRegex?
    if try flag() {
      let regex = try string()
      let replacement = try string()
      let count = try flag() ? try integer() : nil
      fixRegex = FixRegex(
        regex: regex, replacement: replacement, count: count, location: try location())
    }
    let paths = try self.paths()
    let options = try json()
    let minVersion = try optionalString()
    let maxVersion = try optionalString()
    let mode = try named(Rule.Mode.self)
    let formula = try flag() ? try self.formula() : nil
    var taint: TaintSpec?
    if try flag() {
      var lists: [[TaintSpec.Item]] = []
      for _ in 0..<4 {
        let count = try self.count()
        var items: [TaintSpec.Item] = []
        for _ in 0..<count {
          let formula = try self.formula()
          items.append(TaintSpec.Item(formula: formula, options: try object()))
        }
        lists.append(items)
      }
      taint = TaintSpec(
        sources: lists[0], sinks: lists[1], sanitizers: lists[2], propagators: lists[3])
    }
    let join = try flag() ? try json() : nil
    var extract: ExtractSpec?
    if try flag() {
      let metavariable = try string()
      let destination = try named(Language.self)
      let rules = try self.paths()
      let transform = try optionalString()
      extract = ExtractSpec(
        metavariable: metavariable, destinationLanguage: destination, destinationRules: rules,
        transform: transform, reduce: try optionalString())
    }
    let semgrepOnlyKeys = try stringList()
    var rule = Rule(
      id: id, message: message, severity: severity, languages: languages, metadata: metadata,
      fix: fix, fixRegex: fixRegex, paths: paths, options: options, minVersion: minVersion,
      maxVersion: maxVersion, mode: mode, formula: formula, taint: taint, join: join,
      extract: extract, semgrepOnlyKeys: semgrepOnlyKeys, location: try location())
    rule.bareID = bareID
    return rule
  }

  private mutating func enter() throws(RuleCoding.Corrupt) {
    depth += 1
    guard depth <= RuleCoding.maxDepth else { throw corrupt("nesting too deep") }
  }

  mutating func formula() throws(RuleCoding.Corrupt) -> Formula {
    try enter()
    defer { depth -= 1 }
    switch try tag() {
    case 0:
      let text = try string()
      return .pattern(text, at: try location())
    case 1:
      let text = try string()
      return .regex(text, at: try location())
    case 2:
      let termCount = try count()
      var terms: [Formula] = []
      for _ in 0..<termCount { terms.append(try formula()) }
      let conditionCount = try count()
      var conditions: [Condition] = []
      for _ in 0..<conditionCount { conditions.append(try condition()) }
      let focusCount = try count()
      var focus: [Focus] = []
      for _ in 0..<focusCount {
        let names = try stringList()
        focus.append(Focus(names: names, location: try location()))
      }
      return .all(
        Conjunction(terms: terms, conditions: conditions, focus: focus, location: try location()))
    case 3:
      let branchCount = try count()
      var branches: [Formula] = []
      for _ in 0..<branchCount { branches.append(try formula()) }
      return .any(branches, at: try location())
    case 4:
      let inner = try formula()
      return .not(inner, at: try location())
    case 5:
      let inner = try formula()
      return .inside(inner, at: try location())
    case 6:
      let inner = try formula()
      return .anywhere(inner, at: try location())
    default:
      throw corrupt("an unknown formula")
    }
  }

  private mutating func optionalLanguage() throws(RuleCoding.Corrupt) -> Language? {
    try flag() ? try named(Language.self) : nil
  }

  mutating func condition() throws(RuleCoding.Corrupt) -> Condition {
    switch try tag() {
    case 0:
      let name = try string()
      let regex = try string()
      let constantPropagation = try flag()
      return .metavariableRegex(
        name: name, regex: regex, constantPropagation: constantPropagation, at: try location())
    case 1:
      let name = try string()
      let language = try optionalLanguage()
      let formula = try self.formula()
      return .metavariablePattern(
        name: name, language: language, formula: formula, at: try location())
    case 2:
      let name = try optionalString()
      let comparison = try string()
      let base = try flag() ? try integer() : nil
      let strip = try flag() ? try flag() : nil
      return .metavariableComparison(
        name: name, comparison: comparison, base: base, strip: strip, at: try location())
    case 3:
      let name = try string()
      let analyzer = try json()
      return .metavariableAnalysis(name: name, analyzer: analyzer, at: try location())
    case 4:
      let name = try string()
      let types = try stringList()
      let language = try optionalLanguage()
      return .metavariableType(name: name, types: types, language: language, at: try location())
    case 5:
      let name = try string()
      let details = try json()
      return .metavariableName(name: name, details: details, at: try location())
    default:
      throw corrupt("an unknown condition")
    }
  }

  private mutating func object() throws(RuleCoding.Corrupt) -> [String: JSONValue] {
    let count = try self.count()
    var members: [String: JSONValue] = [:]
    members.reserveCapacity(count)
    for _ in 0..<count {
      let key = try string()
      guard members.updateValue(try json(), forKey: key) == nil else {
        throw corrupt("a key written twice")
      }
    }
    return members
  }

  mutating func json() throws(RuleCoding.Corrupt) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    switch try tag() {
    case 0: return .null
    case 1: return .bool(false)
    case 2: return .bool(true)
    case 3: return .integer(try integer())
    case 4: return .number(Double(bitPattern: try unsigned()))
    case 5: return .string(try string())
    case 6:
      let count = try self.count()
      var items: [JSONValue] = []
      items.reserveCapacity(count)
      for _ in 0..<count { items.append(try json()) }
      return .array(items)
    case 7: return .object(try object())
    default: throw corrupt("an unknown value")
    }
  }
}
