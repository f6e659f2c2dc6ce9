import Rules

/// A language a pattern can be written in: `generic`, `regex`, or one of the tree languages
/// `LanguageDefinition.all` defines.
///
/// A value, not an enum: each tree language declares its own name in its folder
/// (`extension PatternLanguage { static let python … }`), so no shared list grows with it.
public struct PatternLanguage: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// semgrep's `generic` mode: tokens, brackets and `...`, for any text.
  public static let generic = PatternLanguage(rawValue: "generic")
  /// semgrep's `regex` language: the pattern is a regular expression.
  public static let regex = PatternLanguage(rawValue: "regex")

  public var description: String { rawValue }

  /// Every pattern language: the defined tree languages, then `generic` and `regex`.
  public static let allCases: [PatternLanguage] =
    LanguageDefinition.all.map(\.language) + [.generic, .regex]

  /// The language's definition; nil for `generic` and `regex`.
  var definition: LanguageDefinition? { LanguageDefinition.byLanguage[self] }

  /// Whether patterns and files of this language are parsed into syntax trees.
  public var isTree: Bool { definition != nil }

  /// The pattern language the engine uses for a rule's `language`, or nil when it has none.
  public static func serving(_ language: Language) -> PatternLanguage? {
    switch language {
    case .generic: return .generic
    case .regex: return .regex
    default: return LanguageDefinition.serving(language)?.language
    }
  }

  /// Every rule language the engine can run.
  public static var ruleLanguages: Set<Language> {
    Set(Language.allCases.filter { serving($0) != nil })
  }

  /// The tree language a file is parsed as, from its extension; nil for other files.
  public static func ofFile(extension ext: String) -> PatternLanguage? {
    LanguageDefinition.ofFile(name: "." + ext)
  }

  /// The tree language a `#!` line names (`#!/usr/bin/env python3`), if any.
  public static func ofShebang(_ bytes: [UInt8]) -> PatternLanguage? {
    LanguageDefinition.ofShebang(bytes)?.language
  }

  /// The tree language a file is read in: by its whole name or extension, or for an
  /// executable file without an extension, by its `#!` line; nil for text matched only by
  /// generic and regex rules.
  static func ofFile(path: String, _ bytes: [UInt8], executable: Bool) -> PatternLanguage? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let defined = LanguageDefinition.ofFile(name: name) { return defined }
    let hasExtension = name.dropFirst().contains(".")
    return !hasExtension && executable ? ofShebang(bytes) : nil
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

  /// The pattern languages whose rules run on a file of this language, best first: a file's
  /// own language, then languages semgrep also runs on it (JavaScript rules on TypeScript).
  var rulesRunningHere: [PatternLanguage] { definition?.rulesRunningHere ?? [self] }
}

/// The parsers of tree languages.
enum LanguageParsers {
  /// Parses `file` as `language` (a tree language).
  ///
  /// `patternMode` accepts `$X`, `...` and the other pattern operators. A language without a
  /// parser gives an empty module.
  static func parse(_ file: SourceFile, language: PatternLanguage, patternMode: Bool) -> SyntaxTree
  {
    if let definition = language.definition { return definition.parse(file, patternMode) }
    var builder = TreeBuilder()
    let root = builder.add(.module, start: 0, end: 0)
    return builder.tree(of: file, root: root, warnings: [], importAliases: [:])
  }
}
