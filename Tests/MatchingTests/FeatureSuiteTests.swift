import Foundation
import TestSupport
import Testing

/// The feature suite: one small rule and annotated file per feature, in semgrep's test format.
let featuresFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Features").path

/// The environment with every PATH entry holding a `semgrep` removed, so only aigate's own
/// engine can run the rules.
func environmentWithoutSemgrep() -> [String: String] {
  var environment = ProcessRunner.cleanEnvironment
  let path = environment["PATH"] ?? "/usr/bin:/bin"
  environment["PATH"] = path.split(separator: ":").filter {
    !FileManager.default.fileExists(atPath: "\($0)/semgrep")
  }.joined(separator: ":")
  return environment
}

@Test(.timeLimit(.minutes(20)))
func featureSuitePassesInProcess() throws {
  let result = try AigateBinary.run(
    ["test", featuresFolder], in: featuresFolder, environment: environmentWithoutSemgrep())
  #expect(result.status == 0, "aigate test failed:\n\(result.stdout)\n\(result.stderr)")
  let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
  #expect(summary.hasSuffix(" 0 failed"), "unexpected summary: \(summary)")
  #expect(!summary.hasPrefix("0 passed"), "no case ran: \(summary)")
}
