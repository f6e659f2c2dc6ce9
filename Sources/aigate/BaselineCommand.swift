import ArgumentParser
import Foundation
import Gate
import Rules

/// `aigate baseline`: records the findings already there, so that `scan` and `check` report
/// only new ones.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Record the findings a full scan finds now, so that check and scan leave them out.",
    discussion: """
      Run it at the repository root and commit the file: check reads it from the trusted \
      commit (the merge-base), never from the change it gates. The file holds fingerprints \
      (rule, path, the matched text without whitespace), not line numbers, so findings that \
      move keep matching. A group of findings with the same rule, file and text that grows is \
      reported whole: a copy of a baselined line is never hidden. Rules: --config, else the \
      rules: of .aigate.yml in this folder, else the shipped packs. Every file is walked but \
      what .gitignore and .semgrepignore ignore (semgrep's default list does not apply, since \
      check gates those files too).
      """
  )

  @Option(
    name: [.customShort("c"), .customShort("f"), .long],
    help: "A rule file or folder; repeatable.")
  var config: [String] = []

  @OptionGroup var budget: TimeoutOption
  @OptionGroup var filters: FilterOptions

  @Option(help: "semgrep for the rules aigate cannot run: auto, required or off.")
  var semgrep: String = "auto"

  @Option(name: .customLong("baseline-file"), help: "Where to write it.")
  var file: String = Baseline.fileName

  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  @Argument(help: "Files or folders to scan (default: the current folder).")
  var paths: [String] = ["."]

  func validate() throws {
    guard SemgrepPolicy.Mode(rawValue: semgrep) != nil else {
      throw ValidationError("--semgrep takes auto, required or off")
    }
  }

  func run() throws {
    Diagnostics.quiet = quiet
    let environment = ProcessInfo.processInfo.environment
    let folder = FileManager.default.currentDirectoryPath
    var policy = SemgrepPolicy()
    policy.mode = SemgrepPolicy.Mode(rawValue: semgrep) ?? .auto
    var configs = config.map(ShippedData.absolute)
    var qualifying = !configs.isEmpty
    let policyFile = (folder as NSString).appendingPathComponent(Policy.fileName)
    if configs.isEmpty, FileManager.default.fileExists(atPath: policyFile) {
      // The rules check runs, qualified from the root as check qualifies them.
      configs = try Policy.load(path: policyFile).rules.map(ShippedData.absolute)
      qualifying = !configs.isEmpty
    }
    if configs.isEmpty {
      configs = GateRunner.packs(in: try ShippedData.locate(environment: environment).rulesets)
    }
    let progress = ProgressLine.start(asked: nil, quiet: quiet)
    let scanner = Scanner(
      engines: EngineSet(
        engine: budget.engine(progress: progress?.counts), semgrep: policy,
        environment: environment))
    var options = TargetWalker.Options(maxFileSize: filters.walkLimit)
    options.defaultIgnores = false
    let finished = Result {
      try scanner.run(
        paths: paths, configs: configs, workingDirectory: folder, strict: false,
        qualifyingIDs: qualifying, options: options, filters: filters.filters())
    }
    progress?.end()
    let run = try finished.get()
    let text = Baseline.render(run.findings, generator: "aigate \(AigateVersion.current)")
    do {
      try text.write(toFile: file, atomically: true, encoding: .utf8)
    } catch {
      throw CommandFailure.write(path: file, reason: error.localizedDescription)
    }
    let count = run.findings.count
    Diagnostics.note(
      "\(file): \(count) finding\(count == 1 ? "" : "s") recorded from \(run.scanned.count)"
        + " scanned file\(run.scanned.count == 1 ? "" : "s")"
        + (run.notRun.isEmpty ? "" : "; \(run.notRun.count) rules could not run"))
  }
}
