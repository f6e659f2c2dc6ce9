import Rules
import Testing

@testable import Matching

/// Texts and filters over a small alphabet, so words and substrings both hit and miss.
private let texts: [String] = [
  "", "a", "ab", "import os\nos.system(x)", "x = eval(input())", "é = 'ab.cd'", "ab ab ab",
  "foo-bar baz_qux", "a\u{0}b", "yaml.load(f, Loader=yaml.Loader)", "aaaaab",
]

private let filters: [Prefilter] = [
  .always,
  .words([Array("os".utf8)]),
  .words([Array("os".utf8), Array("system".utf8)]),
  .words([Array("ab.cd".utf8)]),
  .words([Array("é".utf8)]),
  .substrings([Array("ab".utf8)]),
  .substrings([Array("aab".utf8), Array("-bar".utf8)]),
  .substrings([Array("a\u{0}b".utf8)]),
  .any([.words([Array("eval".utf8)]), .substrings([Array("Loader=".utf8)])]),
  .all([.words([Array("yaml".utf8)]), .any([.always, .words([Array("zzz".utf8)])])]),
  .all([]),
  .any([]),
]

/// What a prefilter tree means, read straight from the tree: the reference the flattened
/// program the engine runs is held to.
private func treeAllows(_ filter: Prefilter, _ index: WordIndex) -> Bool {
  switch filter {
  case .always: return true
  case .words(let words): return words.allSatisfy { index.contains($0) }
  case .substrings(let texts): return texts.allSatisfy { index.containsSubstring($0) }
  case .all(let parts): return parts.allSatisfy { treeAllows($0, index) }
  case .any(let parts): return parts.contains { treeAllows($0, index) }
  }
}

@Test("A flattened prefilter allows exactly the files its tree allows", arguments: texts)
func prefilterProgramAgreesWithTree(_ text: String) {
  let index = WordIndex(Array(text.utf8))
  for filter in filters {
    #expect(PrefilterProgram(filter).allows(index) == treeAllows(filter, index), "\(filter)")
  }
}

@Test("Substring search agrees with a plain search", arguments: texts)
func substringSearchAgreesWithPlainSearch(_ text: String) {
  let bytes = Array(text.utf8)
  let index = WordIndex(bytes)
  let needles = ["", "a", "ab", "aab", "os.", "é", "\u{0}b", "Loader=yaml", "zz", text, text + "x"]
  for needle in needles.map({ Array($0.utf8) }) {
    let plain =
      needle.isEmpty
      || (needle.count <= bytes.count
        && (0...(bytes.count - needle.count)).contains {
          bytes[$0..<$0 + needle.count].elementsEqual(needle)
        })
    #expect(index.containsSubstring(needle) == plain, "\(needle)")
  }
}

@Test("Words are found by hash, and only whole words")
func wordsAreWholeWords() {
  let index = WordIndex(Array("import os\nos.system(cmd) # é".utf8))
  for word in ["import", "os", "system", "cmd", "é"] {
    #expect(index.contains(Array(word.utf8)), "\(word)")
  }
  for word in ["imp", "sys", "osx", "md", "e"] {
    #expect(!index.contains(Array(word.utf8)), "\(word)")
  }
  // A word holding a separator is searched as text.
  #expect(index.contains(Array("os.system".utf8)))
  #expect(!index.contains(Array("os.path".utf8)))
}

@Test("Node bits hold exactly the set's nodes")
func nodeBitsHoldTheSet() {
  let set: Set<Int32> = [0, 5, 63, 64, 65, 127, 200]
  let bits = NodeBits(set, count: 201)
  for id in Int32(-1)...Int32(260) { #expect(bits.contains(id) == set.contains(id), "\(id)") }
  #expect(NodeBits([], count: 10).isEmpty)
}

@Test("Matches come out in source order, each once, in the order they were found")
func sortedUniqueKeepsFirstOfEqualMatches() {
  let source = SourceFile(path: "", text: "abcdefghij")
  func match(_ start: Int, _ end: Int, _ name: String? = nil) -> Match {
    let bindings = name.map { ["$X": Binding(range: source.range(from: 0, to: 1), text: $0)] }
    return Match(range: source.range(from: start, to: end), bindings: bindings ?? [:])
  }
  var found = [match(4, 6), match(0, 2, "b"), match(0, 2), match(0, 2, "b"), match(4, 6)]
  found += (0..<40).map { match(1, 3, "\($0 % 20)") }
  let result = TreeMatcher.sortedUnique(found)
  let expected =
    [match(0, 2, "b"), match(0, 2)] + (0..<20).map { match(1, 3, "\($0)") } + [match(4, 6)]
  #expect(result == expected)
}
