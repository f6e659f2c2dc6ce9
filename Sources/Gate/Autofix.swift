import Foundation
import Rules

/// semgrep's `--autofix`: each finding whose rule has a `fix:` replaces the bytes it spans with
/// the rendered fix, in the file on disk.
///
/// A fix is applied only to the bytes that were scanned: a file on disk that differs from them
/// (a `check` of a commit or of the index, with other edits in the working tree) is left alone
/// and reported, so that a fix never lands on the wrong bytes. Of fixes that overlap, the later
/// one in the file is applied, as `aigate test` applies them.
public enum Autofix {
  /// What happened to one file.
  public struct FileOutcome: Sendable, Equatable {
    public let path: String
    /// Fixes applied (or, in a dry run, that would be).
    public let applied: Int
    /// Fixes left out because they overlap one applied before them.
    public let overlapping: Int
    /// Why the file was left alone, when it was.
    public let leftAlone: String?
    /// The file's text with the fixes, when any applied.
    public let fixed: String?
  }

  /// Applies the fixes of `findings` to the files under `root` (unless `dryRun`), where each
  /// file's bytes on disk are still those of `sources`.
  public static func apply(
    _ findings: [Finding], sources: [String: SourceFile], root: String, dryRun: Bool
  ) -> [FileOutcome] {
    let fixable = findings.filter { $0.fix != nil }
    let byPath = Dictionary(grouping: fixable, by: \.path)
    return byPath.keys.sorted().map { path in
      let file = path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path)
      guard let source = sources[path] else {
        return FileOutcome(
          path: path, applied: 0, overlapping: 0, leftAlone: "its scanned text is not known",
          fixed: nil)
      }
      guard let onDisk = FileManager.default.contents(atPath: file),
        onDisk.elementsEqual(source.bytes)
      else {
        return FileOutcome(
          path: path, applied: 0, overlapping: 0,
          leftAlone: "the file on disk differs from the text that was scanned", fixed: nil)
      }
      let (bytes, applied, overlapping) = fixedBytes(source.bytes, byPath[path] ?? [])
      let text = String(decoding: bytes, as: UTF8.self)
      if !dryRun && applied > 0 {
        do {
          try Data(bytes).write(to: URL(fileURLWithPath: file))
        } catch {
          return FileOutcome(
            path: path, applied: 0, overlapping: overlapping,
            leftAlone: "cannot write it: \(error.localizedDescription)", fixed: nil)
        }
      }
      return FileOutcome(
        path: path, applied: applied, overlapping: overlapping, leftAlone: nil,
        fixed: applied > 0 ? text : nil)
    }
  }

  /// The bytes with every fix applied from the file's end, each one that ends after the start
  /// of one applied already skipped (the later match wins, as in semgrep's fix tests).
  static func fixedBytes(
    _ original: [UInt8], _ findings: [Finding]
  ) -> (bytes: [UInt8], applied: Int, overlapping: Int) {
    var bytes = original
    let fixes = findings.filter { $0.fix != nil }.sorted { $0.start.offset > $1.start.offset }
    var lastStart = Int.max
    var applied = 0
    for finding in fixes {
      guard let fix = finding.fix, finding.end.offset <= lastStart,
        finding.start.offset <= finding.end.offset, finding.end.offset <= bytes.count
      else { continue }
      bytes.replaceSubrange(finding.start.offset..<finding.end.offset, with: Array(fix.utf8))
      lastStart = finding.start.offset
      applied += 1
    }
    return (bytes, applied, fixes.count - applied)
  }
}
