import Foundation
import Rules

/// What one rule may spend on one file (semgrep's `--timeout`), and what stopped it.
///
/// The matcher ticks it at every step (a node pair tried, a regex match, a generic token); a
/// tick is a counter, and the clock is read only every `stride` ticks, so an unbounded run costs
/// nothing measurable. Once stopped, every loop unwinds at its next tick and the rule's partial
/// matches on the file are dropped for a `RuleFailure`. One thread uses a budget at a time.
final class Budget: @unchecked Sendable {
  /// Ticks between two looks at the clock.
  static let stride: UInt32 = 1024

  /// When to stop, in `DispatchTime` nanoseconds; `.max` for never.
  private let deadline: UInt64
  private let seconds: Double
  private var ticks: UInt32 = 0
  /// Why the rule stopped, once it has.
  private(set) var stop: RuleFailure.Reason?

  /// A budget of `seconds` from now; nil or a value not above zero means no time limit (as
  /// semgrep's `--timeout 0`).
  init(seconds: Double? = nil) {
    if let seconds, seconds > 0, seconds < 1e9 {
      self.seconds = seconds
      deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(seconds * 1e9)
    } else {
      self.seconds = 0
      deadline = .max
    }
  }

  /// Whether the rule must stop: counts one step and now and then reads the clock.
  @inline(__always) func exhausted() -> Bool {
    if stop != nil { return true }
    ticks &+= 1
    guard ticks % Budget.stride == 0, deadline != .max else { return false }
    return checkClock()
  }

  private func checkClock() -> Bool {
    if DispatchTime.now().uptimeNanoseconds >= deadline { stop = .timeout(seconds: seconds) }
    return stop != nil
  }

  /// Records that a search of `pattern` hit PCRE2's limits: the rule stops on this file.
  func regexFailed(_ pattern: String, _ error: PCRE.MatchError) {
    guard stop == nil else { return }
    switch error {
    case .limit(let limit): stop = .regexLimit(pattern: pattern, limit: limit)
    case .failed(let message): stop = .regexLimit(pattern: pattern, limit: message)
    }
  }
}
