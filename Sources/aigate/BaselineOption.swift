import ArgumentParser
import Foundation
import Gate

/// Which findings are already there: `.aigate-baseline.json`, or the file `--baseline` names.
struct BaselineOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Leave out the findings this file (written by 'aigate baseline') records. Default: "
        + "\(Baseline.fileName) (check: as of the trusted commit, never the change's copy; "
        + "scan: in the current folder).", valueName: "path"))
  var baseline: String?

  @Flag(help: "Report every finding, whatever a baseline file records.")
  var noBaseline = false

  func validate() throws {
    if noBaseline && baseline != nil {
      throw ValidationError("--baseline and --no-baseline cannot be used together")
    }
  }

  /// The baseline `scan` applies: `--baseline`, else the current folder's file when present.
  func forScan(in folder: String) throws -> Baseline? {
    if noBaseline { return nil }
    if let baseline { return try Baseline.load(path: ShippedData.absolute(baseline)) }
    let path = (folder as NSString).appendingPathComponent(Baseline.fileName)
    return FileManager.default.fileExists(atPath: path) ? try Baseline.load(path: path) : nil
  }
}
