import Rules

/// Which files a rule's languages can apply to, judged from file names the way semgrep picks
/// targets, so semgrep is started only when some delegated rule could match some changed file.
///
/// Conservative: a language without a known set of names, `generic`, `regex`, and files with no
/// extension (scripts) count as possible matches.
enum LanguageFiles {
  static let extensions: [Language: Set<String>] = [
    .python: ["py", "pyi", "pyw"], .python2: ["py", "pyi", "pyw"], .python3: ["py", "pyi", "pyw"],
    .javascript: ["js", "jsx", "mjs", "cjs"],
    .typescript: ["ts", "tsx", "mts", "cts"],
    .go: ["go"], .java: ["java"], .kotlin: ["kt", "kts"], .scala: ["scala"],
    .ruby: ["rb"], .php: ["php"], .rust: ["rs"], .swift: ["swift"], .csharp: ["cs"],
    .c: ["c", "h"], .cpp: ["cc", "cpp", "cxx", "hpp", "hh", "h"],
    .json: ["json"], .yaml: ["yml", "yaml"], .terraform: ["tf", "hcl"],
    .bash: ["sh", "bash"], .html: ["html", "htm"], .xml: ["xml"], .lua: ["lua"],
    .solidity: ["sol"], .dart: ["dart"], .elixir: ["ex", "exs"], .ocaml: ["ml", "mli"],
  ]

  /// Whether a rule in `languages` might match the file at `path`.
  static func mayApply(_ languages: [Language], to path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let lower = name.lowercased()
    guard let dot = lower.lastIndex(of: ".") else { return true }
    let ext = String(lower[lower.index(after: dot)...])
    for language in languages {
      if language == .dockerfile {
        if lower.hasPrefix("dockerfile") || lower.hasSuffix(".dockerfile")
          || lower.hasPrefix("containerfile")
        {
          return true
        }
        continue
      }
      guard let known = extensions[language] else { return true }
      if known.contains(ext) { return true }
    }
    return false
  }
}
