/// One hunk of a zero-context diff, numbered as git numbers them (1-based; a side with no lines
/// gives the line before the change).
struct DiffHunk: Equatable, Sendable {
  var oldStart: Int
  var oldLines: Int
  var newStart: Int
  var newLines: Int

  /// The first old line the hunk removes, or the old line a pure insertion goes before.
  var oldFirst: Int { oldLines == 0 ? oldStart + 1 : oldStart }
  /// The first new line the hunk adds, or the new line a pure removal leaves in its place.
  var newFirst: Int { newLines == 0 ? newStart + 1 : newStart }
}

/// Where one line of a file came from: the commit (an index into the range's commits, or
/// `LineOrigin.older` for lines older than the range), and the path and line it had there.
struct LineOrigin: Equatable, Sendable {
  /// The `commit` of every line older than the range.
  static let older: Int32 = -1

  var commit: Int32
  var path: Int32
  var line: Int

  var isOlder: Bool { commit == Self.older }
}

/// A run of consecutive lines that came from consecutive lines of one commit's file.
struct OriginRun: Equatable, Sendable {
  var count: Int
  var origin: LineOrigin

  /// Whether `next` carries on this run (lines older than the range always do).
  func continues(with next: LineOrigin) -> Bool {
    if origin.isOlder { return next.isOlder }
    return next.commit == origin.commit && next.path == origin.path
      && next.line == origin.line + count
  }
}

/// The origin of every line of one version of a file, run-length encoded so that a long file
/// that a commit touches in one place costs a few runs, not one entry per line.
///
/// A file that was already there before the range starts as `older`: its length is never needed,
/// because every line past the explicit runs is older than the range.
struct LineOrigins: Equatable, Sendable {
  var runs: [OriginRun] = []
  /// Whether the lines after `runs` (however many the file has) are older than the range.
  var olderTail = false

  /// A file as it was before the range: every line is older than it.
  static let older = LineOrigins(runs: [], olderTail: true)

  /// The origins after a commit's diff: lines outside its hunks keep theirs (shifted), lines a
  /// hunk adds come from `commit`, numbered as that commit's version of `path` numbers them.
  ///
  /// Nil when the hunks do not fit the file (they reach past its known end): the caller does
  /// not trust this file's origins any further.
  func applying(_ hunks: [DiffHunk], commit: Int32, path: Int32) -> LineOrigins? {
    var builder = Builder()
    var reader = Reader(self)
    var oldLine = 1
    for hunk in hunks {
      let first = hunk.oldFirst
      guard first >= oldLine, reader.copy(first - oldLine, into: &builder),
        reader.skip(hunk.oldLines)
      else { return nil }
      oldLine = first + hunk.oldLines
      if hunk.newLines > 0 {
        guard builder.lineCount == hunk.newStart - 1 else { return nil }
        builder.append(
          OriginRun(
            count: hunk.newLines,
            origin: LineOrigin(commit: commit, path: path, line: hunk.newStart)
          ))
      }
    }
    reader.copyRest(into: &builder)
    return LineOrigins(runs: builder.runs, olderTail: olderTail)
  }

  /// The origin of each of the first `count` lines; nil when the file has fewer known lines.
  func expanded(count: Int) -> [LineOrigin]? {
    var lines: [LineOrigin] = []
    lines.reserveCapacity(count)
    for run in runs where lines.count < count {
      for offset in 0..<min(run.count, count - lines.count) {
        var origin = run.origin
        if !origin.isOlder { origin.line += offset }
        lines.append(origin)
      }
    }
    guard lines.count == count || olderTail else { return nil }
    while lines.count < count {
      lines.append(LineOrigin(commit: LineOrigin.older, path: -1, line: lines.count + 1))
    }
    return lines
  }

  /// An empty file.
  init() {}

  /// The runs of a file given line by line.
  init(lines: [LineOrigin]) {
    var builder = Builder()
    for line in lines { builder.append(OriginRun(count: 1, origin: line)) }
    runs = builder.runs
  }

  init(runs: [OriginRun], olderTail: Bool) {
    self.runs = runs
    self.olderTail = olderTail
  }

  /// How many lines the explicit runs cover.
  var explicitLineCount: Int { runs.reduce(0) { $0 + $1.count } }

  /// Appends runs, joining each to the one before when it carries it on.
  private struct Builder {
    var runs: [OriginRun] = []
    var lineCount = 0

    mutating func append(_ run: OriginRun) {
      guard run.count > 0 else { return }
      lineCount += run.count
      if let last = runs.last, last.continues(with: run.origin) {
        runs[runs.count - 1].count += run.count
      } else {
        runs.append(run)
      }
    }
  }

  /// Reads a file's runs line by line from the top.
  private struct Reader {
    let source: LineOrigins
    var index = 0
    /// Lines of `source.runs[index]` already read.
    var used = 0

    init(_ source: LineOrigins) {
      self.source = source
    }

    /// Copies the next `count` lines; false when the file has fewer.
    mutating func copy(_ count: Int, into builder: inout Builder) -> Bool {
      var left = count
      while left > 0, index < source.runs.count {
        let run = source.runs[index]
        let take = min(left, run.count - used)
        var origin = run.origin
        if !origin.isOlder { origin.line += used }
        builder.append(OriginRun(count: take, origin: origin))
        advance(by: take)
        left -= take
      }
      guard left > 0 else { return true }
      guard source.olderTail else { return false }
      builder.append(
        OriginRun(count: left, origin: LineOrigin(commit: LineOrigin.older, path: -1, line: 0)))
      return true
    }

    /// Skips the next `count` lines; false when the file has fewer.
    mutating func skip(_ count: Int) -> Bool {
      var left = count
      while left > 0, index < source.runs.count {
        let take = min(left, source.runs[index].count - used)
        advance(by: take)
        left -= take
      }
      return left == 0 || source.olderTail
    }

    /// Copies whatever explicit lines are left (the older tail stays implicit).
    mutating func copyRest(into builder: inout Builder) {
      while index < source.runs.count {
        let left = source.runs[index].count - used
        _ = copy(left, into: &builder)
      }
    }

    private mutating func advance(by count: Int) {
      used += count
      if used == source.runs[index].count {
        index += 1
        used = 0
      }
    }
  }
}
