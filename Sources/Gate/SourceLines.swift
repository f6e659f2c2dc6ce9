/// Splits source text into lines the way semgrep numbers them: at every `\n`, with a `\r`
/// before it dropped (Swift's `"\r\n"` is one character, so splitting on `"\n"` alone misses it).
public enum SourceLines {
  public static func split(_ text: String) -> [Substring] {
    // A line feed is always a character of its own (or ends a "\r\n"), so scanning the
    // UTF-8 bytes finds the same lines as splitting the characters, many times faster.
    let utf8 = text.utf8
    var lines: [Substring] = []
    var start = utf8.startIndex
    var previous: UInt8 = 0
    var index = start
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "\n") {
        let end = previous == UInt8(ascii: "\r") ? utf8.index(before: index) : index
        lines.append(text[start..<end])
        start = utf8.index(after: index)
      }
      previous = byte
      index = utf8.index(after: index)
    }
    lines.append(text[start...])
    return lines
  }
}
