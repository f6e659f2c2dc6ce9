import Foundation

/// Where the in-process engine's time went on one file: semgrep's `--time`, measured only
/// when asked for.
public struct FileTiming: Hashable, Sendable {
  public let path: String
  public let bytes: Int
  /// Seconds spent parsing the file (0 when no rule needed its tree).
  public var parseSeconds: Double
  /// Seconds each rule spent matching the file, by rule id.
  public var matchSeconds: [String: Double]

  public init(path: String, bytes: Int, parseSeconds: Double, matchSeconds: [String: Double]) {
    self.path = path
    self.bytes = bytes
    self.parseSeconds = parseSeconds
    self.matchSeconds = matchSeconds
  }

  /// Parsing and matching together.
  public var totalSeconds: Double { parseSeconds + matchSeconds.values.reduce(0, +) }

  /// Seconds since `start` (a `DispatchTime` reading in nanoseconds).
  public static func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9
  }
}

/// How far a scan has got, for the progress line a long scan shows on a terminal.
///
/// Files read and parsed, and rule-file pairs matched: updated by the engine's threads, read by
/// another.
public final class ScanProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var counts = (files: 0, filesRead: 0, pairs: 0, pairsMatched: 0)

  public init() {}

  /// Files read of files, rule-file pairs matched of pairs.
  public var snapshot: (files: Int, filesRead: Int, pairs: Int, pairsMatched: Int) {
    lock.lock()
    defer { lock.unlock() }
    return counts
  }

  public func add(files: Int = 0, filesRead: Int = 0, pairs: Int = 0, pairsMatched: Int = 0) {
    lock.lock()
    counts.files += files
    counts.filesRead += filesRead
    counts.pairs += pairs
    counts.pairsMatched += pairsMatched
    lock.unlock()
  }
}
