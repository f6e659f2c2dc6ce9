import Foundation
import Reports

/// Renders reports to standard output and to `--output FORMAT=PATH` files, all from one report.
enum ReportWriter {
  static func reporter(
    for format: OutputFormat, toTerminal: Bool, options: ReportOptions? = nil
  ) -> any Reporter {
    switch format {
    case .text:
      let environment = ProcessInfo.processInfo.environment
      return TextReporter(
        color: TextReporter.wantsColor(environment: environment, isTerminal: toTerminal))
    case .json: return JSONReporter()
    case .sarif: return SARIFReporter(category: options?.sarifCategory)
    case .github: return GitHubReporter()
    case .gitlabSAST: return GitLabSASTReporter()
    case .codequality: return CodeQualityReporter()
    case .junit: return JUnitReporter()
    }
  }

  /// Writes every report; a `github` report anywhere also appends the Markdown job summary to
  /// `GITHUB_STEP_SUMMARY` when the runner sets it.
  static func write(
    _ report: Report, options common: CommonOptions, reportOptions: ReportOptions? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    try write(
      report, format: common.reportFormat, files: common.reportFiles,
      standardOutputFile: common.standardOutputFile, options: reportOptions,
      environment: environment)
  }

  /// Writes `format` to standard output (or to `standardOutputFile`, semgrep's `-o`) and every
  /// file report.
  static func write(
    _ report: Report, format: OutputFormat, files requested: [CommonOptions.ReportFile],
    standardOutputFile: String? = nil, options: ReportOptions? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    // Render everything first, so that a failure leaves no half-written set of reports.
    var files: [(path: String, content: String)] = []
    for file in requested {
      let reporter = reporter(for: file.format, toTerminal: false, options: options)
      files.append((file.path, try reporter.render(report)))
    }
    let toTerminal = standardOutputFile == nil && isatty(STDOUT_FILENO) == 1
    let text = try reporter(for: format, toTerminal: toTerminal, options: options).render(report)
    if let standardOutputFile { files.append((standardOutputFile, text)) }
    var summary: (path: String, content: String)?
    let formats = [format] + requested.map(\.format)
    if formats.contains(.github), let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
      summary = (path, try GitHubSummary().render(report))
    }
    for (path, content) in files {
      do {
        try content.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw ReportError.write(path: path, reason: error.localizedDescription)
      }
    }
    if let summary { try append(summary.content, to: summary.path) }
    if standardOutputFile == nil { try StandardStream.write(text) }
  }

  /// Appends to the step summary file, creating it if the runner has not.
  private static func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw ReportError.write(path: path, reason: "cannot create GITHUB_STEP_SUMMARY")
      }
    }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw ReportError.write(path: path, reason: error.localizedDescription)
    }
  }
}
