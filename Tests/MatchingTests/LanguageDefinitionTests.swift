import Rules
import Testing

@testable import Matching

/// Every language is one `LanguageDefinition`: the tables the engine reads are built from
/// them, so two definitions must never claim the same file, and each must serve its rules.
@Suite("Language definitions")
struct LanguageDefinitionTests {
  @Test("No two languages claim one extension, file name or interpreter")
  func claimsAreDisjoint() {
    for facet in [\LanguageDefinition.extensions, \.fileNames, \.interpreters] {
      var owner: [String: PatternLanguage] = [:]
      for definition in LanguageDefinition.all {
        for name in definition[keyPath: facet] {
          #expect(owner[name] == nil, "\(name): \(owner[name]!) and \(definition.language)")
          owner[name] = definition.language
        }
      }
    }
  }

  @Test("Each language serves its rule languages, reads its files, and parses them")
  func eachDefinitionIsWhole() {
    #expect(Set(LanguageDefinition.all.map(\.language)).count == LanguageDefinition.all.count)
    for definition in LanguageDefinition.all {
      let language = definition.language
      #expect(language.isTree)
      #expect(!definition.ruleLanguages.isEmpty, "\(language)")
      for rule in definition.ruleLanguages {
        #expect(PatternLanguage.serving(rule) == language, "\(rule) → \(language)")
      }
      for ext in definition.extensions {
        #expect(
          RuleEngine.language(of: "src/a." + ext, [], executable: false) == language,
          "a.\(ext)")
        #expect(
          RuleEngine.language(of: "src/A." + ext.uppercased(), [], executable: false) == language)
      }
      for interpreter in definition.interpreters {
        let script = Array("#!/usr/bin/env \(interpreter)\n".utf8)
        #expect(RuleEngine.language(of: "bin/tool", script, executable: true) == language)
        #expect(RuleEngine.language(of: "bin/tool", script, executable: false) == nil)
      }
      #expect(!definition.lineComments.isEmpty, "\(language)")
      let tree = LanguageParsers.parse(
        SourceFile(path: "t", text: ""), language: language, patternMode: false)
      #expect(tree.warnings.isEmpty, "\(language)")
    }
  }

  @Test("generic and regex have no definition and are not parsed")
  func textLanguages() {
    for language in [PatternLanguage.generic, .regex] {
      #expect(!language.isTree)
      #expect(PatternLanguage.allCases.contains(language))
    }
    #expect(PatternLanguage.serving(.generic) == .generic)
    #expect(PatternLanguage.serving(.kotlin) == nil)
  }

  @Test("Comment openers come from the definitions, longest first")
  func commentOpeners() {
    let openers = LanguageDefinition.commentOpeners
    #expect(Set(openers) == ["#", "//", "/*"])
    #expect(openers.first?.count == 2)
  }
}
