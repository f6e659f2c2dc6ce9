import Foundation
import Rules

/// One rule file and the annotated file that tests it (semgrep's test format).
public struct RuleTestCase: Hashable, Sendable {
  public let ruleFile: String
  /// The annotated target (`x.py` beside `x.yaml`).
  public let target: String
  /// The expected result of applying every fix (`x.fixed.py`), when there is one.
  public let fixed: String?
}

/// What one test case showed.
public struct RuleTestOutcome: Sendable {
  /// Per rule id: the lines annotations expect, and the lines reported.
  public struct RuleLines: Sendable, Hashable {
    public let ruleID: String
    public let expected: [Int]
    public let reported: [Int]
    public var passed: Bool { expected == reported }
  }

  public let testCase: RuleTestCase
  public let rules: [RuleLines]
  /// Problems that fail the case whatever the lines say (a rule file that does not load, an
  /// annotation naming no rule in the file, a fix that does not give the `.fixed` file).
  public let problems: [String]

  public var passed: Bool { problems.isEmpty && rules.allSatisfy(\.passed) }

  public init(testCase: RuleTestCase, rules: [RuleLines], problems: [String]) {
    self.testCase = testCase
    self.rules = rules
    self.problems = problems
  }
}

/// Finds rule tests and runs them.
///
/// `ruleid:` lines must be reported, `ok:` lines must not;
/// `todoruleid:` marks a line the rule should report but does not yet (not expected), and
/// `todook:` one it reports but should not (expected). An annotation applies to the line after
/// the one it is written on.
public enum RuleTests {
  static let annotation = try? NSRegularExpression(
    pattern: CommentOpeners.regex(alsoOf: CommentOpeners.semgrepOnly + ["%", "'"])
      + #"\s*(todoruleid|ruleid|todook|ok)\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*)"#
  )

  /// The test cases under `paths` (rule files or folders, walked recursively).
  public static func discover(_ paths: [String]) throws(GateError) -> [RuleTestCase] {
    var ruleFiles: [String] = []
    let here = FileManager.default.currentDirectoryPath
    for given in paths {
      let path = URL(
        fileURLWithPath: given.hasPrefix("/")
          ? given : (here as NSString).appendingPathComponent(given)
      ).standardizedFileURL.path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .io(path: given, reason: "no such file or folder of rule tests")
      }
      if !isDirectory.boolValue {
        ruleFiles.append(path)
        continue
      }
      let enumerator = FileManager.default.enumerator(atPath: path)
      while let relative = enumerator?.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        guard !name.hasPrefix("."), !relative.contains("/."),
          name.hasSuffix(".yaml") || name.hasSuffix(".yml"), !name.contains(".fixed."),
          !name.hasSuffix(".test.yaml"), !name.hasSuffix(".test.yml")
        else { continue }
        ruleFiles.append((path as NSString).appendingPathComponent(relative))
      }
    }
    var cases: [RuleTestCase] = []
    for ruleFile in ruleFiles.sorted() {
      let folder = (ruleFile as NSString).deletingLastPathComponent
      let stem = ((ruleFile as NSString).lastPathComponent as NSString).deletingPathExtension
      let siblings = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      // x.yaml tests against x.<ext>, and (for rules over YAML) x.test.yaml, as semgrep pairs.
      let targets = siblings.filter { name in
        guard name.hasPrefix(stem + ".") else { return false }
        let rest = name.dropFirst(stem.count + 1)
        if rest == "test.yaml" || rest == "test.yml" { return true }
        return !rest.contains(".") && rest != "yaml" && rest != "yml"
      }.sorted()
      for target in targets {
        let ext = (target as NSString).pathExtension
        let fixedName = "\(stem).fixed.\(ext)"
        let fixed =
          siblings.contains(fixedName)
          ? (folder as NSString).appendingPathComponent(fixedName) : nil
        cases.append(
          RuleTestCase(
            ruleFile: ruleFile, target: (folder as NSString).appendingPathComponent(target),
            fixed: fixed))
      }
    }
    return cases
  }

  /// Runs one case through `engines` (each rule by the engine that can run it).
  public static func run(_ testCase: RuleTestCase, engines: EngineSet) throws(GateError)
    -> RuleTestOutcome
  {
    try run([testCase], engines: engines)[0]
  }

  /// Runs many cases with one pass of each engine over all their targets (semgrep's start-up
  /// is paid once), then judges each case by its own rules on its own target.
  public static func run(_ cases: [RuleTestCase], engines: EngineSet) throws(GateError)
    -> [RuleTestOutcome]
  {
    struct Prepared {
      let testCase: RuleTestCase
      let rules: [Rule]
      /// The target, read once: the engine matches it and its annotations are read from it.
      let source: SourceFile
    }
    var outcomes: [Int: RuleTestOutcome] = [:]
    var prepared: [Int: Prepared] = [:]
    for (index, testCase) in cases.enumerated() {
      let set = RuleLoader.loadFile(testCase.ruleFile)
      guard set.errors.isEmpty else {
        outcomes[index] = RuleTestOutcome(
          testCase: testCase, rules: [], problems: set.errors.map(\.description))
        continue
      }
      guard let data = FileManager.default.contents(atPath: testCase.target),
        String(data: data, encoding: .utf8) != nil
      else {
        throw .io(path: testCase.target, reason: "cannot read the test file as UTF-8")
      }
      prepared[index] = Prepared(
        testCase: testCase, rules: set.rules,
        source: SourceFile(path: testCase.target, data: data))
    }

    // One run over everything when rule ids are unique across the files; else case by case.
    let allRules = prepared.values.flatMap(\.rules)
    let groups: [[Int]] =
      Set(allRules.map(\.id)).count == allRules.count
      ? [prepared.keys.sorted()] : prepared.keys.sorted().map { [$0] }
    var findingsByTarget: [String: [Finding]] = [:]
    for group in groups where !group.isEmpty {
      let rules = group.compactMap { prepared[$0] }.flatMap(\.rules)
      var read: [String: SourceFile] = [:]
      for item in group.compactMap({ prepared[$0] }) { read[item.testCase.target] = item.source }
      let targets = read.keys.sorted().map {
        ScanTarget(path: $0, absolutePath: $0, source: read[$0])
      }
      let found = try engines.run(
        engines.classify(rules), targets: targets, root: "/", strict: true)
      for finding in found.findings {
        let path = finding.path.hasPrefix("/") ? finding.path : "/" + finding.path
        findingsByTarget[path, default: []].append(finding)
      }
    }

    for (index, item) in prepared {
      let testCase = item.testCase
      let expectations = annotations(in: item.source)
      let ids = Set(item.rules.map(\.id))
      var problems: [String] = []
      for id in Set(expectations.keys).subtracting(ids).sorted() {
        problems.append("\(testCase.target): annotations name '\(id)', which this rule file lacks")
      }
      let own = (findingsByTarget[testCase.target] ?? []).filter { ids.contains($0.ruleID) }
      let kept = Evaluator.deduplicate(own).filter {
        Evaluator.nosemgrep(for: $0, in: item.source) == nil
      }
      var reported: [String: Set<Int>] = [:]
      for finding in kept { reported[finding.ruleID, default: []].insert(finding.start.line) }
      let lines = item.rules.map { rule in
        RuleTestOutcome.RuleLines(
          ruleID: rule.id, expected: (expectations[rule.id] ?? []).sorted(),
          reported: (reported[rule.id] ?? []).sorted())
      }
      if let fixed = testCase.fixed {
        let actual = applyFixes(kept, to: item.source.bytes)
        let wanted = (try? String(contentsOfFile: fixed, encoding: .utf8)) ?? ""
        if actual != wanted {
          problems.append("\(fixed): applying the fixes does not give this file")
        }
      }
      outcomes[index] = RuleTestOutcome(testCase: testCase, rules: lines, problems: problems)
    }
    return cases.indices.compactMap { outcomes[$0] }
  }

  /// Rule id to the lines that must be reported (`ruleid:` and `todook:`), 1-based.
  ///
  /// Ids named
  /// only by `ok:` or `todoruleid:` map to an empty set so unknown ids can be caught.
  ///
  /// As in semgrep, an annotation on line N speaks about line N + 1, wherever on line N it is.
  public static func annotations(in source: SourceFile) -> [String: Set<Int>] {
    guard let annotation else { return [:] }
    var expected: [String: Set<Int>] = [:]
    for index in 0..<source.lineCount {
      let text = source.line(index + 1) ?? ""
      let range = NSRange(text.startIndex..., in: text)
      for match in annotation.matches(in: text, range: range) {
        guard let kindRange = Range(match.range(at: 1), in: text),
          let idRange = Range(match.range(at: 2), in: text)
        else { continue }
        let kind = text[kindRange]
        for id in text[idRange].split(separator: ",") {
          let id = id.trimmingCharacters(in: .whitespaces)
          if kind == "ruleid" || kind == "todook" {
            expected[id, default: []].insert(index + 2)
          } else if expected[id] == nil {
            expected[id] = []
          }
        }
      }
    }
    return expected
  }

  /// The text with every finding's fix put in place of its match, last first.
  static func applyFixes(_ findings: [Finding], to original: [UInt8]) -> String {
    String(decoding: Autofix.fixedBytes(original, findings).bytes, as: UTF8.self)
  }
}
