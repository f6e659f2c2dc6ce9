import Foundation
import Rules

/// The progress a long scan shows on standard error: files read and rule-file pairs matched.
///
/// On a terminal it is one line rewritten in place, from the first second on (a short run shows
/// none) and cleared at the end; never in a CI log (`CI` set) or without a terminal unless
/// `--progress` asks, and then as plain lines every few seconds.
final class ProgressLine: @unchecked Sendable {
  /// What the engine counts.
  let counts = ScanProgress()
  private let stop = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  private let terminal: Bool

  private init(terminal: Bool) {
    self.terminal = terminal
  }

  /// A running progress line when one is wanted: `--progress`/`--no-progress` decide, else a
  /// terminal outside CI; never with `--quiet`.
  static func start(
    asked: Bool?, quiet: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> ProgressLine? {
    if quiet { return nil }
    let terminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
    let wanted = asked ?? (terminal && (environment["CI"] ?? "").isEmpty)
    guard wanted else { return nil }
    let line = ProgressLine(terminal: terminal)
    Thread.detachNewThread { line.tick() }
    return line
  }

  /// Stops the line and clears it; call once, when the scan is over.
  func end() {
    stop.signal()
    finished.wait()
  }

  private func tick() {
    var ticks = 0
    var shown = false
    // A quarter of a second per tick; a line from the fourth tick on (every twelfth off a
    // terminal), so a short run shows nothing.
    while stop.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
      ticks += 1
      guard ticks >= 4, terminal || ticks % 12 == 0 else { continue }
      let now = counts.snapshot
      guard now.files > 0 else { continue }
      let text =
        "aigate: \(now.filesRead)/\(now.files) files read, "
        + "\(now.pairsMatched)/\(now.pairs) rule-file pairs matched"
      Diagnostics.write(terminal ? "\r\u{1B}[K" + text : text + "\n")
      shown = true
    }
    if shown && terminal { Diagnostics.write("\r\u{1B}[K") }
    finished.signal()
  }
}
