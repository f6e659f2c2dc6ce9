/// A file's declarations by the innermost function around them and by name, for typed
/// metavariables in Go and TypeScript: a use sees the latest declaration visible at it in the
/// nearest enclosing function that has one, else at the top level (semgrep's reading).
struct ScopedDeclarations<Declaration> {
  let tree: SyntaxTree
  /// The innermost function or lambda around each node (the root outside them).
  let scopeOf: [Int32]
  private var table: [Int32: [String: [(visibleFrom: Int32, declaration: Declaration)]]] = [:]

  init(tree: SyntaxTree) {
    self.tree = tree
    var scopeOf = [Int32](repeating: tree.root, count: tree.nodes.count)
    for id in tree.order {
      let kind = tree[id].kind
      let opens = kind == .functionDefinition || kind == .lambda
      for child in tree.childIDs(id) where child != SyntaxTree.absent {
        scopeOf[Int(child)] = opens ? id : scopeOf[Int(id)]
      }
    }
    self.scopeOf = scopeOf
  }

  /// Records that the name node `name` is declared in `scope` for uses at offsets from
  /// `visibleFrom` on.
  mutating func declare(
    _ name: Int32, in scope: Int32, visibleFrom: Int32, _ declaration: Declaration
  ) {
    table[scope, default: [:]][tree.text(of: name), default: []].append(
      (visibleFrom, declaration))
  }

  /// Orders each name's declarations by where they become visible; call once all are declared.
  mutating func finish() {
    for (scope, names) in table {
      for (name, list) in names {
        table[scope]?[name] = list.sorted { $0.visibleFrom < $1.visibleFrom }
      }
    }
  }

  /// The declaration the name node `use` sees, if any.
  func declaration(seenBy use: Int32) -> Declaration? {
    let name = tree.text(of: use)
    let offset = tree[use].start
    var scope = scopeOf[Int(use)]
    while true {
      if let list = table[scope]?[name], let last = list.last(where: { $0.visibleFrom <= offset }) {
        return last.declaration
      }
      if scope == tree.root { return nil }
      scope = scopeOf[Int(scope)]
    }
  }
}
