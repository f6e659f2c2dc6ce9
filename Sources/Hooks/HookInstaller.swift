import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `install` or `uninstall` did to one hook, for the command to print.
public enum HookChange: Equatable, Sendable, CustomStringConvertible {
  /// aigate's hook was written; `chained` holds the hook that was there before, if any.
  case installed(HookKind, path: String, chained: String?)
  /// aigate's hook was already there and was rewritten in place.
  case updated(HookKind, path: String, chained: String?)
  /// aigate's hook was removed; `restored` tells whether the chained hook was put back.
  case removed(HookKind, path: String, restored: Bool)
  /// No hook of aigate's was there: nothing to remove.
  case notInstalled(HookKind, path: String)
  /// The hook there was not written by aigate, so `uninstall` left it alone.
  case leftAlone(HookKind, path: String)

  public var description: String {
    switch self {
    case .installed(let kind, let path, let chained):
      return "installed \(kind.rawValue) hook: \(path)"
        + (chained.map { " (runs the existing hook, kept as \($0), first)" } ?? "")
    case .updated(let kind, let path, let chained):
      return "updated \(kind.rawValue) hook: \(path)"
        + (chained.map { " (still runs \($0) first)" } ?? "")
    case .removed(let kind, let path, let restored):
      return "removed \(kind.rawValue) hook: \(path)"
        + (restored ? " (the hook that was there before is back)" : "")
    case .notInstalled(let kind, let path):
      return "no aigate \(kind.rawValue) hook at \(path); nothing to remove"
    case .leftAlone(let kind, let path):
      return "\(path) was not written by aigate; left alone (\(kind.rawValue))"
    }
  }
}

/// Writes and removes aigate's hooks in one hooks folder, keeping whatever was there.
///
/// An existing hook is renamed to `<hook>.aigate-chained` (a rename keeps its bytes, mode and
/// any symbolic link as they were) and aigate's script runs it first. `uninstall` renames it
/// back. Only files carrying `HookScript.marker` are ever rewritten or deleted.
public struct HookInstaller: Sendable {
  public let folder: HooksFolder

  public init(folder: HooksFolder) {
    self.folder = folder
  }

  /// Installs `kinds` so that they call the aigate at `aigatePath`; safe to run again.
  public func install(_ kinds: [HookKind], aigatePath: String) throws(HookError) -> [HookChange] {
    try createFolderIfNeeded()
    var changes: [HookChange] = []
    for kind in kinds {
      changes.append(try install(kind, aigatePath: aigatePath))
    }
    return changes
  }

  /// Removes aigate's `kinds` hooks and puts back the hooks they chained.
  public func uninstall(_ kinds: [HookKind]) throws(HookError) -> [HookChange] {
    var changes: [HookChange] = []
    for kind in kinds {
      changes.append(try uninstall(kind))
    }
    return changes
  }

  private func install(_ kind: HookKind, aigatePath: String) throws(HookError) -> HookChange {
    let hook = folder.hookPath(kind)
    let chained = folder.chainedPath(kind)
    let script = Data(HookScript.render(kind, aigatePath: aigatePath).utf8)
    let chainedExists = exists(chained)
    switch try state(of: hook) {
    case .managed:
      try writeExecutable(script, to: hook)
      return .updated(kind, path: hook, chained: chainedExists ? chained : nil)
    case .absent:
      try writeExecutable(script, to: hook)
      return .installed(kind, path: hook, chained: chainedExists ? chained : nil)
    case .foreign:
      if chainedExists { throw .chainConflict(hook: hook, chained: chained) }
      try move(hook, to: chained)
      do {
        try writeExecutable(script, to: hook)
      } catch {
        try? move(chained, to: hook)
        throw error
      }
      return .installed(kind, path: hook, chained: chained)
    }
  }

  private func uninstall(_ kind: HookKind) throws(HookError) -> HookChange {
    let hook = folder.hookPath(kind)
    let chained = folder.chainedPath(kind)
    switch try state(of: hook) {
    case .foreign:
      return .leftAlone(kind, path: hook)
    case .absent:
      // aigate's hook was deleted by hand; the saved hook is still what was there before.
      guard exists(chained) else { return .notInstalled(kind, path: hook) }
      try move(chained, to: hook)
      return .removed(kind, path: hook, restored: true)
    case .managed:
      if exists(chained) {
        try move(chained, to: hook)
        return .removed(kind, path: hook, restored: true)
      }
      do {
        try FileManager.default.removeItem(atPath: hook)
      } catch {
        throw .fileSystem(operation: "removing", path: hook, reason: Self.reason(error))
      }
      return .removed(kind, path: hook, restored: false)
    }
  }

  private enum HookState {
    case absent, managed, foreign
  }

  /// Whether `path` is missing, aigate's own script, or someone else's hook.
  private func state(of path: String) throws(HookError) -> HookState {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      return exists(path) ? .foreign : .absent
    }
    let type = attributes[.type] as? FileAttributeType
    if type == .typeSymbolicLink { return .foreign }
    guard type == .typeRegular else { throw .notAFile(path: path) }
    guard let contents = FileManager.default.contents(atPath: path) else {
      throw .fileSystem(operation: "reading", path: path, reason: "cannot read the file")
    }
    return HookScript.isManaged(contents) ? .managed : .foreign
  }

  /// Whether anything, even a dangling symbolic link, is at `path`.
  private func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  private func createFolderIfNeeded() throws(HookError) {
    do {
      try FileManager.default.createDirectory(
        atPath: folder.path, withIntermediateDirectories: true)
    } catch {
      throw .fileSystem(operation: "creating", path: folder.path, reason: Self.reason(error))
    }
  }

  /// Writes beside `path` and renames over it, so git never sees a half-written hook.
  private func writeExecutable(_ data: Data, to path: String) throws(HookError) {
    let temporary = path + ".aigate-tmp-\(getpid())"
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: temporary)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw .fileSystem(operation: "writing", path: path, reason: Self.reason(error))
    }
    do {
      try move(temporary, to: path)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
  }

  /// Renames in place, replacing `destination`, as one step of the file system.
  private func move(_ source: String, to destination: String) throws(HookError) {
    guard rename(source, destination) == 0 else {
      throw .fileSystem(
        operation: "renaming \(source) to", path: destination,
        reason: String(cString: strerror(errno)))
    }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
