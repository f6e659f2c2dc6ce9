import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
  private let readBytes = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let readBytes = Darwin.read
#endif

/// Rule files decoded once and kept between runs, outside the repository, so that a hook
/// checking every commit against hundreds of rules does not decode their YAML every time.
///
/// An entry is found by a digest of the rule files' paths and bytes, aigate's build (the
/// executable's build id) and the PCRE2 library (which judges the rules' regexes), and holds
/// exactly what decoding those bytes gave: rules, errors and warnings. It fails closed: an
/// entry that is truncated, corrupt, written by another build or for other bytes is ignored
/// and written anew, and a folder that cannot be written only costs the decoding. Writers
/// never clash (each writes its own temporary file and renames it into place), and the folder
/// keeps at most `maxEntries` entries of at most `maxEntryBytes` each.
public struct RuleCache: Sendable {
  /// The folder holding the entries.
  public let folder: String

  /// The most entries kept; the least recently used go first.
  static let maxEntries = 64
  /// The largest entry written or read.
  static let maxEntryBytes = 64 << 20
  /// What every entry starts with: the format, whose number changes with it.
  static let magic = Array("AIGATE-RULES-1\n\0".utf8)
  /// magic, key, payload digest, payload length.
  static let headerSize = 16 + 32 + 32 + 8

  public init(folder: String) {
    self.folder = folder
  }

  /// The folder the environment names for the cache: `AIGATE_RULE_CACHE` (a folder, or `off`),
  /// else `aigate/rules` under `XDG_CACHE_HOME`, else `~/.cache/aigate/rules`; nil when none is
  /// named, or when it lies inside `root` (the repository being gated, whose change must not
  /// be able to plant entries).
  public static func standard(environment: [String: String], outside root: String?) -> RuleCache? {
    let folder: String
    if let named = environment["AIGATE_RULE_CACHE"] {
      guard named != "off", named.hasPrefix("/") else { return nil }
      folder = named
    } else if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
      folder = base + "/aigate/rules"
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      folder = home + "/.cache/aigate/rules"
    } else {
      return nil
    }
    if let root {
      let inside = { (path: String, root: String) -> Bool in
        let base = root.hasSuffix("/") ? root : root + "/"
        return path == root || (path + "/").hasPrefix(base)
      }
      let plainFolder = RuleLoader.standardized(folder, in: "/")
      let plainRoot = RuleLoader.standardized(root, in: "/")
      if inside(plainFolder, plainRoot) || inside(resolved(plainFolder), resolved(plainRoot)) {
        return nil
      }
    }
    return RuleCache(folder: folder)
  }

  /// `path` with its symbolic links resolved, as far as it exists.
  private static func resolved(_ path: String) -> String {
    var existing = path
    var rest: [String] = []
    while existing.count > 1 {
      if let real = realpath(existing, nil) {
        defer { free(real) }
        return ([String(cString: real)] + rest.reversed()).joined(separator: "/")
      }
      let parent = (existing as NSString).deletingLastPathComponent
      rest.append((existing as NSString).lastPathComponent)
      existing = parent.isEmpty ? "/" : parent
    }
    return path
  }

  /// The key of rule files read as `files` (paths as they name rules, and bytes), or nil when
  /// this build cannot say who it is (then nothing is cached).
  static func key(for files: [(path: String, bytes: Data)]) -> [UInt8]? {
    guard let build = BuildIdentity.current else { return nil }
    var hasher = Crypto.SHA256()
    // Each part behind its length, so that no two lists of parts hash alike.
    func add(_ bytes: some DataProtocol) {
      var length = UInt64(bytes.count).littleEndian
      withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
      hasher.update(data: bytes)
    }
    add(magic)
    add(build)
    add(Data(PCRE.libraryVersion.utf8))
    add(Data(String(files.count).utf8))
    for file in files {
      add(Data(file.path.utf8))
      add(file.bytes)
    }
    return Array(hasher.finalize())
  }

  /// The entry's file.
  func path(for key: [UInt8]) -> String {
    folder + "/" + Hex.string(key) + ".rules"
  }

  /// The rule set kept under `key`; nil when there is none or it is not sound.
  ///
  /// With `touch`, the entry is marked recently used.
  func read(_ key: [UInt8], touch: Bool = true) -> RuleCoding.Loaded? {
    let path = self.path(for: key)
    guard let bytes = Self.readRegularFile(path, limit: Self.headerSize + Self.maxEntryBytes),
      bytes.count >= Self.headerSize,
      bytes[0..<16].elementsEqual(Self.magic),
      bytes[16..<48].elementsEqual(key)
    else { return nil }
    var length: UInt64 = 0
    for (index, byte) in bytes[80..<88].enumerated() { length |= UInt64(byte) << (8 * index) }
    let payload = Array(bytes[Self.headerSize...])
    guard length == UInt64(payload.count),
      Array(Crypto.SHA256.hash(data: payload)).elementsEqual(bytes[48..<80])
    else { return nil }
    guard let loaded = try? RuleCoding.decode(payload) else { return nil }
    if touch { markUsed(key) }
    return loaded
  }

  /// Marks the entry under `key` recently used: the last to be pruned.
  func markUsed(_ key: [UInt8]) {
    _ = utimes(path(for: key), nil)
  }

  /// Keeps `loaded` under `key`; failures are ignored (the next run decodes again).
  func write(_ key: [UInt8], _ loaded: RuleCoding.Loaded) {
    guard let payload = RuleCoding.encode(loaded), payload.count <= Self.maxEntryBytes else {
      return
    }
    var length = UInt64(payload.count).littleEndian
    var entry = Self.magic + key + Array(Crypto.SHA256.hash(data: payload))
    withUnsafeBytes(of: &length) { entry += $0 }
    entry += payload
    guard
      (try? FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])) != nil
    else { return }
    let final = path(for: key)
    let temporary =
      folder + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    do {
      // A fresh name, never an existing file or link followed: then one atomic rename.
      try Data(entry).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
    } catch {
      unlink(temporary)
      return
    }
    guard rename(temporary, final) == 0 else {
      unlink(temporary)
      return
    }
    prune()
  }

  /// Removes the least recently used entries beyond `maxEntries`, and temporary files a
  /// writer left behind over an hour ago; nothing else in the folder is touched.
  func prune() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    var entries: [(path: String, used: Double)] = []
    let now = Date().timeIntervalSince1970
    for name in names {
      let path = folder + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
      let used = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
      if name.hasPrefix(".tmp-") {
        if now - used > 3600 { unlink(path) }
      } else if name.hasSuffix(".rules") && name.utf8.count == 64 + 6 {
        entries.append((path, used))
      }
    }
    guard entries.count > Self.maxEntries else { return }
    for entry in entries.sorted(by: { $0.used < $1.used }).prefix(entries.count - Self.maxEntries) {
      unlink(entry.path)
    }
  }

  /// The bytes of a regular file no longer than `limit`; nil for anything else.
  static func readRegularFile(_ path: String, limit: Int) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_size >= 0, status.st_size <= limit
    else { return nil }
    let size = Int(status.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
      guard let start = buffer.baseAddress else { return true }
      var offset = 0
      while offset < size {
        let count = readBytes(descriptor, start + offset, size - offset)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
      }
      return true
    }
    return complete ? bytes : nil
  }
}

/// Who this build of aigate is, for `RuleCache`'s keys: the executable's GNU build id (a
/// digest of its contents the linker writes), else the executable file's identity and time.
enum BuildIdentity {
  static let current: [UInt8]? = {
    if let id = gnuBuildID(executable: "/proc/self/exe") { return Array("build-id:".utf8) + id }
    guard let path = Bundle.main.executablePath else { return nil }
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let parts = [
      UInt64(status.st_dev), UInt64(status.st_ino), UInt64(status.st_size),
      UInt64(status.st_mtim.tv_sec), UInt64(status.st_mtim.tv_nsec),
    ]
    return Array("file:\(path):".utf8) + Array(parts.map(String.init).joined(separator: ":").utf8)
  }()

  /// The `NT_GNU_BUILD_ID` note of a 64-bit little-endian ELF file, found through its program
  /// headers; nil when there is none or the file is not such an ELF file.
  static func gnuBuildID(executable: String) -> [UInt8]? {
    let descriptor = open(executable, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    func bytes(at offset: Int, count: Int) -> [UInt8]? {
      guard count >= 0, count <= 1 << 16, offset >= 0 else { return nil }
      var buffer = [UInt8](repeating: 0, count: count)
      let read = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, count, off_t(offset))
      }
      return read == count ? buffer : nil
    }
    func number(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> Int {
      var value = 0
      for index in (0..<width).reversed() { value = value << 8 | Int(bytes[offset + index]) }
      return value
    }
    // ELF magic, 64-bit, little-endian.
    guard let header = bytes(at: 0, count: 64),
      header[0..<4].elementsEqual([0x7f, 0x45, 0x4c, 0x46]),
      header[4] == 2, header[5] == 1
    else { return nil }
    let tableOffset = number(header, 32, 8)
    let entrySize = number(header, 54, 2)
    let entries = number(header, 56, 2)
    guard entrySize >= 56, entries <= 256,
      let table = bytes(at: tableOffset, count: entrySize * entries)
    else { return nil }
    for index in 0..<entries {
      let entry = index * entrySize
      // PT_NOTE
      guard number(table, entry, 4) == 4 else { continue }
      guard let notes = bytes(at: number(table, entry + 8, 8), count: number(table, entry + 32, 8))
      else { continue }
      var offset = 0
      while offset + 12 <= notes.count {
        let nameSize = number(notes, offset, 4)
        let descriptionSize = number(notes, offset + 4, 4)
        let type = number(notes, offset + 8, 4)
        let nameStart = offset + 12
        let descriptionStart = nameStart + (nameSize + 3) & ~3
        let next = descriptionStart + (descriptionSize + 3) & ~3
        guard next <= notes.count else { break }
        // NT_GNU_BUILD_ID, owner "GNU".
        if type == 3, nameSize == 4,
          notes[nameStart..<nameStart + 4].elementsEqual(Array("GNU\0".utf8)),
          descriptionSize > 0
        {
          return Array(notes[descriptionStart..<descriptionStart + descriptionSize])
        }
        offset = next
      }
    }
    return nil
  }
}

/// A rule set read from the cache before it was known to be needed (`RuleLoader.peek`).
public struct CachedRules: Sendable {
  /// The rules, as `RuleLoader.load(configs:qualifyingFrom:cache:)` would have returned them.
  public let set: RuleSet
  let cache: RuleCache
  let key: [UInt8]

  /// The cache's folder the rules were read from.
  public var folder: String { cache.folder }

  /// Marks the entry recently used, as a load through the cache does.
  public func markUsed() {
    cache.markUsed(key)
  }
}
