import Foundation

/// Deep expressions, strings, numbers, and names reached through imports.
extension TreeMatcher {
  /// `<... P ...>`: P anywhere within the target node, the node itself included, but not in
  /// the statements of a body it holds (a function literal's block): semgrep looks into
  /// expressions only.
  func deep(
    _ inner: Int32, _ t: Int32, _ environment: Environment, inStatement: Bool = false
  ) -> [Environment] {
    var stack = [t]
    var results: [Environment] = []
    let javaScript = isJavaScriptTree
    let java = inStatement && isJavaTree
    while let id = stack.popLast() {
      results += match(inner, id, environment)
      if results.count >= TreeMatcher.solutionLimit { break }
      if javaScript && isJavaScriptOpaque(target[id].kind, inStatement: inStatement) { continue }
      if java && isJavaOpaqueInStatement(id) { continue }
      for child in target.childIDs(id).reversed()
      where child != SyntaxTree.absent && target[child].kind != .block {
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
      if targetKind == .string { return [environment] }
      if targetKind == .concatenatedString {
        // A run holding an f-string with a field is no literal for semgrep.
        let literal = target.childIDs(t).allSatisfy {
          target[$0].kind != .formattedString || target[$0].childCount == 0
        }
        return literal ? [environment] : []
      }
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
        var text = names.joined(separator: ".")
        // A relative module's dots are written without a dot after them (`from .m`).
        if let dots = names.first, dots.hasPrefix(".") {
          text = dots + names.dropFirst().joined(separator: ".")
        }
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
