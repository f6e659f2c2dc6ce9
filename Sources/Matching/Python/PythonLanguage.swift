import Rules

extension PatternLanguage {
  public static let python = PatternLanguage(rawValue: "python")
}

/// Python, as semgrep reads it: Python 2 and 3 rules, `.py` files and `python` scripts.
enum PythonLanguage {
  static let definition = LanguageDefinition(
    language: .python, ruleLanguages: [.python, .python2, .python3],
    extensions: ["py", "pyi", "pyw"], interpreters: ["python", "python2", "python3"],
    lineComments: ["#"], matcher: .tree, requiredWords: { PythonWords.required(by: $0) },
    indexesNames: true,
    parse: { file, patternMode in PythonParser.parse(file, patternMode: patternMode) })
}
