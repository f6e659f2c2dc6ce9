import Foundation
import Testing

@testable import Rules

/// PCRE spellings are translated for ICU, PCRE-only features are named, and broken patterns
/// are refused with a reason.
@Suite struct PCRETests {
  @Test(arguments: [
    ("(?P<word>\\w+)", "(?<word>\\w+)"),
    ("(?P<API_KEY>x)(?P=API_KEY)", "(?<aigateGroup1>x)\\k<aigateGroup1>"),
    ("(?'name'a)\\g{name}", "(?<name>a)\\k<name>"),
    ("[(?P<]\\(?P<x>", "[(?P<]\\(?P<x>"),
    ("(?<=a)b(?<!c)(?i)d", "(?<=a)b(?<!c)(?i)d"),
    ("\\Q(?P<x>\\E", "\\Q(?P<x>\\E"),
  ])
  func translatesForICU(pcre: String, icu: String) throws {
    let translation = try PCRE.translate(pcre).get()
    #expect(translation.pattern == icu)
    guard case .valid = PCRE.check(pcre) else {
      Issue.record("\(pcre) should compile after translation")
      return
    }
  }

  @Test func groupNamesBindMetavariables() {
    #expect(
      Set(Metavariables.names(boundByRegex: "(?P<USER>\\w+)@(?<HOST>[a-z.]+)")) == [
        "$USER", "$HOST",
      ])
  }

  @Test(arguments: ["a(?R)?b", "(a)(?1)", "(?(1)a|b)", "a\\Kb", "(?|(a)|(b))", "(*FAIL)"])
  func pcreOnlyFeaturesAreNamed(pcre: String) {
    guard case .pcreOnly = PCRE.check(pcre) else {
      Issue.record("\(pcre) uses a feature ICU lacks")
      return
    }
  }

  @Test(arguments: ["(unclosed", "[a-", "*x", "a{2,1}"])
  func brokenPatternsAreInvalid(pcre: String) {
    guard case .invalid(let reason) = PCRE.check(pcre) else {
      Issue.record("\(pcre) is not a valid regex")
      return
    }
    #expect(!reason.isEmpty)
  }

  @Test func eachPatternIsCompiledOnceAndShared() throws {
    let first = try PCRE.expression("(?P<NAME>é+)$").get()
    let again = try PCRE.expression("(?P<NAME>é+)$").get()
    #expect(first.expression === again.expression)
    #expect(first.translation.groupNames == ["NAME": "NAME"])
    // `$` matches before a line break, as in semgrep's multiline mode.
    let text = "éé\nx"
    let found = first.expression.firstMatch(
      in: text, range: NSRange(text.startIndex..., in: text))
    #expect(found.map { NSRange(location: 0, length: 2) == $0.range } == true)
  }

  @Test func failuresSayWhetherICURejectsOrLacksAFeature() {
    guard case .failure(.rejected(let pattern)) = PCRE.expression("(?P<x>a") else {
      Issue.record("an unclosed group is not a valid regex")
      return
    }
    #expect(pattern == "(?<x>a")
    guard case .failure(.unsupported(let unsupported)) = PCRE.expression("a\\Kb") else {
      Issue.record("\\K has no ICU equivalent")
      return
    }
    #expect(unsupported.feature.contains("\\K"))
  }
}
