import ArgumentParser
import Foundation
import Gate
import Rules

/// `aigate rules`: check and list rule files.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Check rule files, or list rules with the engine that runs each.",
    discussion: """
      --config takes a rule file or a folder (its *.yml and *.yaml files, recursively, \
      skipping *.test.yaml and .fixed. files) and is repeatable. Without --config, the shipped \
      rule packs are read (the language folders of aigate's rulesets). semgrep registry names (p/…, r/…, auto) and URLs \
      are refused: they need the network. Regular expressions are checked with PCRE2, \
      compiled as semgrep compiles them.
      """,
    subcommands: [Validate.self, List.self]
  )

  /// Who runs each rule: the same answers `check` acts on, the rules compiled on every core.
  static func executions(of rules: [Rule]) -> [Execution] {
    EngineSet(engine: Engines.inProcess, semgrep: SemgrepPolicy(), environment: [:])
      .classify(rules).map(\.execution)
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check rule files; print every problem and exit 2 if there is any.")
    @OptionGroup var common: CommonOptions

    func validate() throws {
      try common.requirePatternForLang()
      guard common.reportFormat == .text else {
        throw ValidationError("'rules validate' writes text only; use 'rules list --format json'")
      }
      guard common.reportFiles.isEmpty && common.standardOutputFile == nil else {
        throw ValidationError("'rules validate' writes to standard output only")
      }
    }

    func run() throws {
      common.apply()
      let set = try RulesCommand.load(common)
      try RulesCommand.requireValid(set)
      let executions = RulesCommand.executions(of: set.rules)
      let delegated = executions.filter { $0 != .inProcess }.count
      // A rule aigate's engine cannot compile (compiled once, above) runs only in semgrep: a
      // warning, since semgrep may well read it; semgrep, or `--strict` without it, decides.
      let problems = set.rules.compactMap { Engines.inProcess?.problem(with: $0) }
      for problem in problems { Diagnostics.write(problem.description + "\n") }
      print(
        "\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.files.count) "
          + "file\(set.files.count == 1 ? "" : "s") are valid; \(set.rules.count - delegated) run "
          + "in aigate, \(delegated) need semgrep")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List rules: id, languages, severity, the engine that runs each, and where.")
    @OptionGroup var common: CommonOptions

    @Option(
      help: ArgumentHelp(
        "List only rules that run in this engine: aigate or semgrep.", valueName: "engine"))
    var engine: String?

    @Flag(help: "One wide line per rule, with why semgrep runs it and where it is defined.")
    var long = false

    func validate() throws {
      guard common.reportFormat == .text || common.reportFormat == .json else {
        throw ValidationError("'rules list' writes --format text or json")
      }
      guard common.reportFiles.isEmpty && common.standardOutputFile == nil else {
        throw ValidationError("'rules list' writes to standard output only")
      }
      if let engine, !["aigate", "semgrep"].contains(engine) {
        throw ValidationError("--engine takes aigate or semgrep; got '\(engine)'")
      }
      if common.pattern != nil {
        throw ValidationError("'rules list' lists rule files; --pattern (-e) is for check and scan")
      }
    }

    func run() throws {
      common.apply()
      let set = try RulesCommand.load(common)
      try RulesCommand.requireValid(set)
      // `--lang` as semgrep names languages (`py`, `js` too): a rule for any of them is listed.
      let language = common.lang.flatMap(Language.named)
      if let name = common.lang, language == nil {
        throw CommandFailure.invalidOption("--lang: '\(name)' is not a language semgrep rules name")
      }
      let listings = zip(set.rules, RulesCommand.executions(of: set.rules)).map {
        RuleListing(rule: $0, execution: $1)
      }.filter { listing in
        (engine == nil || listing.engine == engine)
          && (language == nil || listing.languages.contains { Language.named($0) == language })
      }
      if common.reportFormat == .json {
        print(try RuleListing.json(listings))
      } else {
        print(long ? RuleListing.table(listings) : RuleListing.compact(listings))
      }
    }
  }

  /// Loads the configs named, or the shipped packs when none is; with `--verbose`, prints
  /// warnings.
  static func load(_ common: CommonOptions) throws -> RuleSet {
    var configs = common.config
    if configs.isEmpty {
      let shipped = try ShippedData.locate(environment: ProcessInfo.processInfo.environment)
      configs = GateRunner.packs(in: shipped.rulesets)
      guard !configs.isEmpty else {
        throw CommandFailure.invalidOption(
          "no rules to read: pass --config FILE-OR-FOLDER (no rule packs in \(shipped.rulesets))")
      }
    }
    let started = Date()
    // The user's configs get semgrep's qualified ids; the shipped packs keep theirs.
    let set = try RuleLoader.load(
      configs: configs,
      qualifyingFrom: common.config.isEmpty ? nil : FileManager.default.currentDirectoryPath)
    if common.verbose {
      let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
      Diagnostics.note(
        "read \(set.rules.count) rules from \(set.files.count) files in \(milliseconds) ms")
      for warning in set.warnings { Diagnostics.write(warning.description + "\n") }
    }
    return set
  }

  /// Prints every error with its snippet and exits 2 when there is any.
  static func requireValid(_ set: RuleSet) throws {
    guard !set.errors.isEmpty else { return }
    for error in set.errors { Diagnostics.write(error.description + "\n") }
    let files = Set(set.errors.map(\.location.file)).count
    let count = set.errors.count
    Diagnostics.error(
      "\(count) problem\(count == 1 ? "" : "s") in \(files) rule file\(files == 1 ? "" : "s")")
    throw ExitStatus.error.exitCode
  }
}
