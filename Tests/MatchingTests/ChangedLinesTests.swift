import Foundation
import Rules
import Testing

@testable import Matching

/// What a gate keeps of a scan: the findings touching `lines`, by rule and place.
private func gated(_ findings: [Finding], _ lines: Set<Int>) -> Set<String> {
  Set(
    findings.filter { finding in finding.lineSpan.contains { lines.contains($0) } }.map {
      "\($0.ruleID) \($0.start.line):\($0.start.col)-\($0.end.line):\($0.end.col)"
    })
}

private func all(_ findings: [Finding]) -> Set<String> {
  Set(findings.map { "\($0.ruleID) \($0.start.line):\($0.start.col)-\($0.end.line):\($0.end.col)" })
}

/// Line sets a change might add: each single line, runs of three, every third line, and a
/// few seeded random subsets.
private func lineSets(count: Int) -> [Set<Int>] {
  guard count > 0 else { return [] }
  var sets: [Set<Int>] = (1...count).map { [$0] }
  sets += stride(from: 1, through: count, by: 3).map { Set($0...min(count, $0 + 2)) }
  sets.append(Set(stride(from: 1, through: count, by: 3)))
  var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
  for _ in 0..<8 {
    var set = Set<Int>()
    for line in 1...count {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if seed >> 61 == 0 { set.insert(line) }
    }
    if !set.isEmpty { sets.append(set) }
  }
  return sets
}

@Test(.timeLimit(.minutes(20)))
func matchingOnlyChangedLinesKeepsEveryGatedFinding() throws {
  let folders = [
    (repositoryRoot as NSString).appendingPathComponent("rulesets"),
    (repositoryRoot as NSString).appendingPathComponent("Tests/MatchingTests/Features"),
  ]
  let cases = suiteCases(in: folders)
  try #require(!cases.isEmpty)
  var compared = 0
  var withFindings = 0
  for item in cases {
    let loaded = RuleLoader.loadFile(item.ruleFile)
    let runnable = loaded.rules.filter {
      classify($0, with: RuleEngine.capabilities) == .inProcess
    }
    guard !runnable.isEmpty else { continue }
    let engine = try RuleEngine(rules: runnable)
    for target in item.targets {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: target)))
      let full = engine.scan(path: target, bytes: bytes).findings
      if !full.isEmpty { withFindings += 1 }
      let lineCount = SourceFile(path: target, bytes: bytes).lineCount
      for lines in lineSets(count: lineCount) {
        let restricted = engine.scan(path: target, bytes: bytes, lines: lines.sorted()).findings
        compared += 1
        let kept = gated(restricted, lines)
        let wanted = gated(full, lines)
        #expect(
          kept == wanted,
          "\(target) lines \(lines.sorted()): \(kept.sorted()) instead of \(wanted.sorted())")
        #expect(
          all(restricted).isSubset(of: all(full)), "\(target): a finding only when restricted")
      }
    }
  }
  #expect(compared > 100)
  #expect(withFindings > 20)
}

@Test("Changed regions cover whole lines, merged, and answer overlap at their edges")
func changedRegions() {
  let source = SourceFile(path: "", text: "ab\ncd\nef\ngh")
  let regions = ChangedRegions(lines: [2, 3, 9], in: source)
  // Lines 2 and 3 are bytes 3..<9, widened to 2..<10; line 9 does not exist.
  #expect(regions.ranges == [2..<10])
  #expect(regions.overlaps(0, 3))
  #expect(!regions.overlaps(0, 2))
  #expect(regions.overlaps(9, 11))
  #expect(!regions.overlaps(10, 11))
  #expect(regions.overlaps(5, 5))
  #expect(ChangedRegions(lines: [4], in: source).ranges == [8..<11])
  #expect(ChangedRegions(lines: [], in: source).isEmpty)
}
