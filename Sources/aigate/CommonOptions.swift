import ArgumentParser
import Foundation
import Rules

/// Options every scanning command shares, under semgrep's flag names where semgrep has them, so
/// that the scripts and CI jobs of semgrep users work unchanged.
struct CommonOptions: ParsableArguments {
  @Option(
    name: [.customShort("c"), .customShort("f"), .long],
    help: "A rule file or folder; repeatable. Defaults to the shipped rule packs.")
  var config: [String] = []

  @Option(
    name: [.customShort("e"), .long],
    help: ArgumentHelp(
      "A one-off pattern to run instead of rule files, with --lang (semgrep's -e).",
      valueName: "pattern"))
  var pattern: String?

  @Option(
    name: [.customShort("l"), .customLong("lang")],
    help: ArgumentHelp("The language of --pattern (semgrep's -l).", valueName: "language"))
  var lang: String?

  @Option(help: "The report format for standard output (default: text).")
  var format: OutputFormat?

  @Flag(help: "Standard output in JSON (semgrep's --json; --format json).")
  var json = false

  @Flag(help: "Standard output in SARIF (semgrep's --sarif; --format sarif).")
  var sarif = false

  @Flag(help: "Standard output as text (semgrep's --text; the default).")
  var text = false

  @Flag(
    name: .customLong("gitlab-sast"),
    help: "Standard output as a GitLab SAST report (semgrep's --gitlab-sast).")
  var gitlabSAST = false

  @Flag(
    name: .customLong("junit-xml"), help: "Standard output as JUnit XML (semgrep's --junit-xml).")
  var junitXML = false

  @Option(
    name: .customLong("json-output"),
    help: ArgumentHelp("Also write a JSON report to this file.", valueName: "path"))
  var jsonOutput: [String] = []

  @Option(
    name: .customLong("sarif-output"),
    help: ArgumentHelp("Also write a SARIF report to this file.", valueName: "path"))
  var sarifOutput: [String] = []

  @Option(
    name: .customLong("text-output"),
    help: ArgumentHelp("Also write a text report to this file.", valueName: "path"))
  var textOutput: [String] = []

  @Option(
    name: .customLong("gitlab-sast-output"),
    help: ArgumentHelp("Also write a GitLab SAST report to this file.", valueName: "path"))
  var gitlabSASTOutput: [String] = []

  @Option(
    name: .customLong("junit-xml-output"),
    help: ArgumentHelp("Also write a JUnit XML report to this file.", valueName: "path"))
  var junitXMLOutput: [String] = []

  @Option(
    name: [.customShort("o"), .long],
    help: ArgumentHelp(
      "FORMAT=PATH: also write a report in FORMAT to PATH (repeatable). A plain PATH, as in "
        + "semgrep: write the standard-output report to PATH instead.",
      valueName: "format=path|path"))
  var output: [String] = []

  @Option(
    name: [.customShort("j"), .long],
    help: ArgumentHelp(
      "The most threads to read, parse and match on (semgrep's -j; default: every core). "
        + "semgrep, when it runs, gets the same.", valueName: "n"))
  var jobs: Int?

  @Flag(name: .shortAndLong, help: "Print more about what was loaded and run.")
  var verbose = false

  @Flag(name: .shortAndLong, help: "Print only errors on standard error, no progress or notes.")
  var quiet = false

  @Flag(
    inversion: .prefixedNo,
    help: ArgumentHelp(
      "Show how far a long scan has got on standard error (default: on a terminal, not in CI)."))
  var progress: Bool?

  // semgrep's flags about its network use: aigate is offline, so they have nothing to change.
  @Option(help: .hidden) var metrics: String?
  @Flag(help: .hidden) var disableVersionCheck = false
  @Flag(help: .hidden) var enableVersionCheck = false

  /// A report written to a file besides standard output.
  struct ReportFile: Equatable {
    let format: OutputFormat
    let path: String
  }

  /// The format for standard output (or the `-o PATH` file): the one format flag given.
  var reportFormat: OutputFormat {
    chosenFormats.first ?? .text
  }

  /// Every `--output FORMAT=PATH` and `--FORMAT-output PATH`, in that order.
  var reportFiles: [ReportFile] {
    var files = output.compactMap(Self.formatAndPath).map { ReportFile(format: $0, path: $1) }
    let named: [(OutputFormat, [String])] = [
      (.json, jsonOutput), (.sarif, sarifOutput), (.text, textOutput),
      (.gitlabSAST, gitlabSASTOutput), (.junit, junitXMLOutput),
    ]
    for (format, paths) in named {
      files += paths.map { ReportFile(format: format, path: $0) }
    }
    return files
  }

  /// semgrep's `-o PATH`: the file that takes the standard-output report, if one was named.
  var standardOutputFile: String? {
    output.first { Self.formatAndPath($0) == nil }
  }

  /// The formats chosen for standard output, by `--format` and the format flags.
  private var chosenFormats: [OutputFormat] {
    var formats = format.map { [$0] } ?? []
    let flags: [(Bool, OutputFormat)] = [
      (json, .json), (sarif, .sarif), (text, .text), (gitlabSAST, .gitlabSAST),
      (junitXML, .junit),
    ]
    formats += flags.filter(\.0).map(\.1)
    return formats
  }

  /// `FORMAT=PATH` with a known format and a path, or nil.
  private static func formatAndPath(_ entry: String) -> (OutputFormat, String)? {
    guard let equals = entry.firstIndex(of: "="),
      let format = OutputFormat(rawValue: String(entry[..<equals])),
      entry.index(after: equals) < entry.endIndex
    else { return nil }
    return (format, String(entry[entry.index(after: equals)...]))
  }

  /// `-e PATTERN -l LANG` as a rule file in a folder of its own, or nil without `-e`.
  ///
  /// The rule has semgrep's id `-`, the pattern as its message and severity ERROR; the engines
  /// read it like any config. The caller removes the folder.
  func patternRuleFile() throws -> (file: String, folder: String)? {
    guard let pattern, let lang else { return nil }
    let rule: [String: Any] = [
      "id": "-", "pattern": pattern, "languages": [lang], "message": pattern,
      "severity": "ERROR",
    ]
    // JSON is YAML: the pattern goes in quoted, whatever it holds.
    let data = try JSONSerialization.data(withJSONObject: ["rules": [rule]])
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-pattern-\(UUID().uuidString)").path
    let file = folder + "/pattern.yaml"
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o700])
      try data.write(to: URL(fileURLWithPath: file))
    } catch {
      throw CommandFailure.write(path: file, reason: error.localizedDescription)
    }
    return (file, folder)
  }

  func validate() throws {
    if pattern != nil && lang == nil {
      throw ValidationError("--pattern (-e) needs --lang (-l)")
    }
    if pattern != nil && !config.isEmpty {
      throw ValidationError("--pattern (-e) and --config cannot be used together")
    }
    let formats = chosenFormats
    if Set(formats).count > 1 {
      throw ValidationError(
        "choose one report format for standard output; got "
          + formats.map(\.rawValue).joined(separator: " and "))
    }
    let plain = output.filter { Self.formatAndPath($0) == nil }
    if plain.count > 1 {
      throw ValidationError(
        "--output takes one plain PATH (semgrep's -o) and any number of FORMAT=PATH; got "
          + plain.map { "'\($0)'" }.joined(separator: " and "))
    }
    for entry in plain where entry.isEmpty || entry.hasSuffix("=") {
      throw ValidationError(
        "--output takes FORMAT=PATH with FORMAT one of "
          + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
          + ", or a PATH; got '\(entry)'")
    }
    let paths = reportFiles.map(\.path) + plain
    if let repeated = Dictionary(grouping: paths, by: { $0 }).first(where: { $1.count > 1 })?.key {
      throw ValidationError("two reports would be written to '\(repeated)'")
    }
    if let jobs, jobs < 1 {
      throw ValidationError("--jobs (-j) takes a number of threads, 1 or more; got \(jobs)")
    }
    if quiet && verbose {
      throw ValidationError("--quiet and --verbose cannot be used together")
    }
    if let metrics, !["auto", "on", "off"].contains(metrics) {
      throw ValidationError("--metrics takes auto, on or off (aigate sends none either way)")
    }
  }

  /// For `check` and `scan`, where `--lang` only says the language of `--pattern`
  /// (`rules list` filters by it).
  func requirePatternForLang() throws {
    if lang != nil && pattern == nil {
      throw ValidationError("--lang (-l) goes with --pattern (-e)")
    }
  }

  /// Says once, on standard error, that semgrep's network flags change nothing here, and
  /// applies --quiet to every later note.
  func apply() {
    Diagnostics.quiet = quiet
    Parallel.workers = jobs
    var ignored: [String] = []
    if metrics != nil { ignored.append("--metrics") }
    if disableVersionCheck { ignored.append("--disable-version-check") }
    if enableVersionCheck { ignored.append("--enable-version-check") }
    if !ignored.isEmpty {
      Diagnostics.note(
        "ignored \(ignored.joined(separator: ", ")): aigate sends no metrics and checks no versions"
      )
    }
  }
}
