import Rules

extension PatternLanguage {
  public static let bash = PatternLanguage(rawValue: "bash")
}

/// Shell scripts: `.sh` files and scripts of the usual shells.
enum BashLanguage {
  static let definition = LanguageDefinition(
    language: .bash, ruleLanguages: [.bash], extensions: ["sh", "bash"],
    interpreters: ["sh", "bash", "zsh", "dash", "ksh", "ash"], lineComments: ["#"],
    matcher: .structured,
    parse: { file, patternMode in
      var parser = BashParser(bytes: file.bytes, end: file.bytes.count, patternMode: patternMode)
      let root = parser.program()
      return parser.builder.tree(
        of: file, root: root, warnings: parser.warnings, importAliases: [:])
    })
}
