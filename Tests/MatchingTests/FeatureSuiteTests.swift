import Foundation
import TestSupport
import Testing

/// The feature suite: one small rule and annotated file per feature, in semgrep's test format.
let featuresFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Features").path

@Test(.timeLimit(.minutes(20)))
func featureSuitePassesInProcess() throws {
  let result = try AigateBinary.run(
    ["test", featuresFolder], in: featuresFolder,
    environment: InstalledTools.withoutSemgrep(ProcessRunner.cleanEnvironment))
  #expect(result.status == 0, "aigate test failed:\n\(result.stdout)\n\(result.stderr)")
  let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
  #expect(summary.hasSuffix(" 0 failed"), "unexpected summary: \(summary)")
  #expect(!summary.hasPrefix("0 passed"), "no case ran: \(summary)")
}
