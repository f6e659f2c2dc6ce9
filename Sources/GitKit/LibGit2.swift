import CGitOffline
import CLibGit2
import Foundation

/// libgit2 is initialised once per process, on first use.
///
/// Objects are not re-hashed on every read (git does not either; `git fsck` is the tool for
/// that): with SHA-1 collision detection the re-hash was a tenth of attributing a large range.
/// Blobs up to 1 MiB stay in libgit2's object cache (its total stays bounded, 256 MiB by
/// default): the gate reads each changed file right after the diff read it, and inflating it
/// twice cost several milliseconds of a hook run over ten new files.
private let libgit2Initialization: Int32 = {
  let code = git_libgit2_init()
  _ = aigate_git_set_strict_hash_verification(0)
  _ = aigate_git_set_blob_cache_limit(1 << 20)
  return code
}()

/// Makes sure libgit2 is initialised before any call.
func ensureLibgit2() {
  _ = libgit2Initialization
}

/// Starts libgit2's initialisation on another thread and returns at once.
///
/// Initialising loads libgit2's TLS and SSH libraries (the CA bundle itself is skipped: see
/// `offlineTLSActive`); a command that will open a repository calls this first, so the work
/// overlaps argument parsing. Callers that reach libgit2 before it is done wait for it. The
/// process must call `gitPrepared()` before it exits: exit handlers (OpenSSL's among them) would
/// tear down what the other thread is still setting up.
///
/// The thread never ends. A thread that ends runs OpenSSL's per-thread destructor, and one that
/// ran while the main thread's exit handlers ran `OPENSSL_cleanup` crashed a quick command
/// (`--version`) now and then; a parked thread runs nothing at exit.
public func prepareGit() {
  libgit2WarmUp.enter()
  Thread.detachNewThread {
    ensureLibgit2()
    libgit2WarmUp.leave()
    let never = DispatchSemaphore(value: 0)
    while true { never.wait() }
  }
}

/// True once libgit2's initialisation has called aigate's no-op CA-bundle loaders (the
/// `CGitOffline` module wraps mbedTLS's at link time): starting libgit2 then read no trust store,
/// and a TLS connection, which aigate never makes, would fail verification.
public var offlineTLSActive: Bool {
  ensureLibgit2()
  return aigate_git_offline_tls_active() != 0
}

/// Waits until `prepareGit`'s initialisation, if one was started, is done.
public func gitPrepared() {
  libgit2WarmUp.wait()
}

/// Held while `prepareGit`'s thread initialises libgit2.
private let libgit2WarmUp = DispatchGroup()

/// Turns a libgit2 return code into a thrown `GitError` that names the function.
///
/// Reads `git_error_last()` at once, on the calling thread, as libgit2 requires.
@discardableResult
func check(_ code: Int32, _ function: String) throws(GitError) -> Int32 {
  guard code < 0 else { return code }
  throw lastError(code, function)
}

/// The error libgit2 recorded for the failing call `function`.
func lastError(_ code: Int32, _ function: String) -> GitError {
  var message = "error \(code)"
  if let last = git_error_last(), let text = last.pointee.message {
    message = String(cString: text)
  }
  return .libgit2(function: function, code: code, message: message)
}

/// The `GIT_ENOTFOUND` code, for calls where "not found" is an answer rather than a failure.
let gitNotFound = GIT_ENOTFOUND.rawValue

extension ObjectID {
  init(_ oid: git_oid) {
    var raw = oid
    let bytes = withUnsafeBytes(of: &raw.id) { Array($0) }
    self.init(raw: bytes)
  }

  init(_ pointer: UnsafePointer<git_oid>) {
    self.init(pointer.pointee)
  }

  /// The libgit2 form of this id.
  var oid: git_oid {
    var result = git_oid()
    withUnsafeMutableBytes(of: &result.id) { buffer in
      for (index, byte) in raw.enumerated() where index < buffer.count {
        buffer[index] = byte
      }
    }
    return result
  }
}

extension Signature {
  init(_ signature: UnsafePointer<git_signature>) {
    let value = signature.pointee
    self.init(
      name: value.name.map { String(cString: $0) } ?? "",
      email: value.email.map { String(cString: $0) } ?? "",
      time: Int64(value.when.time),
      offsetMinutes: Int(value.when.offset)
    )
  }
}
