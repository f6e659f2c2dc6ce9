import Foundation
import Rules

/// A file to scan: its path as reports show it, where its bytes are on disk, and the file
/// itself when it has been read already.
public struct ScanTarget: Sendable {
  /// Repository-relative path, as reports show it.
  public let path: String
  /// The absolute path of the bytes to scan (for `check`, where a copy of the head or staged
  /// version is written if an external tool needs it).
  public let absolutePath: String
  /// The lines (1-based) whose findings are wanted, nil for all: a gate judges only findings
  /// touching added lines, so an engine may skip code elsewhere.
  public let lines: [Int]?
  /// The file, when read already (a version from git, a rule test's target): the in-process
  /// engine matches it without reading it again.
  public let source: SourceFile?
  /// Whether the file is at `absolutePath`; a version from git is only in memory until
  /// `materialize()` writes it for a tool that reads files.
  public let isOnDisk: Bool

  /// A file on disk; `source` when the caller has read it already.
  public init(
    path: String, absolutePath: String, lines: [Int]? = nil, source: SourceFile? = nil
  ) {
    self.path = path
    self.absolutePath = absolutePath
    self.lines = lines
    self.source = source
    isOnDisk = true
  }

  /// A file held in memory, written to `absolutePath` only when a tool that reads files
  /// needs it.
  public init(inMemory source: SourceFile, absolutePath: String, lines: [Int]? = nil) {
    path = source.path
    self.absolutePath = absolutePath
    self.lines = lines
    self.source = source
    isOnDisk = false
  }

  /// Writes a file held in memory to `absolutePath`, for a tool that reads files.
  public func materialize() throws(GateError) {
    guard !isOnDisk, let source else { return }
    let url = URL(fileURLWithPath: absolutePath)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(source.bytes).write(to: url)
    } catch {
      throw .io(path: path, reason: error.localizedDescription)
    }
  }
}
