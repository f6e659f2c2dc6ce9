import Rules

extension PatternLanguage {
  public static let dockerfile = PatternLanguage(rawValue: "dockerfile")
}

/// Dockerfiles, by name (`Dockerfile`, `Containerfile`) or by extension (`app.dockerfile`).
enum DockerfileLanguage {
  static let definition = LanguageDefinition(
    language: .dockerfile, ruleLanguages: [.dockerfile], extensions: ["dockerfile"],
    fileNames: ["dockerfile", "containerfile"],
    fileNamePrefixes: ["dockerfile", "containerfile"], lineComments: ["#"],
    matcher: .structured,
    parse: { file, patternMode in DockerfileParser.parse(file, patternMode: patternMode) })
}
