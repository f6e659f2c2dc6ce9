import Foundation
import Semgrep

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable {
  public let status: Int32
  public let stdout: String
  public let stderr: String
}

/// Errors from running helper processes in tests.
public enum TestSupportError: Error, CustomStringConvertible {
  case failed(command: [String], result: ProcessResult)
  case timedOut(command: [String])

  public var description: String {
    switch self {
    case .failed(let command, let result):
      return
        "\(command.joined(separator: " ")) exited \(result.status): \(result.stderr)\(result.stdout)"
    case .timedOut(let command):
      return "\(command.joined(separator: " ")) timed out"
    }
  }
}

/// Runs programs with argument arrays (never a shell), reading both pipes, with a timeout:
/// the product's own `ExternalProcess`, with text results and test errors.
public enum ProcessRunner {
  /// Runs `executable` (a path, or a name looked up on PATH) and waits for it.
  public static func run(
    _ executable: String,
    _ arguments: [String],
    in directory: String? = nil,
    environment: [String: String]? = nil,
    input: String? = nil,
    timeout: TimeInterval = 120
  ) throws -> ProcessResult {
    let environment = environment ?? ProcessInfo.processInfo.environment
    let command = [executable] + arguments
    let path =
      executable.contains("/")
      ? executable : ExternalProcess.find(executable, path: environment["PATH"])
    guard let path else {
      throw TestSupportError.failed(
        command: command,
        result: ProcessResult(status: 127, stdout: "", stderr: "\(executable): not found on PATH"))
    }
    do {
      let output = try ExternalProcess.run(
        executable: path, arguments: arguments, environment: environment, directory: directory,
        input: input.map { Data($0.utf8) }, timeout: timeout)
      return ProcessResult(
        status: output.status, stdout: String(decoding: output.stdout, as: UTF8.self),
        stderr: String(decoding: output.stderr, as: UTF8.self))
    } catch .timedOut {
      throw TestSupportError.timedOut(command: command)
    } catch {
      throw TestSupportError.failed(
        command: command, result: ProcessResult(status: -1, stdout: "", stderr: "\(error)"))
    }
  }

  /// The environment of this process without git's own variables, so that a test run from
  /// inside a git hook cannot leak its repository into a scratch repository.
  public static var cleanEnvironment: [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
  }
}
