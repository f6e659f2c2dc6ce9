import Foundation
import Rules

/// A file prepared once for every rule: its text, its syntax tree when a parser read it, and
/// the UTF-16 view regular expressions need, so no rule pays for these again.
public struct Document: Sendable {
  public let source: SourceText
  /// The parse of the file for tree patterns; nil for generic and regex matching.
  public let tree: SyntaxTree?
  /// The names holding literals, for tree patterns and comparisons.
  public let constants: Constants
  /// The text as a String and the byte offset of each of its UTF-16 indices, for regular
  /// expressions; made on first use, since most files meet no regex.
  let regexView = RegexView()

  /// The text as a String, for regular expressions.
  var text: String { regexView.get(source).text }
  /// The byte offset of each UTF-16 index of `text` (one past the end included).
  var byteOffsets: [Int] { regexView.get(source).byteOffsets }

  /// Prepares `bytes`, parsing them when `language` is a tree language.
  public init(bytes: [UInt8], language: PatternLanguage?) {
    var tree: SyntaxTree? = nil
    if let language, language.isTree {
      tree = LanguageParsers.parse(bytes: bytes, language: language, patternMode: false)
    }
    // A parsed tree has already split the text into lines.
    source = tree?.source ?? SourceText(bytes: bytes)
    self.tree = tree
    constants = tree.map(Constants.init(tree:)) ?? .none
  }

  /// Prepares a parsed tree.
  public init(tree: SyntaxTree) {
    source = tree.source
    self.tree = tree
    constants = Constants(tree: tree)
  }

  /// Maps each UTF-16 index to the byte offset where its scalar starts, so regex results (in
  /// UTF-16 units) become byte positions.
  static func byteOffsets(of text: String) -> [Int] {
    var offsets: [Int] = []
    offsets.reserveCapacity(text.utf8.count + 1)
    var offset = 0
    for scalar in text.unicodeScalars {
      let width = UTF8.width(scalar)
      offsets.append(offset)
      if scalar.value > 0xFFFF { offsets.append(offset) }
      offset += width
    }
    offsets.append(offset)
    return offsets
  }

  /// The range between two byte offsets.
  func range(_ bytes: Range<Int>) -> SourceRange {
    source.range(from: bytes.lowerBound, to: bytes.upperBound)
  }

  /// A binding of the bytes in `bytes`.
  func binding(_ bytes: Range<Int>) -> Binding {
    Binding(
      range: range(bytes), text: source.text(from: bytes.lowerBound, to: bytes.upperBound))
  }
}

/// A document's text as regular expressions see it, computed once on first use.
final class RegexView: @unchecked Sendable {
  private let lock = NSLock()
  private var value: (text: String, byteOffsets: [Int])?

  func get(_ source: SourceText) -> (text: String, byteOffsets: [Int]) {
    lock.lock()
    defer { lock.unlock() }
    if let value { return value }
    let text = String(decoding: source.bytes, as: UTF8.self)
    let made = (text: text, byteOffsets: Document.byteOffsets(of: text))
    value = made
    return made
  }
}

/// A regular expression whose results are byte ranges, with semgrep's PCRE translated to ICU
/// and its named groups kept as metavariables.
struct ByteRegex: @unchecked Sendable {
  let expression: NSRegularExpression
  /// Each named group as a metavariable (`$name`) with its ICU group name.
  let namedGroups: [(metavariable: String, group: String)]

  /// Compiles `pcre`; `^` and `$` match at line ends, as in semgrep's multiline mode.
  ///
  /// Rule loading already compiled it, and `PCRE.expression` hands back that same object.
  init(pcre: String) throws(MatchingError) {
    let compiled: PCRE.Compiled
    switch PCRE.expression(pcre) {
    case .success(let value): compiled = value
    case .failure(.unsupported(let unsupported)):
      throw .invalidRegex(pattern: pcre, reason: "uses \(unsupported.feature), which only PCRE has")
    case .failure(.rejected):
      throw .invalidRegex(pattern: pcre, reason: "the regex engine rejects it")
    }
    expression = compiled.expression
    namedGroups = compiled.translation.groupNames.sorted { $0.key < $1.key }.map {
      (metavariable: "$" + $0.key, group: $0.value)
    }
  }

  /// One match: its bytes and each group's (`$1`…, `$name`).
  struct Hit {
    var bytes: Range<Int>
    var groups: [(String, Range<Int>)]
  }

  /// Every non-empty match in `document`.
  func hits(in document: Document) -> [Hit] {
    let view = document.regexView.get(document.source)
    return hits(in: view.text, byteOffsets: view.byteOffsets, anchored: false)
  }

  /// The match starting at the beginning of `text`, if any (semgrep's left anchoring).
  func anchoredHit(in text: String) -> Hit? {
    hits(in: text, byteOffsets: Document.byteOffsets(of: text), anchored: true).first
  }

  private func hits(in text: String, byteOffsets: [Int], anchored: Bool) -> [Hit] {
    let whole = NSRange(location: 0, length: byteOffsets.count - 1)
    func bytes(_ range: NSRange) -> Range<Int>? {
      guard range.location != NSNotFound, range.location + range.length < byteOffsets.count
      else { return nil }
      return byteOffsets[range.location]..<byteOffsets[range.location + range.length]
    }
    var results: [Hit] = []
    let options: NSRegularExpression.MatchingOptions = anchored ? [.anchored] : []
    let found =
      anchored
      ? expression.firstMatch(in: text, options: options, range: whole).map { [$0] } ?? []
      : expression.matches(in: text, options: options, range: whole)
    for result in found where anchored || result.range.length > 0 {
      guard let range = bytes(result.range) else { continue }
      var groups: [(String, Range<Int>)] = []
      for index in 1..<max(1, result.numberOfRanges) {
        if let group = bytes(result.range(at: index)) { groups.append(("$\(index)", group)) }
      }
      for (metavariable, group) in namedGroups {
        if let range = bytes(result.range(withName: group)) { groups.append((metavariable, range)) }
      }
      results.append(Hit(bytes: range, groups: groups))
    }
    return results
  }
}
