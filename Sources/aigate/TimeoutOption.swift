import ArgumentParser
import Gate

/// semgrep's `--timeout`: how long one rule may run on one file.
struct TimeoutOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Seconds one rule may spend on one file; a rule that runs out is reported as timed out "
        + "for that file (and fails --strict). 0 for no limit. semgrep's --timeout.",
      valueName: "seconds"))
  var timeout: Double = MatchingEngine.defaultTimeout

  func validate() throws {
    guard timeout.isFinite, timeout >= 0 else {
      throw ValidationError("--timeout takes a number of seconds, 0 for no limit")
    }
  }

  /// The in-process engine with this budget.
  var engine: (any InProcessEngine)? { MatchingEngine(timeout: timeout) }
}
