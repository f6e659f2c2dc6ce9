import ArgumentParser
import Foundation
import Gate
import Reports

/// `aigate scan`: scan files or folders without git, like `semgrep scan`.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files or folders without git, like semgrep scan.",
    discussion: """
      Folders are walked as semgrep walks them: .semgrepignore (or semgrep's default list when \
      there is none) and .gitignore files are honoured, links are not followed, and binary files \
      and files over --max-target-bytes are skipped and counted. Rules the in-process engine \
      cannot run go to semgrep when it is installed. Exit 0 (1 with --error when anything was \
      found), 2 on an error.
      """
  )

  @OptionGroup var common: CommonOptions
  @OptionGroup var reports: ReportOptions
  @OptionGroup var budget: TimeoutOption
  @OptionGroup var filters: FilterOptions
  @OptionGroup var fixes: AutofixOptions
  @OptionGroup var baseline: BaselineOption

  @Option(help: "semgrep for the rules aigate cannot run: auto, required or off.")
  var semgrep: String = "auto"

  @Flag(help: "Exit 1 when there are findings.")
  var error = false

  @Flag(help: "Fail (exit 2) when some rules could not run or stopped on a file (--timeout).")
  var strict = false

  @Argument(help: "Files or folders to scan.")
  var paths: [String] = ["."]

  func validate() throws {
    try common.requirePatternForLang()
    guard SemgrepPolicy.Mode(rawValue: semgrep) != nil else {
      throw ValidationError("--semgrep takes auto, required or off")
    }
  }

  func run() throws {
    common.apply()
    let environment = ProcessInfo.processInfo.environment
    let started = Date()
    var policy = SemgrepPolicy()
    policy.mode = SemgrepPolicy.Mode(rawValue: semgrep) ?? .auto
    var configs = common.config.map(ShippedData.absolute)
    let pattern = try common.patternRuleFile()
    defer { if let pattern { try? FileManager.default.removeItem(atPath: pattern.folder) } }
    if let pattern {
      configs = [pattern.file]
    } else if configs.isEmpty {
      configs = GateRunner.packs(in: try ShippedData.locate(environment: environment).rulesets)
    }
    let workingDirectory = FileManager.default.currentDirectoryPath
    let known = try baseline.forScan(in: workingDirectory)
    let progress = ProgressLine.start(asked: common.progress, quiet: common.quiet)
    let scanner = Scanner(
      engines: EngineSet(
        engine: budget.engine(progress: progress?.counts), semgrep: policy,
        environment: environment))
    // The progress line ends before anything else is written.
    let finished = Result {
      try scanner.run(
        paths: paths, configs: configs,
        workingDirectory: workingDirectory, strict: strict,
        qualifyingIDs: !common.config.isEmpty && pattern == nil,
        options: TargetWalker.Options(maxFileSize: filters.walkLimit),
        filters: filters.filters(), baseline: known)
    }
    progress?.end()
    let run = try finished.get()
    KeptUntilExit.keep(scanner, run)
    fixes.apply(run.findings, sources: run.sources, root: run.root)
    var report = Report(
      scan: run, failsOnFindings: error, toolVersion: AigateVersion.current, startTime: started)
    report.timed = budget.time
    try ReportWriter.write(report, options: common, reportOptions: reports)
    if !report.verdict.passed { throw ExitStatus.blocked.exitCode }
  }
}
