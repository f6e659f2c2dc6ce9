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
///
/// Programs start with `posix_spawn`, not Foundation's `Process`: in the Foundation of Swift
/// 6.3, `Process.run()` reads `/proc/self/fd` entries past glibc's buffer and crashes now and
/// then (swift-corelibs-foundation #5472), which a gate that starts git and semgrep cannot
/// afford.
public enum ExternalProcess {
  public static func run(
    executable: String,
    arguments: [String],
    environment: [String: String],
    directory: String? = nil,
    input: Data? = nil,
    timeout: Double
  ) throws(ExternalProcessError) -> ProcessOutput {
    let out = try pipe(for: executable)
    let err = try pipe(for: executable)
    var stdin: (read: Int32, write: Int32)?
    if input != nil { stdin = try pipe(for: executable) }
    let nullDevice = stdin == nil ? open("/dev/null", O_RDONLY | O_CLOEXEC) : -1
    defer { if nullDevice >= 0 { close(nullDevice) } }
    // A script written a moment ago can be briefly "busy" (ETXTBSY) while a process forked
    // elsewhere still holds it open for writing: try again a few times before giving up.
    var attempt = 0
    var started: pid_t?
    while started == nil {
      let result = spawn(
        executable, arguments: arguments, environment: environment, directory: directory,
        input: stdin?.read ?? nullDevice, output: out.write, error: err.write)
      switch result {
      case .started(let pid):
        started = pid
      case .failed(let code) where code == ETXTBSY && attempt < 9:
        attempt += 1
        Thread.sleep(forTimeInterval: 0.2)
      case .failed(let code):
        for descriptor in [out.read, out.write, err.read, err.write] { close(descriptor) }
        if let stdin { close(stdin.read); close(stdin.write) }
        throw .launchFailed(executable: executable, reason: String(cString: strerror(code)))
      }
    }
    guard let pid = started else {
      throw .launchFailed(executable: executable, reason: "not started")
    }
    // The child holds its own copies now; the parent keeps only its ends.
    close(out.write)
    close(err.write)
    let stdout = PipeReader(out.read)
    let stderr = PipeReader(err.read)
    let exit = ExitWatcher(pid)
    if let stdin {
      close(stdin.read)
      // Written while both output pipes are drained, so a large input cannot deadlock.
      if let input { writeAll(input, to: stdin.write) }
      close(stdin.write)
    }
    if !exit.wait(seconds: timeout) {
      kill(pid, SIGTERM)
      if !exit.wait(seconds: 5) {
        kill(pid, SIGKILL)
        _ = exit.wait(seconds: nil)
      }
      // A grandchild may still hold the pipes open: do not wait for them.
      throw .timedOut(executable: executable, seconds: timeout)
    }
    return ProcessOutput(status: exit.status, stdout: stdout.collect(), stderr: stderr.collect())
  }

  /// A pipe whose ends close on exec (a child started here closes every descriptor but its
  /// three streams anyway).
  private static func pipe(
    for executable: String
  ) throws(ExternalProcessError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [-1, -1]
    guard Glibc.pipe(&ends) == 0 else {
      throw .launchFailed(executable: executable, reason: String(cString: strerror(errno)))
    }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  /// A started child, or the `errno` of a start that failed.
  private enum SpawnOutcome {
    case started(pid_t)
    case failed(Int32)
  }

  /// Starts `executable` with the three descriptors as its standard streams, nothing else open,
  /// the stopping signals at their defaults and none blocked (semgrep stops its workers with
  /// SIGTERM, and a blocked mask inherited from a dispatch thread would make it wait forever).
  private static func spawn(
    _ executable: String, arguments: [String], environment: [String: String],
    directory: String?, input: Int32, output: Int32, error: Int32
  ) -> SpawnOutcome {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, error, 2)
    if let closeFrom = GlibcSpawn.closeFrom { _ = closeFrom(&actions, 3) }
    if let directory {
      guard let changeDirectory = GlibcSpawn.changeDirectory else { return .failed(ENOSYS) }
      let code = changeDirectory(&actions, directory)
      if code != 0 { return .failed(code) }
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noneBlocked = sigset_t()
    sigemptyset(&noneBlocked)
    posix_spawnattr_setsigmask(&attributes, &noneBlocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGPIPE, SIGCHLD] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid = pid_t()
    let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    return code == 0 ? .started(pid) : .failed(code)
  }

  /// Writes all of `data`, retrying short writes and interruptions; a reader that went away
  /// ends it (SIGPIPE is ignored while writing).
  private static func writeAll(_ data: Data, to descriptor: Int32) {
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    data.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, base + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
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

  /// Reads `descriptor` to its end on a thread of its own, then closes it.
  init(_ descriptor: Int32) {
    Thread.detachNewThread { [self] in
      let bytes = PipeReader.readToEnd(descriptor)
      close(descriptor)
      lock.lock()
      data = bytes
      lock.unlock()
      done.signal()
    }
  }

  /// Everything left in `descriptor`, read with `read(2)` and retried when a signal interrupts it.
  ///
  /// Not Foundation's `readDataToEndOfFile()`: it traps (`try!`) when a read ends in EINTR,
  /// which a signal delivered to this thread (a child exiting, a test harness) can cause.
  static func readToEnd(_ descriptor: Int32) -> Data {
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

/// Waits for a child to exit on a thread of its own, so the caller can wait with a deadline.
private final class ExitWatcher: @unchecked Sendable {
  private let exited = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var code: Int32 = -1
  private var finished = false

  init(_ pid: pid_t) {
    Thread.detachNewThread { [self] in
      var status: Int32 = 0
      var result: pid_t
      repeat {
        result = waitpid(pid, &status, 0)
      } while result < 0 && errno == EINTR
      // A program a signal ended reports 128 + the signal, as a shell does: never a code it
      // could have exited with (SIGHUP's 1 would read as semgrep's "findings").
      let signal = status & 0x7f
      let value = result < 0 ? 128 + SIGKILL : (signal == 0 ? (status >> 8) & 0xff : 128 + signal)
      lock.lock()
      code = value
      finished = true
      lock.unlock()
      exited.signal()
    }
  }

  /// Whether the child exited within `seconds` (nil: however long it takes).
  func wait(seconds: Double?) -> Bool {
    lock.lock()
    let done = finished
    lock.unlock()
    if done { return true }
    guard let seconds else {
      exited.wait()
      exited.signal()
      return true
    }
    guard exited.wait(timeout: .now() + seconds) == .success else { return false }
    exited.signal()
    return true
  }

  /// The exit status (128 + the signal for a program a signal ended).
  var status: Int32 {
    lock.lock()
    defer { lock.unlock() }
    return code
  }
}

/// glibc's spawn actions that Swift's Glibc module leaves out (they are GNU extensions, declared
/// only under `_GNU_SOURCE`), looked up once by name: closing every descriptor above the
/// standard streams in the child (glibc 2.34) and starting it in another folder (glibc 2.29).
private enum GlibcSpawn {
  typealias CloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  typealias ChangeDirectory =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

  static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
  static let changeDirectory: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

  private static func symbol<T>(_ name: String) -> T? {
    guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(address, to: T.self)
  }
}
