/// Splits source text into lines the way semgrep numbers them: at every `\n`, with a `\r`
/// before it dropped (Swift's `"\r\n"` is one character, so splitting on `"\n"` alone misses it).
public enum SourceLines {
  public static func split(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
  }
}
