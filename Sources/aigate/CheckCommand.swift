import ArgumentParser
import Attest
import Attribution
import Foundation
import Gate
import GitKit
import Reports

/// `aigate check`: the gate.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Gate a change: a revision range, or the staged index with --staged.",
    discussion: """
      The change is merge-base(base, head)..head. \(ChangeOptions.baseDefault) Findings on \
      added lines are judged by who wrote those lines and .aigate.yml's policy. Exit 0 when the \
      change passes, 1 when it is blocked, 2 on any error.
      """
  )

  @OptionGroup var change: ChangeOptions
  @OptionGroup var common: CommonOptions
  @OptionGroup var reports: ReportOptions
  @OptionGroup var attestation: AttestOptions
  @OptionGroup var budget: TimeoutOption
  @OptionGroup var filters: FilterOptions
  @OptionGroup var fixes: AutofixOptions
  @OptionGroup var baseline: BaselineOption

  @Option(help: "The policy file (default: .aigate.yml at the repository root, if present).")
  var policy: String?

  @Flag(
    help: ArgumentHelp(
      "Fail (exit 2) when some rules could not run (semgrep-only rules, semgrep absent) or "
        + "stopped on a file (--timeout, regex limits)."))
  var strict = false

  func validate() throws {
    try common.requirePatternForLang()
  }

  func run() throws {
    common.apply()
    let environment = ProcessInfo.processInfo.environment
    let shipped = try Prefetch.shipped ?? ShippedData.locate(environment: environment)
    var request = CheckRequest(
      change: change.selected,
      configs: common.config.map(ShippedData.absolute),
      policyPath: policy.map(ShippedData.absolute),
      strict: strict, environment: environment, shippedRules: shipped.rulesets,
      agentTable: shipped.agentTable)
    request.filters = filters.filters()
    request.preloads = Prefetch.preloads
    request.baselinePath = baseline.baseline.map(ShippedData.absolute)
    request.usesBaseline = !baseline.noBaseline
    let pattern = try common.patternRuleFile()
    defer { if let pattern { try? FileManager.default.removeItem(atPath: pattern.folder) } }
    request.unqualifiedConfigs = pattern.map { [$0.file] } ?? []
    // A missing or bad key fails before any work, not after the verdict.
    let signingKey =
      try attestation.wanted
      ? AttestKeys.signingKey(file: attestation.attestKey, environment: environment) : nil
    let started = Date()
    let repository = try GateRunner.repository(for: request)
    let progress = ProgressLine.start(asked: common.progress, quiet: common.quiet)
    let runner = GateRunner(engine: budget.engine(progress: progress?.counts))
    let finished = Result { try runner.run(request, in: repository) }
    progress?.end()
    let run = try finished.get()
    KeptUntilExit.keep(runner, run)
    change.note(run.base)
    fixes.apply(
      run.evaluation.findings.filter { $0.suppressedBy == nil }.map(\.finding),
      sources: run.sources, root: run.root)
    var report = Report(run: run, toolVersion: AigateVersion.current, startTime: started)
    report.timed = budget.time
    try ReportWriter.write(report, options: common, reportOptions: reports)
    if let signingKey {
      try record(run, in: repository, key: signingKey)
    }
    if !run.evaluation.verdict.passed {
      throw ExitStatus.blocked.exitCode
    }
  }

  /// Signs the verdict, writes it to --attest, and with --notes keeps it on refs/notes/aigate
  /// in the repository the gate ran in.
  private func record(_ run: GateRun, in repository: Repository, key: SigningKey) throws {
    let statement = try Statement.make(run: run, aigateVersion: AigateVersion.current)
    let envelope = try Envelope.sign(statement, with: key)
    let text = try envelope.text()
    if let path = attestation.attest {
      do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure.write(path: path, reason: error.localizedDescription)
      }
      Diagnostics.note("attestation written to \(path)")
    }
    if attestation.notes, let head = run.attribution.head {
      try repository.writeNote(text, for: head, ref: Auditor.notesRef)
      Diagnostics.note("attestation stored on \(Auditor.notesRef) for \(head.short)")
    }
  }
}
