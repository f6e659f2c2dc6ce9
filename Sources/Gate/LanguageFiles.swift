import Foundation
import Matching
import Rules

/// Which files a rule's languages can apply to, judged from file names the way semgrep picks
/// targets, so semgrep is started only when some delegated rule could match some changed file.
///
/// Conservative: a language without a known set of names, `generic`, `regex`, and files with no
/// extension (scripts) count as possible matches. Languages aigate parses are known by their
/// `LanguageDefinition`; this file lists only those semgrep alone reads.
enum LanguageFiles {
  /// File extensions of languages only semgrep reads.
  static let semgrepOnlyExtensions: [Language: Set<String>] = [
    .kotlin: ["kt", "kts"], .scala: ["scala"],
    .ruby: ["rb"], .php: ["php"], .rust: ["rs"], .swift: ["swift"], .csharp: ["cs"],
    .c: ["c", "h"], .cpp: ["cc", "cpp", "cxx", "hpp", "hh", "h"],
    .json: ["json"], .terraform: ["tf", "hcl"],
    .html: ["html", "htm"], .xml: ["xml"], .lua: ["lua"],
    .solidity: ["sol"], .dart: ["dart"], .elixir: ["ex", "exs"], .ocaml: ["ml", "mli"],
  ]

  /// Every extension a language aigate or semgrep knows uses.
  static let allExtensions: Set<String> = LanguageDefinition.all.reduce(
    into: Set(semgrepOnlyExtensions.values.joined())
  ) { $0.formUnion($1.extensions) }

  /// A scan target as language selection sees it: its name, and for a file without an
  /// extension the language its `#!` line names (semgrep reads scripts by their interpreter).
  struct Target {
    let path: String
    /// For a file without an extension: the language of its interpreter, nil when none.
    let script: LanguageDefinition?
    let hasExtension: Bool

    init(_ target: ScanTarget) {
      path = target.path
      let name = target.path.split(separator: "/").last.map(String.init) ?? target.path
      hasExtension = name.contains(".")
      script = hasExtension ? nil : LanguageFiles.interpreter(of: target)
    }

    /// Whether a rule in `languages` might match this file.
    func mayApply(_ languages: [Language]) -> Bool {
      guard !hasExtension else { return LanguageFiles.mayApply(languages, to: path) }
      let lower = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
      for language in languages {
        guard let defined = LanguageDefinition.serving(language) else {
          // A language known only by other names (generic, regex, ...) may match anything.
          if semgrepOnlyExtensions[language] == nil { return true }
          continue
        }
        if defined.mayBeFile(named: lower) { return true }
        // A script runs the rules of its interpreter's language, and of the languages whose
        // files also run those (JavaScript rules on TypeScript, so TypeScript's on `node`).
        if let script,
          script.language == defined.language || defined.alsoRuns.contains(script.language)
        {
          return true
        }
      }
      return false
    }
  }

  /// Scan targets as language selection sees them, read once per run; rules share a few
  /// language lists, so each list's answer is kept.
  final class Targets {
    let items: [Target]
    private var answers: [[Language]: Bool] = [:]

    init(_ targets: [ScanTarget]) {
      items = targets.map(Target.init)
    }

    /// Whether a rule in `languages` might match one of the targets.
    func anyMayApply(_ languages: [Language]) -> Bool {
      if let known = answers[languages] { return known }
      let answer = items.contains { $0.mayApply(languages) }
      answers[languages] = answer
      return answer
    }
  }

  /// The language of the interpreter a file's `#!` line names, or nil.
  static func interpreter(of target: ScanTarget) -> LanguageDefinition? {
    let head: [UInt8]
    if let source = target.source {
      head = Array(source.bytes.prefix(256))
    } else {
      guard let handle = FileHandle(forReadingAtPath: target.absolutePath) else { return nil }
      defer { try? handle.close() }
      head = Array((try? handle.read(upToCount: 256)) ?? Data())
    }
    return LanguageDefinition.ofShebang(head)
  }

  /// Whether a rule in `languages` might match the file at `path`.
  static func mayApply(_ languages: [Language], to path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let lower = name.lowercased()
    guard let dot = lower.lastIndex(of: ".") else { return true }
    let ext = String(lower[lower.index(after: dot)...])
    for language in languages {
      if let defined = LanguageDefinition.serving(language) {
        if defined.mayBeFile(named: lower) { return true }
        continue
      }
      guard let known = semgrepOnlyExtensions[language] else { return true }
      if known.contains(ext) { return true }
    }
    return false
  }
}
