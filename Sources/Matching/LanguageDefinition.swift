import Rules

/// Everything the engine knows about one language, in one value: its names, which files are
/// its own, its comment syntax, its parser and the matching hooks only it needs.
///
/// Each language keeps its definition in its own folder (`Python/PythonLanguage.swift`, …),
/// together with the `PatternLanguage` name it is known by; the rest of the engine, the gate's
/// file selection and the suppression scanner read these values, so adding a language is a new
/// folder plus one line in `all`.
public struct LanguageDefinition: Sendable {
  /// How the engine matches a language's patterns.
  enum MatcherKind: Sendable {
    /// `TreeMatcher`: statements, expressions, imports and the rest of a program's tree.
    case tree
    /// `StructuredMatcher`: commands, instructions and mappings (bash, Dockerfile, YAML).
    case structured
  }

  public let language: PatternLanguage
  /// The rule languages (`languages:` entries) it runs.
  public let ruleLanguages: Set<Language>
  /// File extensions, lower case, without the dot.
  public let extensions: Set<String>
  /// Whole file names (lower case) that are this language whatever their extension.
  public let fileNames: Set<String>
  /// Starts of file names (lower case) semgrep may also read as this language
  /// (`Dockerfile.prod`): the gate counts them when it decides whether semgrep has to run,
  /// while aigate's own engine reads only `fileNames` and `extensions`.
  public let fileNamePrefixes: Set<String>
  /// Programs a `#!` line may name.
  public let interpreters: Set<String>
  /// What starts a comment running to the end of the line.
  public let lineComments: [String]
  /// What opens and closes a comment that may span lines.
  public let blockComments: [(open: String, close: String)]
  /// Other languages whose rules semgrep also runs on this language's files, best first
  /// (JavaScript rules on TypeScript).
  public let alsoRuns: [PatternLanguage]
  /// Parses a file, or a pattern with `patternMode`.
  let parse: @Sendable (SourceFile, _ patternMode: Bool) -> SyntaxTree
  let matcher: MatcherKind
  /// Words a pattern's text surely requires in a file, read without parsing it, so rules can
  /// be ruled out before they are compiled; nil when the language has no such reading.
  let requiredWords: (@Sendable (String) -> Set<String>)?
  /// Whether the tree matcher first looks up where the names a pattern requires occur
  /// (`NamePlaces`), which pays off for languages whose files are matched by many rules.
  let indexesNames: Bool

  init(
    language: PatternLanguage, ruleLanguages: Set<Language>, extensions: Set<String>,
    fileNames: Set<String> = [], fileNamePrefixes: Set<String> = [],
    interpreters: Set<String> = [], lineComments: [String],
    blockComments: [(open: String, close: String)] = [], alsoRuns: [PatternLanguage] = [],
    matcher: MatcherKind, requiredWords: (@Sendable (String) -> Set<String>)? = nil,
    indexesNames: Bool = false,
    parse: @escaping @Sendable (SourceFile, _ patternMode: Bool) -> SyntaxTree
  ) {
    self.language = language
    self.ruleLanguages = ruleLanguages
    self.extensions = extensions
    self.fileNames = fileNames
    self.fileNamePrefixes = fileNamePrefixes
    self.interpreters = interpreters
    self.lineComments = lineComments
    self.blockComments = blockComments
    self.alsoRuns = alsoRuns
    self.matcher = matcher
    self.requiredWords = requiredWords
    self.indexesNames = indexesNames
    self.parse = parse
  }

  /// Every language the engine parses, one line each.
  public static let all: [LanguageDefinition] = [
    PythonLanguage.definition,
    JavaLanguage.definition,
    GoLanguage.definition,
    JavaScriptLanguage.definition,
    TypeScriptLanguage.definition,
    BashLanguage.definition,
    DockerfileLanguage.definition,
    YAMLLanguage.definition,
  ]

  static let byLanguage: [PatternLanguage: LanguageDefinition] = {
    var table: [PatternLanguage: LanguageDefinition] = [:]
    for definition in all { table[definition.language] = definition }
    return table
  }()

  /// The definition of the language that runs rules written for `language`, if any.
  public static func serving(_ language: Language) -> LanguageDefinition? {
    all.first { $0.ruleLanguages.contains(language) }
  }

  /// The defined language a file is, by its whole name (`Dockerfile`) or its extension.
  static func ofFile(name: String) -> PatternLanguage? {
    let lower = name.lowercased()
    if let found = all.first(where: { $0.fileNames.contains(lower) }) { return found.language }
    guard let dot = lower.lastIndex(of: ".") else { return nil }
    let ext = lower[lower.index(after: dot)...]
    return all.first { $0.extensions.contains(String(ext)) }?.language
  }

  /// The definition whose interpreter a `#!` line runs (`python3.12` or its base `python`).
  public static func ofShebang(_ bytes: some Collection<UInt8>) -> LanguageDefinition? {
    guard let program = PatternLanguage.shebangProgram(bytes) else { return nil }
    return all.first { $0.interpreters.contains(program.name) }
      ?? all.first { $0.interpreters.contains(program.base) }
  }

  /// The pattern languages whose rules run on a file of this language, best first.
  var rulesRunningHere: [PatternLanguage] { [language] + alsoRuns }

  /// Whether the file named `name` (lower case, no folder) is this language by its name or
  /// extension, or by a name semgrep may also read as it.
  public func mayBeFile(named lower: String) -> Bool {
    if fileNames.contains(lower) || fileNamePrefixes.contains(where: { lower.hasPrefix($0) }) {
      return true
    }
    guard let dot = lower.lastIndex(of: ".") else { return false }
    return extensions.contains(String(lower[lower.index(after: dot)...]))
  }

  /// What starts a comment in any defined language (`#`, `//`, `/*`), longest first.
  public static let commentOpeners: [String] = {
    var openers = Set<String>()
    for definition in all {
      openers.formUnion(definition.lineComments)
      openers.formUnion(definition.blockComments.map(\.open))
    }
    return openers.sorted { ($0.count, $0) > ($1.count, $1) }
  }()
}
