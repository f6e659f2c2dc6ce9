import Rules

extension PatternLanguage {
  /// JavaScript with JSX.
  public static let javascript = PatternLanguage(rawValue: "javascript")
  /// TypeScript with TSX; JavaScript rules run on its files too.
  public static let typescript = PatternLanguage(rawValue: "typescript")
}

/// JavaScript with JSX: `.js` files and `node` scripts.
enum JavaScriptLanguage {
  static let definition = LanguageDefinition(
    language: .javascript, ruleLanguages: [.javascript], extensions: ["js", "jsx", "mjs", "cjs"],
    interpreters: ["node"], lineComments: ["//"], blockComments: [("/*", "*/")], matcher: .tree,
    parse: { file, patternMode in
      JavaScriptParser.parse(file, dialect: .javascript, patternMode: patternMode)
    })
}

/// TypeScript with TSX, which semgrep also runs JavaScript rules on.
enum TypeScriptLanguage {
  static let definition = LanguageDefinition(
    language: .typescript, ruleLanguages: [.typescript], extensions: ["ts", "tsx", "mts", "cts"],
    lineComments: ["//"], blockComments: [("/*", "*/")], alsoRuns: [.javascript], matcher: .tree,
    parse: { file, patternMode in JavaScriptParser.parseTypeScript(file, patternMode: patternMode) }
  )
}
