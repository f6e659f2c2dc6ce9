import ArgumentParser
import Gate
import Rules

/// semgrep's `--timeout` (how long one rule may run on one file) and `--time` (where the time
/// went).
struct TimeoutOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Seconds one rule may spend on one file; a rule that runs out is reported as timed out "
        + "for that file (and fails --strict). 0 for no limit. semgrep's --timeout.",
      valueName: "seconds"))
  var timeout: Double = MatchingEngine.defaultTimeout

  @Flag(
    help: ArgumentHelp(
      "Report where the time went: per rule and file in JSON ('time'), the slowest files and "
        + "rules at the end of the text. semgrep's --time."))
  var time = false

  func validate() throws {
    guard timeout.isFinite, timeout >= 0 else {
      throw ValidationError("--timeout takes a number of seconds, 0 for no limit")
    }
  }

  /// The in-process engine with this budget, measuring its time with `--time`, counting its
  /// work in `progress` when a progress line is shown.
  func engine(progress: ScanProgress? = nil) -> (any InProcessEngine)? {
    MatchingEngine(timeout: timeout, timing: time, progress: progress)
  }
}
