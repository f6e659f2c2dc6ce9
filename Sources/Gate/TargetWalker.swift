import Foundation

/// The files `aigate scan` looks at, found the way semgrep finds them.
public enum TargetWalker {
  /// Limits on what is scanned.
  public struct Options: Sendable {
    /// Files larger than this many bytes are skipped (semgrep's default is 1 MB).
    public var maxFileSize: Int = 1_000_000
    /// Whether `.gitignore` files found on the way are honoured.
    public var honourGitignore = true

    public init(maxFileSize: Int = 1_000_000, honourGitignore: Bool = true) {
      self.maxFileSize = maxFileSize
      self.honourGitignore = honourGitignore
    }
  }

  /// The files to scan, and those passed over with the reason.
  public struct Result: Sendable {
    public var targets: [ScanTarget] = []
    public var skipped: [(path: String, reason: String)] = []
  }

  /// Expands `paths` (files or folders, relative to `workingDirectory` or absolute).
  ///
  /// Folders are walked, skipping what `.semgrepignore` (or semgrep's default list when there is none) and
  /// `.gitignore` files ignore, links, and files too large or binary. Named files are always
  /// scanned unless binary or too large. Paths in the result are as the user would write them.
  public static func walk(
    _ paths: [String], workingDirectory: String, options: Options = Options()
  ) throws(GateError) -> Result {
    var result = Result()
    let fileManager = FileManager.default
    let semgrepIgnorePath = (workingDirectory as NSString).appendingPathComponent(".semgrepignore")
    let ignoreText =
      (try? String(contentsOfFile: semgrepIgnorePath, encoding: .utf8))
      ?? DefaultSemgrepIgnore.text
    for path in paths {
      let absolute =
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
        throw .io(path: path, reason: "no such file or folder to scan")
      }
      let display = path == "." ? "" : (path.hasSuffix("/") ? String(path.dropLast()) : path)
      if !isDirectory.boolValue {
        consider(file: absolute, display: path, options: options, into: &result)
        continue
      }
      let rootRules = IgnoreRules(
        text: ignoreText, base: "",
        include: { name in
          try? String(
            contentsOfFile: (absolute as NSString).appendingPathComponent(name), encoding: .utf8)
        })
      var stack: [(folder: String, relative: String, rules: [IgnoreRules])] = [
        (absolute, "", [rootRules])
      ]
      while let (folder, relative, inherited) = stack.popLast() {
        var rules = inherited
        if options.honourGitignore,
          let text = try? String(
            contentsOfFile: (folder as NSString).appendingPathComponent(".gitignore"),
            encoding: .utf8)
        {
          rules.append(IgnoreRules(text: text, base: relative))
        }
        let entries: [String]
        do {
          entries = try fileManager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
          throw .io(path: folder, reason: "cannot list the folder: \(error.localizedDescription)")
        }
        var subfolders: [(String, String)] = []
        for name in entries {
          let full = (folder as NSString).appendingPathComponent(name)
          let childRelative = relative.isEmpty ? name : "\(relative)/\(name)"
          let shown = display.isEmpty ? childRelative : "\(display)/\(childRelative)"
          guard let attributes = try? fileManager.attributesOfItem(atPath: full),
            let type = attributes[.type] as? FileAttributeType
          else { continue }
          if type == .typeSymbolicLink { continue }
          let isFolder = type == .typeDirectory
          if name == ".git" && isFolder { continue }
          if ignored(childRelative, isDirectory: isFolder, rules: rules) {
            if !isFolder { result.skipped.append((shown, "ignored")) }
            continue
          }
          if isFolder {
            subfolders.append((full, childRelative))
          } else if type == .typeRegular {
            consider(file: full, display: shown, options: options, into: &result)
          }
        }
        for (full, childRelative) in subfolders.reversed() {
          stack.append((full, childRelative, rules))
        }
      }
    }
    return result
  }

  /// The last rule file with an opinion decides (deeper `.gitignore` files come later).
  static func ignored(_ path: String, isDirectory: Bool, rules: [IgnoreRules]) -> Bool {
    var verdict = false
    for set in rules {
      if let answer = set.verdict(for: path, isDirectory: isDirectory) { verdict = answer }
    }
    return verdict
  }

  static func consider(
    file: String, display: String, options: Options, into result: inout Result
  ) {
    guard let handle = FileHandle(forReadingAtPath: file) else {
      result.skipped.append((display, "unreadable"))
      return
    }
    defer { try? handle.close() }
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    if size > options.maxFileSize {
      result.skipped.append((display, "larger than \(options.maxFileSize) bytes"))
      return
    }
    let head = (try? handle.read(upToCount: 8192)) ?? Data()
    if head.contains(0) {
      result.skipped.append((display, "binary"))
      return
    }
    result.targets.append(ScanTarget(path: display, absolutePath: file))
  }
}
