import Foundation
import Rules

/// What a metavariable captured: its place and its text.
public struct Binding: Hashable, Sendable {
  public let range: SourceRange
  public let text: String

  public init(range: SourceRange, text: String) {
    self.range = range
    self.text = text
  }
}

/// One place a pattern matched, with its metavariables, so later stages can intersect,
/// subtract and focus matches.
public struct Match: Hashable, Sendable {
  public let range: SourceRange
  public let bindings: [String: Binding]

  public init(range: SourceRange, bindings: [String: Binding]) {
    self.range = range
    self.bindings = bindings
  }

  /// Hashes the byte range and the number of bindings only, for cheap deduplication.
  ///
  /// Matches at one range rarely differ, and hashing every binding's name and text dominated
  /// deduplication. Equality still compares everything.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(range.start.offset)
    hasher.combine(range.end.offset)
    hasher.combine(bindings.count)
  }
}

/// Matches compiled patterns against parsed files with semgrep's semantics.
public enum Matcher {
  /// Every match of a tree pattern in `tree`, in source order, one per range.
  ///
  /// With `constants`, a literal in the pattern also matches a name holding it.
  /// With `region`, only code within those bytes is matched (a metavariable's binding that a
  /// `metavariable-pattern` looks inside), as if it were the whole file.
  ///
  /// With `changed` (sorted, disjoint byte ranges), only matches sharing bytes with one of
  /// them are wanted: code elsewhere is not tried, which is what makes a gate over a few
  /// changed lines of large files fast. Every match that overlaps is still found, since a
  /// match's range is the node (or run of statements) it was tried at.
  ///
  /// With no time limit; a regex pattern that hits PCRE2's limits finds nothing here (the rule
  /// engine reports such a search instead).
  public static func matches(
    _ pattern: Pattern, in tree: SyntaxTree, constants: Constants = .none,
    region: Range<Int32>? = nil, changed: ChangedRegions? = nil
  ) -> [Match] {
    matches(
      pattern, in: tree, constants: constants, region: region, changed: changed,
      budget: Budget())
  }

  /// The same, ticking `budget`: once it is spent the result is partial and the caller drops it.
  static func matches(
    _ pattern: Pattern, in tree: SyntaxTree, constants: Constants = .none,
    region: Range<Int32>? = nil, changed: ChangedRegions? = nil, budget: Budget
  ) -> [Match] {
    switch pattern.storage {
    case .tree(let patternTree, let shape):
      var matcher = TreeMatcher(
        pattern: patternTree, target: tree, constants: constants, budget: budget)
      matcher.region = region
      matcher.changed = changed
      return matcher.run(shape)
    case .generic(let generic):
      return GenericMatcher.matches(generic, in: tree.source, budget: budget)
    case .regex(let regex):
      return RegexMatcher.matches(regex, in: tree.source, budget: budget)
    }
  }

  /// Every match of a generic or regex pattern in plain text; a regex search that hits
  /// PCRE2's limits is an error.
  public static func matches(_ pattern: Pattern, inText text: String) throws(MatchingError)
    -> [Match]
  {
    let source = SourceFile(path: "", text: text)
    let budget = Budget()
    let found: [Match]
    switch pattern.storage {
    case .tree:
      throw .wrongLanguage(expected: .generic, found: pattern.language)
    case .generic(let generic):
      found = GenericMatcher.matches(generic, in: source, budget: budget)
    case .regex(let regex):
      found = RegexMatcher.matches(regex, in: source, budget: budget)
    }
    if case .regexLimit(let pattern, let limit) = budget.stop {
      throw .invalidRegex(pattern: pattern, reason: "the search hit PCRE2's \(limit)")
    }
    return found
  }
}

/// Byte ranges of a file that a change touched, sorted and disjoint.
public struct ChangedRegions: Sendable {
  let ranges: [Range<Int32>]

  /// The bytes of `lines` (1-based) in `source`, widened by a byte on each side so a match
  /// that merely ends where a changed line begins still counts.
  public init(lines: [Int], in source: SourceFile) {
    let starts = source.lineStarts
    let size = Int32(source.bytes.count)
    var ranges: [Range<Int32>] = []
    for line in Set(lines).sorted() where line >= 1 && line <= starts.count {
      let low = max(0, Int32(starts[line - 1]) - 1)
      let high = min(size, (line < starts.count ? Int32(starts[line]) : size) + 1)
      if let last = ranges.last, low <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, high)
      } else {
        ranges.append(low..<high)
      }
    }
    self.ranges = ranges
  }

  /// The bytes of `spans` (in any order, overlapping or not), widened by a byte on each side
  /// so empty spans and spans that only touch still count.
  init(spans: [Range<Int32>]) {
    var ranges: [Range<Int32>] = []
    for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      let low = max(0, span.lowerBound - 1)
      let high = span.upperBound + 1
      if let last = ranges.last, low <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, high)
      } else {
        ranges.append(low..<high)
      }
    }
    self.ranges = ranges
  }

  /// One past the last changed byte (0 when nothing changed).
  var end: Int32 { ranges.last?.upperBound ?? 0 }

  var isEmpty: Bool { ranges.isEmpty }

  /// Whether `start..<end` shares a byte with a changed range; an empty span counts when it
  /// sits inside one.
  func overlaps(_ start: Int32, _ end: Int32) -> Bool {
    var low = 0
    var high = ranges.count
    // The first range ending after `start`.
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound <= start { low = middle + 1 } else { high = middle }
    }
    guard low < ranges.count else { return false }
    return ranges[low].lowerBound < max(end, start + 1)
  }
}

/// A metavariable's value while matching.
enum Bound {
  /// One node of the target.
  case node(Int32)
  /// A run of sibling nodes (for `$...X`), with the byte span it covers.
  case nodes([Int32], start: Int32, end: Int32)
  /// Bytes of the target (a string's content for `"$X"`).
  case text(start: Int32, end: Int32)
}

/// The metavariables bound so far, in binding order; small, so one array of pairs beats a
/// dictionary (and a copy costs a single reference).
struct Environment {
  var entries: [(name: String, value: Bound)] = []

  var names: [String] { entries.map(\.name) }

  func value(of name: String) -> Bound? {
    entries.first { $0.name == name }?.value
  }
}

/// Tree facts one run fetched, so it takes the tree's lock once rather than per node.
final class RunCache {
  var aliases: ImportAliasTable?
}

/// Slot positions as bits, so the slots a pattern may leave out cost no allocation.
struct SlotSet: ExpressibleByArrayLiteral {
  var bits: UInt64 = 0

  init(arrayLiteral elements: Int...) {
    for element in elements { bits |= 1 << UInt64(element) }
  }

  @inline(__always) func contains(_ slot: Int) -> Bool {
    slot < 64 && bits & (1 << UInt64(slot)) != 0
  }
}

/// How deep the matcher has recursed; shared by one run's copies of `TreeMatcher`.
final class RecursionDepth {
  var value = 0
}

/// A statement-sequence subproblem that failed, so that patterns with several `...` over long
/// blocks take polynomial time instead of retrying the same positions.
struct SequenceState: Hashable {
  let patternFirst: Int32
  let patternCount: Int
  let targetFirst: Int32
  let targetCount: Int
  let patternIndex: Int
  let targetIndex: Int
  let openEnd: Bool
  let names: [String]
  let values: [Int64]
}

/// A statement list with the statements nested in it, flattened in source order.
struct FlatStatements {
  var ids: [Int32] = []
  /// For each of `ids`, the index in the list of the statement it sits in.
  var owners: [Int] = []
  /// For each statement of the list, its index in `ids`.
  var starts: [Int] = []
}

/// Failed sequence states of one run.
///
/// For a plain `...` failure is monotone (from a later position it can reach only fewer
/// statements), so the smallest failed position covers all later ones; other states are
/// remembered one by one.
final class SequenceMemo {
  var failed = Set<SequenceState>()
  var failedFrom: [SequenceState: Int] = [:]
  /// The pattern's dotted names by node, computed once per run.
  private var dottedPaths: [Int32: [String]?] = [:]
  /// Flattened statement lists by their first statement, and (first, count) of each, so a
  /// flattened list is never flattened again.
  private var flatLists: [Int32: FlatStatements] = [:]
  private var flatKeys = Set<Int64>()

  /// The statements of `ts` flattened, computed once per list.
  func flattened(_ ts: [Int32], _ make: ([Int32]) -> FlatStatements) -> FlatStatements {
    guard let first = ts.first else { return FlatStatements() }
    if let known = flatLists[first] { return known }
    let flat = make(ts)
    flatLists[first] = flat
    flatKeys.insert(Int64(first) << 32 | Int64(flat.ids.count))
    return flat
  }

  /// Whether the list starting at `first` with `count` items is a flattened one.
  func isFlattened(_ first: Int32, _ count: Int) -> Bool {
    !flatKeys.isEmpty && flatKeys.contains(Int64(first) << 32 | Int64(count))
  }

  /// The names of the pattern's identifier or attribute chain at `id`, or nil.
  func dottedPath(_ id: Int32, in pattern: SyntaxTree) -> [String]? {
    if let known = dottedPaths[id] { return known }
    var names: [String] = []
    var current = id
    var result: [String]? = nil
    loop: while true {
      switch pattern[current].kind {
      case .identifier:
        names.append(pattern.text(of: current))
        result = names.reversed()
        break loop
      case .attribute:
        let name = pattern.child(current, 1)
        guard pattern[name].kind == .identifier else { break loop }
        names.append(pattern.text(of: name))
        current = pattern.child(current, 0)
      default:
        break loop
      }
    }
    dottedPaths[id] = .some(result)
    return result
  }
}

/// The matching of one pattern tree against one target tree.
struct TreeMatcher {
  let pattern: SyntaxTree
  let target: SyntaxTree
  var constants: Constants = .none
  /// The rule's time on this file: each node pair tried ticks it.
  var budget = Budget()
  /// The bytes to match within; nil for the whole file.
  var region: Range<Int32>? = nil
  /// The bytes a match must share some of; nil for anywhere.
  var changed: ChangedRegions? = nil
  /// Deeper than this the matcher answers "no match" rather than risk the stack; the parser
  /// keeps real code well inside it.
  static let maxDepth = 1500
  let depth = RecursionDepth()
  let memo = SequenceMemo()
  let declaredTypes = DeclaredTypes()
  let cache = RunCache()
  /// Enough alternative bindings per subproblem; more only cost time.
  static let solutionLimit = 8

  // MARK: - Driving

  /// Every match, one per range and distinct bindings: semgrep keeps each way a pattern binds
  /// at one place (`f(..., $K=$V, ...)` at every keyword), for later conditions to choose from.
  func run(_ shape: Pattern.Shape) -> [Match] {
    var results: [Match] = []
    func record(_ start: Int32, _ end: Int32, _ environment: Environment) {
      results.append(makeMatch(start: start, end: end, environment))
    }
    switch shape {
    case .expression(let root):
      // A plain literal in `"a" "b"` is part of one string, not a match of its own; semgrep
      // does report the f-strings of a concatenation one by one.
      var parts = Set<Int32>()
      if pattern[root].kind == .string {
        for id in target.nodes(of: .concatenatedString) { parts.formUnion(target.childIDs(id)) }
      }
      let declared = target.facts.bits("declaredNames", count: target.nodes.count) {
        declaredNames()
      }
      func visit(_ id: Int32) {
        guard (parts.isEmpty || !parts.contains(id)) && !declared.contains(id) && isCandidate(id)
        else { return }
        for environment in match(root, id, Environment()) {
          record(target[id].start, target[id].end, environment)
        }
      }
      if let kinds = candidateKinds(root) {
        for kind in kinds {
          for id in target.nodes(of: kind) { visit(id) }
        }
      } else {
        let names = javaNames()
        for id in target.order
        where isExpression(target[id].kind) && (names.isEmpty || !names.contains(id)) {
          visit(id)
        }
      }
    case .statement(let root):
      var kinds = [pattern[root].kind]
      if kinds[0] == .assignment { kinds.append(.annotatedAssignment) }
      if kinds[0] == .importStatement { kinds.append(.importFrom) }
      if pattern[root].flags & NodeFlags.terminated != 0 {
        kinds = TreeMatcher.statementsHoldingExpressions
      }
      if kinds[0] == .goAnyLoop { kinds = [.forStatement, .whileStatement] }
      if kinds[0] == .returnStatement { kinds += [.expressionStatement, .lambda] }
      for id in kinds.flatMap({ target.nodes(of: $0) }) where isCandidate(id) {
        for environment in match(root, id, Environment()) {
          record(statementStart(root, id), target[id].end, environment)
        }
      }
    case .statements(let list):
      for id in target.nodes(of: .module) + target.nodes(of: .block)
      where overlapsRegion(id) && overlapsChanged(target[id].start, target[id].end) {
        let statements = Array(target.childIDs(id))
        for start in statements.indices
        where inRegion(statements[start]) && startsBeforeChangeEnds(statements[start]) {
          let found = sequence(
            list, 0, statements, start, Environment(), openEnd: true, statements: true)
          // Every way of binding is kept, for later conditions to choose from (semgrep).
          let first = target[statements[start]].start
          for (environment, end) in found where end > start && inRegion(statements[end - 1]) {
            if overlapsChanged(first, target[statements[end - 1]].end) {
              record(first, target[statements[end - 1]].end, environment)
            }
            // A trailing `...` also gives the run to the end of the block, as semgrep reports
            // (which is what a `pattern-inside` ending in `...` must contain).
            if let last = list.last, ellipsisItem(last) == .ellipsis, end < statements.count,
              let final = statements.last, inRegion(final)
            {
              record(first, target[final].end, environment)
            }
          }
        }
      }
    }
    return TreeMatcher.sortedUnique(results)
  }

  /// Matches in source order, each once: a stable sort by range, then within each run of one
  /// range the first of equal matches (equal matches share a range), which is the order the
  /// distinct matches were found in.
  static func sortedUnique(_ matches: [Match]) -> [Match] {
    let sorted = matches.sorted {
      ($0.range.start.offset, $0.range.end.offset) < ($1.range.start.offset, $1.range.end.offset)
    }
    var result: [Match] = []
    result.reserveCapacity(sorted.count)
    var groupStart = 0
    var seen = Set<Match>()
    for match in sorted {
      if let last = result.last,
        last.range.start.offset != match.range.start.offset
          || last.range.end.offset != match.range.end.offset
      {
        groupStart = result.count
        seen.removeAll(keepingCapacity: true)
      }
      // Groups are small; a large one is checked by hashing instead.
      let size = result.count - groupStart
      if size < 16 {
        if result[groupStart...].contains(match) { continue }
      } else {
        if seen.isEmpty { seen.formUnion(result[groupStart...]) }
        if !seen.insert(match).inserted { continue }
      }
      result.append(match)
    }
    return result
  }

  /// Whether node `id` lies within the region matched.
  @inline(__always) func inRegion(_ id: Int32) -> Bool {
    guard let region else { return true }
    let node = target[id]
    return region.lowerBound <= node.start && node.end <= region.upperBound
  }

  /// Whether a match may be tried at node `id`: within the region, sharing bytes with the
  /// changed code.
  @inline(__always) func isCandidate(_ id: Int32) -> Bool {
    inRegion(id) && overlapsChanged(target[id].start, target[id].end)
  }

  /// Whether `start..<end` shares bytes with the changed code (always, without a change).
  @inline(__always) func overlapsChanged(_ start: Int32, _ end: Int32) -> Bool {
    changed?.overlaps(start, end) ?? true
  }

  /// Whether a run starting at statement `id` could still reach changed code.
  @inline(__always) func startsBeforeChangeEnds(_ id: Int32) -> Bool {
    guard let changed else { return true }
    return target[id].start < changed.end
  }

  /// Whether node `id` shares bytes with the region matched.
  @inline(__always) func overlapsRegion(_ id: Int32) -> Bool {
    guard let region else { return true }
    let node = target[id]
    return node.start < region.upperBound && region.lowerBound < node.end
  }

  /// Where semgrep starts a matched statement: a `with` at the item that matched (its items
  /// are nested statements for semgrep), a lambda at its body (the `return` it stands for),
  /// any other statement at its first token.
  func statementStart(_ p: Int32, _ t: Int32) -> Int32 {
    if target[t].kind == .lambda { return target[target.child(t, 1)].start }
    guard target[t].kind == .withStatement, pattern[p].kind == .withStatement,
      let first = target.childIDs(target.child(t, 0)).first
    else { return target[t].start }
    let patternItems = pattern.childIDs(pattern.child(p, 0))
    if patternItems.count == 1, let item = patternItems.first {
      for candidate in target.childIDs(target.child(t, 0))
      where !match(item, candidate, Environment()).isEmpty {
        return target[candidate].start
      }
    }
    return target[first].start
  }

  /// Target kinds a pattern root can match, or nil for any expression.
  func candidateKinds(_ id: Int32) -> [NodeKind]? {
    switch pattern[id].kind {
    case .metavariable, .ellipsis, .deepExpression, .typedMetavariable, .goTypedMetavariable:
      return nil
    case .identifier, .attribute: return [.identifier, .attribute]
    case .list where isLoneEllipsis(id): return [.list, .comprehension]
    case .set where isLoneEllipsis(id): return [.set, .dictionary, .comprehension]
    case .string:
      return [
        .string, .concatenatedString, .identifier, .binaryOperation, .formattedString,
        .templateLiteral,
      ]
    case .assignment:
      return [.assignment, .variableDeclaration, .augmentedAssignment, .annotatedAssignment]
    case .number: return [.number, .identifier]
    case .concatenatedString: return [.concatenatedString, .formattedString]
    case .newObject: return [.newObject, .newArray]
    case let kind: return [kind]
    }
  }

  /// Pattern kinds a name holding a constant can match.
  func isLiteral(_ kind: NodeKind) -> Bool {
    kind == .string || kind == .number
  }

  func isExpression(_ kind: NodeKind) -> Bool {
    switch kind {
    case .module, .block, .error, .expressionStatement, .assignment, .augmentedAssignment,
      .annotatedAssignment, .functionDefinition, .classDefinition, .decorators, .parameters,
      .parameter, .returnStatement, .raiseStatement, .passStatement, .breakStatement,
      .continueStatement, .globalStatement, .nonlocalStatement, .deleteStatement, .assertStatement,
      .ifStatement, .forStatement, .whileStatement, .tryStatement, .exceptClauses, .exceptClause,
      .withStatement, .withItems, .withItem, .importStatement, .importFrom, .importAlias,
      .dottedName, .importAll, .arguments, .keywordArgument, .starArgument, .doubleStarArgument,
      .comprehensionClause, .pair, .slice, .matchStatement, .caseClause, .typeAlias:
      return false
    case _ where TreeMatcher.goStatementKinds.contains(kind):
      return false
    default:
      return !isJavaScriptStructure(kind)
    }
  }

  func makeMatch(start: Int32, end: Int32, _ environment: Environment) -> Match {
    var bindings = [String: Binding](minimumCapacity: environment.entries.count)
    let source = target.source
    for (name, value) in environment.entries {
      let (low, high): (Int32, Int32)
      switch value {
      case .node(let id): (low, high) = (target[id].start, target[id].end)
      case .nodes(_, let first, let last): (low, high) = (first, last)
      case .text(let first, let last): (low, high) = (first, last)
      }
      bindings[name] = Binding(
        range: source.range(from: Int(low), to: Int(high)),
        text: source.text(from: Int(low), to: Int(high)))
    }
    return Match(range: source.range(from: Int(start), to: Int(end)), bindings: bindings)
  }

  // MARK: - Nodes

  /// All ways pattern node `p` matches target node `t` given `environment`.
  func match(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    if p == SyntaxTree.absent { return t == SyntaxTree.absent ? [environment] : [] }
    if t == SyntaxTree.absent { return [] }
    guard depth.value < TreeMatcher.maxDepth, !budget.exhausted() else { return [] }
    depth.value += 1
    defer { depth.value -= 1 }
    let patternNode = pattern[p]
    let targetNode = target[t]
    if targetNode.kind == .identifier, isLiteral(patternNode.kind),
      let literal = constants.literal(of: t)
    {
      return match(p, literal, environment)
    }
    if let result = javaScriptMatch(p, t, environment) { return result }
    switch patternNode.kind {
    case .metavariable:
      // A slice is part of a subscript's syntax, and a keyword argument part of a call's:
      // neither is an expression a metavariable can hold (semgrep).
      guard targetNode.kind != .slice && targetNode.kind != .keywordArgument else { return [] }
      return bind(pattern.text(of: p), .node(t), environment)
    case .ellipsis:
      return [environment]
    case .deepExpression:
      return deep(pattern.child(p, 0), t, environment)
    case .typedMetavariable:
      return typedMetavariable(p, t, environment)
    case .goAnyLoop, .goTypedMetavariable:
      return goSpecial(p, t, environment)
    case .returnStatement where targetNode.kind == .lambda:
      return lambdaAsReturn(p, t, environment)
    case .returnStatement where targetNode.kind == .expressionStatement:
      return goImplicitReturn(p, t, environment)
    case .string:
      return matchString(p, t, environment)
    case .identifier, .attribute:
      let direct = patternNode.kind == targetNode.kind ? matchChildren(p, t, environment) : []
      if !direct.isEmpty { return direct }
      guard targetNode.kind == .identifier || targetNode.kind == .attribute,
        !target.importAliasIndex.isEmpty
      else { return [] }
      // Both import routes start from the alias the name's root is; most roots are none.
      guard let module = aliasedModule(t) else {
        return matchThroughWildcardImports(p, t) ? [environment] : []
      }
      if matchThroughImports(p, t, module: module) || matchThroughWildcardImports(p, t) {
        return [environment]
      }
      // A pattern without metavariables binds through imports exactly where it matches
      // through them, which was just ruled out.
      if memo.dottedPath(p, in: pattern) != nil { return [] }
      return bindThroughImports(p, t, environment, module: module)
    default:
      break
    }
    if patternNode.kind == .assignment && patternNode.childCount == 2 {
      return assignment(p, t, environment)
    }
    if patternNode.flags & NodeFlags.anyStatement != 0 { return anyStatement(p, t, environment) }
    if patternNode.kind == .expressionStatement && patternNode.flags & NodeFlags.terminated != 0 {
      return terminatedStatement(p, t, environment)
    }
    if patternNode.kind == .concatenatedString && isEllipsisConcatenation(p) {
      return concatenationOfEllipses(t, environment)
    }
    if patternNode.kind == .newObject && targetNode.kind == .newArray {
      return newArrayAsObject(p, t, environment)
    }
    if patternNode.kind == .importStatement && targetNode.kind == .importFrom {
      return importFrom(p, t, environment)
    }
    if patternNode.kind == .list && isLoneEllipsis(p) {
      let isList =
        targetNode.kind == .comprehension && targetNode.flags == NodeFlags.listComprehension
      return targetNode.kind == .list || isList ? [environment] : []
    }
    if patternNode.kind == .set && isLoneEllipsis(p) {
      let isBraced =
        targetNode.kind == .comprehension
        && (targetNode.flags == NodeFlags.setComprehension
          || targetNode.flags == NodeFlags.dictComprehension)
      let isDisplay = targetNode.kind == .set || targetNode.kind == .dictionary
      return isDisplay || isBraced ? [environment] : []
    }
    guard patternNode.kind == targetNode.kind, patternNode.op == targetNode.op else { return [] }
    switch patternNode.kind {
    case .number:
      let same = pattern.sameText(p, t, other: target) || numbersEqual(p, t)
      return same ? [environment] : []
    case .constant:
      return pattern.sameText(p, t, other: target) ? [environment] : []
    case .formattedString where pattern.textEquals(p, "..."):
      return [environment]
    case .functionDefinition, .forStatement, .withStatement, .comprehensionClause,
      .annotatedAssignment:
      // A pattern without `async` matches both; one with it only async code, as semgrep.
      guard patternNode.flags & ~targetNode.flags == 0 else { return [] }
    case .dottedName:
      // `$M` stands for any module, relative or not.
      let lone = patternNode.childCount == 1 && pattern[pattern.child(p, 0)].kind == .metavariable
      guard lone || patternNode.flags == targetNode.flags else { return [] }
    case .parameter, .comprehension, .instanceOf:
      guard patternNode.flags == targetNode.flags else { return [] }
    case .classDefinition:
      guard classKindsAgree(p, t) else { return [] }
    default:
      break
    }
    return matchChildren(p, t, environment)
  }

  /// Children by the rule of the node's kind: sequences allow `...`, optional parts left out of
  /// the pattern match anything.
  func matchChildren(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let kind = pattern[p].kind
    if kind == .identifier { return pattern.sameText(p, t, other: target) ? [environment] : [] }
    // Counts rather than slices: a slice holds a reference to the (shared) pattern tree,
    // and most kinds never need one.
    let patternCount = Int(pattern[p].childCount)
    let targetCount = Int(target[t].childCount)
    switch kind {
    case .dottedName
    where patternCount == 1
      && pattern[pattern.child(p, 0)].kind == .metavariable:
      // `import $M` binds the whole dotted module name.
      return bind(pattern.text(of: pattern.child(p, 0)), .node(t), environment)
    case .arguments:
      return arguments(Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment)
    case .decorators:
      return unordered(
        Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment, item: decorator)
    case .importStatement, .exceptClauses, .superTypes:
      return unordered(Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment)
    case .withItems where patternCount == 1 && targetCount > 1:
      // `with a, b:` is `with a:` around `with b:` for semgrep, so one item may match any.
      let item = pattern.child(p, 0)
      var results: [Environment] = []
      for candidate in target.childIDs(t) {
        results += match(item, candidate, environment)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    case .classDefinition:
      // `class $A(...)` also names a class written without a base list (semgrep).
      let bases = pattern.child(p, 2)
      let anyBases =
        bases != SyntaxTree.absent && isLoneEllipsis(bases)
        && target.child(t, 2) == SyntaxTree.absent
      let header = slots(
        p, t, environment, lenient: lenientSlots(kind), count: anyBases ? 2 : 3)
      let body = Array(pattern.childIDs(pattern.child(p, 3)))
      let targetBody = Array(target.childIDs(target.child(t, 3)))
      return header.flatMap { subsequence(body, 0, targetBody, 0, $0) }
    case .withItem
    where pattern[pattern.child(p, 0)].kind == .metavariable
      && pattern.child(p, 1) == SyntaxTree.absent:
      // `with $L:` takes any item, `as` target included (semgrep).
      return match(pattern.child(p, 0), target.child(t, 0), environment)
    case .module, .block:
      // Once a body pattern uses `...`, statements may follow what it names (semgrep).
      let items = Array(pattern.childIDs(p))
      if pattern[p].flags & PythonFlags.body != 0, items.count == 1, targetCount > 1,
        let name = loneStatementMetavariable(items[0])
      {
        return bind(name, .node(t), environment)
      }
      let open = items.contains { ellipsisItem($0) != nil }
      return sequence(
        items, 0, Array(target.childIDs(t)), 0, environment, openEnd: open, statements: true
      ).map(\.0)
    case .parameters, .tuple, .list, .set, .dictionary, .globalStatement,
      .nonlocalStatement, .withItems, .concatenatedString,
      .formattedString, .dottedName, .goStructType, .goInterfaceType:
      return sequence(
        Array(pattern.childIDs(p)), 0, Array(target.childIDs(t)), 0, environment, openEnd: false
      )
      .map(\.0)
    case .importFrom:
      let module = match(pattern.child(p, 0), target.child(t, 0), environment)
      return module.flatMap {
        unordered(Array(pattern.childIDs(p).dropFirst()), Array(target.childIDs(t).dropFirst()), $0)
      }
    case .comprehension:
      return slots(p, t, environment, lenient: [])
    default:
      guard patternCount == targetCount else { return [] }
      return slots(p, t, environment, lenient: lenientSlots(kind))
    }
  }

  /// Optional parts a pattern may leave out and still match code that has them.
  func lenientSlots(_ kind: NodeKind) -> SlotSet {
    switch kind {
    case .functionDefinition: return [0, 3, 5]
    case .instanceOf: return [2]
    case .annotatedAssignment: return [3]
    case .classDefinition: return [0, 2]
    case .ifStatement: return [2, 3]
    case .whileStatement: return [2]
    case .forStatement: return [3]
    case .tryStatement: return [1]
    case .parameter: return [1, 2, 3]
    case .raiseStatement: return [1]
    case .importAlias, .goImport, .goTypeDeclaration: return [1]
    case .lambda: return [2]
    case .annotatedAssignment: return [1]
    default: return []
    }
  }

  /// Matches children slot by slot, threading the environments.
  func slots(
    _ p: Int32, _ t: Int32, _ environment: Environment, lenient: SlotSet, count: Int? = nil
  ) -> [Environment] {
    let patternNode = pattern[p]
    let targetNode = target[t]
    guard patternNode.childCount == targetNode.childCount else { return [] }
    let total = min(count ?? Int(patternNode.childCount), Int(patternNode.childCount))
    // The first slot matched starts from `environment` itself, so a slot that fails early
    // allocates nothing.
    var current: [Environment] = []
    var started = false
    for offset in 0..<total {
      let child = pattern.children[Int(patternNode.firstChild) + offset]
      let other = target.children[Int(targetNode.firstChild) + offset]
      if child == SyntaxTree.absent && lenient.contains(offset) { continue }
      if !started {
        current = match(child, other, environment)
        started = true
      } else if current.count == 1 {
        current = match(child, other, current[0])
      } else {
        var next: [Environment] = []
        for candidate in current {
          next += match(child, other, candidate)
          if next.count >= TreeMatcher.solutionLimit { break }
        }
        current = next
      }
      if current.isEmpty { return [] }
    }
    return started ? current : [environment]
  }

  /// `target = value` also matches each target of a chained assignment and an annotated one
  /// with a value, as semgrep does.
  func assignment(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let targetNode = target[t]
    let patternTarget = pattern.child(p, 0)
    let patternValue = pattern.child(p, 1)
    // Go's `:=` in a pattern names only `:=` in code; `=` names both (semgrep).
    let defines = pattern[p].flags & NodeFlags.goDefine
    guard defines & ~targetNode.flags == 0 else { return [] }
    switch targetNode.kind {
    case .assignment:
      let count = Int(targetNode.childCount)
      guard count >= 2 else { return [] }
      let value = target.child(t, count - 1)
      if count == 2 {
        return match(patternTarget, target.child(t, 0), environment).flatMap {
          match(patternValue, value, $0)
        }
      }
      // semgrep reads `a = b = c` as one assignment to all the targets: only a metavariable
      // target matches it, holding them all.
      guard pattern[patternTarget].kind == .metavariable else { return [] }
      let targets = Array(target.childIDs(t).dropLast())
      let span = Bound.nodes(
        targets, start: targetNode.start, end: target[targets[targets.count - 1]].end)
      return bind(pattern.text(of: patternTarget), span, environment).flatMap {
        match(patternValue, value, $0)
      }
    case .variableDeclaration:
      return declarationAsAssignment(p, t, environment)
    case .augmentedAssignment:
      return compoundAsAssignment(p, t, environment)
    case .annotatedAssignment:
      let value = target.child(t, 2)
      guard value != SyntaxTree.absent else { return [] }
      return match(patternTarget, target.child(t, 0), environment).flatMap {
        match(patternValue, value, $0)
      }
    default:
      return []
    }
  }

  /// `import $M` also matches `from m import n`, binding the module, as semgrep does.
  func importFrom(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var current = [environment]
    for alias in pattern.childIDs(p) {
      let dotted = pattern.child(alias, 0)
      guard pattern.child(alias, 1) == SyntaxTree.absent, pattern[dotted].childCount == 1,
        pattern[pattern.child(dotted, 0)].kind == .metavariable
      else { return [] }
      let name = pattern.text(of: pattern.child(dotted, 0))
      current = current.flatMap { bind(name, .node(target.child(t, 0)), $0) }
    }
    return current
  }

  // MARK: - Sequences

  /// Whether a sequence item is `...` (an ellipsis expression, or a statement of one).
  func ellipsisItem(_ id: Int32) -> NodeKind? {
    var node = pattern[id]
    var current = id
    if node.kind == .expressionStatement {
      current = pattern.child(id, 0)
      guard current != SyntaxTree.absent else { return nil }
      node = pattern[current]
    }
    switch node.kind {
    case .ellipsis, .ellipsisMetavariable: return node.kind
    default: return nil
    }
  }

  func ellipsisName(_ id: Int32) -> String {
    pattern[id].kind == .expressionStatement
      ? pattern.text(of: pattern.child(id, 0)) : pattern.text(of: id)
  }

  /// Matches pattern items from `pi` against target items from `ti`, `...` taking any run.
  ///
  /// With `openEnd` the target may go on after the pattern ends; each result carries where the
  /// matched run stopped.
  func sequence(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool,
    statements: Bool = false
  ) -> [(Environment, Int)] {
    if pi == ps.count {
      return openEnd || ti == ts.count ? [(environment, ti)] : []
    }
    // Only an ellipsis retries positions, so only its states are remembered. Statement lists
    // are whole child lists (or suffixes of one), so first id and count name them; other
    // lists are filtered copies and are not remembered.
    guard statements, ellipsisItem(ps[pi]) != nil, let patternFirst = ps.first,
      let targetFirst = ts.first
    else {
      return sequenceStep(ps, pi, ts, ti, environment, openEnd: openEnd, statements: statements)
    }
    let trailing = openEnd && pi == ps.count - 1
    let monotone = ellipsisItem(ps[pi]) == .ellipsis && !trailing
    let state = SequenceState(
      patternFirst: patternFirst, patternCount: ps.count, targetFirst: targetFirst,
      targetCount: ts.count, patternIndex: pi, targetIndex: monotone ? 0 : ti, openEnd: openEnd,
      names: environment.names, values: environment.entries.map { signature($0.value) })
    if monotone {
      if let from = memo.failedFrom[state], ti >= from { return [] }
    } else if memo.failed.contains(state) {
      return []
    }
    let results = sequenceStep(
      ps, pi, ts, ti, environment, openEnd: openEnd, statements: true,
      failedFrom: monotone ? state : nil)
    if results.isEmpty {
      if monotone {
        memo.failedFrom[state] = min(ti, memo.failedFrom[state] ?? ti)
      } else {
        memo.failed.insert(state)
      }
    }
    return results
  }

  /// How many different environments `results` hold: the same bindings found at several
  /// ends count once, so they do not crowd out other bindings (a `def` used twice must not
  /// hide the next `def`).
  func distinctCount(_ results: [(Environment, Int)]) -> Int {
    guard results.count >= TreeMatcher.solutionLimit else { return results.count }
    var seen = Set<[Int64]>()
    for (environment, _) in results {
      seen.insert(environment.entries.map { signature($0.value) })
    }
    return seen.count
  }

  /// A binding as a number, for remembering states.
  func signature(_ bound: Bound) -> Int64 {
    switch bound {
    case .node(let id): return Int64(id)
    case .nodes(_, let start, let end): return -(Int64(start) << 32 | Int64(end)) - 1
    case .text(let start, let end): return Int64(start) << 32 | Int64(end) | 1 << 62
    }
  }

  func sequenceStep(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool,
    statements: Bool, failedFrom key: SequenceState? = nil
  ) -> [(Environment, Int)] {
    let item = ps[pi]
    if let kind = ellipsisItem(item) {
      var results: [(Environment, Int)] = []
      // A trailing `...` of an open-ended run consumes nothing, so the run ends where the code
      // the pattern names ends.
      let last = (openEnd && pi == ps.count - 1 && kind == .ellipsis) ? ti : ts.count
      for end in ti...max(ti, last) {
        // Past a position already known to fail, every later one fails too.
        if let key, end > ti, let from = memo.failedFrom[key], end >= from { break }
        var bound = [environment]
        if kind == .ellipsisMetavariable {
          let start = end > ti ? target[ts[ti]].start : (ti < ts.count ? target[ts[ti]].start : 0)
          let stop = end > ti ? target[ts[end - 1]].end : start
          bound = bind(
            ellipsisName(item), .nodes(Array(ts[ti..<end]), start: start, end: stop), environment)
        }
        for candidate in bound {
          results += sequence(
            ps, pi + 1, ts, end, candidate, openEnd: openEnd, statements: statements)
          // What follows the ellipsis may also start in a statement nested in those it skips.
          if kind == .ellipsis, statements, end == ti, pi + 1 < ps.count {
            results += flattenedSequence(
              Array(ps[(pi + 1)...]), ts, ti, candidate, openEnd: openEnd)
          }
        }
        if results.count >= 8 * TreeMatcher.solutionLimit
          || distinctCount(results) >= TreeMatcher.solutionLimit
        {
          break
        }
      }
      return results
    }
    guard ti < ts.count else { return [] }
    var results: [(Environment, Int)] = []
    var matched = match(item, ts[ti], environment)
    if matched.isEmpty && statements {
      matched = deepStatement(item, ts[ti], environment)
    }
    for candidate in matched {
      results += sequence(
        ps, pi + 1, ts, ti + 1, candidate, openEnd: openEnd, statements: statements)
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// An expression statement of a statement sequence also matches within the expressions of
  /// an expression statement, assignment or return, as semgrep's sequences do.
  func deepStatement(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard pattern[p].kind == .expressionStatement else { return [] }
    if let name = loneStatementMetavariable(p) {
      // A lone metavariable in statement position holds one whole statement, never a part of
      // one (semgrep); an expression statement was already tried whole.
      return target[t].kind == .expressionStatement ? [] : bind(name, .node(t), environment)
    }
    switch target[t].kind {
    case .expressionStatement, .assignment, .augmentedAssignment, .annotatedAssignment,
      .returnStatement, .variableDeclaration:
      let expression = pattern.child(p, 0)
      var results: [Environment] = []
      for child in target.childIDs(t) where child != SyntaxTree.absent {
        results += deep(expression, child, environment)
        if results.count >= TreeMatcher.solutionLimit { break }
      }
      return results
    default:
      return []
    }
  }

  /// A Python lambda's body is the value it returns, which `return value` matches (semgrep).
  ///
  /// A bare `return` returns nothing, so it does not match.
  func lambdaAsReturn(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let value = pattern.child(p, 0)
    let body = target.child(t, 1)
    guard value != SyntaxTree.absent, target[t].childCount == 2, target[body].kind != .block
    else { return [] }
    return match(value, body, environment)
  }

  /// The name of a statement that is a lone metavariable (`$S`), or nil.
  func loneStatementMetavariable(_ id: Int32) -> String? {
    guard pattern[id].kind == .expressionStatement, pattern[id].childCount == 1 else { return nil }
    let expression = pattern.child(id, 0)
    guard expression != SyntaxTree.absent, pattern[expression].kind == .metavariable else {
      return nil
    }
    return pattern.text(of: expression)
  }

  /// The rest of a statement pattern after `...`, started at each statement nested in
  /// `ts[ti...]`; each result carries the index in `ts` after the statement it ended in.
  ///
  /// semgrep lets `...` skip into nested bodies: it matches the rest against the statements
  /// flattened in source order, so the rest may start inside an `if` (or a nested function)
  /// and go on after it.
  func flattenedSequence(
    _ ps: [Int32], _ ts: [Int32], _ ti: Int, _ environment: Environment, openEnd: Bool
  ) -> [(Environment, Int)] {
    guard ti < ts.count, let first = ts.first, !memo.isFlattened(first, ts.count) else {
      return []
    }
    let flat = memo.flattened(ts) { flattenStatements($0) }
    guard flat.ids.count > ts.count else { return [] }
    var results: [(Environment, Int)] = []
    for k in flat.starts[ti]..<flat.ids.count where flat.ids[k] != ts[flat.owners[k]] {
      for (found, end) in sequence(
        ps, 0, flat.ids, k, environment, openEnd: openEnd, statements: true)
      {
        results.append((found, flat.owners[max(k, end - 1)] + 1))
      }
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// `ts` and every statement nested in them, in source order, with the index in `ts` each
  /// sits in and where each of `ts` starts.
  func flattenStatements(_ ts: [Int32]) -> FlatStatements {
    var flat = FlatStatements()
    for (index, statement) in ts.enumerated() {
      flat.starts.append(flat.ids.count)
      var stack = [statement]
      while let id = stack.popLast() {
        flat.ids.append(id)
        flat.owners.append(index)
        stack += directSubstatements(id).reversed()
      }
    }
    return flat
  }

  /// The statements of the bodies of compound statement `id`, in source order.
  func directSubstatements(_ id: Int32) -> [Int32] {
    let kind = target[id].kind
    // semgrep does not look into `async for` bodies here.
    guard isStatement(kind), kind != .block,
      !(kind == .forStatement && target[id].flags & NodeFlags.isAsync != 0)
    else { return [] }
    var result: [Int32] = []
    var stack = Array(target.childIDs(id).reversed())
    while let child = stack.popLast() {
      guard child != SyntaxTree.absent else { continue }
      let childKind = target[child].kind
      if childKind == .block {
        result += target.childIDs(child)
      } else if isStatement(childKind) {
        // Clauses (`except`, `case`) hold bodies but are no statements themselves.
        stack += target.childIDs(child).reversed()
      }
    }
    return result
  }

  func isStatement(_ kind: NodeKind) -> Bool {
    switch kind {
    case .ifStatement, .forStatement, .whileStatement, .tryStatement, .withStatement,
      .functionDefinition, .classDefinition,
      .exceptClauses, .exceptClause, .matchStatement, .caseClause, .goSwitch, .goSelect,
      .goCaseClause, .goLabeled, .block:
      return true
    default:
      return isJavaScriptCompound(kind)
    }
  }

  /// Arguments: keyword arguments with a plain name match in any order; the rest in order.
  func arguments(_ ps: [Int32], _ ts: [Int32], _ environment: Environment) -> [Environment] {
    var remainingPattern: [Int32] = []
    var keywords: [Int32] = []
    for item in ps {
      if pattern[item].kind == .keywordArgument,
        pattern[pattern.child(item, 0)].kind == .identifier
      {
        keywords.append(item)
      } else {
        remainingPattern.append(item)
      }
    }
    if keywords.isEmpty {
      return sequence(ps, 0, ts, 0, environment, openEnd: false).map(\.0)
    }
    var remainingTarget = ts
    var current = [environment]
    for keyword in keywords {
      let name = pattern.child(keyword, 0)
      guard
        let index = remainingTarget.firstIndex(where: {
          target[$0].kind == .keywordArgument
            && pattern.sameText(name, target.child($0, 0), other: target)
        })
      else { return [] }
      let value = pattern.child(keyword, 1)
      let targetValue = target.child(remainingTarget[index], 1)
      current = current.flatMap { match(value, targetValue, $0) }
      if current.isEmpty { return [] }
      remainingTarget.remove(at: index)
    }
    return current.flatMap {
      sequence(remainingPattern, 0, remainingTarget, 0, $0, openEnd: false).map(\.0)
    }
  }

  /// Each pattern item matches a different target item, in any order (decorators).
  func unordered(
    _ ps: [Int32], _ ts: [Int32], _ environment: Environment,
    item: ((Int32, Int32, Environment) -> [Environment])? = nil
  ) -> [Environment] {
    guard let first = ps.first else { return [environment] }
    if ellipsisItem(first) != nil {
      return unordered(Array(ps.dropFirst()), ts, environment, item: item)
    }
    var results: [Environment] = []
    for (index, candidate) in ts.enumerated() {
      var rest = ts
      rest.remove(at: index)
      for bound in (item ?? match)(first, candidate, environment) {
        results += unordered(Array(ps.dropFirst()), rest, bound, item: item)
      }
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// A decorator as semgrep reads it: `@$D` names only a decorator that is not a call, and
  /// `@f(...)` also matches a bare `@f`.
  func decorator(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let patternKind = pattern[p].kind
    let targetKind = target[t].kind
    // Java modifiers sit among the annotations; only a modifier matches one.
    if targetKind == .constant && patternKind != .constant { return [] }
    if patternKind == .metavariable {
      // semgrep reads `@staticmethod` and `@classmethod` as modifiers, not decorators.
      if targetKind == .call || target.textEquals(t, "staticmethod")
        || target.textEquals(t, "classmethod")
      {
        return []
      }
    }
    if patternKind == .call && targetKind != .call {
      let arguments = pattern.child(p, 1)
      guard pattern[arguments].childCount == 1,
        ellipsisItem(pattern.child(arguments, 0)) == .ellipsis
      else { return [] }
      return match(pattern.child(p, 0), t, environment)
    }
    return match(p, t, environment)
  }

  /// Class bodies: the pattern's statements in order, others allowed around them (semgrep).
  func subsequence(
    _ ps: [Int32], _ pi: Int, _ ts: [Int32], _ ti: Int, _ environment: Environment
  ) -> [Environment] {
    guard pi < ps.count else { return [environment] }
    if ellipsisItem(ps[pi]) == .ellipsis { return subsequence(ps, pi + 1, ts, ti, environment) }
    var results: [Environment] = []
    for index in ti..<max(ti, ts.count) {
      for bound in match(ps[pi], ts[index], environment) {
        results += subsequence(ps, pi + 1, ts, index + 1, bound)
      }
      if results.count >= TreeMatcher.solutionLimit { break }
    }
    return results
  }

  /// Whether a display is just `[...]` or `{...}`.
  func isLoneEllipsis(_ p: Int32) -> Bool {
    pattern[p].childCount == 1 && pattern[pattern.child(p, 0)].kind == .ellipsis
  }

  // MARK: - Special patterns

  /// `<... P ...>`: P anywhere within the target node, the node itself included.
  func deep(_ inner: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var stack = [t]
    var results: [Environment] = []
    while let id = stack.popLast() {
      results += match(inner, id, environment)
      if results.count >= TreeMatcher.solutionLimit { break }
      for child in target.childIDs(id).reversed() where child != SyntaxTree.absent {
        stack.append(child)
      }
    }
    return results
  }

  /// Expressions that may fold into one string (`SyntaxTree.stringValue`).
  static let foldingKinds: Set<NodeKind> = [
    .concatenatedString, .binaryOperation, .formattedString, .conditional, .templateLiteral,
  ]

  /// `"..."` matches any string, `"$X"` binds a string's content, other strings compare content;
  /// constant strings fold first (`"a" + "b"`, adjacent literals, f-strings without fields).
  func matchString(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    let targetKind = target[t].kind
    if let regex = stringRegex(p) {
      if targetKind == .string {
        return regexMatches(regex, target.text(of: t)) ? [environment] : []
      }
      guard let folded = foldedString(t) else { return [] }
      return regexMatches(regex, String(decoding: folded, as: UTF8.self)) ? [environment] : []
    }
    if pattern.textEquals(p, "...") {
      if targetKind == .string || targetKind == .concatenatedString { return [environment] }
      return TreeMatcher.foldingKinds.contains(targetKind)
        && target.stringValue(t, constants: constants) != nil ? [environment] : []
    }
    let content = pattern.text(of: p)
    if TreeMatcher.foldingKinds.contains(targetKind) {
      // semgrep folds constant strings: `"a" + "b"` and `f"ab"` are the literal "ab".
      guard let folded = foldedString(t) else { return [] }
      if isMetavariableName(content) {
        // An f-string's content, as for a plain string; a sum or run of literals whole.
        let node = target[t]
        return targetKind == .formattedString
          ? bind(content, .text(start: node.textStart, end: node.textEnd), environment)
          : bind(content, .node(t), environment)
      }
      let node = pattern[p]
      return folded.elementsEqual(pattern.source.bytes[Int(node.textStart)..<Int(node.textEnd)])
        ? [environment] : []
    }
    guard targetKind == .string else { return [] }
    if isMetavariableName(content) {
      let node = target[t]
      return bind(content, .text(start: node.textStart, end: node.textEnd), environment)
    }
    return pattern.sameText(p, t, other: target) ? [environment] : []
  }

  /// Whether a concatenation pattern is only `"..."` parts (`"..." "..."`).
  func isEllipsisConcatenation(_ p: Int32) -> Bool {
    pattern.childIDs(p).allSatisfy {
      pattern[$0].kind == .string && pattern[$0].flags == 0 && pattern.textEquals($0, "...")
    }
  }

  /// `"..." "..."` matches any implicit concatenation, f-strings among its parts included, and
  /// an f-string with a field, which semgrep also reads as a concatenation of its parts.
  func concatenationOfEllipses(_ t: Int32, _ environment: Environment) -> [Environment] {
    switch target[t].kind {
    case .concatenatedString: return [environment]
    case .formattedString: return target[t].childCount > 0 ? [environment] : []
    default: return []
    }
  }

  /// The text a constant string expression spells (see `SyntaxTree.foldedString`).
  func foldedString(_ t: Int32) -> [UInt8]? {
    target.foldedString(t, constants: constants)
  }

  /// Whether two number literals have the same value, as semgrep compares them: integers in
  /// any base or spelling (`0o777`, `0777` in Go, `511`, `0x1FF`, `1_000`), floats by value;
  /// an integer never equals a float.
  func numbersEqual(_ p: Int32, _ t: Int32) -> Bool {
    let left = NumberValue(pattern.text(of: p))
    let right = NumberValue(target.text(of: t))
    return left != nil && left == right
  }

  func isMetavariableName(_ text: String) -> Bool {
    let utf8 = Array(text.utf8)
    guard utf8.count >= 2, utf8[0] == UInt8(ascii: "$") else { return false }
    let first = utf8[1]
    guard (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")) || first == UInt8(ascii: "_")
    else { return false }
    return utf8.dropFirst(2).allSatisfy {
      ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "_")
        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
    }
  }

  /// A dotted name in the pattern against code that reaches the same name through an import
  /// alias (`import a.b as c; c.x` or `from a import b; b`).
  func matchThroughImports(_ p: Int32, _ t: Int32) -> Bool {
    guard let module = aliasedModule(t) else { return false }
    return matchThroughImports(p, t, module: module)
  }

  /// `matchThroughImports` with the alias's full name already looked up.
  func matchThroughImports(_ p: Int32, _ t: Int32, module: [String]) -> Bool {
    guard let wanted = memo.dottedPath(p, in: pattern), let wantedLast = wanted.last,
      resolvedLastNameIs(t, module: module, wantedLast),
      let written = dottedPath(t, in: target),
      module.count + written.count - 1 == wanted.count
    else { return false }
    return (module + written.dropFirst()).elementsEqual(wanted)
  }

  /// `$MOD.$FUNC` against a name an import made (`from pickle import load` for `load`): the
  /// pattern's names and metavariables meet the name's full path, as semgrep resolves it.
  ///
  /// A metavariable standing for the module binds the module's name in the import; one
  /// standing for a name written at the use binds that name.
  func bindThroughImports(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard let module = aliasedModule(t) else { return [] }
    return bindThroughImports(p, t, environment, module: module)
  }

  /// `bindThroughImports` with the alias's full name already looked up.
  func bindThroughImports(
    _ p: Int32, _ t: Int32, _ environment: Environment, module: [String]
  ) -> [Environment] {
    // The last name of an attribute pattern, when not a metavariable, meets the last name of
    // the resolved path alone: checked first, on bytes.
    if pattern[p].kind == .attribute {
      let name = pattern.child(p, 1)
      if pattern[name].kind == .identifier {
        if !resolvedLastNameIs(t, module: module, pattern.text(of: name)) { return [] }
      }
    }
    guard let wanted = patternPath(p), let written = writtenPath(t) else { return [] }
    let resolved = module + written.dropFirst().map { target.text(of: $0) }
    let extra = resolved.count - wanted.count
    guard extra >= 0, extra == 0 || pattern[wanted[0]].kind == .metavariable else { return [] }
    var current = [environment]
    for (index, component) in wanted.enumerated() {
      let low = index == 0 ? 0 : index + extra
      let high = index + extra + 1
      let names = resolved[low..<high]
      guard pattern[component].kind == .metavariable else {
        guard names.count == 1, names.first == pattern.text(of: component) else { return [] }
        continue
      }
      // Names written at the use: the root stands for the module's last name (under its
      // alias, `j` for `from os.path import join as j`, which is what semgrep binds).
      let firstWritten = module.count - 1
      let node: Int32?
      if low >= firstWritten && high == low + 1 {
        node = written[low - firstWritten]
      } else if high <= firstWritten {
        let text = names.joined(separator: ".")
        node =
          (target.nodes(of: .dottedName)).first { target.sourceText(of: $0) == text }
          ?? javaScriptModuleStandIn(written)
      } else {
        node = nil
      }
      guard let node else { return [] }
      current = current.flatMap { bind(pattern.text(of: component), .node(node), $0) }
      if current.isEmpty { return [] }
    }
    return current
  }

  /// Whether the last name of the path an aliased chain `t` resolves to is `wanted`.
  ///
  /// That is the chain's last name after an attribute, the alias's last name for a lone name.
  /// True when `t` is no such chain, so the full checks decide.
  func resolvedLastNameIs(_ t: Int32, module: [String], _ wanted: String) -> Bool {
    switch target[t].kind {
    case .attribute:
      let name = target.child(t, 1)
      return target[name].kind != .identifier || targetName(name, equals: wanted)
    case .identifier:
      return module.last == wanted
    default:
      return true
    }
  }

  /// Whether target name `t` equals `text` as Strings compare (canonically equivalent
  /// spellings are equal), on bytes first.
  func targetName(_ t: Int32, equals text: String) -> Bool {
    if target.textEquals(t, text) { return true }
    let node = target[t]
    let ascii =
      text.utf8.allSatisfy { $0 < 0x80 }
      && target.source.bytes[Int(node.textStart)..<Int(node.textEnd)].allSatisfy { $0 < 0x80 }
    return !ascii && target.text(of: t) == text
  }

  /// A pattern's attribute chain as nodes (names and metavariables), leftmost first.
  func patternPath(_ id: Int32) -> [Int32]? {
    var nodes: [Int32] = []
    var current = id
    while pattern[current].kind == .attribute {
      let name = pattern.child(current, 1)
      guard pattern[name].kind == .identifier || pattern[name].kind == .metavariable else {
        return nil
      }
      nodes.append(name)
      current = pattern.child(current, 0)
    }
    guard pattern[current].kind == .identifier || pattern[current].kind == .metavariable else {
      return nil
    }
    nodes.append(current)
    return nodes.reversed()
  }

  /// A target's attribute chain as its name nodes, leftmost first.
  func writtenPath(_ id: Int32) -> [Int32]? {
    var nodes: [Int32] = []
    var current = id
    while target[current].kind == .attribute {
      let name = target.child(current, 1)
      guard target[name].kind == .identifier else { return nil }
      nodes.append(name)
      current = target.child(current, 0)
    }
    guard target[current].kind == .identifier else { return nil }
    nodes.append(current)
    return nodes.reversed()
  }

  /// The full name's components of the import alias an attribute chain starts with, or nil
  /// when it starts with no alias (most names: checked on bytes).
  func aliasedModule(_ id: Int32) -> [String]? {
    guard !target.importAliasIndex.isEmpty else { return nil }
    var current = id
    while target[current].kind == .attribute { current = target.child(current, 0) }
    guard target[current].kind == .identifier else { return nil }
    return aliasTable().path(current)
  }

  /// The target's import alias table, fetched once per run.
  func aliasTable() -> ImportAliasTable {
    if let known = cache.aliases { return known }
    let tree = target
    let table = target.facts.importAliases { ImportAliasTable(tree) }
    cache.aliases = table
    return table
  }

  /// The names of an identifier or attribute chain, or nil if it holds anything else.
  func dottedPath(_ id: Int32, in tree: SyntaxTree) -> [String]? {
    var names: [String] = []
    var current = id
    while true {
      switch tree[current].kind {
      case .identifier:
        names.append(tree.text(of: current))
        return names.reversed()
      case .attribute:
        let name = tree.child(current, 1)
        guard tree[name].kind == .identifier else { return nil }
        names.append(tree.text(of: name))
        current = tree.child(current, 0)
      default:
        return nil
      }
    }
  }

  // MARK: - Binding

  /// Binds `name`, or checks an earlier binding is the same code; `$_` binds nothing.
  func bind(_ name: String, _ value: Bound, _ environment: Environment) -> [Environment] {
    if name == "$_" || name == "$..._" { return [environment] }
    if let existing = environment.value(of: name) {
      return same(existing, value) ? [environment] : []
    }
    var extended = environment
    extended.entries.append((name, value))
    return [extended]
  }

  func same(_ a: Bound, _ b: Bound) -> Bool {
    switch (a, b) {
    case (.node(let x), .node(let y)):
      return equal(x, y)
    case (.nodes(let xs, _, _), .nodes(let ys, _, _)):
      return xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
    default:
      return boundText(a) == boundText(b)
    }
  }

  func boundText(_ bound: Bound) -> String {
    switch bound {
    case .node(let id): return target.sourceText(of: id)
    case .nodes(_, let start, let end), .text(let start, let end):
      return target.source.text(from: Int(start), to: Int(end))
    }
  }

  /// Structural equality of two target nodes: same shape and the same names and literals.
  func equal(_ a: Int32, _ b: Int32, level: Int = 0) -> Bool {
    if a == b { return true }
    if a == SyntaxTree.absent || b == SyntaxTree.absent || level > TreeMatcher.maxDepth {
      return false
    }
    let x = target[a]
    let y = target[b]
    guard x.kind == y.kind, x.op == y.op, x.flags == y.flags, x.childCount == y.childCount else {
      return false
    }
    switch x.kind {
    case .identifier, .number, .string, .constant, .formattedString, .regexLiteral,
      .unaryKeyword, .jsxText, .tsOpaqueType:
      if !target.sameText(a, b, other: target) { return false }
    default:
      break
    }
    return zip(target.childIDs(a), target.childIDs(b)).allSatisfy {
      equal($0, $1, level: level + 1)
    }
  }
}

/// A number literal's value, for comparing literals written differently.
enum NumberValue: Equatable {
  case integer(UInt64)
  case float(Double)

  /// Reads a literal; nil for what it does not read (imaginary numbers, suffixes, overflow).
  init?(_ literal: String) {
    let text = literal.lowercased().replacingOccurrences(of: "_", with: "")
    let radixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
    for (prefix, radix) in radixes where text.hasPrefix(prefix) {
      guard let value = UInt64(text.dropFirst(2), radix: radix) else {
        if radix == 16, let value = Double(text) { self = .float(value); return }
        return nil
      }
      self = .integer(value)
      return
    }
    if text.allSatisfy(\.isNumber) {
      // A leading zero is an octal number in Go and C.
      let isOctal = text.count > 1 && text.hasPrefix("0")
      guard let value = UInt64(isOctal ? String(text.dropFirst()) : text, radix: isOctal ? 8 : 10)
      else { return nil }
      self = .integer(value)
      return
    }
    guard text.contains(where: { $0 == "." || $0 == "e" }), let value = Double(text) else {
      return nil
    }
    self = .float(value)
  }
}
