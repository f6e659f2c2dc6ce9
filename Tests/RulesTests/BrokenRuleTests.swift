import Foundation
import Testing

@testable import Rules

/// Each broken rule file yields exactly the diagnostics in its golden file: every problem, at
/// its own line and column, with the snippet and caret a person sees.
@Suite struct BrokenRuleTests {
  @Test(arguments: Fixtures.brokenCases)
  func reportsEveryProblemAtItsPlace(name: String) throws {
    let folder = Fixtures.path("broken")
    let set = try RuleLoader.load(configs: [folder + "/" + name])
    #expect(!set.errors.isEmpty, "a broken fixture must produce errors")
    let rendered = set.errors.map(\.description).joined(separator: "\n") + "\n"
    try Fixtures.expectGolden(
      rendered.replacingOccurrences(of: folder + "/", with: ""),
      at: folder + "/" + name + ".expected")
  }

  @Test func everyBrokenFixtureIsACase() {
    #expect(
      Fixtures.brokenCases.count >= Fixtures.minimumBrokenCases,
      "only \(Fixtures.brokenCases.count) broken fixtures: \(Fixtures.brokenCases)")
  }

  @Test func aRuleWithAnErrorIsLeftOutButItsNeighboursLoad() throws {
    let set = try RuleLoader.load(configs: [Fixtures.path("broken/unknown-language.yaml")])
    #expect(set.rules.map(\.id) == ["known-but-not-parsed-yet"])
    #expect(throws: RuleError.self) { try set.requireValid() }
  }
}
