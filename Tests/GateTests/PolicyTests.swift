import Foundation
import Gate
import Rules
import Testing

@Suite("The .aigate.yml policy")
struct PolicyTests {
  func decode(_ text: String) throws(GateError) -> Policy {
    do {
      return try Policy.decode(
        try YAMLDocument.parse(text, file: ".aigate.yml"), file: ".aigate.yml")
    } catch let error as GateError {
      throw error
    } catch {
      throw .invalidPolicy([error as? SourceDiagnostic].compactMap { $0 })
    }
  }

  func diagnostics(_ text: String) -> [String] {
    do {
      _ = try decode(text)
      return []
    } catch {
      if case .invalidPolicy(let list) = error { return list.map(\.headline) }
      return ["\(error)"]
    }
  }

  @Test("An empty file means the defaults")
  func defaults() throws {
    let policy = try decode("")
    #expect(policy.ai.block.contains(.error))
    #expect(policy.ai.block.contains(.warning))
    #expect(policy.ai.block.contains(.high))
    #expect(policy.ai.block.contains(.medium))
    #expect(!policy.ai.block.contains(.info))
    #expect(policy.unknown.block.isEmpty)
    #expect(policy.unknown.report.contains(.error))
    #expect(policy.human.block.isEmpty && policy.human.report.isEmpty)
    #expect(policy.semgrep.mode == .auto)
    #expect(!policy.aiMaySuppress)
  }

  @Test("Every key decodes")
  func everyKey() throws {
    let policy = try decode(
      """
      version: 1
      gate:
        ai: {block: [error], report: [WARNING, info]}
        unknown: {block: [CRITICAL]}
        human: {report: [ERROR]}
        maintenance-bot: {block: [], report: []}
      rules: [rules/python, rules/go]
      semgrep: {mode: required, timeout: 60, configs: [extra.yaml], executable: opengrep}
      exclude: ["vendor/**", "*.min.js"]
      max-ai-share: 0.5
      suppressions: {ai-may-suppress: true}
      """)
    #expect(policy.ai.block == [.error, .high])
    #expect(policy.ai.report == [.warning, .medium, .info, .low])
    #expect(policy.unknown.block == [.critical])
    #expect(policy.human.report == [.error, .high])
    #expect(policy.maintenanceBot.block.isEmpty)
    #expect(policy.rules == ["rules/python", "rules/go"])
    #expect(policy.semgrep.mode == .required)
    #expect(policy.semgrep.timeout == 60)
    #expect(policy.semgrep.configs == ["extra.yaml"])
    #expect(policy.semgrep.executable == "opengrep")
    #expect(policy.exclude == ["vendor/**", "*.min.js"])
    #expect(policy.maxAIShare == 0.5)
    #expect(policy.aiMaySuppress)
  }

  @Test("Every problem is reported at its own line and column")
  func errors() {
    let found = diagnostics(
      """
      gate:
        ai:
          blok: [ERROR]
        robots: {}
      semgrep:
        mode: sometimes
        timeout: -3
        configs: [p/python]
      max-ai-share: 2
      rulez: []
      """)
    #expect(
      found == [
        ".aigate.yml:3:5: error: unknown key 'blok' in gate.ai; expected one of: block, report",
        ".aigate.yml:4:3: error: unknown key 'robots' in gate; expected one of: ai, unknown, human, maintenance-bot",
        ".aigate.yml:6:9: error: semgrep.mode must be one of auto, required, off",
        ".aigate.yml:7:12: error: semgrep.timeout must be a positive number of seconds",
        ".aigate.yml:8:13: error: 'p/python' is a semgrep registry config, which needs the network; download the rules and name the local file",
        ".aigate.yml:9:15: error: max-ai-share must be a number from 0 to 1 (a share of added lines)",
        ".aigate.yml:10:1: error: unknown key 'rulez' in the policy; expected one of: version, gate, rules, semgrep, exclude, max-ai-share, suppressions, agents",
      ])
  }

  @Test("Unknown severities and wrong shapes are errors")
  func badValues() {
    let found = diagnostics("gate:\n  ai:\n    block: [ERROR, FATAL]\nexclude: vendor\n")
    #expect(found.count == 2)
    #expect(found[0].hasPrefix(".aigate.yml:3:20: error: gate.ai.block: unknown severity 'FATAL'"))
    #expect(found[1] == ".aigate.yml:4:10: error: exclude must be a list, not a scalar")
  }

  @Test("Agent table additions decode through the attribution module")
  func agents() throws {
    let policy = try decode(
      """
      agents:
        - id: house-bot
          name: House Bot
          class: ai
          identities:
            - email: house-bot@example.com
      """)
    #expect(policy.agents != nil)
  }

  @Test(
    "Exclude globs",
    arguments: [
      ("vendor/**", "vendor/lib/a.py", true),
      ("vendor/**", "src/vendor/a.py", false),
      ("*.min.js", "web/app.min.js", true),
      ("*.min.js", "web/app.js", false),
      ("**/testdata/**", "a/b/testdata/x.go", true),
      ("docs/", "docs/guide/a.md", true),
      ("generated", "src/generated/x.py", true),
    ])
  func globs(glob: String, path: String, matches: Bool) {
    #expect(!PathGlobs(exclude: [glob], anchoring: .gitignore).allows(path) == matches)
  }
}

@Suite("The default policy file")
struct DefaultPolicyFileTests {
  @Test("What aigate init writes decodes to the defaults")
  func decodesToDefaults() throws {
    let node = try YAMLDocument.parse(DefaultPolicyFile.text, file: ".aigate.yml")
    let policy = try Policy.decode(node, file: ".aigate.yml")
    let defaults = Policy.defaults
    #expect(policy.ai == defaults.ai)
    #expect(policy.unknown == defaults.unknown)
    #expect(policy.human == defaults.human)
    #expect(policy.maintenanceBot == defaults.maintenanceBot)
    #expect(policy.semgrep == defaults.semgrep)
    #expect(policy.rules.isEmpty && policy.exclude.isEmpty)
    #expect(policy.maxAIShare == nil)
    #expect(policy.aiMaySuppress == defaults.aiMaySuppress)
  }
}
