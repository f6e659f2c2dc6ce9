import ArgumentParser
import Foundation

/// Options that shape particular report formats.
struct ReportOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The SARIF run category (automationDetails.id), to keep several analyses of one commit "
        + "apart in GitHub code scanning.",
      valueName: "category"))
  var sarifCategory: String?

  func validate() throws {
    if let sarifCategory, sarifCategory.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--sarif-category cannot be empty")
    }
  }
}
