import Foundation

/// What `aigate hook run` hands to the gate: the arguments of `aigate check` for one hook.
public enum HookRun {
  /// The `aigate check` arguments for `kind` called with the hook's `arguments`.
  ///
  /// pre-commit gates the staged change: `--staged` plus any options given (the pre-commit
  /// framework's `args:`). commit-msg re-gates it with the message: the last argument is the
  /// message file git (or the framework) passes, the ones before it are options.
  public static func checkArguments(
    for kind: HookKind, _ arguments: [String]
  ) throws(HookError) -> [String] {
    switch kind {
    case .preCommit:
      return ["--staged"] + arguments
    case .commitMsg:
      guard let messageFile = arguments.last, !messageFile.hasPrefix("-") else {
        throw .missingMessageFile
      }
      return ["--staged"] + arguments.dropLast() + ["--message-file", messageFile]
    }
  }
}

/// Finds the path of the running aigate, to record in the hooks it installs.
public enum ExecutableLocator {
  /// The absolute path `argument0` names: as given when it holds a slash (made absolute from
  /// `currentDirectory`, keeping links such as a package manager's), else the first executable
  /// of that name in `searchPath` (PATH's form).
  public static func locate(
    argument0: String, currentDirectory: String, searchPath: String?
  ) throws(HookError) -> String {
    let fileManager = FileManager.default
    if argument0.contains("/") {
      let absolute =
        argument0.hasPrefix("/")
        ? argument0
        : URL(fileURLWithPath: currentDirectory).appendingPathComponent(argument0).path
      let path = URL(fileURLWithPath: absolute).standardizedFileURL.path
      guard fileManager.isExecutableFile(atPath: path) else {
        throw .executableNotFound(argument0)
      }
      return path
    }
    for folder in (searchPath ?? "").split(separator: ":") where folder.hasPrefix("/") {
      let candidate = folder + "/" + argument0
      if fileManager.isExecutableFile(atPath: candidate) {
        return URL(fileURLWithPath: candidate).standardizedFileURL.path
      }
    }
    throw .executableNotFound(argument0)
  }

  /// The running process's own aigate path.
  public static func current() throws(HookError) -> String {
    let process = ProcessInfo.processInfo
    let argument0 = CommandLine.arguments.first ?? ""
    do {
      return try locate(
        argument0: argument0, currentDirectory: FileManager.default.currentDirectoryPath,
        searchPath: process.environment["PATH"])
    } catch {
      if let own = Bundle.main.executablePath { return own }
      throw error
    }
  }
}
