import Foundation
import Testing

@testable import Rules

/// Rule regexes are PCRE2's, compiled as semgrep compiles them: PCRE-only syntax compiles and
/// runs, broken patterns are refused with PCRE2's reason, and searches are bounded.
@Suite struct PCRETests {
  /// The byte ranges of every match of `pattern` in `text`.
  private func matches(_ pattern: String, _ text: String) throws -> [Range<Int>] {
    let regex = try PCRE.compile(pattern).get()
    return try regex.matches(in: Array(text.utf8)).map(\.range)
  }

  // The regexes semgrep-rules writes that ICU refused: a `{` that opens no quantifier is a
  // literal in PCRE.
  @Test(arguments: [
    (#"{%\s*autoescape\s+false\s*%}"#, "x {% autoescape false %} y", [2..<24]),
    (#"{{.*?\|\s*safe(\s*}})?"#, "<p>{{ name | safe }}</p>", [3..<20]),
    (#"{{\s*\w+\s*}}"#, "{{ a }} {{b}}", [0..<7, 8..<13]),
    (#"a{,3}"#, "a{,3}", [0..<5]),
  ])
  func bracesThatOpenNoQuantifierAreLiterals(pattern: String, text: String, expected: [Range<Int>])
    throws
  {
    #expect(PCRE.problem(in: pattern) == nil)
    #expect(try matches(pattern, text) == expected)
  }

  // What ICU lacked runs now: recursion, subroutine calls, conditionals, \K, branch reset,
  // backtracking verbs, relative back-references.
  @Test(arguments: [
    (#"\((?:[^()]|(?R))*\)"#, "f((a)(b))", [1..<9]),
    (#"(a)(?1)"#, "xaa", [1..<3]),
    (#"(<)?b(?(1)>)"#, "<b> b", [0..<3, 4..<5]),
    (#"foo\Kbar"#, "foobar", [3..<6]),
    (#"(?|(a)|(b))\1"#, "aa bb ab", [0..<2, 3..<5]),
    (#"a(*SKIP)(*FAIL)|b"#, "ab", [1..<2]),
    (#"(x)\g{-1}"#, "xx", [0..<2]),
  ])
  func pcreOnlyFeaturesRun(pattern: String, text: String, expected: [Range<Int>]) throws {
    #expect(PCRE.problem(in: pattern) == nil)
    #expect(try matches(pattern, text) == expected)
  }

  @Test(arguments: ["(unclosed", "[a-", "*x", "a{2,1}", "(?P<x>a", "\\"])
  func brokenPatternsAreRefusedWithPCRE2sReason(pattern: String) {
    guard let problem = PCRE.problem(in: pattern) else {
      Issue.record("\(pattern) is not a valid regex")
      return
    }
    #expect(problem.contains(" at position "), "\(problem)")
  }

  @Test func namedGroupsBindMetavariables() throws {
    #expect(
      Set(Metavariables.names(boundByRegex: "(?P<USER>\\w+)@(?<HOST>[a-z.]+)(?'PORT'\\d+)?")) == [
        "$USER", "$HOST", "$PORT",
      ])
    let regex = try PCRE.compile("(?P<USER>\\w+)@(?<HOST>[a-z.]+)").get()
    let found = try #require(try regex.firstMatch(in: "mail bob@example.org"))
    let groups = Dictionary(uniqueKeysWithValues: regex.groupNames.map { ($0.name, $0.number) })
    #expect(found.groups[try #require(groups["USER"])] == 5..<8)
    #expect(found.groups[try #require(groups["HOST"])] == 9..<20)
  }

  // Short subjects run in the interpreter, long ones in JIT code compiled on first need: both
  // give the same matches, and text that is not UTF-8 still runs in the tolerant code.
  @Test(arguments: [#"(?P<K>[a-z]+)=(\d+)"#, #"\bé\w*"#, #"^x.*?y$"#, #"[^\x00-\x7f]+"#])
  func shortAndLongSubjectsMatchAlike(pattern: String) throws {
    let regex = try PCRE.compile(pattern).get()
    let line = "key=42 éte x..y ab=7 ¡ok!\n"
    let short = try regex.matches(in: Array(line.utf8)).map(\.groups)
    let repeats = PCRE.jitFrom / line.utf8.count + 2
    let long = try regex.matches(in: Array(String(repeating: line, count: repeats).utf8))
    #expect(long.count == short.count * repeats)
    for (index, match) in long.prefix(short.count).enumerated() {
      #expect(match.groups == short[index], "\(pattern)")
    }
    // Each copy of the line matches as the first one, shifted by its offset.
    let width = line.utf8.count
    let last = long.suffix(short.count).map { match in
      match.groups.map {
        $0.map { ($0.lowerBound - (repeats - 1) * width)..<($0.upperBound - (repeats - 1) * width) }
      }
    }
    #expect(Array(last) == short, "\(pattern)")
    var latin1 = Array(String(repeating: line, count: repeats).utf8)
    latin1.append(0xE9)
    #expect(try regex.matches(in: latin1).count == long.count)
  }

  @Test func eachPatternIsCompiledOnceAndShared() throws {
    let first = try PCRE.compile("(?P<NAME>é+)$").get()
    let again = try PCRE.compile("(?P<NAME>é+)$").get()
    #expect(first == again)
    // `$` matches before a line break, as in semgrep's multiline mode; offsets are bytes.
    #expect(try matches("(?P<NAME>é+)$", "éé\nx") == [0..<4])
  }

  @Test func matchingIsUTF8AsSemgrepsAndClassesAreASCII() throws {
    // UTF mode: `.` is one character, not one byte.
    #expect(try matches("^.$", "é") == [0..<2])
    // Without UCP, as semgrep compiles, `\w` is ASCII only.
    #expect(try matches("\\w+", "héllo") == [0..<1, 3..<6])
    // So `\W` takes any non-ASCII character (an emoji before a commit footer).
    #expect(try matches("^\\W+ G", "🤖 G") == [0..<6])
    // Invalid UTF-8 never matches and does not fail the search.
    let regex = try PCRE.compile("b+").get()
    #expect(try regex.matches(in: [0x61, 0xFF, 0x62, 0x62]).map(\.range) == [2..<4])
  }

  @Test func emptyMatchesAdvanceOneCharacter() throws {
    #expect(try matches("x*", "éx") == [0..<0, 2..<3, 3..<3])
  }

  @Test func anchoredSearchStartsAtTheBeginning() throws {
    let regex = try PCRE.compile("b").get()
    #expect(try regex.firstMatch(in: "ab", anchored: true) == nil)
    #expect(try regex.firstMatch(in: "ba", anchored: true)?.range == 0..<1)
  }

  // Defect 8: semgrep's match limit turns catastrophic backtracking into an error, never a
  // hang and never a quiet "no match".
  @Test func catastrophicBacktrackingHitsTheMatchLimit() throws {
    let line = String(repeating: "word ", count: 1800) + "!"
    let regex = try PCRE.compile(#"(\w+\s?)*$"#).get()
    #expect(throws: PCRE.MatchError.self) { try regex.matches(in: Array(line.utf8)) }
    do {
      _ = try regex.matches(in: Array(line.utf8))
    } catch {
      guard case .limit = error else {
        Issue.record("expected a limit error, got \(error)")
        return
      }
    }
  }

  @Test func caselessOption() throws {
    let regex = try PCRE.compile("^(?:claude)$", options: .caseless).get()
    #expect(try regex.firstMatch(in: "Claude") != nil)
    #expect(try regex.firstMatch(in: "Claude Code") == nil)
  }
}
