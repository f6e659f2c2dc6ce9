import Foundation

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

/// The matching of one pattern tree against one target tree.
struct TreeMatcher: TargetPlaces {
  let pattern: SyntaxTree
  let target: SyntaxTree
  var constants: Constants = .none
  /// What names stand for, for a rule with `symbolic_propagation` (else none).
  var symbols: SymbolicValues = .none
  /// The pattern's root expression, which never matches through a name's expression.
  var symbolicRoot: Int32 = SyntaxTree.absent
  /// The rule's time on this file: each node pair tried ticks it.
  var budget = Budget()
  /// The bytes to match within; nil for the whole file.
  var region: Range<Int32>? = nil
  /// The bytes a match must share some of; nil for anywhere.
  var changed: ChangedRegions? = nil
  /// Where the file's words are, with the places of each name the pattern requires that no
  /// import writes: a candidate whose bytes lack one is not tried (Python only).
  var names: (places: NamePlaces, wanted: [ArraySlice<Int32>])? = nil
  /// Deeper than this the matcher answers "no match" rather than risk the stack; the parser
  /// keeps real code well inside it.
  static let maxDepth = 1500
  let depth = RecursionDepth()
  let memo = SequenceMemo()
  let declaredTypes = DeclaredTypes()
  let cache = RunCache()
  /// Enough alternative bindings per subproblem; more only cost time.
  static let solutionLimit = 8
  /// Enough different bindings of one statement sequence (`enoughBindings`).
  static let sequenceBindingLimit = 32

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
        guard
          (parts.isEmpty || !parts.contains(id)) && (!declared.contains(id) || isWholeRegion(id))
            && isCandidate(id) && holdsNames(id)
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
        where isExpression(target[id].kind)
          && (names.isEmpty || !names.contains(id) || isWholeRegion(id))
        {
          visit(id)
        }
      }
      // semgrep reads a bare decorator `@f` as a call of `f`, which `f(...)` names.
      if pattern[root].kind == .call {
        for list in target.nodes(of: .decorators) {
          for item in target.childIDs(list)
          where target[item].kind != .call && isCandidate(item) && holdsNames(item)
            && !target.textEquals(item, "staticmethod") && !target.textEquals(item, "classmethod")
          {
            for environment in decorator(root, item, Environment()) {
              record(target[item].start, target[item].end, environment)
            }
          }
        }
      }
    case .statement(let root) where pattern[root].kind == .decorators:
      for (start, end, environment) in annotationMatches(root) { record(start, end, environment) }
    case .statement(let root):
      var kinds = [pattern[root].kind]
      if kinds[0] == .assignment { kinds.append(.annotatedAssignment) }
      if kinds[0] == .importStatement { kinds.append(.importFrom) }
      if kinds[0] == .importFrom { kinds.append(.importStatement) }
      if pattern[root].flags & NodeFlags.terminated != 0 {
        kinds =
          isJavaTree
          ? TreeMatcher.javaStatementsHoldingExpressions : TreeMatcher.statementsHoldingExpressions
      }
      if kinds[0] == .goAnyLoop { kinds = [.forStatement, .whileStatement] }
      if kinds[0] == .returnStatement { kinds += [.expressionStatement, .lambda] }
      for id in kinds.flatMap({ target.nodes(of: $0) }) where isCandidate(id) && holdsNames(id) {
        for environment in match(root, id, Environment()) {
          record(statementStart(root, id), target[id].end, environment)
        }
      }
    case .statements(let list):
      for id in target.nodes(of: .module) + target.nodes(of: .block)
      where overlapsRegion(id) && overlapsChanged(target[id].start, target[id].end) {
        let statements = Array(target.childIDs(id))
        for start in statements.indices
        where inRegion(statements[start]) && startsBeforeChangeEnds(statements[start])
          && holdsNames(from: statements[start], to: id)
        {
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

  /// Whether node `id`'s code holds every name the pattern requires.
  @inline(__always) func holdsNames(_ id: Int32) -> Bool {
    guard let names else { return true }
    return NamePlaces.holds(names.wanted, names.places.low[Int(id)], names.places.high[Int(id)])
  }

  /// Whether the code from statement `first` to the end of block `block` holds every name the
  /// pattern requires (a run of statements starting there, and the blocks nested in it).
  @inline(__always) func holdsNames(from first: Int32, to block: Int32) -> Bool {
    guard let names else { return true }
    return NamePlaces.holds(
      names.wanted, names.places.low[Int(first)], names.places.high[Int(block)])
  }

  /// Whether node `id` is the whole region matched: a `metavariable-pattern` looks at what the
  /// metavariable holds, a name (a method's) included, as semgrep does.
  @inline(__always) func isWholeRegion(_ id: Int32) -> Bool {
    guard let region else { return false }
    return target[id].start == region.lowerBound && target[id].end == region.upperBound
  }

  /// Whether a run starting at statement `id` could still reach changed code.
  @inline(__always) func startsBeforeChangeEnds(_ id: Int32) -> Bool {
    guard let changed else { return true }
    return target[id].start < changed.end
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

  /// Whether pattern node `p` is a literal a name holding a constant can match: in JavaScript
  /// also `true`, `false`, `null` and `undefined`, which semgrep's constant propagation carries.
  func isLiteralPattern(_ p: Int32) -> Bool {
    let kind = pattern[p].kind
    if isLiteral(kind) { return true }
    guard isJavaScriptTree else { return false }
    return kind == .constant || (kind == .identifier && pattern.textEquals(p, "undefined"))
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
}
