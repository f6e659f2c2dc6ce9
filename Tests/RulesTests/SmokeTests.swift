import Foundation
import Testing

@testable import Rules

@Test func smoke() throws {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/valid").path
  let set = try RuleLoader.load(configs: [dir])
  for e in set.errors { print(e) }
  for w in set.warnings { print(w) }
  print(set.rules.map(\.id))
  let caps = EngineCapabilities(languages: [.python, .generic, .regex], features: [.focus])
  for r in set.rules { print(r.id, classify(r, with: caps)) }
  #expect(set.errors.isEmpty)
}
