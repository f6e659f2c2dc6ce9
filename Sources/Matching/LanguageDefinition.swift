import Rules

/// Everything the engine knows about one language, in one value: its names, which files are
/// its own, its comment syntax and its parser.
///
/// Bash, Dockerfile and YAML are defined this way (each in its own folder); the older
/// languages still spread over `PatternLanguage`'s tables and will move here.
struct LanguageDefinition: Sendable {
  let language: PatternLanguage
  /// The rule languages (`languages:` entries) it runs.
  let ruleLanguages: Set<Language>
  /// File extensions, lower case, without the dot.
  let extensions: Set<String>
  /// Whole file names (lower case) that are this language whatever their extension.
  let fileNames: Set<String>
  /// Programs a `#!` line may name.
  let interpreters: Set<String>
  /// What starts a comment running to the end of the line.
  let lineComments: [String]
  /// Parses a file, or a pattern with `patternMode`.
  let parse: @Sendable (SourceFile, _ patternMode: Bool) -> SyntaxTree

  /// The languages defined in one place, one line each.
  static let all: [LanguageDefinition] = [
    BashLanguage.definition, DockerfileLanguage.definition, YAMLLanguage.definition,
  ]

  static let byLanguage: [PatternLanguage: LanguageDefinition] = {
    var table: [PatternLanguage: LanguageDefinition] = [:]
    for definition in all { table[definition.language] = definition }
    return table
  }()

  /// The defined language a file is, by its whole name (`Dockerfile`) or its extension.
  static func ofFile(name: String) -> PatternLanguage? {
    let lower = name.lowercased()
    if let found = all.first(where: { $0.fileNames.contains(lower) }) { return found.language }
    guard let dot = lower.lastIndex(of: ".") else { return nil }
    let ext = lower[lower.index(after: dot)...]
    return all.first { $0.extensions.contains(String(ext)) }?.language
  }

  /// The defined language a `#!` program runs, if any.
  static func ofInterpreter(_ name: String) -> PatternLanguage? {
    all.first { $0.interpreters.contains(name) }?.language
  }
}
