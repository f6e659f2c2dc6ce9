import Foundation

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

/// Collects one pipe's bytes on a background thread so that neither pipe can fill and block.
private final class PipeDrain: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      let bytes = handle.readDataToEndOfFile()
      lock.lock()
      data = bytes
      lock.unlock()
      done.signal()
    }
  }

  func wait() -> String {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Runs programs with argument arrays (never a shell), reading both pipes, with a timeout.
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
    let process = Process()
    if executable.contains("/") {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [executable] + arguments
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try withDefaultSignalMask { try process.run() }
    let outDrain = PipeDrain(out.fileHandleForReading)
    let errDrain = PipeDrain(err.fileHandleForReading)
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try? inp.fileHandleForWriting.close()

    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        process.waitUntilExit()
        throw TestSupportError.timedOut(command: [executable] + arguments)
      }
      Thread.sleep(forTimeInterval: 0.005)
    }
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus, stdout: outDrain.wait(), stderr: errDrain.wait())
  }

  /// The environment of this process without git's own variables, so that a test run from
  /// inside a git hook cannot leak its repository into a scratch repository.
  public static var cleanEnvironment: [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
  }
}

/// Runs `body` (which starts a process) with the stopping signals unblocked on this thread.
///
/// So the child does not inherit the mask of a dispatch worker thread (libdispatch blocks most signals there).
/// semgrep stops its workers with SIGTERM and waits forever when SIGTERM is blocked.
func withDefaultSignalMask<T>(_ body: () throws -> T) rethrows -> T {
  // SIGCHLD stays as it is: Foundation's process monitor needs it blocked to see children exit.
  var unblock = sigset_t()
  var previous = sigset_t()
  sigemptyset(&unblock)
  for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGPIPE] {
    sigaddset(&unblock, signal)
  }
  pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
  defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
  return try body()
}
