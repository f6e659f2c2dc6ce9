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
    _ report: Report, format: OutputFormat, outputs: [String], options: ReportOptions? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    // Render everything first, so that a failure leaves no half-written set of reports.
    var files: [(path: String, content: String)] = []
    var formats: [OutputFormat] = [format]
    for entry in outputs {
      guard let equals = entry.firstIndex(of: "="),
        let fileFormat = OutputFormat(rawValue: String(entry[..<equals]))
      else {
        throw CommandFailure.invalidOption("--output takes FORMAT=PATH; got '\(entry)'")
      }
      let path = String(entry[entry.index(after: equals)...])
      let reporter = reporter(for: fileFormat, toTerminal: false, options: options)
      files.append((path, try reporter.render(report)))
      formats.append(fileFormat)
    }
    let text = try reporter(
      for: format, toTerminal: isatty(STDOUT_FILENO) == 1, options: options
    ).render(report)
    var summary: (path: String, content: String)?
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
    try StandardStream.write(text)
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
