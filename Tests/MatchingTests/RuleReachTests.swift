import Foundation
import Rules
import Testing

@testable import Matching

/// The semgrep-rules snapshot beside the repository (test data read in place), when present.
private let registry = (repositoryRoot as NSString).appendingPathComponent(
  "../shared/semgrep-rules")

/// Folders of rule files with their annotated test files: the shipped packs, the feature
/// suites, and the registry snapshot's folders when present.
private func reachFolders() -> [String] {
  var folders = [
    (repositoryRoot as NSString).appendingPathComponent("rulesets"),
    (repositoryRoot as NSString).appendingPathComponent("Tests/MatchingTests/Features"),
  ]
  if FileManager.default.fileExists(atPath: registry) {
    folders += ["python", "javascript", "typescript", "go", "java", "generic"].map {
      (registry as NSString).appendingPathComponent($0)
    }
  } else {
    print("the registry snapshot is not at \(registry): only the shipped rules are read")
  }
  return folders
}

private func reachCases() -> [SuiteCase] { suiteCases(in: reachFolders()) }

/// Every pattern text of a formula, conditions' nested formulas included.
private func patternTexts(_ formula: Formula) -> [String] {
  switch formula {
  case .pattern(let text, _): return [text]
  case .regex: return []
  case .any(let branches, _): return branches.flatMap(patternTexts)
  case .not(let inner, _), .inside(let inner, _), .anywhere(let inner, _):
    return patternTexts(inner)
  case .all(let conjunction):
    return conjunction.terms.flatMap(patternTexts)
      + conjunction.conditions.flatMap { condition -> [String] in
        if case .metavariablePattern(_, _, let nested, _) = condition {
          return patternTexts(nested)
        }
        return []
      }
  }
}

@Test("Words read from a Python pattern's text are words its parsed form requires")
func pythonWordsAreRequiredWords() throws {
  var checked = 0
  var withWords = 0
  for item in reachCases() {
    for rule in RuleLoader.loadFile(item.ruleFile).rules
    where rule.languages.contains(where: { PatternLanguage.serving($0) == .python }) {
      for text in rule.formula.map(patternTexts) ?? [] {
        guard let pattern = try? PatternParser.parse(text, language: .python) else { continue }
        let read = PythonWords.required(by: text)
        let required = pattern.requiredWords.filter { !$0.hasPrefix("$") }
        #expect(
          read.isSubset(of: required),
          "\(rule.id): \(read.subtracting(required).sorted()) in \(text.debugDescription)")
        checked += 1
        if !read.isEmpty { withWords += 1 }
      }
    }
  }
  #expect(checked > 100)
  #expect(withWords > 50)
}

@Test("Names in strings, comments, keywords and typed metavariables are never read")
func pythonWordsSkipWhatIsNoName() {
  #expect(PythonWords.required(by: "os.system($CMD)") == ["os", "system"])
  #expect(PythonWords.required(by: "$X.objects.raw(...)") == ["objects", "raw"])
  #expect(PythonWords.required(by: "\"os.system(x)\".format(...)") == ["format"])
  #expect(PythonWords.required(by: "f'{a.b}'.c") == ["c"])
  #expect(PythonWords.required(by: "if $X.y(): ...") == ["y"])
  #expect(PythonWords.required(by: "print(...)").isEmpty)
  #expect(PythonWords.required(by: "1.e5.real + 0x1F.bit_length()").isEmpty)
  #expect(PythonWords.required(by: "foo(...) # os.system()").isEmpty)
  #expect(PythonWords.required(by: "($X: str).join(...)").isEmpty)
  #expect(PythonWords.required(by: "'''a\n\"b\" c.d(''' + e.f").contains("e"))
  #expect(PythonWords.required(by: "'unclosed.call(").isEmpty)
}

@Test("Reach never rules out a file the compiled rule would match")
func reachCoversCompiledRules() throws {
  var pairs = 0
  var ruledOut = 0
  // Every rule of a folder against every test file of the folder: most files are another
  // rule's, so many lack a rule's words.
  for folder in reachFolders() {
    let cases = suiteCases(in: [folder])
    let rules = cases.flatMap { RuleLoader.loadFile($0.ruleFile).rules }.filter {
      classify($0, with: RuleEngine.capabilities) == .inProcess
    }.compactMap { rule in (try? CompiledRule(rule)).map { (rule, $0, RuleReach(rule)) } }
    let targets = try cases.flatMap(\.targets).map { path in
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
      return (
        path: path, bytes: bytes, words: WordIndex(bytes),
        language: RuleEngine.language(of: path, bytes, executable: false)
      )
    }
    for (rule, compiled, reach) in rules {
      for target in targets {
        let runs =
          compiled.runsOnAnyFile
          || (target.language.map { compiled.formula(for: $0) != nil } ?? false)
        let compiledAllows =
          runs && compiled.paths.allows(target.path) && compiled.prefilter.allows(target.words)
        let reachAllows = reach.mayMatch(
          path: target.path, language: target.language, words: target.words)
        #expect(!compiledAllows || reachAllows, "\(rule.id) on \(target.path)")
        pairs += 1
        if !reachAllows { ruledOut += 1 }
      }
    }
  }
  #expect(pairs > 1000)
  #expect(ruledOut > pairs / 4)
}

@Test("Only rules some file could match are compiled; their errors are kept at their place")
func compilingForFiles() throws {
  let yaml = """
    rules:
      - id: needs-danger
        message: m
        severity: ERROR
        languages: [python]
        pattern: danger.call(...)
      - id: typed-needs-sleep
        message: m
        severity: ERROR
        languages: [python]
        pattern: "time.sleep($X: int)"
      - id: broken-needs-absent
        message: m
        severity: ERROR
        languages: [python]
        pattern: "absent.thing("
      - id: java-only
        message: m
        severity: ERROR
        languages: [java]
        pattern: danger.call(...)
      - id: any-file
        message: m
        severity: ERROR
        languages: [generic]
        pattern: zzz
    """
  let loaded = RuleLoader.parse(yaml, file: "r.yaml")
  let rules = loaded.rules
  try #require(rules.count == 5, "\(loaded.errors)")
  let file = (
    path: "app.py", bytes: Array("import time\ntime.sleep(1)\ndanger.call(2)\n".utf8),
    executable: false
  )
  let prepared = PreparedRules()
  let results = prepared.compile(rules, forFiles: [file])
  guard case .success = results[0] else {
    Issue.record("needs-danger: \(String(describing: results[0]))")
    return
  }
  // The typed metavariable is read by nothing here, so the rule is compiled, and fails.
  guard case .failure(.invalidRule(let id, let location, _)) = results[1] else {
    Issue.record("typed-needs-sleep: \(String(describing: results[1]))")
    return
  }
  #expect(id == "typed-needs-sleep")
  #expect(location.file == "r.yaml" && location.line == 11)
  // `absent` is no word of the file: the rule is never compiled, so its error is not known.
  #expect(results[2] == nil)
  #expect(results[3] == nil)
  // A generic rule's words are known without parsing: `zzz` is not in the file.
  #expect(results[4] == nil)
  // An engine over a rule that does not compile names it at its place.
  guard
    case .failure(.invalidRule(let failed, _, _)) = prepared.engine(
      for: [rules[0], rules[1]], timeout: nil)
  else {
    Issue.record("an engine over a broken rule")
    return
  }
  #expect(failed == "typed-needs-sleep")
}
