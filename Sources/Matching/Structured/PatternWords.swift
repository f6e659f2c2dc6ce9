extension TreeBuilder {
  /// The node for a structured pattern's word that stands for something (`...` when `ellipsis`,
  /// `$...X`, `$X`) over `start..<end`; nil for a literal word, which each parser adds its way.
  mutating func patternWord(
    _ text: ArraySlice<UInt8>, start: Int, end: Int, ellipsis: Bool = true
  ) -> Int32? {
    if ellipsis && text.elementsEqual("...".utf8) {
      return add(.ellipsis, start: Int32(start), end: Int32(end))
    }
    if YAMLParser.isMetavariable(text, prefix: "$...") {
      return add(.ellipsisMetavariable, start: Int32(start), end: Int32(end))
    }
    if YAMLParser.isMetavariable(text, prefix: "$") {
      return add(.metavariable, start: Int32(start), end: Int32(end))
    }
    return nil
  }
}
