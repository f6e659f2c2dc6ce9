/// Python imports as semgrep reads them: a module name in a pattern names its submodules too.
///
/// Each import names full paths: `import a.b` names `a.b`; `from a.b import c, d` names
/// `a.b.c` and `a.b.d`. Then (checked against semgrep 1.185.0):
/// - `import P` matches an import naming a path that starts with P: `import xml` matches
///   `import xml.dom` and `from xml.sax import handler`;
/// - `from P import N` matches such an import for `P.N`, and also `from M import ..., N, ...`
///   where M starts with P: `from xml import minidom` matches `from xml.dom import minidom`.
/// A relative module's dots are a name of their own, so `from .xml import y` never names an
/// absolute `xml`.
extension TreeMatcher {
  /// The match of a Python import pattern without metavariables or aliases, or nil when
  /// `p` is not one (the node-by-node rules apply).
  func pythonImport(_ p: Int32, _ t: Int32, _ environment: Environment) -> [Environment]? {
    let patternNode = pattern[p]
    guard patternNode.kind == .importStatement || patternNode.kind == .importFrom,
      patternNode.flags & PythonFlags.pythonImport != 0,
      target[t].flags & PythonFlags.pythonImport != 0,
      let wanted = plainImportPath(p)
    else { return nil }
    let paths = importedPaths(t)
    if paths.contains(where: { $0.starts(with: wanted) }) { return [environment] }
    // `from P import N` against `from M import N` with M starting with P.
    guard patternNode.kind == .importFrom, target[t].kind == .importFrom,
      let name = wanted.last,
      let module = dottedNames(
        target.child(t, 0), in: target, dots: target[target.child(t, 0)].flags)
    else { return [] }
    let patternModule = wanted.dropLast()
    guard module.starts(with: patternModule) else { return [] }
    let names = target.childIDs(t).dropFirst().compactMap { item -> String? in
      guard target[item].kind == .importAlias else { return nil }
      return dottedNames(target.child(item, 0), in: target, dots: 0)?.joined(separator: ".")
    }
    return names.contains(name) ? [environment] : []
  }

  /// The full path a plain import pattern names (`import a.b`, `from a import b`), or nil for
  /// one with several items, an alias, a `*`, metavariables or a relative module.
  func plainImportPath(_ p: Int32) -> [String]? {
    let node = pattern[p]
    let items = Array(pattern.childIDs(p))
    switch node.kind {
    case .importStatement:
      guard items.count == 1, pattern[items[0]].kind == .importAlias,
        pattern.child(items[0], 1) == SyntaxTree.absent
      else { return nil }
      return dottedNames(pattern.child(items[0], 0), in: pattern, dots: 0)
    case .importFrom:
      guard items.count == 2, pattern[items[1]].kind == .importAlias,
        pattern.child(items[1], 1) == SyntaxTree.absent,
        pattern[items[0]].flags == 0,
        let module = dottedNames(items[0], in: pattern, dots: 0),
        let name = dottedNames(pattern.child(items[1], 0), in: pattern, dots: 0)
      else { return nil }
      return module + name
    default:
      return nil
    }
  }

  /// The full paths a target import names; a relative module starts with its dots.
  func importedPaths(_ t: Int32) -> [[String]] {
    let items = Array(target.childIDs(t))
    switch target[t].kind {
    case .importStatement:
      return items.compactMap { item in
        guard target[item].kind == .importAlias else { return nil }
        return dottedNames(target.child(item, 0), in: target, dots: 0)
      }
    case .importFrom:
      guard let first = items.first,
        let module = dottedNames(first, in: target, dots: target[first].flags)
      else { return [] }
      return items.dropFirst().map { item in
        guard target[item].kind == .importAlias,
          let name = dottedNames(target.child(item, 0), in: target, dots: 0)
        else { return module }
        return module + name
      }
    default:
      return []
    }
  }

  /// The names of a dotted name of plain identifiers, after `dots` leading dots as one name;
  /// nil when it holds a metavariable.
  func dottedNames(_ id: Int32, in tree: SyntaxTree, dots: UInt8) -> [String]? {
    guard id != SyntaxTree.absent, tree[id].kind == .dottedName else { return nil }
    var names = dots > 0 ? [String(repeating: ".", count: Int(dots))] : []
    for child in tree.childIDs(id) {
      guard tree[child].kind == .identifier else { return nil }
      names.append(tree.text(of: child))
    }
    return names
  }
}
