import Foundation
import Rules
import TestSupport
import Testing

/// The shipped packs load cleanly in aigate's own loader and there are enough of them.
@Suite struct PackLoadingTests {
  @Test(arguments: Packs.folders)
  func packLoadsWithoutErrors(pack: String) throws {
    let set = try RuleLoader.load(configs: [Packs.path(pack)])
    #expect(set.errors.isEmpty, "\(set.errors.map(\.description).joined(separator: "\n"))")
    #expect(!set.rules.isEmpty, "pack \(pack) has no rules")
  }

  @Test func allPacksTogetherHoldAtLeast120UniqueRules() throws {
    let set = try RuleLoader.load(configs: Packs.folders.map { Packs.path($0) })
    #expect(set.errors.isEmpty, "\(set.errors.map(\.description).joined(separator: "\n"))")
    #expect(set.rules.count >= 120)
    #expect(Set(set.rules.map(\.id)).count == set.rules.count)
  }
}

/// Every rule carries what the issue asks of it: an id in its pack's namespace, a message,
/// a severity, the metadata a reader and the reports need, and no options that would send it
/// to semgrep without need.
@Suite struct RuleMetadataTests {
  static let levels: Set<String> = ["LOW", "MEDIUM", "HIGH"]

  @Test(arguments: Packs.ruleFiles)
  func ruleHasRequiredFields(file: String) throws {
    let set = RuleLoader.loadFile(Packs.path(file))
    #expect(set.errors.isEmpty, "\(set.errors.map(\.description).joined(separator: "\n"))")
    #expect(set.rules.count == 1, "one rule per file, named after the file")
    let pack = String(file.prefix { $0 != "/" })
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    for rule in set.rules {
      #expect(rule.id == "\(pack).\(name)", "rule id is <pack>.<file name>")
      #expect(rule.message.split(separator: " ").count >= 8, "message says what to do instead")
      #expect(rule.options == .object([:]), "options send a rule to semgrep")
      check(rule.metadata, of: rule.id)
    }
  }

  private func check(_ metadata: JSONValue, of id: String) {
    guard case .object(let fields) = metadata else {
      Issue.record("\(id): metadata is not a mapping")
      return
    }
    let cwe = strings(fields["cwe"])
    #expect(!cwe.isEmpty, "\(id): metadata.cwe")
    for entry in cwe {
      #expect(entry.range(of: #"^CWE-\d+: \S"#, options: .regularExpression) != nil, "\(entry)")
    }
    #expect(!strings(fields["owasp"]).isEmpty, "\(id): metadata.owasp")
    #expect(fields["category"] == .string("security"), "\(id): metadata.category")
    for key in ["confidence", "likelihood", "impact"] {
      #expect(Self.levels.contains(string(fields[key]) ?? ""), "\(id): metadata.\(key)")
    }
    let references = strings(fields["references"])
    #expect(!references.isEmpty, "\(id): metadata.references")
    for reference in references {
      #expect(reference.hasPrefix("https://"), "\(id): reference \(reference)")
    }
    #expect(!(string(fields["summary"]) ?? "").isEmpty, "\(id): metadata.summary")
  }

  private func string(_ value: JSONValue?) -> String? {
    if case .string(let text) = value { return text }
    return nil
  }

  private func strings(_ value: JSONValue?) -> [String] {
    guard case .array(let items) = value else { return [] }
    return items.compactMap(string)
  }
}

/// Every rule has a test file in semgrep's format with at least two expected findings and
/// two places it must stay quiet.
@Suite struct RuleTestFileTests {
  @Test(arguments: Packs.ruleFiles)
  func ruleHasAnnotatedTestFile(file: String) throws {
    let targets = Packs.testTargets(for: file)
    #expect(targets.count == 1, "exactly one test file beside \(file), found \(targets)")
    guard let target = targets.first else { return }
    let id = try #require(RuleLoader.loadFile(Packs.path(file)).rules.first?.id)
    let text = try String(contentsOfFile: target, encoding: .utf8)
    #expect(annotations("ruleid", of: id, in: text) >= 2, "fewer than two ruleid: for \(id)")
    #expect(annotations("ok", of: id, in: text) >= 2, "fewer than two ok: for \(id)")
  }

  /// Lines with `<kind>: <id>` (not the `todo` variants), ids possibly in a comma list.
  private func annotations(_ kind: String, of id: String, in text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
      let marker = #"(?<![A-Za-z])"# + kind + #":\s*"#
      guard let range = line.range(of: marker, options: .regularExpression) else { return false }
      let ids = line[range.upperBound...].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      return ids.contains(id)
    }.count
  }
}

/// The packs pass semgrep's own test runner, so users can run them with semgrep anywhere.
@Suite struct SemgrepCompatibilityTests {
  /// Starts a program with no signals blocked, so `semgrep --test` can stop its workers.
  ///
  /// A child inherits the signal mask of the thread that starts it, and test threads block
  /// SIGTERM; `semgrep --test` stops its worker pool with SIGTERM, so without this it waits for
  /// its workers forever.
  static let unblockSignals =
    "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
    + "os.execvp(sys.argv[1], sys.argv[1:])"

  @Test(
    .enabled(
      if: InstalledTools.semgrep != nil && InstalledTools.path(of: "python3") != nil,
      "semgrep (or python3) is not installed; skipping semgrep --test"))
  func semgrepTestPasses() throws {
    let result = try ProcessRunner.run(
      "python3",
      [
        "-c", Self.unblockSignals, "semgrep", "--test", "--metrics=off",
        "--disable-version-check", Packs.rulesets.path,
      ],
      in: Packs.root.path, timeout: 1800)
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.contains("All tests passed"), "\(result.stdout)")
  }
}

/// rulesets/README.md matches the rules: regenerating it changes nothing.
@Suite struct RulesTableTests {
  @Test(
    .enabled(
      if: InstalledTools.path(of: "python3") != nil,
      "python3 is not installed; skipping the table check"),
    arguments: ["yaml", "auto"])
  func tableIsCurrent(source: String) throws {
    let result = try ProcessRunner.run(
      "python3", ["scripts/rules-table.py", "--check", "--source", source],
      in: Packs.root.path, timeout: 300)
    #expect(result.status == 0, "\(result.stderr)")
  }
}
