import Foundation
import Rules

/// The words of a file, so a rule's required words are checked by lookup rather than search.
///
/// Words are kept as 64-bit hashes, so indexing a file allocates nothing per word; a collision
/// can only let a file through to the matcher, never keep one out.
struct WordIndex {
  let bytes: [UInt8]
  let words: Set<UInt64>

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var words = Set<UInt64>()
    words.reserveCapacity(bytes.count / 16)
    bytes.withUnsafeBufferPointer { buffer in
      var hash: UInt64 = WordIndex.seed
      var inWord = false
      for byte in buffer {
        if GenericLexer.isWordByte(byte) || byte >= 0x80 {
          if !inWord {
            hash = WordIndex.seed
            inWord = true
          }
          hash = (hash ^ UInt64(byte)) &* WordIndex.prime
        } else if inWord {
          words.insert(hash)
          inWord = false
        }
      }
      if inWord { words.insert(hash) }
    }
    self.words = words
  }

  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  /// FNV-1a, as the index hashes words.
  static func hash(_ word: [UInt8]) -> UInt64 {
    var hash = seed
    for byte in word { hash = (hash ^ UInt64(byte)) &* prime }
    return hash
  }

  /// Whether `text` appears anywhere in the file.
  func containsSubstring(_ text: [UInt8]) -> Bool {
    guard let first = text.first, text.count <= bytes.count else { return text.isEmpty }
    var index = 0
    let last = bytes.count - text.count
    while index <= last {
      if bytes[index] == first && bytes[index..<index + text.count].elementsEqual(text) {
        return true
      }
      index += 1
    }
    return false
  }

  func contains(_ word: [UInt8]) -> Bool {
    if words.contains(WordIndex.hash(word)) { return true }
    // A word with other bytes than the splitter's (rare): fall back to a substring search.
    guard word.contains(where: { !GenericLexer.isWordByte($0) && $0 < 0x80 }) else {
      return false
    }
    return containsSubstring(word)
  }

}

/// Words a file must contain for a formula to match there, so most rules skip most files
/// without parsing them.
indirect enum Prefilter: Sendable {
  case always
  case words([[UInt8]])
  /// Byte strings that must each appear somewhere (a regex's literal text).
  case substrings([[UInt8]])
  case all([Prefilter])
  case any([Prefilter])

  init(_ formula: CompiledFormula?) {
    guard let formula else {
      self = .always
      return
    }
    switch formula {
    case .pattern(let pattern):
      let words = pattern.requiredWords.filter { !$0.hasPrefix("$") }
      self = words.isEmpty ? .always : .words(words.sorted().map { Array($0.utf8) })
    case .regex(let regex):
      self = RegexLiterals.requirement(regex.expression.pattern)
    case .not:
      self = .always
    case .any(let branches):
      self = .any(branches.map { Prefilter($0) })
    case .inside(let inner), .anywhere(let inner):
      self = Prefilter(inner)
    case .all(let conjunction):
      self = .all(conjunction.terms.map { Prefilter($0) })
    }
  }

  func allows(_ index: WordIndex) -> Bool {
    switch self {
    case .always: return true
    case .words(let words): return words.allSatisfy { index.contains($0) }
    case .substrings(let texts): return texts.allSatisfy { index.containsSubstring($0) }
    case .all(let parts): return parts.allSatisfy { $0.allows(index) }
    case .any(let parts): return parts.contains { $0.allows(index) }
    }
  }
}

/// A rule's `paths:` as semgrep reads them: gitignore-style globs; a pattern without a
/// leading `/` may match at any depth, and a folder's pattern covers everything beneath it.
struct PathGlobs: Sendable {
  let include: [[String]]
  let exclude: [[String]]

  init(_ filter: PathFilter) {
    include = filter.include.map(PathGlobs.split)
    exclude = filter.exclude.map(PathGlobs.split)
  }

  /// A pattern's components; an anchored one starts with an empty component.
  static func split(_ pattern: String) -> [String] {
    var text = pattern
    if text.hasPrefix("./") { text.removeFirst(2) }
    while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
    let anchored = text.hasPrefix("/")
    let parts = text.split(separator: "/").map(String.init)
    return anchored ? [""] + parts : parts
  }

  func allows(_ path: String) -> Bool {
    // Most rules have no `paths:`: no need to look at the path.
    if include.isEmpty && exclude.isEmpty { return true }
    let components = path.split(separator: "/").map(String.init)
    if !include.isEmpty && !include.contains(where: { PathGlobs.matches($0, components) }) {
      return false
    }
    return !exclude.contains { PathGlobs.matches($0, components) }
  }

  static func matches(_ pattern: [String], _ components: [String]) -> Bool {
    if pattern.first == "" { return prefix(Array(pattern.dropFirst()), components[...]) }
    return components.indices.contains { prefix(pattern, components[$0...]) }
  }

  /// Whether `pattern` matches the first components of `path` (a folder covers its files).
  static func prefix(_ pattern: [String], _ path: ArraySlice<String>) -> Bool {
    guard let head = pattern.first else { return true }
    if head == "**" {
      let rest = Array(pattern.dropFirst())
      return (path.startIndex...path.endIndex).contains { prefix(rest, path[$0...]) }
    }
    guard let name = path.first, fnmatch(head, name, 0) == 0 else { return false }
    return prefix(Array(pattern.dropFirst()), path.dropFirst())
  }
}
