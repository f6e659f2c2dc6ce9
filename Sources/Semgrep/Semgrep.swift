import Foundation
import Rules

/// What went wrong with the external engine; every case makes the gate exit 2 when it must run.
public enum SemgrepError: Error, Sendable, CustomStringConvertible {
  case notInstalled(searched: [String])
  case launchFailed(executable: String, reason: String)
  case timedOut(executable: String, seconds: Double)
  case failed(executable: String, status: Int32, stderr: String)
  case unparsableOutput(executable: String, reason: String)
  case reportedErrors(executable: String, messages: [String])

  public var description: String {
    switch self {
    case .notInstalled(let searched):
      return "semgrep is required but none of \(searched.joined(separator: ", ")) is on PATH"
    case .launchFailed(let executable, let reason):
      return "could not start \(executable): \(reason)"
    case .timedOut(let executable, let seconds):
      return "\(executable) did not finish within \(Int(seconds)) seconds"
    case .failed(let executable, let status, let stderr):
      let tail = stderr.isEmpty ? "" : ":\n\(stderr)"
      return "\(executable) failed with exit status \(status)\(tail)"
    case .unparsableOutput(let executable, let reason):
      return "\(executable) printed output that is not semgrep JSON: \(reason)"
    case .reportedErrors(let executable, let messages):
      return "\(executable) reported errors:\n" + messages.joined(separator: "\n")
    }
  }
}

/// An installed semgrep or opengrep.
public struct SemgrepTool: Sendable, Hashable {
  /// The executable's path.
  public let path: String
  /// `semgrep` or `opengrep`.
  public let flavor: String

  public init(path: String, flavor: String) {
    self.path = path
    self.flavor = flavor
  }

  /// The names looked for on PATH, in order.
  public static let names = ["semgrep", "opengrep"]

  /// The configured executable, else the first of `names` on PATH; nil when none is installed.
  public static func locate(
    configured: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> SemgrepTool? {
    let candidates = configured.map { [$0] } ?? names
    for name in candidates {
      if let path = ExternalProcess.find(name, path: environment["PATH"]) {
        let flavor =
          (path as NSString).lastPathComponent.contains("opengrep") ? "opengrep" : "semgrep"
        return SemgrepTool(path: path, flavor: flavor)
      }
    }
    return nil
  }

  /// The tool's version, as it prints it.
  public func version(timeout: Double = 60) throws(SemgrepError) -> String {
    let output = try run(["--version"], environment: Self.quietEnvironment(), timeout: timeout)
    guard output.status == 0 else {
      throw .failed(executable: path, status: output.status, stderr: output.stderrTail())
    }
    return String(decoding: output.stdout, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs `scan` over `targets` with `configs` and returns its findings, tagged `.semgrep`.
  ///
  /// Exit status 0 or 1 is success; anything else, a timeout, output that is not JSON, or an
  /// error-level entry in its `errors` is a failure. `ruleIDs` maps the `check_id` semgrep gives
  /// a rule to the id aigate reports it under; otherwise `knownRuleIDs` lets the folder prefix
  /// semgrep puts on `check_id` be removed; snippets are read from the files under `root` because
  /// semgrep's free edition prints "requires login" instead. `honourNosemgrep` false reports
  /// findings that `nosemgrep` comments would hide, for the gate to judge those comments.
  public func scan(
    configs: [String], targets: [String], root: String, knownRuleIDs: Set<String>,
    ruleIDs: [String: String] = [:], timeout: Double, honourNosemgrep: Bool = true
  ) throws(SemgrepError) -> SemgrepScan {
    var arguments = [
      "scan", "--json", "--metrics=off", "--disable-version-check", "--quiet",
      "--no-git-ignore", "--scan-unknown-extensions",
    ]
    if !honourNosemgrep { arguments.append("--disable-nosem") }
    // `-j`: semgrep's threads count against the same limit.
    if let workers = Parallel.workers { arguments += ["--jobs", "\(workers)"] }
    for config in configs { arguments += ["--config", config] }
    arguments.append("--")
    arguments += targets
    let output = try run(
      arguments, environment: Self.quietEnvironment(), directory: root, timeout: timeout)
    let parsed = Result { try JSONDecoder().decode(SemgrepJSON.self, from: output.stdout) }
    // What semgrep says went wrong (a rule it cannot parse, say) is its JSON's `errors`, also
    // when it exits 2: those name the rule, where the bare status would not.
    let fatal = ((try? parsed.get())?.errors ?? []).filter { ($0.level ?? "error") == "error" }
    if !fatal.isEmpty {
      throw .reportedErrors(executable: path, messages: fatal.map(\.summary))
    }
    guard output.status == 0 || output.status == 1 else {
      throw .failed(executable: path, status: output.status, stderr: output.stderrTail())
    }
    let decoded: SemgrepJSON
    switch parsed {
    case .success(let value): decoded = value
    case .failure(let error):
      throw .unparsableOutput(executable: path, reason: String(describing: error))
    }
    let snippets = SnippetReader(root: root)
    let findings = decoded.results.map { result in
      let lines = result.extra.lines.flatMap { $0 == "requires login" ? nil : $0 }
      return Finding(
        ruleID: ruleIDs[result.checkID] ?? Self.normalize(result.checkID, known: knownRuleIDs),
        path: result.path,
        start: result.start,
        end: result.end,
        message: result.extra.message ?? "",
        severity: Rule.Severity(rawValue: result.extra.severity?.uppercased() ?? "") ?? .warning,
        metadata: result.extra.metadata ?? .object([:]),
        lines: lines ?? snippets.lines(result.path, result.start.line...result.end.line),
        fix: result.extra.fix,
        engine: .semgrep)
    }
    return SemgrepScan(
      findings: findings.sorted(by: Finding.reportOrder),
      warnings: decoded.errors.filter { ($0.level ?? "error") != "error" }.map(\.summary),
      scanned: decoded.paths?.scanned ?? [],
      version: decoded.version)
  }

  /// Removes the dotted folder prefix semgrep adds to rule ids loaded from a folder.
  public static func normalize(_ checkID: String, known: Set<String>) -> String {
    if known.contains(checkID) { return checkID }
    var index = checkID.startIndex
    while let dot = checkID[index...].firstIndex(of: ".") {
      let suffix = String(checkID[checkID.index(after: dot)...])
      if known.contains(suffix) { return suffix }
      index = checkID.index(after: dot)
    }
    return checkID
  }

  /// This process's environment with semgrep's version check and metrics off.
  static func quietEnvironment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
    environment["SEMGREP_SEND_METRICS"] = "off"
    return environment
  }

  private func run(
    _ arguments: [String], environment: [String: String], directory: String? = nil,
    timeout: Double
  ) throws(SemgrepError) -> ProcessOutput {
    do {
      return try ExternalProcess.run(
        executable: path, arguments: arguments, environment: environment, directory: directory,
        timeout: timeout)
    } catch {
      switch error {
      case .launchFailed(let executable, let reason):
        throw .launchFailed(executable: executable, reason: reason)
      case .timedOut(let executable, let seconds):
        throw .timedOut(executable: executable, seconds: seconds)
      }
    }
  }
}

/// What one semgrep run found.
public struct SemgrepScan: Sendable {
  public let findings: [Finding]
  /// Warning-level entries of semgrep's `errors` (a file it could not parse, say).
  public let warnings: [String]
  public let scanned: [String]
  public let version: String?
}

/// Reads the lines of a finding from disk.
private struct SnippetReader {
  let root: String

  func lines(_ path: String, _ span: ClosedRange<Int>) -> String {
    let full = path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: full) else { return "" }
    let source = SourceFile(path: path, data: data)
    guard let first = source.lineRange(max(span.lowerBound, 1)),
      let last = source.lineRange(min(span.upperBound, source.lineCount)),
      first.lowerBound <= last.upperBound
    else { return "" }
    return source.text(from: first.lowerBound, to: last.upperBound)
  }
}

/// The parts of semgrep's `--json` output aigate reads.
struct SemgrepJSON: Decodable {
  struct Extra: Decodable {
    let message: String?
    let severity: String?
    let metadata: JSONValue?
    let lines: String?
    let fix: String?
  }

  typealias Result = SemgrepResult<Extra>

  struct ErrorEntry: Decodable {
    let level: String?
    let type: String?
    let message: String?
    let path: String?

    var summary: String {
      let text = (message ?? type ?? "unknown error").trimmingCharacters(
        in: .whitespacesAndNewlines)
      return path.map { "\($0): \(text)" } ?? text
    }

    enum CodingKeys: String, CodingKey {
      case level, type, message, path
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      level = try container.decodeIfPresent(String.self, forKey: .level)
      message = try container.decodeIfPresent(String.self, forKey: .message)
      path = try container.decodeIfPresent(String.self, forKey: .path)
      // semgrep writes `type` as a string or as a list whose head is the name.
      if let text = try? container.decodeIfPresent(String.self, forKey: .type) {
        type = text
      } else if let list = try? container.decodeIfPresent([JSONValue].self, forKey: .type),
        case .string(let head)? = list.first
      {
        type = head
      } else {
        type = nil
      }
    }
  }

  struct Paths: Decodable {
    let scanned: [String]?
  }

  let version: String?
  let results: [Result]
  let errors: [ErrorEntry]
  let paths: Paths?
}
