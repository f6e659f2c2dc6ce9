import Rules

extension PatternLanguage {
  public static let yaml = PatternLanguage(rawValue: "yaml")
}

/// YAML files: workflows, compose files, manifests.
enum YAMLLanguage {
  static let definition = LanguageDefinition(
    language: .yaml, ruleLanguages: [.yaml], extensions: ["yml", "yaml"], lineComments: ["#"],
    matcher: .structured,
    parse: { file, patternMode in YAMLParser.parse(file, patternMode: patternMode) })
}
