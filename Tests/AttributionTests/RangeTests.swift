import Foundation
import GitKit
import TestSupport
import Testing

@testable import Attribution

@Suite("Added lines in merge-base..head")
struct RangeTests {
  @Test("An AI commit followed by a human commit that rewrites part of it")
  func humanRewritesPartOfAICommit() throws {
    let fixture = try Fixture()
    try fixture.write("app.py", ["import os", ""])
    let base = try fixture.scratch.commit("Start\n", author: dana)
    try fixture.write(
      "app.py", ["import os", "", "def a():", "    return 1", "def b():", "    return 2"])
    let ai = try fixture.scratch.commit("Add a and b\n\n\(claudeTrailer)\n", author: dana)
    try fixture.write(
      "app.py", ["import os", "", "def a():", "    return 10", "def b():", "    return 2"])
    let human = try fixture.scratch.commit("Tune a\n\nAI-assisted: no\n", author: dana)
    let report = try fixture.attribute(base: base)
    #expect(
      describe(report, "app.py", 3...6) == [
        "3: ai Claude Code", "4: human", "5: ai Claude Code", "6: ai Claude Code",
      ])
    #expect(report.attribution(path: "app.py", line: 3)?.commit?.hex == ai)
    #expect(report.attribution(path: "app.py", line: 4)?.commit?.hex == human)
    #expect(report.attribution(path: "app.py", line: 1) == nil)
    #expect(report.summary.added == 4 && report.summary.ai == 3 && report.summary.human == 1)
    #expect(report.summary.byAgent == ["Claude Code": 3])
  }

  @Test("A plain human commit rewriting an AI line makes it unknown, not AI")
  func plainHumanRewritesAILine() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["one", "two", "three"])
    try fixture.scratch.commit("More\n", author: "Claude Code <noreply@anthropic.com>")
    try fixture.write("a.txt", ["one", "TWO", "three"])
    let human = try fixture.scratch.commit("Shout\n", author: dana)
    let report = try fixture.attribute(base: base)
    #expect(describe(report, "a.txt", 2...3) == ["2: unknown", "3: ai Claude Code"])
    #expect(report.attribution(path: "a.txt", line: 2)?.commit?.hex == human)
    #expect(report.attribution(path: "a.txt", line: 2)?.evidence == nil)
  }

  @Test("An AI commit that rewrites a line a human added in the range makes it AI")
  func aiRewritesHumanLine() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["one", "two"])
    try fixture.scratch.commit("Two\n\nAI-assisted: no\n")
    try fixture.write("a.txt", ["one", "two, better"])
    try fixture.scratch.commit("Improve\n\nMade-with: Cursor\n")
    let report = try fixture.attribute(base: base)
    #expect(describe(report, "a.txt", 2...2) == ["2: ai Cursor"])
  }

  @Test("An AI commit reverted inside the range leaves no AI lines")
  func revertedAICommit() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("a.txt", ["one", "human"])
    try fixture.scratch.commit("Human line\n\nAI-assisted: no\n")
    try fixture.write("b.txt", ["ai 1", "ai 2"])
    try fixture.write("a.txt", ["one", "human", "ai 3"])
    let ai = try fixture.scratch.commit("AI lines\n\nCo-authored-by: Codex <noreply@openai.com>\n")
    try fixture.scratch.git(["revert", "--no-edit", ai])
    let report = try fixture.attribute(base: base)
    #expect(report.files.map(\.path) == ["a.txt"])
    #expect(describe(report, "a.txt", 2...2) == ["2: human"])
    #expect(report.summary.ai == 0 && report.summary.added == 1)
  }

  @Test("A merge of an AI branch keeps the branch commits' attribution")
  func mergeOfAIBranch() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.write("b.txt", ["one"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.scratch.git(["checkout", "-q", "-b", "agent"])
    try fixture.write("a.txt", ["one", "from the agent"])
    let ai = try fixture.scratch.commit(
      "Agent work\n", author: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>")
    try fixture.scratch.git(["checkout", "-q", "main"])
    try fixture.write("b.txt", ["one", "from main"])
    try fixture.scratch.commit("Main work\n")
    try fixture.scratch.git(["merge", "-q", "--no-ff", "--no-edit", "agent"])
    let report = try fixture.attribute(base: base)
    #expect(describe(report, "a.txt", 2...2) == ["2: ai GitHub Copilot"])
    #expect(report.attribution(path: "a.txt", line: 2)?.commit?.hex == ai)
    #expect(describe(report, "b.txt", 2...2) == ["2: unknown"])
  }

  @Test("An AI-authored file renamed later in the range stays AI")
  func renamedAIFile() throws {
    let fixture = try Fixture()
    try fixture.write("README", ["readme"])
    let base = try fixture.scratch.commit("Start\n")
    let body = (1...8).map { "line \($0) of generated code" }
    try fixture.write("src/old_name.py", body)
    let ai = try fixture.scratch.commit("Generate\n\nGenerated-by: some-model\n")
    try fixture.scratch.git(["mv", "src/old_name.py", "src/new_name.py"])
    try fixture.scratch.commit("Rename\n", stageAll: false)
    let report = try fixture.attribute(base: base)
    #expect(report.files.map(\.path) == ["src/new_name.py"])
    let ranges = try #require(report.files.first?.ranges)
    #expect(ranges.count == 1 && ranges[0].start == 1 && ranges[0].end == 8)
    #expect(ranges[0].attribution.authorship == .ai && ranges[0].attribution.commit?.hex == ai)
  }

  @Test("Lines older than the merge-base are not part of the change")
  func mergeBaseIsTheStart() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.scratch.commit("Start\n", author: "Claude Code <noreply@anthropic.com>")
    try fixture.scratch.git(["checkout", "-q", "-b", "topic"])
    try fixture.write("a.txt", ["one", "two"])
    try fixture.scratch.commit("Two\n")
    try fixture.scratch.git(["checkout", "-q", "main"])
    try fixture.write("c.txt", ["main moved on"])
    try fixture.scratch.commit("Main\n", author: "Claude Code <noreply@anthropic.com>")
    let report = try fixture.attribute(base: "main", head: "topic")
    #expect(report.files.map(\.path) == ["a.txt"])
    #expect(describe(report, "a.txt", 1...2) == ["1: -", "2: unknown"])
  }

  @Test("Maintenance bots are counted as their own class")
  func maintenanceBot() throws {
    let fixture = try Fixture()
    try fixture.write("requirements.txt", ["foo==1.0"])
    let base = try fixture.scratch.commit("Start\n")
    try fixture.write("requirements.txt", ["foo==1.1"])
    try fixture.scratch.commit(
      "Bump foo from 1.0 to 1.1\n",
      author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>")
    let report = try fixture.attribute(base: base)
    #expect(describe(report, "requirements.txt", 1...1) == ["1: maintenance-bot Dependabot"])
    #expect(report.summary.maintenanceBot == 1 && report.summary.ai == 0)
  }

  @Test("A bad revision is a git error")
  func badRevision() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", ["one"])
    try fixture.scratch.commit("Start\n")
    #expect {
      _ = try fixture.attribute(base: "no-such-branch")
    } throws: { error in
      guard case AttributionError.git(.unknownRevision("no-such-branch")) = error else {
        return false
      }
      return true
    }
  }
}
