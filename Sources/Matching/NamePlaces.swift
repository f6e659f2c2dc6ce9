import Foundation

/// Where each word of a Python file is, and the bytes each subtree spans, so a pattern is
/// tried only at nodes whose code holds the names it requires.
///
/// A Python pattern's identifiers match the same name in the code the match covers, or reach
/// it through an import (an alias, a `from m import *`); so a name written in no import
/// statement must be in the candidate's bytes. Words are read from the bytes as `WordIndex`
/// reads them (strings and comments included, which can only let a node through).
final class NamePlaces: Sendable {
  /// Each word's hash, sorted, beside the byte offset it starts at (in file order within one
  /// hash): one flat table instead of an array per word.
  private let hashes: [UInt64]
  private let offsets: [Int32]
  /// Words written in import statements: an identifier may resolve through them anywhere.
  private let imported: Set<UInt64>
  /// The bytes each node's subtree spans (a node's own range need not cover its children's).
  let low: [Int32]
  let high: [Int32]

  init(_ tree: SyntaxTree) {
    let bytes = tree.source.bytes
    var words: [(hash: UInt64, offset: Int32)] = []
    words.reserveCapacity(bytes.count / 6)
    bytes.withUnsafeBufferPointer { buffer in
      var hash = WordIndex.seed
      var start = -1
      for (offset, byte) in buffer.enumerated() {
        if GenericLexer.isWordByte(byte) || byte >= 0x80 {
          if start < 0 {
            hash = WordIndex.seed
            start = offset
          }
          hash = (hash ^ UInt64(byte)) &* WordIndex.prime
        } else if start >= 0 {
          words.append((hash, Int32(start)))
          start = -1
        }
      }
      if start >= 0 { words.append((hash, Int32(start))) }
    }
    words.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.offset < $1.offset }
    hashes = words.map(\.hash)
    offsets = words.map(\.offset)
    var low = tree.nodes.map(\.start)
    var high = tree.nodes.map(\.end)
    // Children come after their parent in `order`: going backwards, each child is done first.
    for id in tree.order.reversed() {
      for child in tree.childIDs(id) where child != SyntaxTree.absent {
        low[Int(id)] = min(low[Int(id)], low[Int(child)])
        high[Int(id)] = max(high[Int(id)], high[Int(child)])
      }
    }
    self.low = low
    self.high = high
    var imported = Set<UInt64>()
    for kind in [NodeKind.importStatement, .importFrom] {
      for id in tree.nodes(of: kind) {
        WordIndex.forEachWord(in: bytes[Int(low[Int(id)])..<Int(high[Int(id)])]) {
          imported.insert($0)
        }
      }
    }
    self.imported = imported
  }

  /// The names among `words` that must be found in a candidate's bytes (those no import
  /// statement writes); nil when one of them is nowhere in the file, so nothing can match.
  func wanted(_ words: Set<String>) -> [ArraySlice<Int32>]? {
    var wanted: [ArraySlice<Int32>] = []
    for word in words where word.utf8.allSatisfy({ GenericLexer.isWordByte($0) || $0 >= 0x80 }) {
      let hash = WordIndex.hash(Array(word.utf8))
      if imported.contains(hash) { continue }
      let first = firstIndex(of: hash)
      var end = first
      while end < hashes.count && hashes[end] == hash { end += 1 }
      guard end > first else { return nil }
      wanted.append(offsets[first..<end])
    }
    // The rarest name first: it rules out the most.
    return wanted.sorted { $0.count < $1.count }
  }

  /// The first index of `hashes` holding `hash` or more.
  private func firstIndex(of hash: UInt64) -> Int {
    var lower = 0
    var upper = hashes.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if hashes[middle] < hash { lower = middle + 1 } else { upper = middle }
    }
    return lower
  }

  /// Whether every one of `wanted` starts within `low..<high`.
  static func holds(_ wanted: [ArraySlice<Int32>], _ low: Int32, _ high: Int32) -> Bool {
    for offsets in wanted {
      var lower = offsets.startIndex
      var upper = offsets.endIndex
      while lower < upper {
        let middle = (lower + upper) / 2
        if offsets[middle] < low { lower = middle + 1 } else { upper = middle }
      }
      if lower == offsets.endIndex || offsets[lower] >= high { return false }
    }
    return true
  }
}
