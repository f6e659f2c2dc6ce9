/// aigate's identity in reports.
public enum AigateTool {
  /// Where users read about aigate, or nil: nothing is invented.
  ///
  /// SARIF's `tool.driver.informationUri` and the GitLab SAST report's analyzer `url` (and
  /// scanner `url` when aigate is the scanner) come from it. The one constant a packager sets
  /// (README, "Packaging"), to an absolute `https://` address they publish aigate at; while nil
  /// those fields are left out rather than pointing at an address nobody owns.
  public static let informationURI: String? = nil
}
