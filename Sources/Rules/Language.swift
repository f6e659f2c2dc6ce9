/// A language semgrep knows, under one canonical name whatever alias a rule used.
///
/// The set and the aliases follow semgrep's language table, so that a rule semgrep accepts is never
/// refused here; whether aigate itself can parse a language is a separate question
/// (`EngineCapabilities`).
public enum Language: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
  case apex, bash, c, cairo, circom, clojure, cpp, csharp, dart, dockerfile, elixir, fga, go, gosu
  case hack, html, java, javascript, json, jsonnet, julia, kotlin, lisp, lua
  case moveOnSui = "move_on_sui"
  case moveOnAptos = "move_on_aptos"
  case objc, ocaml, php, powershell, promql, protobuf, python, python2, python3, r, ruby, rust
  case scala, scheme, solidity, swift, terraform, typescript, vue, xml, yaml
  /// semgrep's language-agnostic matcher (formerly spacegrep).
  case generic
  case aliengrep
  /// Regular expressions only (`none` is its other name).
  case regex

  /// Every spelling a rule may use, mapped to its language; lookups are case-insensitive.
  private static let aliases: [String: Language] = {
    var table: [String: Language] = [:]
    for language in Language.allCases { table[language.rawValue] = language }
    let extra: [(String, Language)] = [
      ("sh", .bash), ("c++", .cpp), ("c#", .csharp), ("docker", .dockerfile), ("ex", .elixir),
      ("openfga", .fga), ("golang", .go), ("js", .javascript), ("kt", .kotlin),
      ("objectivec", .objc), ("objective-c", .objc), ("proto", .protobuf), ("proto3", .protobuf),
      ("py", .python), ("sol", .solidity), ("tf", .terraform), ("hcl", .terraform),
      ("ts", .typescript), ("spacegrep", .generic), ("none", .regex),
    ]
    for (alias, language) in extra { table[alias] = language }
    return table
  }()

  /// The language a rule's `languages` entry names, or nil when semgrep does not know it.
  public static func named(_ spelling: String) -> Language? {
    aliases[spelling.lowercased()]
  }

  /// Every accepted spelling, for "did you mean" suggestions.
  static var spellings: [String] { Array(aliases.keys).sorted() }

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
