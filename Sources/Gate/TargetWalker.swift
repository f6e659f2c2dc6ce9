import Foundation

/// The files `aigate scan` looks at, found the way semgrep finds them.
public enum TargetWalker {
  /// Limits on what is scanned.
  public struct Options: Sendable {
    /// Files larger than this many bytes are skipped (semgrep's default is 1 MB).
    public var maxFileSize: Int = 1_000_000
    /// Whether `.gitignore` files found on the way are honoured.
    public var honourGitignore = true
    /// Whether semgrep's default ignore list applies when there is no `.semgrepignore`.
    public var defaultIgnores = true

    public init(maxFileSize: Int = 1_000_000, honourGitignore: Bool = true) {
      self.maxFileSize = maxFileSize
      self.honourGitignore = honourGitignore
    }
  }

  /// The files to scan, and those passed over with the reason.
  public struct Result: Sendable {
    public var targets: [ScanTarget] = []
    public var skipped: [(path: String, reason: String)] = []
    /// Files that should have been scanned and could not be read (also in `skipped`): a
    /// `--strict` scan fails on them.
    public var unreadable: [(path: String, reason: String)] = []
  }

  /// Expands `paths` (files or folders, relative to `workingDirectory` or absolute).
  ///
  /// Folders are walked, skipping what `.semgrepignore` files (or semgrep's default list when
  /// the project root has none) and `.gitignore` files ignore, links, and files too large or
  /// binary. Named files are always scanned unless binary or too large. Paths in the result are
  /// as the user would write them.
  ///
  /// As in semgrep, a folder's project root is the git work tree holding it, or the folder
  /// itself outside git; `.semgrepignore` files below the root apply to their folder's files,
  /// as `.gitignore` files do; `.gitignore` files count only inside a git work tree.
  public static func walk(
    _ paths: [String], workingDirectory: String, options: Options = Options()
  ) throws(GateError) -> Result {
    var result = Result()
    let fileManager = FileManager.default
    for path in paths {
      let absolute =
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
        throw .io(path: path, reason: "no such file or folder to scan")
      }
      let display = path == "." ? "" : (path.hasSuffix("/") ? String(path.dropLast()) : path)
      if !isDirectory.boolValue {
        consider(file: absolute, display: path, named: true, options: options, into: &result)
        continue
      }
      let (root, inGit) = projectRoot(of: absolute)
      let ignoreText =
        (try? String(
          contentsOfFile: (root as NSString).appendingPathComponent(SemgrepIgnore.fileName),
          encoding: .utf8))
        ?? (options.defaultIgnores ? DefaultSemgrepIgnore.text : ".git/\n:include .gitignore\n")
      let rootRules = IgnoreRules(
        text: ignoreText, base: "",
        include: { name in
          guard inGit || name != ".gitignore" else { return nil }
          return try? String(
            contentsOfFile: (absolute as NSString).appendingPathComponent(name), encoding: .utf8)
        })
      var stack: [(folder: String, relative: String, rules: [IgnoreRules])] = [
        (absolute, "", [rootRules])
      ]
      while let (folder, relative, inherited) = stack.popLast() {
        var rules = inherited
        if options.honourGitignore, inGit,
          let text = try? String(
            contentsOfFile: (folder as NSString).appendingPathComponent(".gitignore"),
            encoding: .utf8)
        {
          rules.append(IgnoreRules(text: text, base: relative))
        }
        if !relative.isEmpty || (absolute as NSString).standardizingPath != root,
          let text = try? String(
            contentsOfFile: (folder as NSString).appendingPathComponent(SemgrepIgnore.fileName),
            encoding: .utf8)
        {
          rules.append(IgnoreRules(text: text, base: relative))
        }
        guard let entries = listFolder(folder) else {
          throw .io(path: folder, reason: "cannot list the folder")
        }
        var subfolders: [(String, String)] = []
        for (name, kind) in entries {
          let full = folder + "/" + name
          let childRelative = relative.isEmpty ? name : "\(relative)/\(name)"
          let shown = display.isEmpty ? childRelative : "\(display)/\(childRelative)"
          if kind == .link { continue }
          let isFolder = kind == .folder
          if name == ".git" && isFolder { continue }
          if ignored(childRelative, isDirectory: isFolder, rules: rules) {
            if !isFolder { result.skipped.append((shown, "ignored")) }
            continue
          }
          if isFolder {
            subfolders.append((full, childRelative))
          } else {
            consider(file: full, display: shown, named: false, options: options, into: &result)
          }
        }
        for (full, childRelative) in subfolders.reversed() {
          stack.append((full, childRelative, rules))
        }
      }
    }
    return result
  }

  /// Where semgrep reads the root `.semgrepignore`, and whether that is a git work tree.
  ///
  /// The work tree holding `folder` (the nearest folder up with a `.git`), or `folder` itself
  /// outside git. The climb is bounded by the path's depth.
  static func projectRoot(of folder: String) -> (root: String, inGit: Bool) {
    var candidate = (folder as NSString).standardizingPath
    while true {
      if FileManager.default.fileExists(
        atPath: (candidate as NSString).appendingPathComponent(".git"))
      {
        return (candidate, true)
      }
      let parent = (candidate as NSString).deletingLastPathComponent
      if parent == candidate || parent.isEmpty {
        return ((folder as NSString).standardizingPath, false)
      }
      candidate = parent
    }
  }

  /// The last rule file with an opinion decides (deeper `.gitignore` files come later).
  static func ignored(_ path: String, isDirectory: Bool, rules: [IgnoreRules]) -> Bool {
    var verdict = false
    for set in rules {
      if let answer = set.verdict(for: path, isDirectory: isDirectory) { verdict = answer }
    }
    return verdict
  }

  /// Scans `file` if it is a regular file aigate can read, else records why not.
  ///
  /// Its kind is checked before it is opened (a FIFO would block the open), and again on the open file.
  /// A file named on the command line that cannot be read is `unreadable`; a FIFO, socket or
  /// device met while walking a folder is only skipped.
  static func consider(
    file: String, display: String, named: Bool, options: Options, into result: inout Result
  ) {
    func skip(_ reason: String, unreadable: Bool) {
      result.skipped.append((display, reason))
      if unreadable { result.unreadable.append((display, reason)) }
    }
    var info = stat()
    guard stat(file, &info) == 0 else {
      skip("unreadable: \(String(cString: strerror(errno)))", unreadable: true)
      return
    }
    if let kind = irregular(info.st_mode) {
      skip("not a regular file (\(kind))", unreadable: named)
      return
    }
    let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      skip("unreadable: \(String(cString: strerror(errno)))", unreadable: true)
      return
    }
    defer { close(descriptor) }
    guard fstat(descriptor, &info) == 0 else {
      skip("unreadable: \(String(cString: strerror(errno)))", unreadable: true)
      return
    }
    if let kind = irregular(info.st_mode) {
      skip("not a regular file (\(kind))", unreadable: named)
      return
    }
    if Int(info.st_size) > options.maxFileSize {
      skip("larger than \(options.maxFileSize) bytes", unreadable: false)
      return
    }
    // A NUL byte in the first 8 KiB marks a binary file, as git and semgrep judge it; a file in
    // a language aigate reads is scanned anyway (one NUL in a comment must not hide code).
    var buffer = [UInt8](repeating: 0, count: 8192)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 8192) }
    guard count >= 0 else {
      skip("unreadable: \(String(cString: strerror(errno)))", unreadable: true)
      return
    }
    let head = Data(buffer.prefix(count))
    if head.contains(0) && !LanguageFiles.knows(path: file, contents: head) {
      skip("binary", unreadable: false)
      return
    }
    result.targets.append(ScanTarget(path: display, absolutePath: file))
  }

  /// What a non-regular file is, nil for a regular one.
  static func irregular(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFDIR: return "a folder"
    default: return "not a file"
    }
  }

  enum EntryKind {
    case file, folder, link, other
  }

  /// A folder's entries, sorted, with their kind from the directory itself (no stat per entry
  /// unless the file system does not say).
  static func listFolder(_ folder: String) -> [(String, EntryKind)]? {
    guard let directory = opendir(folder) else { return nil }
    defer { closedir(directory) }
    var entries: [(String, EntryKind)] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      if name == "." || name == ".." { continue }
      var kind: EntryKind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): kind = .file
      case Int32(DT_DIR): kind = .folder
      case Int32(DT_LNK): kind = .link
      case Int32(DT_UNKNOWN):
        var info = stat()
        kind = .other
        if lstat(folder + "/" + name, &info) == 0 {
          switch info.st_mode & S_IFMT {
          case S_IFREG: kind = .file
          case S_IFDIR: kind = .folder
          case S_IFLNK: kind = .link
          default: kind = .other
          }
        }
      default: kind = .other
      }
      entries.append((name, kind))
    }
    return entries.sorted { $0.0 < $1.0 }
  }

}
