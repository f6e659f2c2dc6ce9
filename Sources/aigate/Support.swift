import ArgumentParser
import Foundation
import Gate

/// The gate's exit statuses (DESIGN.md: 0 pass, 1 blocking findings, 2 error).
enum ExitStatus: Int32 {
  case pass = 0
  case blocked = 1
  case error = 2

  var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Failures of the command layer itself; every one exits 2.
enum CommandFailure: Error, CustomStringConvertible {
  case invalidOption(String)
  /// Standard output is closed or broken: the report cannot reach its reader.
  case output(reason: String)
  /// A file the command writes (`.aigate.yml`, an attestation) could not be written.
  case write(path: String, reason: String)

  var description: String {
    switch self {
    case .output(let reason):
      return "cannot write the report to standard output: \(reason)"
    case .invalidOption(let message):
      return message
    case .write(let path, let reason):
      return "cannot write \(path): \(reason)"
    }
  }
}

/// Writes progress and errors to standard error; reports go to standard output.
enum Diagnostics {
  static func error(_ message: String) {
    let line = message.split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\n  ")
    write("aigate: error: \(line)\n")
  }

  /// `--quiet` leaves notes out, never errors; set once, before any work starts.
  nonisolated(unsafe) static var quiet = false

  static func note(_ message: String) {
    if quiet { return }
    write("aigate: \(message)\n")
  }

  /// Best effort: with standard error closed there is nowhere left to say anything.
  static func write(_ text: String) {
    _ = try? StandardStream.write(text, to: STDERR_FILENO)
  }
}

/// Writes to standard output and error with write(2), so that a closed or broken stream is an
/// error the caller reports (exit 2), never a crash (Foundation's FileHandle traps on EBADF,
/// and SIGPIPE would end the process).
enum StandardStream {
  static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) throws {
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { buffer in
        Foundation.write(descriptor, buffer.baseAddress, buffer.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw CommandFailure.output(reason: String(cString: strerror(errno)))
      }
      offset += written
    }
  }
}

/// Report formats for standard output and `--output`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
  case text, json, sarif, github
  case gitlabSAST = "gitlab-sast"
  case codequality, junit
}

/// Which change to look at: a revision range or the staged index.
struct ChangeOptions: ParsableArguments {
  /// How the base is found without `--base` (`BaseDetector`), for the commands' help.
  static let baseDefault = """
    Without --base the base comes from the CI (GitHub pull request event, GITHUB_BASE_REF, \
    GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA), else the upstream branch's merge-base, else HEAD~1.
    """

  @Option(help: "The base revision; the change is merge-base(base, head)..head.")
  var base: String?

  @Option(help: "The head revision (default: HEAD).")
  var head: String?

  @Flag(help: "Look at the staged index against HEAD instead of a range (for hooks).")
  var staged = false

  @Option(help: "With --staged: the commit message being written (the commit-msg hook's file).")
  var messageFile: String?

  /// The change these options name.
  var selected: CheckRequest.Change {
    staged ? .staged(messageFile: messageFile) : .range(base: base, head: head)
  }

  /// Says where the base came from, when it was not given.
  func note(_ choice: BaseChoice?) {
    if let choice, base == nil {
      Diagnostics.note("base: \(choice.revision) (\(choice.source))")
    }
  }

  func validate() throws {
    if staged && (base != nil || head != nil) {
      throw ValidationError("--staged cannot be combined with --base or --head")
    }
    if messageFile != nil && !staged {
      throw ValidationError("--message-file goes with --staged")
    }
  }
}

/// What a command is done with but need not free: a run's compiled rules and findings.
///
/// The process ends right after the report, and freeing them took longer than writing it
/// (milliseconds with many rules); the exit hands the memory back at once.
enum KeptUntilExit {
  nonisolated(unsafe) private static var kept: [Any] = []

  /// Keeps `values` alive until the process exits.
  ///
  /// Commands call this once, on the main thread.
  static func keep(_ values: Any...) {
    kept.append(contentsOf: values)
  }
}
