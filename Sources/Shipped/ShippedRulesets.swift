import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What can stop the built-in rulesets from being written out; the gate exits 2 on it.
public enum ShippedError: Error, Sendable, CustomStringConvertible {
  /// No folder we tried could hold them: each place and why.
  case unwritable(attempts: [String])

  public var description: String {
    switch self {
    case .unwritable(let attempts):
      return "cannot write aigate's built-in rule packs to a folder ("
        + attempts.joined(separator: "; ")
        + "); set AIGATE_RULESETS and AIGATE_AGENTS, or XDG_CACHE_HOME to a writable folder"
    }
  }
}

/// The rule packs and agent table built into the binary, written once to a private cache folder
/// named by their digest: rule loading and semgrep both read files, and a binary copied anywhere
/// must still gate.
public enum ShippedRulesets {
  /// SHA-256 over the built-in files (names the folder they are written to).
  public static var digest: String { ShippedFiles.digest }

  /// The built-in files, relative to the rulesets folder, and their text.
  public static var files: [(path: String, text: String)] { ShippedFiles.files }

  /// The folder holding the built-in rulesets (agents.yaml and one folder per pack), written
  /// on first use and checked, file by file, against the built-in text on every later use.
  public static func folder(environment: [String: String]) throws(ShippedError) -> String {
    var attempts: [String] = []
    for base in bases(environment: environment) {
      do {
        return try write(under: base.path, private: base.isPrivate)
      } catch {
        attempts.append("\(base.path): \(error)")
      }
    }
    throw .unwritable(attempts: attempts)
  }

  /// Where to try, in order: the user's cache folder, then a folder of the user's own in the
  /// temporary folder (made 0700 and checked to be ours, as others can write there).
  static func bases(environment: [String: String]) -> [(path: String, isPrivate: Bool)] {
    var result: [(String, Bool)] = []
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      result.append((cache + "/aigate", false))
    } else if let home = environment["HOME"].flatMap({ $0.hasPrefix("/") ? $0 : nil })
      ?? passwordHome()
    {
      result.append((home + "/.cache/aigate", false))
    }
    let temporary = environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
    result.append((temporary + "/aigate-\(geteuid())", true))
    return result
  }

  /// The home folder in the password database, for an environment without HOME.
  private static func passwordHome() -> String? {
    guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return nil }
    let home = String(cString: directory)
    return home.hasPrefix("/") && home != "/" ? home : nil
  }

  /// Writes the files under `base` unless an intact copy is already there; returns its path.
  private static func write(under base: String, private isPrivate: Bool) throws -> String {
    let fileManager = FileManager.default
    if isPrivate {
      try ownPrivateFolder(base)
    } else {
      try fileManager.createDirectory(atPath: base, withIntermediateDirectories: true)
    }
    let target = base + "/rulesets-" + String(digest.prefix(16))
    if isIntact(target) { return target }
    let staging = base + "/.rulesets-\(getpid())-\(UUID().uuidString)"
    defer { try? fileManager.removeItem(atPath: staging) }
    for (path, text) in files {
      let file = staging + "/" + path
      try fileManager.createDirectory(
        atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }
    // A damaged copy is replaced; a rename that loses a race to another run leaves that run's copy.
    if fileManager.fileExists(atPath: target) { try? fileManager.removeItem(atPath: target) }
    if rename(staging, target) != 0 && !isIntact(target) {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
    }
    guard isIntact(target) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
    }
    return target
  }

  /// Whether every built-in file is at `folder` with exactly the built-in text.
  static func isIntact(_ folder: String) -> Bool {
    files.allSatisfy { path, text in
      FileManager.default.contents(atPath: folder + "/" + path) == Data(text.utf8)
    }
  }

  /// Makes `path` (mode 0700) if missing, and refuses it unless it is a real folder of ours that
  /// no one else can write to.
  private static func ownPrivateFolder(_ path: String) throws {
    if mkdir(path, 0o700) != 0 && errno != EEXIST {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(),
      info.st_mode & 0o022 == 0
    else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
  }
}
