import ArgumentParser
import Foundation
import Gate
import Rules

/// semgrep's `--autofix` and `--dryrun`: rules' `fix:` applied to the files, or only shown.
struct AutofixOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "Apply rules' fix: to the files on disk (check: only where the working tree still holds "
        + "the scanned text). semgrep's --autofix."))
  var autofix = false

  @Flag(help: "With --autofix: show the fixes on standard error, change no file.")
  var dryrun = false

  func validate() throws {
    if dryrun && !autofix {
      throw ValidationError("--dryrun goes with --autofix")
    }
  }

  /// Applies (or, with `--dryrun`, shows) the fixes, and says on standard error what it did.
  func apply(_ findings: [Finding], sources: [String: SourceFile], root: String) {
    guard autofix else { return }
    let outcomes = Autofix.apply(findings, sources: sources, root: root, dryRun: dryrun)
    if dryrun {
      for finding in findings where finding.fix != nil {
        let old = finding.lines.split(separator: "\n").first.map(String.init) ?? ""
        Diagnostics.note(
          "--dryrun: \(finding.path):\(finding.start.line): \(finding.ruleID): "
            + "\(TextPreview.short(old)) -> \(TextPreview.short(finding.fix ?? ""))")
      }
    }
    for outcome in outcomes {
      if let reason = outcome.leftAlone {
        Diagnostics.note("not fixed: \(outcome.path): \(reason)")
        continue
      }
      let verb = dryrun ? "would fix" : "fixed"
      var line =
        "\(verb) \(outcome.applied) finding\(outcome.applied == 1 ? "" : "s") in \(outcome.path)"
      if outcome.overlapping > 0 {
        line +=
          " (\(outcome.overlapping) overlapping fix\(outcome.overlapping == 1 ? "" : "es") skipped)"
      }
      Diagnostics.note(line)
    }
  }
}

/// Short one-line previews of code for notes.
enum TextPreview {
  static func short(_ text: String, limit: Int = 120) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
  }
}
