import Foundation
import GitKit

/// The folder git runs hooks from, found the way git finds it.
public struct HooksFolder: Equatable, Sendable {
  /// The folder's absolute path, without a trailing slash.
  public let path: String
  /// Whether `core.hooksPath` chose it (rather than the default `hooks` in the common git dir).
  public let isConfigured: Bool

  public init(path: String, isConfigured: Bool) {
    self.path = path
    self.isConfigured = isConfigured
  }

  /// The hooks folder of `repository`.
  ///
  /// `core.hooksPath` wins when set; git takes a relative value from the folder hooks run in,
  /// which is the working tree's root (the git dir when bare). Otherwise it is `hooks` in the
  /// common git dir, which linked worktrees share with the main one.
  public static func locate(in repository: Repository) throws(HookError) -> HooksFolder {
    let configured: String?
    do {
      configured = try repository.configPath("core.hooksPath")
    } catch {
      throw .git(error)
    }
    if let configured {
      if configured.isEmpty { throw .emptyHooksPath }
      let base = repository.workingDirectory ?? repository.gitDirectory
      let absolute = configured.hasPrefix("/") ? configured : base + "/" + configured
      return HooksFolder(path: normalized(absolute), isConfigured: true)
    }
    return HooksFolder(path: normalized(repository.commonDirectory + "hooks"), isConfigured: false)
  }

  /// The path of one hook in this folder.
  public func hookPath(_ kind: HookKind) -> String {
    path + "/" + kind.rawValue
  }

  /// Where an existing hook is kept while aigate's hook runs in its place (and runs it first).
  public func chainedPath(_ kind: HookKind) -> String {
    hookPath(kind) + ".aigate-chained"
  }

  private static func normalized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
