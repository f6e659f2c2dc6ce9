import Foundation
import Rules

/// The sources reaching a value, by index, sorted; empty when clean.
typealias Taint = [Int32]

/// A taint rule's parts compiled for one language.
struct CompiledTaint: Sendable {
  struct Item: Sendable {
    let formula: CompiledFormula
    /// The item taints (a source) or cleans (a sanitizer) the l-value it matches, for the code
    /// after it.
    let bySideEffect: Bool
  }

  let sources: [Item]
  let sinks: [Item]
  let sanitizers: [Item]
}

/// semgrep's intraprocedural taint analysis over one parsed file.
///
/// Sources, sinks and sanitizers are found with the search machinery; then every function body
/// (and the file's top level) is walked in statement order, keeping which l-values (`x`,
/// `obj.f`, `self.x`) hold tainted data. As semgrep:
/// - any expression inside a source's range is tainted, any expression inside a sanitizer's
///   range is clean (the sanitizer wins);
/// - an expression built from a tainted part is tainted (operators, calls with a tainted
///   argument or receiver, containers, subscripts, fields of a tainted object);
/// - an assignment replaces what its target held, branches join, loops run to a fixpoint
///   (bounded), and code after `return`/`raise` is not reached from the branch that left;
/// - a nested function or lambda starts from the taint around its definition, its
///   parameters clean unless a source matches them or their default;
/// - a sink is reached when the expression with exactly its range is tainted (or, when no
///   expression has that range, any expression inside it); one finding per sink range, with
///   the sink's metavariables and then the source's.
struct TaintAnalysis {
  let spec: CompiledTaint
  let evaluator: FormulaEvaluator

  /// The most passes over a loop's body before its taint is taken as settled.
  static let loopPasses = 6
  /// The most sources one value remembers (each may give its own finding at a sink).
  static let sourcesKept = 32

  init(spec: CompiledTaint, evaluator: FormulaEvaluator) {
    self.spec = spec
    self.evaluator = evaluator
  }

  /// The sink matches tainted data reaches, each with the sink's and then the source's
  /// bindings.
  func findings() -> [Match] {
    guard let tree = evaluator.document.tree else { return [] }
    // Sources, sinks and sanitizers are wherever they are, changed or not.
    var whole = evaluator
    whole.changed = nil
    var state = TaintState()
    for item in spec.sources {
      for match in whole.evaluate(item.formula) {
        let range = TaintState.span(match)
        state.sources.append(match)
        let index = Int32(state.sources.count - 1)
        if item.bySideEffect {
          state.sideSources[range] = TaintWalker.either(state.sideSources[range] ?? [], [index])
        }
        state.sourceSpans.append((range, index))
      }
    }
    guard !state.sources.isEmpty, !whole.budget.exhausted() else { return [] }
    for item in spec.sinks {
      for match in whole.evaluate(item.formula) {
        let range = TaintState.span(match)
        if state.sinks[range] == nil {
          state.sinks[range] = match
          state.sinkOrder.append(range)
        }
      }
    }
    guard !state.sinks.isEmpty, !whole.budget.exhausted() else { return [] }
    for item in spec.sanitizers {
      for match in whole.evaluate(item.formula) {
        let range = TaintState.span(match)
        if item.bySideEffect { state.sideSanitizers.insert(range) }
        state.sanitizerSpans.append(range)
      }
    }
    state.prepare(tree)
    var walker = TaintWalker(tree: tree, budget: evaluator.budget, state: state)
    walker.run()
    let found = walker.state
    var result: [Match] = []
    for range in found.sinkOrder {
      guard let sources = found.hits[range], let sink = found.sinks[range] else { continue }
      if let changed = evaluator.changed, !changed.overlaps(range.lowerBound, range.upperBound) {
        continue
      }
      // One finding per source; those giving the same message are one finding later.
      for source in sources {
        var bindings = sink.bindings
        for (name, binding) in found.sources[Int(source)].bindings where bindings[name] == nil {
          bindings[name] = binding
        }
        result.append(Match(range: sink.range, bindings: bindings))
      }
    }
    return result
  }
}

/// What the walk knows and finds.
struct TaintState {
  var sources: [Match] = []
  /// Every source's bytes with its index, sorted by start once prepared.
  var sourceSpans: [(Range<Int32>, Int32)] = []
  /// By-side-effect sources by their exact bytes.
  var sideSources: [Range<Int32>: Taint] = [:]
  var sinks: [Range<Int32>: Match] = [:]
  /// Sink ranges in the order first found, so findings come out in a stable order.
  var sinkOrder: [Range<Int32>] = []
  /// Sink ranges that no node of the tree spans exactly: any tainted node inside reaches them.
  var looseSinks: [Range<Int32>] = []
  var sanitizerSpans: [Range<Int32>] = []
  var sideSanitizers: Set<Range<Int32>> = []
  /// The source reaching each sink found so far.
  var hits: [Range<Int32>: Taint] = [:]

  static func span(_ match: Match) -> Range<Int32> {
    Int32(match.range.start.offset)..<Int32(match.range.end.offset)
  }

  mutating func prepare(_ tree: SyntaxTree) {
    sourceSpans.sort { $0.0.lowerBound < $1.0.lowerBound }
    sanitizerSpans.sort { $0.lowerBound < $1.lowerBound }
    var exact = Set<Range<Int32>>()
    for id in tree.order { exact.insert(tree[id].start..<tree[id].end) }
    looseSinks = sinkOrder.filter { !exact.contains($0) }
  }

  /// The sources whose bytes hold `range`.
  func sources(holding range: Range<Int32>) -> Taint {
    var found: Taint = []
    for (span, index) in sourceSpans {
      if span.lowerBound > range.lowerBound { break }
      if range.upperBound <= span.upperBound { found.append(index) }
    }
    return found.count > 1 ? Array(Set(found)).sorted() : found
  }

  func sanitized(_ range: Range<Int32>) -> Bool {
    for span in sanitizerSpans {
      if span.lowerBound > range.lowerBound { break }
      if range.upperBound <= span.upperBound { return true }
    }
    return false
  }
}
