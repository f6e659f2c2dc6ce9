import CLibGit2
import Foundation

/// Checks the loose objects of a repository that libgit2 may be stuck reading.
///
/// libgit2 1.5 inflates a truncated loose object forever (`git_odb_read` never returns), where
/// git fails at once; each loose object can be inflated here with a loop that stops when zlib
/// stops making progress, and a corrupt one is an error naming it. Packs are not affected:
/// libgit2 checks their bounds itself.
///
/// Inflating every loose object costs about 80 ms of CPU per 3,000 objects, too much for a
/// hook that must finish in tens of milliseconds, so with a watchdog installed (the command
/// line installs one) the check runs only when a command is still busy after
/// `CorruptionWatchdog.delay`; it then ends the process only when it proves an object corrupt.
/// Without one (library use), `Repository.open` checks first.
enum LooseObjects {
  /// Inflates every loose object under `objects` (a `.git/objects` folder); throws
  /// `corruptObject` for the first (by id) that does not inflate to the size its header states.
  static func verify(objects: String) throws(GitError) {
    let folders = (0..<256).map { String(format: "%02x", $0) }
    let problems = ProblemList()
    DispatchQueue.concurrentPerform(iterations: folders.count) { index in
      let folder = (objects as NSString).appendingPathComponent(folders[index])
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        return
      }
      for name in names where name.count == 38 && name.allSatisfy(\.isHexDigit) {
        let path = (folder as NSString).appendingPathComponent(name)
        if let reason = problem(inFile: path) {
          problems.add(id: folders[index] + name, path: path, reason: reason)
        }
      }
    }
    if let first = problems.first {
      throw .corruptObject(id: first.id, path: first.path, reason: first.reason)
    }
  }

  /// What is wrong with the loose object file at `path`, nil when it inflates whole.
  static func problem(inFile path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    guard info.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
    guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot be read" }
    defer { try? handle.close() }
    var stream = z_stream()
    guard aigate_inflate_init(&stream) == Z_OK else { return "zlib could not start" }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: 65_536)
    var header: [UInt8] = []
    var expected: Int?
    var inflated = 0
    var finished = false
    while !finished {
      let chunk: Data
      do {
        chunk = try handle.read(upToCount: 65_536) ?? Data()
      } catch {
        return "cannot be read"
      }
      if chunk.isEmpty { return "truncated: its compressed data ends early" }
      var input = [UInt8](chunk)
      let status = input.withUnsafeMutableBufferPointer { inBuffer -> String? in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = uInt(inBuffer.count)
        // Each round either uses input or fills output; zlib says when neither can happen.
        while stream.avail_in > 0 || !finished {
          let code = output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = uInt(outBuffer.count)
            return inflate(&stream, Z_NO_FLUSH)
          }
          let produced = output.count - Int(stream.avail_out)
          if expected == nil {
            header += output.prefix(min(produced, 64))
            if let nul = header.firstIndex(of: 0) {
              let fields = String(decoding: header[..<nul], as: UTF8.self).split(separator: " ")
              guard fields.count == 2, let size = Int(fields[1]), size >= 0 else {
                return "its header is not '<type> <size>'"
              }
              expected = nul + 1 + size
            } else if header.count >= 64 {
              return "its header is not '<type> <size>'"
            }
          }
          inflated += produced
          switch code {
          case Z_STREAM_END:
            finished = true
            return stream.avail_in == 0 ? nil : "it has bytes after its compressed data"
          case Z_OK:
            continue
          case Z_BUF_ERROR:
            return nil  // no progress without more input: read the next chunk
          default:
            return "its compressed data is damaged"
          }
        }
        return nil
      }
      if let status { return status }
    }
    guard let expected, inflated == expected else {
      return "it inflates to \(inflated) bytes, not the \(expected ?? 0) its header states"
    }
    return nil
  }
}

/// Problems found by concurrent workers; the first by object id is reported.
private final class ProblemList: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [(id: String, path: String, reason: String)] = []

  func add(id: String, path: String, reason: String) {
    lock.lock()
    items.append((id, path, reason))
    lock.unlock()
  }

  var first: (id: String, path: String, reason: String)? {
    lock.lock()
    defer { lock.unlock() }
    return items.min { $0.id < $1.id }
  }
}

/// Runs the loose-object check on a command that is still busy after `delay` seconds, and hands
/// a corrupt object to the handler (which reports it and ends the process: libgit2 may never
/// return from reading it).
public enum CorruptionWatchdog {
  /// Seconds a command runs before its repository's loose objects are checked.
  public static let delay = 1.0

  /// Installs the handler; until then `Repository.open` checks the loose objects itself.
  public static func install(_ handler: @escaping @Sendable (GitError) -> Void) {
    state.withLock { $0.handler = handler }
  }

  /// Checks `objects` now when no handler is installed; otherwise once per folder and process,
  /// after `delay`, on another thread.
  static func watch(objects: String) throws(GitError) {
    enum Plan { case checkNow, schedule(@Sendable (GitError) -> Void), alreadyWatched }
    let plan = state.withLock { state -> Plan in
      guard let handler = state.handler else { return .checkNow }
      return state.watched.insert(objects).inserted ? .schedule(handler) : .alreadyWatched
    }
    switch plan {
    case .checkNow:
      try LooseObjects.verify(objects: objects)
    case .alreadyWatched:
      return
    case .schedule(let handler):
      DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) {
        do throws(GitError) {
          try LooseObjects.verify(objects: objects)
        } catch {
          handler(error)
        }
      }
    }
  }

  private struct State {
    var handler: (@Sendable (GitError) -> Void)?
    var watched: Set<String> = []
  }
  private static let state = Locked(State())
}

/// A value behind a lock.
private final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
