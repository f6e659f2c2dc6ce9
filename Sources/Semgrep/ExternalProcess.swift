import Foundation

/// What an external program printed and how it ended.
public struct ProcessOutput: Sendable {
  /// The exit code, or 128 + the signal that ended the program.
  public let status: Int32
  public let stdout: Data
  public let stderr: Data

  /// The last lines of standard error, for error messages.
  public func stderrTail(lines count: Int = 8) -> String {
    let text = String(decoding: stderr, as: UTF8.self)
    return text.split(separator: "\n").suffix(count).joined(separator: "\n")
  }
}

/// Why an external program could not be run to completion.
public enum ExternalProcessError: Error, Sendable, Equatable {
  case launchFailed(executable: String, reason: String)
  case timedOut(executable: String, seconds: Double)
}

/// Runs an external program with an argument array (never a shell), draining both pipes at
/// once so that neither can fill and block it, and stopping it at a deadline.
public enum ExternalProcess {
  public static func run(
    executable: String,
    arguments: [String],
    environment: [String: String],
    directory: String? = nil,
    input: Data? = nil,
    timeout: Double
  ) throws(ExternalProcessError) -> ProcessOutput {
    // A script written a moment ago can be briefly "busy" (ETXTBSY) while a process forked
    // elsewhere still holds it open for writing: try again a few times before giving up.
    var attempt = 0
    var launched: (Process, Pipe, Pipe, Pipe?, DispatchSemaphore)?
    while launched == nil {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.environment = environment
      if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      let inputPipe = input.map { _ in Pipe() }
      if let inputPipe {
        process.standardInput = inputPipe
      } else {
        process.standardInput = FileHandle.nullDevice
      }
      let finished = DispatchSemaphore(value: 0)
      process.terminationHandler = { _ in finished.signal() }
      do {
        try ExternalProcess.launching.withLock {
          try ExternalProcess.withDefaultSignalMask { try process.run() }
        }
        launched = (process, out, err, inputPipe, finished)
      } catch {
        attempt += 1
        let busy = (error as NSError).code == Int(ETXTBSY)
        guard busy && attempt < 10 else {
          throw .launchFailed(executable: executable, reason: error.localizedDescription)
        }
        Thread.sleep(forTimeInterval: 0.2)
      }
    }
    guard let (process, out, err, inputPipe, finished) = launched else {
      throw .launchFailed(executable: executable, reason: "not started")
    }
    let stdout = PipeReader(out.fileHandleForReading)
    let stderr = PipeReader(err.fileHandleForReading)
    if let inputPipe, let input {
      // Written while both output pipes are drained, so a large input cannot deadlock.
      try? inputPipe.fileHandleForWriting.write(contentsOf: input)
      try? inputPipe.fileHandleForWriting.close()
    }
    if finished.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      if finished.wait(timeout: .now() + 5) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        finished.wait()
      }
      // A grandchild may still hold the pipes open: do not wait for them.
      throw .timedOut(executable: executable, seconds: timeout)
    }
    // A program a signal ended reports 128 + the signal, as a shell does: never a code it
    // could have exited with (SIGHUP's 1 would read as semgrep's "findings").
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    return ProcessOutput(status: status, stdout: stdout.collect(), stderr: stderr.collect())
  }

  /// One launch at a time: Foundation's `Process.run()` was seen to crash (in `memmove`, under
  /// load) when several threads started programs at once; a launch takes milliseconds, and the
  /// programs still run side by side.
  private static let launching = NSLock()

  /// Runs `body` (which starts a process) with the stopping signals unblocked on this thread.
  ///
  /// So the child does not inherit a blocked mask (dispatch worker threads block most signals, and so may the
  /// process that started aigate). semgrep stops its workers with SIGTERM and would otherwise
  /// wait for them forever.
  static func withDefaultSignalMask<T>(_ body: () throws -> T) rethrows -> T {
    // Unblock the signals programs use to stop their workers; SIGCHLD stays as it is, since
    // the process monitor of Foundation (through libdispatch) needs it blocked to see children
    // exit, and a thread it starts now inherits this mask.
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

  /// The first executable called `name` on `PATH`.
  public static func find(_ name: String, path: String?) -> String? {
    if name.contains("/") {
      return FileManager.default.isExecutableFile(atPath: name) ? name : nil
    }
    for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// Reads one pipe to its end on its own thread.
private final class PipeReader: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var data = Data()

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      let bytes = PipeReader.readToEnd(handle)
      lock.lock()
      data = bytes
      lock.unlock()
      done.signal()
    }
  }

  /// Everything left in `handle`, read with `read(2)` and retried when a signal interrupts it.
  ///
  /// Not Foundation's `readDataToEndOfFile()`: it traps (`try!`) when a read ends in EINTR,
  /// which a signal delivered to this thread (a child exiting, a test harness) can cause.
  static func readToEnd(_ handle: FileHandle) -> Data {
    let descriptor = handle.fileDescriptor
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[0..<count])
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return data
      }
    }
  }

  func collect() -> Data {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
