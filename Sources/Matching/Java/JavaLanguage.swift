import Rules

extension PatternLanguage {
  public static let java = PatternLanguage(rawValue: "java")
}

/// Java source files.
enum JavaLanguage {
  static let definition = LanguageDefinition(
    language: .java, ruleLanguages: [.java], extensions: ["java"], lineComments: ["//"],
    blockComments: [("/*", "*/")], matcher: .tree,
    parse: { file, patternMode in JavaParser.parse(file, patternMode: patternMode) })
}
