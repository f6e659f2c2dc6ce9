import ArgumentParser
import Attribution
import Foundation
import Gate
import Reports

/// `aigate check`: the gate.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Gate a change: a revision range, or the staged index with --staged.",
    discussion: """
      The change is merge-base(base, head)..head. Without --base the base comes from the CI \
      (GitHub pull request event, GITHUB_BASE_REF, GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA), else \
      the upstream branch's merge-base, else HEAD~1. Findings on added lines are judged by who \
      wrote those lines and .aigate.yml's policy. Exit 0 when the change passes, 1 when it is \
      blocked, 2 on any error.
      """
  )

  @OptionGroup var change: ChangeOptions
  @OptionGroup var common: CommonOptions
  @OptionGroup var reports: ReportOptions

  @Option(help: "The policy file (default: .aigate.yml at the repository root, if present).")
  var policy: String?

  @Flag(help: "Fail (exit 2) when some rules could not run (semgrep-only rules, semgrep absent).")
  var strict = false

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let shipped = try ShippedData.locate(environment: environment)
    let request = CheckRequest(
      change: change.staged
        ? .staged(messageFile: change.messageFile)
        : .range(base: change.base, head: change.head),
      configs: common.config.map(ShippedData.absolute),
      policyPath: policy.map(ShippedData.absolute),
      strict: strict, environment: environment, shippedRules: shipped.rulesets,
      agentTable: shipped.agentTable)
    let started = Date()
    let run = try GateRunner(engine: Engines.inProcess).run(request)
    if let base = run.base, change.base == nil {
      Diagnostics.note("base: \(base.revision) (\(base.source))")
    }
    try ReportWriter.write(
      Report(
        run: run, toolVersion: AigateVersion.current, sources: run.sources, startTime: started),
      format: common.format, outputs: common.output, options: reports)
    if !run.evaluation.verdict.passed {
      throw ExitStatus.blocked.exitCode
    }
  }
}
