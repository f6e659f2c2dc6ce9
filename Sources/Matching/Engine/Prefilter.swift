import Foundation
import Rules

#if canImport(Glibc)
  import Glibc
#endif

/// The words of a file, so a rule's required words are checked by lookup rather than search.
///
/// Words are kept as 64-bit hashes in an open-addressing table keyed by the hash itself, so
/// indexing a file allocates nothing per word and a lookup hashes nothing; a collision can only
/// let a file through to the matcher, never keep one out.
struct WordIndex {
  let bytes: [UInt8]
  /// Word hashes by slot; 0 marks an empty slot (a word hashing to 0 sets `hasZero`).
  private let slots: [UInt64]
  private let shift: UInt64
  private let hasZero: Bool
  /// Which byte pairs occur, one bit each, so most substring searches end without a scan;
  /// made on the first search, since many files meet none.
  private let pairs = BytePairs()

  /// Calls `body` with the hash of each word of `bytes` (a run of word bytes or non-ASCII
  /// bytes), in order.
  @inline(__always)
  static func forEachWord<Bytes: Sequence<UInt8>>(in bytes: Bytes, _ body: (UInt64) -> Void) {
    var hash: UInt64 = seed
    var inWord = false
    for byte in bytes {
      if GenericLexer.isWordByte(byte) || byte >= 0x80 {
        if !inWord {
          hash = seed
          inWord = true
        }
        hash = (hash ^ UInt64(byte)) &* prime
      } else if inWord {
        body(hash)
        inWord = false
      }
    }
    if inWord { body(hash) }
  }

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var hashes: [UInt64] = []
    hashes.reserveCapacity(bytes.count / 6 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      WordIndex.forEachWord(in: buffer) { hashes.append($0) }
    }
    var bits: UInt64 = 4
    while (1 << bits) < hashes.count * 2 { bits += 1 }
    let shift = 64 - bits
    let mask = (1 << Int(bits)) - 1
    var slots = [UInt64](repeating: 0, count: 1 << Int(bits))
    var hasZero = false
    slots.withUnsafeMutableBufferPointer { table in
      for hash in hashes {
        if hash == 0 {
          hasZero = true
          continue
        }
        var slot = Int(truncatingIfNeeded: WordIndex.mix(hash) >> shift)
        while table[slot] != 0 && table[slot] != hash { slot = (slot + 1) & mask }
        table[slot] = hash
      }
    }
    self.slots = slots
    self.shift = shift
    self.hasZero = hasZero
  }

  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  /// Spreads a hash's bits over its top bits, which pick the slot.
  @inline(__always) static func mix(_ hash: UInt64) -> UInt64 {
    hash &* 0x9E37_79B9_7F4A_7C15
  }

  /// FNV-1a, as the index hashes words.
  static func hash(_ word: [UInt8]) -> UInt64 {
    var hash = seed
    for byte in word { hash = (hash ^ UInt64(byte)) &* prime }
    return hash
  }

  /// Whether a word with this hash is in the file.
  func contains(hash: UInt64) -> Bool {
    if hash == 0 { return hasZero }
    return slots.withUnsafeBufferPointer { table in
      let mask = table.count - 1
      var slot = Int(truncatingIfNeeded: WordIndex.mix(hash) >> shift)
      while true {
        let value = table[slot]
        if value == hash { return true }
        if value == 0 { return false }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Whether `text` appears anywhere in the file.
  func containsSubstring(_ text: [UInt8]) -> Bool {
    guard !text.isEmpty else { return true }
    guard text.count <= bytes.count else { return false }
    if text.count > 1 {
      let pairs = self.pairs.bits(of: bytes)
      for index in 1..<text.count {
        let pair = Int(text[index - 1]) << 8 | Int(text[index])
        if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return false }
      }
    }
    return bytes.withUnsafeBytes { haystack in
      text.withUnsafeBytes { needle in
        guard let base = haystack.baseAddress, let wanted = needle.baseAddress else {
          return false
        }
        // memchr finds candidates for the first byte, memcmp checks the rest.
        let first = Int32(needle[0])
        let last = haystack.count - needle.count
        var offset = 0
        while offset <= last {
          guard let found = memchr(base + offset, first, last - offset + 1) else { return false }
          let at = base.distance(to: UnsafeRawPointer(found))
          if memcmp(base + at, wanted, needle.count) == 0 { return true }
          offset = at + 1
        }
        return false
      }
    }
  }

  /// Whether the file holds `word`: by hash, or for a word with bytes the splitter does not
  /// keep in words (rare), by a substring search.
  func contains(_ word: [UInt8]) -> Bool {
    let word = PrefilterProgram.Word(word)
    if contains(hash: word.hash) { return true }
    return word.searchesText && containsSubstring(word.bytes)
  }
}

/// The byte pairs of one file as bits, made on first use (one file is checked on one thread).
final class BytePairs {
  private var made: [UInt64]?

  func bits(of bytes: [UInt8]) -> [UInt64] {
    if let made { return made }
    var pairs = [UInt64](repeating: 0, count: 1024)
    pairs.withUnsafeMutableBufferPointer { pairs in
      var previous = 0
      for byte in bytes {
        let pair = previous << 8 | Int(byte)
        pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        previous = Int(byte)
      }
    }
    made = pairs
    return pairs
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
      self = RegexLiterals.requirement(regex.pattern)
    case .not:
      self = .always
    case .any(let branches):
      self = .any(branches.map { Prefilter($0) })
    case .inside(let inner), .anywhere(let inner):
      self = Prefilter(inner)
    case .all(let conjunction):
      // A `metavariable-pattern` matched in place looks only at bytes of this file (the
      // binding's), so the words its formula requires are the file's too.
      let nested = conjunction.conditions.compactMap { condition -> Prefilter? in
        guard case .pattern(_, .inPlace, let formula) = condition else { return nil }
        return Prefilter(formula)
      }
      self = .all(conjunction.terms.map { Prefilter($0) } + nested)
    case .taint(let spec):
      // A finding needs a source and a sink.
      self = .all([
        .any(spec.sources.map { Prefilter($0.formula) }),
        .any(spec.sinks.map { Prefilter($0.formula) }),
      ])
    }
  }
}

/// A prefilter flattened into one array of plain values, each word hashed once per rule rather
/// than once per file, so checking a file against every rule is a loop without allocation or
/// reference counting.
struct PrefilterProgram: Sendable {
  /// A required word with its hash.
  struct Word: Sendable {
    let bytes: [UInt8]
    let hash: UInt64
    /// Whether the word holds bytes the index splits words at, so it is searched as text.
    let searchesText: Bool

    init(_ bytes: [UInt8]) {
      self.bytes = bytes
      hash = WordIndex.hash(bytes)
      searchesText = bytes.contains { !GenericLexer.isWordByte($0) && $0 < 0x80 }
    }
  }

  enum Operation: UInt8, Sendable {
    case always, word, substring, all, any
  }

  /// One step; a word or substring names its text in `texts`, a composite the end of its
  /// subtree (steps are in prefix order).
  struct Step: Sendable {
    var operation: Operation
    var searchesText = false
    var hash: UInt64 = 0
    var text = 0
    var end = 0
  }

  let steps: [Step]
  let texts: [[UInt8]]

  init(_ filter: Prefilter) {
    var steps: [Step] = []
    var texts: [[UInt8]] = []
    func leaf(_ operation: Operation, _ text: [UInt8]) {
      let word = Word(text)
      steps.append(
        Step(
          operation: operation, searchesText: word.searchesText, hash: word.hash,
          text: texts.count, end: steps.count + 1))
      texts.append(text)
    }
    func emit(_ filter: Prefilter) {
      let index = steps.count
      steps.append(Step(operation: .always))
      switch filter {
      case .always:
        break
      case .words(let words):
        steps[index].operation = .all
        for word in words { leaf(.word, word) }
      case .substrings(let parts):
        steps[index].operation = .all
        for text in parts { leaf(.substring, text) }
      case .all(let parts):
        steps[index].operation = .all
        for part in parts { emit(part) }
      case .any(let parts):
        steps[index].operation = .any
        for part in parts { emit(part) }
      }
      steps[index].end = steps.count
    }
    emit(filter)
    self.steps = steps
    self.texts = texts
  }

  /// Whether a file with these words may match.
  func allows(_ index: WordIndex) -> Bool {
    steps.withUnsafeBufferPointer { run(0, $0, index) }
  }

  private func run(_ at: Int, _ steps: UnsafeBufferPointer<Step>, _ index: WordIndex) -> Bool {
    let step = steps[at]
    switch step.operation {
    case .always: return true
    case .word:
      if index.contains(hash: step.hash) { return true }
      return step.searchesText && index.containsSubstring(texts[step.text])
    case .substring: return index.containsSubstring(texts[step.text])
    case .all:
      var next = at + 1
      while next < step.end {
        if !run(next, steps, index) { return false }
        next = steps[next].end
      }
      return true
    case .any:
      var next = at + 1
      while next < step.end {
        if run(next, steps, index) { return true }
        next = steps[next].end
      }
      return false
    }
  }
}
