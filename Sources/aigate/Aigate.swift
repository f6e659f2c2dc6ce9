import ArgumentParser
import Foundation
import GitKit

/// The root command: configuration only.
@main
struct Aigate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aigate",
    abstract: "A security gate for AI-authored code.",
    discussion: """
      aigate finds the lines of a change that an AI agent wrote and holds them to a stricter bar \
      with semgrep-compatible rules. Exit codes: 0 pass, 1 blocking findings, 2 error.
      """,
    // "aigate X.Y.Z": the hooks check that an AIGATE_BIN override answers as aigate.
    version: "aigate \(AigateVersion.current)",
    subcommands: [
      CheckCommand.self,
      ScanCommand.self,
      BaselineCommand.self,
      AttributionCommand.self,
      TestCommand.self,
      RulesCommand.self,
      HookCommand.self,
      InitCommand.self,
      AttestCommand.self,
    ]
  )

  /// Parses, runs, and maps every failure that is not a usage error to exit code 2.
  static func main() {
    // Nearly every command opens a repository: libgit2 gets ready while the arguments parse.
    // Every way out waits for it (`leave`), since exiting under it can crash.
    prepareGit()
    // `aigate check` starts loading its rules and agent table while the arguments parse.
    Prefetch.start(
      arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
    // A corrupt loose object can make libgit2 read forever: a command still busy after a
    // second has the repository's loose objects checked, and one proven corrupt ends it here.
    CorruptionWatchdog.install { error in
      Diagnostics.error(error.description)
      // Not exit(): libgit2 may be inside zlib on another thread; its exit handlers must not run.
      _exit(ExitStatus.error.rawValue)
    }
    func leave(_ error: (any Error)?) -> Never {
      gitPrepared()
      if let error, exitCode(for: error) == .validationFailure {
        // semgrep's contract is 0, 1, 2: an argument error is an error, in one line.
        Diagnostics.error(usageLine(for: error))
        Foundation.exit(ExitStatus.error.rawValue)
      }
      exit(withError: error)
    }
    let command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      leave(error)
    }
    do {
      var runnable = command
      try runnable.run()
    } catch let code as ExitCode {
      leave(code)
    } catch  where exitCode(for: error) != .failure {
      // The parser's own outcomes that surface when run (help, usage): keep their codes.
      leave(error)
    } catch {
      Diagnostics.error(String(describing: error))
      gitPrepared()
      Foundation.exit(ExitStatus.error.rawValue)
    }
    gitPrepared()
  }
}

extension Aigate {
  /// One line naming what is wrong with the arguments, and where the options are listed.
  static func usageLine(for error: any Error) -> String {
    let message =
      message(for: error)
      .split(whereSeparator: \.isNewline).first.map(String.init) ?? "bad arguments"
    return "\(message) (--help lists the options)"
  }
}

/// aigate's version, printed by `--version` and recorded in reports.
enum AigateVersion {
  static let current = "0.1.0"
}
