import Foundation
import Reports

/// Renders reports to standard output and to `--output FORMAT=PATH` files.
enum ReportWriter {
  static func reporter(for format: OutputFormat, toTerminal: Bool) throws -> any Reporter {
    switch format {
    case .text:
      let environment = ProcessInfo.processInfo.environment
      return TextReporter(
        color: TextReporter.wantsColor(environment: environment, isTerminal: toTerminal))
    case .json:
      return JSONReporter()
    case .sarif, .github, .gitlabSAST, .codequality, .junit:
      throw CommandFailure.invalidOption(
        "the \(format.rawValue) report is not built yet; use text or json")
    }
  }

  static func write(_ report: Report, format: OutputFormat, outputs: [String]) throws {
    // Render every file first, so that a bad --output fails before anything is printed.
    var files: [(String, String)] = []
    for entry in outputs {
      guard let equals = entry.firstIndex(of: "="),
        let fileFormat = OutputFormat(rawValue: String(entry[..<equals]))
      else { continue }
      let path = String(entry[entry.index(after: equals)...])
      files.append((path, try reporter(for: fileFormat, toTerminal: false).render(report)))
    }
    let text = try reporter(for: format, toTerminal: isatty(STDOUT_FILENO) == 1).render(report)
    for (path, content) in files {
      do {
        try content.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure.invalidOption("cannot write the report to \(path): \(error)")
      }
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
