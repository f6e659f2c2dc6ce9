import Rules

/// Languages a pattern can be written in.
///
/// Adding a tree language touches only this file's tables: its case, its parser in
/// `LanguageParsers.parse`, its file extensions, and the rule languages it serves.
public enum PatternLanguage: String, Sendable, CaseIterable {
  case python
  case java
  case go
  /// JavaScript with JSX.
  case javascript
  /// TypeScript with TSX; JavaScript rules run on its files too.
  case typescript
  /// semgrep's `generic` mode: tokens, brackets and `...`, for any text.
  case generic
  /// semgrep's `regex` language: the pattern is a regular expression.
  case regex
  /// Defined in one place each (`LanguageDefinition`).
  case bash, dockerfile, yaml

  /// Whether patterns and files of this language are parsed into syntax trees.
  public var isTree: Bool {
    switch self {
    case .generic, .regex: return false
    default: return true
    }
  }

  /// The pattern language the engine uses for a rule's `language`, or nil when it has none.
  public static func serving(_ language: Language) -> PatternLanguage? {
    switch language {
    case .python, .python2, .python3: return .python
    case .java: return .java
    case .go: return .go
    case .javascript: return .javascript
    case .typescript: return .typescript
    case .generic: return .generic
    case .regex: return .regex
    default: return LanguageDefinition.all.first { $0.ruleLanguages.contains(language) }?.language
    }
  }

  /// Every rule language the engine can run.
  public static var ruleLanguages: Set<Language> {
    Set(Language.allCases.filter { serving($0) != nil })
  }

  /// File extensions (lower case, no dot) parsed as each tree language, as semgrep maps them.
  static let extensions: [PatternLanguage: Set<String>] = [
    .python: ["py", "pyi", "pyw"],
    .java: ["java"],
    .go: ["go"],
    .javascript: ["js", "jsx", "mjs", "cjs"],
    .typescript: ["ts", "tsx", "mts", "cts"],
  ]

  /// The tree language a file is parsed as, from its extension; nil for other files.
  public static func ofFile(extension ext: String) -> PatternLanguage? {
    let lower = ext.lowercased()
    return extensionTable[lower] ?? LanguageDefinition.ofFile(name: "." + lower)
  }

  /// Interpreters named on a script's `#!` line, for executable files without an extension,
  /// which semgrep reads by their interpreter.
  static let interpreters: [String: PatternLanguage] = [
    "python": .python, "python2": .python, "python3": .python,
  ]

  /// The tree language a `#!` line names (`#!/usr/bin/env python3`), if any.
  public static func ofShebang(_ bytes: [UInt8]) -> PatternLanguage? {
    shebangProgram(bytes).flatMap {
      interpreters[$0.name] ?? interpreters[$0.base] ?? LanguageDefinition.ofInterpreter($0.name)
        ?? LanguageDefinition.ofInterpreter($0.base)
    }
  }

  /// The program a `#!` line runs (`python3.12` for `#!/usr/bin/env -S python3.12 -u`), and
  /// its name without a version (`python`); nil when the bytes do not start with `#!`.
  public static func shebangProgram(_ bytes: some Collection<UInt8>) -> (
    name: String, base: String
  )? {
    guard bytes.starts(with: Array("#!".utf8)) else { return nil }
    let line = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }
    let words = String(decoding: line, as: UTF8.self).split(whereSeparator: {
      $0 == " " || $0 == "\t" || $0 == "\r"
    })
    guard let first = words.first else { return nil }
    var program = first.split(separator: "/").last.map(String.init) ?? ""
    if program == "env" {
      // `env [-S] [NAME=value…] interpreter`
      guard let named = words.dropFirst().first(where: { !$0.hasPrefix("-") && !$0.contains("=") })
      else { return nil }
      program = String(named)
    }
    return (program, String(program.prefix { !$0.isNumber && $0 != "." }))
  }

  private static let extensionTable: [String: PatternLanguage] = {
    var table: [String: PatternLanguage] = [:]
    for (language, names) in extensions {
      for name in names { table[name] = language }
    }
    return table
  }()

  /// The pattern languages whose rules run on a file of this language, best first: a file's
  /// own language, then languages semgrep also runs on it (JavaScript rules on TypeScript).
  var rulesRunningHere: [PatternLanguage] {
    switch self {
    case .typescript: return [.typescript, .javascript]
    default: return [self]
    }
  }
}

/// The parsers of tree languages.
enum LanguageParsers {
  /// Parses `file` as `language` (a tree language); `patternMode` accepts `$X`, `...` and the
  /// other pattern operators.
  static func parse(_ file: SourceFile, language: PatternLanguage, patternMode: Bool) -> SyntaxTree
  {
    switch language {
    case .java:
      return JavaParser.parse(file, patternMode: patternMode)
    case .python, .generic, .regex:
      return PythonParser.parse(file, patternMode: patternMode)
    case .go:
      return GoParser.parse(file, patternMode: patternMode)
    case .javascript:
      return JavaScriptParser.parse(file, dialect: .javascript, patternMode: patternMode)
    case .typescript:
      return JavaScriptParser.parseTypeScript(file, patternMode: patternMode)
    case .bash: return BashLanguage.definition.parse(file, patternMode)
    case .dockerfile: return DockerfileLanguage.definition.parse(file, patternMode)
    case .yaml: return YAMLLanguage.definition.parse(file, patternMode)
    }
  }
}
