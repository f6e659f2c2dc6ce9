import Rules

extension PatternLanguage {
  public static let go = PatternLanguage(rawValue: "go")
}

/// Go source files.
enum GoLanguage {
  static let definition = LanguageDefinition(
    language: .go, ruleLanguages: [.go], extensions: ["go"], lineComments: ["//"],
    blockComments: [("/*", "*/")], matcher: .tree,
    parse: { file, patternMode in GoParser.parse(file, patternMode: patternMode) })
}
