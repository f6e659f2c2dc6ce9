import CLibGit2
import Foundation

/// Checks every loose object of a repository before libgit2 reads one.
///
/// libgit2 1.5 inflates a truncated loose object forever (`git_odb_read` never returns), where
/// git fails at once; so each loose object is inflated here first, with a loop that stops when
/// zlib stops making progress, and a corrupt one is an error naming it. Packs are not affected:
/// libgit2 checks their bounds itself.
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
