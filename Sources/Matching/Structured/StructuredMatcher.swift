import Foundation
import Rules

/// Matches patterns of the languages defined in one place (Bash, Dockerfile, YAML) with
/// semgrep's semantics for them.
///
/// A pattern of one item (a command, an instruction, a YAML node) is tried at every target
/// node of its kind, at any depth; a YAML pattern that is one `key: value` is tried at every
/// pair. A pattern of several items matches runs of statements (or instructions) in a block,
/// with `...` standing for any run. Inside an item: command words and sequences match in
/// order with `...`; mapping entries match in any order, all of them unless the pattern has
/// a `...` entry; a metavariable binds a node and must bind equal nodes everywhere.
struct StructuredMatcher: TargetPlaces {
  let pattern: SyntaxTree
  let target: SyntaxTree
  let budget: Budget
  var region: Range<Int32>? = nil
  var changed: ChangedRegions? = nil
  let depth = RecursionDepth()
  static let maxDepth = 400
  /// Enough alternative bindings per subproblem.
  static let solutionLimit = 8
  /// Enough ways for a run of statements.
  ///
  /// semgrep keeps each: `A` ... `$X` binds `$X` to every later instruction, for a
  /// `metavariable-pattern` to choose from.
  static let sequenceLimit = 32

  // MARK: - Driving

  func run() -> [Match] {
    var results: [Match] = []
    let items = Array(pattern.childIDs(pattern.root)).filter { pattern[$0].kind != .error }
    guard !items.isEmpty else { return [] }
    if items.count == 1 {
      let root = StructuredMatcher.unwrapped(items[0], in: pattern)
      for id in candidates(root) where isCandidate(id) {
        for environment in match(root, id, Environment()) {
          results.append(makeMatch(start: target[id].start, end: target[id].end, environment))
        }
      }
    } else {
      for id in target.nodes(of: .module) + target.nodes(of: .block)
      where overlapsRegion(id) {
        let statements = Array(target.childIDs(id))
        for start in statements.indices where inRegion(statements[start]) {
          var found: [(Environment, Int)] = []
          sequence(
            items, 0, statements, start, Environment(), openEnd: true, statements: true,
            into: &found)
          let first = target[statements[start]].start
          for (environment, end) in found where end > start && inRegion(statements[end - 1]) {
            let last = target[statements[end - 1]].end
            if overlapsChanged(first, last) {
              results.append(makeMatch(start: first, end: last, environment))
            }
            if let final = items.last, pattern[final].kind == .ellipsis,
              end < statements.count, let tail = statements.last, inRegion(tail)
            {
              results.append(makeMatch(start: first, end: target[tail].end, environment))
            }
          }
        }
      }
    }
    return TreeMatcher.sortedUnique(results)
  }

  /// The node a one-item pattern is matched as: a YAML mapping of one `key: value` is that
  /// pair (matched in any mapping), and a bash command of one non-literal word is that word.
  static func unwrapped(_ id: Int32, in tree: SyntaxTree) -> Int32 {
    let node = tree[id]
    switch node.kind {
    case .yamlMapping where node.childCount == 1:
      let pair = tree.child(id, 0)
      return tree[pair].kind == .yamlPair ? pair : id
    case .yamlSequence where node.childCount == 1:
      // `- item` matches an item of any sequence.
      let item = tree.child(id, 0)
      return tree[item].kind == .ellipsis ? id : unwrapped(item, in: tree)
    case .shCommand where node.childCount == 1:
      let word = tree.child(id, 0)
      switch tree[word].kind {
      case .shSubstitution, .shWord, .shExpansion, .shAssignment, .metavariable: return word
      default: return id
      }
    case .shCommand where node.childCount == 2:
      // `export NAME=value` is the assignment, as semgrep reads it.
      let value = tree.child(id, 1)
      return tree[value].kind == .shAssignment ? value : id
    default:
      return id
    }
  }

  /// The target nodes a pattern root may match.
  func candidates(_ root: Int32) -> [Int32] {
    switch pattern[root].kind {
    case .metavariable, .ellipsis:
      return target.order.filter { id in
        let kind = target[id].kind
        return kind != .module && kind != .block && kind != .error
      }
    case .shSubstitution: return target.nodes(of: .shSubstitution)
    case let kind: return target.nodes(of: kind)
    }
  }

  // MARK: - Nodes

  func match(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    guard depth.value < StructuredMatcher.maxDepth, !budget.exhausted() else { return [] }
    depth.value += 1
    defer { depth.value -= 1 }
    let patternNode = pattern[p]
    switch patternNode.kind {
    case .metavariable:
      return bind(pattern.text(of: p), .node(t), environment)
    case .ellipsis:
      return [environment]
    case .deepExpression:
      // `<... x ...>`: `x` at the node or anywhere inside it.
      let inner = pattern.child(p, 0)
      var found: [Environment] = []
      var stack = [t]
      while let id = stack.popLast(), found.count < StructuredMatcher.solutionLimit,
        !budget.exhausted()
      {
        found += match(inner, id, environment)
        stack += target.childIDs(id).reversed().filter { $0 != SyntaxTree.absent }
      }
      return found
    default:
      break
    }
    let targetNode = target[t]
    if targetNode.kind == .yamlAlias, let anchored = anchoredNode(t) {
      return match(p, anchored, environment)
    }
    guard patternNode.kind == targetNode.kind else { return [] }
    switch patternNode.kind {
    case .string:
      return sameScalar(p, t) ? [environment] : []
    case .shExpansion:
      let name = pattern[p]
      let nameText = pattern.source.bytes[Int(name.textStart)..<Int(name.textEnd)]
      if YAMLParser.isMetavariable(nameText, prefix: "$") {
        // `${$X}` binds the variable's name.
        return bind(
          String(decoding: nameText, as: UTF8.self),
          .text(start: targetNode.textStart, end: targetNode.textEnd), environment)
      }
      return pattern.sameText(p, t, other: target) ? [environment] : []
    case .yamlMapping:
      return unordered(Array(pattern.childIDs(p)), Array(target.childIDs(t)), environment)
    case .dockerInstruction:
      guard
        pattern.text(of: p).uppercased() == target.text(of: t).uppercased()
      else { return [] }
      // An instruction's flags (`RUN --mount=...`, `COPY --chown=...`) are passed over when
      // the pattern names none, as semgrep does.
      let items = Array(pattern.childIDs(p))
      var targets = Array(target.childIDs(t))
      if !items.contains(where: { isFlag($0, in: pattern) }) {
        targets = Array(targets.drop { isFlag($0, in: target) })
      }
      var found: [(Environment, Int)] = []
      sequence(items, 0, targets, 0, environment, openEnd: false, statements: false, into: &found)
      return found.map(\.0)
    case .dockerImage:
      // A pattern leaves out a tag or digest it does not care about.
      var environments = [environment]
      for index in 0..<5 {
        let pc = pattern.child(p, index)
        guard pc != SyntaxTree.absent else { continue }
        let tc = target.child(t, index)
        guard tc != SyntaxTree.absent else { return [] }
        environments = environments.flatMap { match(pc, tc, $0) }
        if environments.isEmpty { return [] }
      }
      return environments
    case .yamlSequence, .module, .block, .shCommand, .shWord, .shSubstitution, .shCompound,
      .list:
      guard patternNode.kind != .shCompound || pattern.sameText(p, t, other: target) else {
        return []
      }
      return ordered(p, t, environment)
    default:
      guard patternNode.op == targetNode.op, patternNode.childCount == targetNode.childCount
      else { return [] }
      var environments = [environment]
      for (pc, tc) in zip(pattern.childIDs(p), target.childIDs(t)) {
        environments = environments.flatMap { match(pc, tc, $0) }
        if environments.isEmpty { return [] }
      }
      return environments
    }
  }

  /// Whether `id` is an instruction's `--name=value` flag.
  func isFlag(_ id: Int32, in tree: SyntaxTree) -> Bool {
    guard id != SyntaxTree.absent, tree[id].kind != .dockerImage else { return false }
    let node = tree[id]
    let bytes = tree.source.bytes
    return node.end - node.start > 2 && bytes[Int(node.start)] == UInt8(ascii: "-")
      && bytes[Int(node.start) + 1] == UInt8(ascii: "-")
  }

  /// Children matched in order, `...` standing for any run; a block's statements may also
  /// match one command of an `&&`/`||` chain.
  func ordered(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment] {
    var found: [(Environment, Int)] = []
    let statements = pattern[p].kind == .block || pattern[p].kind == .module
    sequence(
      Array(pattern.childIDs(p)), 0, Array(target.childIDs(t)), 0, environment, openEnd: false,
      statements: statements, into: &found)
    return found.map(\.0)
  }

  /// Matches pattern items `ps[i...]` against targets `ts[j...]`, adding each way with the
  /// index where it stopped; all of `ts` must be used unless `openEnd`.
  func sequence(
    _ ps: [Int32], _ i: Int, _ ts: [Int32], _ j: Int, _ environment: Environment,
    openEnd: Bool, statements: Bool, into found: inout [(Environment, Int)]
  ) {
    let limit = statements ? StructuredMatcher.sequenceLimit : StructuredMatcher.solutionLimit
    guard found.count < limit, !budget.exhausted() else { return }
    if i == ps.count {
      if openEnd || j == ts.count { found.append((environment, j)) }
      return
    }
    let p = ps[i]
    switch pattern[p].kind {
    case .ellipsis:
      if i + 1 == ps.count {
        // A trailing `...` ends the run where the code the pattern names ends when the run is
        // open-ended (the caller adds the run to the block's end); else it takes the rest.
        found.append((environment, openEnd ? j : ts.count))
        return
      }
      for k in j...ts.count {
        sequence(
          ps, i + 1, ts, k, environment, openEnd: openEnd, statements: statements, into: &found)
      }
      return
    case .ellipsisMetavariable:
      for k in j...ts.count {
        let run = Array(ts[j..<k])
        let low = run.first.map { target[$0].start } ?? (j < ts.count ? target[ts[j]].start : 0)
        let high = run.last.map { target[$0].end } ?? low
        for bound in bind(pattern.text(of: p), .nodes(run, start: low, end: high), environment) {
          sequence(
            ps, i + 1, ts, k, bound, openEnd: openEnd, statements: statements, into: &found)
        }
      }
      return
    default:
      guard j < ts.count else { return }
      var environments = match(p, ts[j], environment)
      if statements && environments.isEmpty && target[ts[j]].kind == .shBinary
        && target[ts[j]].op != .bitOr
      {
        for command in chainCommands(ts[j]) {
          environments += match(p, command, environment)
          if environments.count >= StructuredMatcher.solutionLimit { break }
        }
      }
      for next in environments {
        sequence(
          ps, i + 1, ts, j + 1, next, openEnd: openEnd, statements: statements, into: &found)
      }
    }
  }

  /// The parts of an `&&`/`||` chain, left to right: its members and the shorter chains it
  /// is nested from (`a && b` in `a && b && c`).
  func chainCommands(_ t: Int32) -> [Int32] {
    var result: [Int32] = []
    var stack = [t]
    while let id = stack.popLast(), result.count < 256 {
      if target[id].kind == .shBinary && target[id].op != .bitOr {
        if id != t { result.append(id) }
        stack.append(target.child(id, 1))
        stack.append(target.child(id, 0))
      } else {
        result.append(id)
      }
    }
    return result
  }

  /// Mapping entries in any order: each pattern entry takes a different target entry, and
  /// every target entry is taken unless the pattern has a `...` entry.
  func unordered(_ ps: [Int32], _ ts: [Int32], _ environment: Environment) -> [Environment] {
    let open = ps.contains { pattern[$0].kind == .ellipsis }
    let entries = ps.filter { pattern[$0].kind != .ellipsis }
    guard open ? entries.count <= ts.count : entries.count == ts.count else { return [] }
    var found: [Environment] = []
    var used = [Bool](repeating: false, count: ts.count)
    func assign(_ index: Int, _ current: Environment) {
      guard found.count < StructuredMatcher.solutionLimit, !budget.exhausted() else { return }
      if index == entries.count {
        found.append(current)
        return
      }
      for (k, t) in ts.enumerated() where !used[k] {
        for next in match(entries[index], t, current) {
          used[k] = true
          assign(index + 1, next)
          used[k] = false
        }
      }
    }
    assign(0, environment)
    return found
  }

  // MARK: - Values

  /// Whether two scalars are equal as semgrep compares them: strings by their characters
  /// (quoted or not), YAML numbers by value, booleans by truth.
  func sameScalar(_ p: Int32, _ t: Int32) -> Bool {
    let left = ScalarType(rawValue: pattern[p].flags & 0x0F) ?? .string
    let right = ScalarType(rawValue: target[t].flags & 0x0F) ?? .string
    let stringLike: Set<ScalarType> = [.string, .plain]
    if left == .string, let regex = StructuredMatcher.stringRegex(pattern.text(of: p)) {
      // `"=~/regex/"` matches a string whose value the regex finds something in.
      guard stringLike.contains(right) else { return false }
      return (try? regex.firstMatch(in: value(of: t, in: target))) != nil
    }
    if stringLike.contains(left) && stringLike.contains(right) {
      if pattern[p].flags & ScalarStyle.mask == 0 && target[t].flags & ScalarStyle.mask == 0 {
        return pattern.sameText(p, t, other: target)
      }
      return value(of: p, in: pattern) == value(of: t, in: target)
    }
    if left == .null || right == .null {
      // An empty value (`key:`) is the empty string, as semgrep reads it.
      let empty = { (id: Int32, tree: SyntaxTree) in tree[id].textStart == tree[id].textEnd }
      if stringLike.contains(left) || stringLike.contains(right) {
        return empty(p, pattern) && empty(t, target)
          && (left == .null ? value(of: t, in: target) : value(of: p, in: pattern)).isEmpty
      }
    }
    guard left == right else { return false }
    switch left {
    case .number:
      return YAMLParser.number(pattern.text(of: p)) == YAMLParser.number(target.text(of: t))
    case .boolean:
      let pn = pattern[p]
      let tn = target[t]
      return YAMLParser.isTrue(pattern.source.bytes[Int(pn.textStart)..<Int(pn.textEnd)])
        == YAMLParser.isTrue(target.source.bytes[Int(tn.textStart)..<Int(tn.textEnd)])
    default:
      return true
    }
  }

  /// A string scalar's value: its characters with quotes, escapes and block indentation
  /// read as YAML reads them.
  func value(of id: Int32, in tree: SyntaxTree) -> String {
    ScalarStyle(rawValue: tree[id].flags & ScalarStyle.mask).decode(tree.text(of: id))
  }

  /// The regex of a `"=~/regex/"` string pattern, if the text is one that compiles.
  static func stringRegex(_ text: String) -> PCRE.Regex? {
    guard text.hasPrefix("=~/"), let close = text.lastIndex(of: "/"),
      close > text.index(text.startIndex, offsetBy: 2)
    else { return nil }
    var body = String(text[text.index(text.startIndex, offsetBy: 3)..<close])
    // The quoted scalar's escapes (`\\n`) as the regex sees them.
    body = body.replacingOccurrences(of: "\\\\", with: "\\")
    if case .success(let regex) = PCRE.compile(body) { return regex }
    return nil
  }

  /// The node an alias names: the last node before it whose anchor has that name.
  func anchoredNode(_ alias: Int32) -> Int32? {
    let name =
      Array("&".utf8)
      + target.source.bytes[
        Int(target[alias].textStart)..<Int(target[alias].textEnd)]
    var best: Int32? = nil
    for id in target.order where target[id].start < target[alias].start {
      let node = target[id]
      guard node.kind != .yamlPair, node.kind != .module,
        target.source.bytes[Int(node.start)...].starts(with: name)
      else { continue }
      let after = Int(node.start) + name.count
      if after >= target.source.bytes.count || YAMLParser.isBlank(target.source.bytes[after]) {
        best = id
      }
    }
    return best
  }

  func bind(_ name: String, _ value: Bound, _ environment: Environment) -> [Environment] {
    if let bound = environment.value(of: name) {
      return sameBinding(bound, value) ? [environment] : []
    }
    var next = environment
    next.entries.append((name, value))
    return [next]
  }

  /// Whether two bindings hold the same code: the same characters, a quoted scalar's
  /// quotes aside.
  func sameBinding(_ a: Bound, _ b: Bound) -> Bool {
    func text(_ bound: Bound) -> ArraySlice<UInt8> {
      let bytes = target.source.bytes
      switch bound {
      case .node(let id):
        let node = target[id]
        if node.kind == .string || node.kind == .shExpansion {
          return bytes[Int(node.textStart)..<Int(node.textEnd)]
        }
        return bytes[Int(node.start)..<Int(node.end)]
      case .nodes(_, let start, let end), .text(let start, let end):
        return bytes[Int(start)..<Int(end)]
      }
    }
    return text(a).elementsEqual(text(b))
  }
}
