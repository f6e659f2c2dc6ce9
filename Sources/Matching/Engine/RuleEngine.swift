import Foundation
import Rules

/// Runs semgrep search rules in process: every rule compiled once, every file parsed once,
/// files matched in parallel.
///
/// It reports every match; `nosemgrep` is left to the caller, which decides what a
/// suppression may do.
public struct RuleEngine: Sendable {
  /// What the engine implements: rules needing anything else go to semgrep.
  public static let capabilities = EngineCapabilities(
    languages: PatternLanguage.ruleLanguages,
    features: [
      .patternRegex, .inside, .anywhere, .metavariableRegex, .metavariablePattern,
      .metavariableComparison, .focus, .taint,
    ], options: MatchOptions.keys)

  let rules: [CompiledRule]
  /// The seconds one rule may spend on one file (semgrep's `--timeout`); nil or 0 for no limit.
  public var timeout: Double? = RuleEngine.defaultTimeout
  /// The most threads a scan reads, parses and matches on (semgrep's `-j`); nil for every core.
  public var workers: Int? = Parallel.workers
  /// Whether to measure parse and match times per file and rule (semgrep's `--time`); off, it
  /// costs one test per rule and file.
  public var timing = false
  /// Where a scan counts the files it has read and the rule-file pairs it has matched, for a
  /// progress line; nil for none.
  public var progress: ScanProgress?
  /// semgrep's default budget per rule and file (`semgrep scan --help`, 1.185: 5.0 s).
  public static let defaultTimeout: Double = 5
  /// The rules that may run on a file of each language, with the formula they match there, in
  /// rule order: a file's rules are chosen by one lookup instead of a check per rule.
  private let byLanguage: [PatternLanguage: [Candidate]]
  /// The rules that run on a file of no known language (generic and regex ones).
  private let onAnyFile: [Candidate]

  typealias Candidate = (rule: CompiledRule, tree: CompiledFormula?)

  /// Compiles `rules`; a pattern that does not compile is an error naming the rule and the
  /// pattern's place, never a rule silently left out.
  public init(rules: [Rule]) throws(MatchingError) {
    var compiled: [CompiledRule] = []
    for rule in rules { compiled.append(try CompiledRule(rule)) }
    self.init(compiled: compiled)
  }

  /// An engine over rules compiled earlier by `prepare`.
  public init(prepared: [Prepared]) {
    self.init(compiled: prepared.map(\.compiled))
  }

  private init(compiled: [CompiledRule]) {
    rules = compiled
    var byLanguage: [PatternLanguage: [Candidate]] = [:]
    for language in PatternLanguage.allCases {
      byLanguage[language] = compiled.compactMap { rule in
        let tree = rule.formula(for: language)
        return tree != nil || rule.runsOnAnyFile ? (rule, tree) : nil
      }
    }
    self.byLanguage = byLanguage
    onAnyFile = compiled.filter(\.runsOnAnyFile).map { ($0, nil) }
  }

  /// One rule compiled, so a caller can learn whether the engine matches it (a pattern using a
  /// construct it does not match throws `MatchingError.unsupported`) and then run it without
  /// compiling again.
  public struct Prepared: Sendable {
    let compiled: CompiledRule
  }

  /// Compiles one rule.
  public static func prepare(_ rule: Rule) throws(MatchingError) -> Prepared {
    Prepared(compiled: try CompiledRule(rule))
  }

  /// What one file gave.
  public struct FileResult: Sendable {
    public var findings: [Finding]
    public var warnings: [String]
    /// Rules that stopped on the file (time budget, regex limits): their findings there are
    /// unknown.
    public var failures: [RuleFailure] = []
    /// The files the findings point into, so that no caller reads them again (and no file
    /// without findings is kept).
    public var sources: [SourceFile] = []
    /// With `timing`: where the time went, per file.
    public var timings: [FileTiming] = []
  }

  /// Matches every rule against `bytes` read from `path`.
  public func scan(
    path: String, bytes: [UInt8], lines: [Int]? = nil, executable: Bool = false
  ) -> FileResult {
    scan(SourceFile(path: path, bytes: bytes), lines: lines, executable: executable)
  }

  /// Matches every rule against one file; its path is what findings report and what `paths:`
  /// filters see.
  ///
  /// With `lines` (1-based), only findings touching those lines are wanted (the added lines a
  /// gate judges): code elsewhere is not matched, and findings there may be missing.
  ///
  /// An executable file without an extension is read by the interpreter its `#!` line names,
  /// as semgrep does.
  public func scan(_ file: SourceFile, lines: [Int]? = nil, executable: Bool = false)
    -> FileResult
  {
    let work = prepare(file, lines: lines, executable: executable)
    var result = match(work, work.rules.indices)
    result.warnings = work.warnings
    for index in result.timings.indices { result.timings[index].parseSeconds = work.parseSeconds }
    return result
  }

  /// One file read for its rules: parsed when a tree rule may match it, with the rules that
  /// may (none when nothing can match).
  struct FileWork: Sendable {
    let file: SourceFile
    let rules: [Candidate]
    let evaluator: FormulaEvaluator?
    let warnings: [String]
    /// With `timing`: seconds spent parsing.
    var parseSeconds = 0.0
  }

  /// Chooses the rules that may match a file and parses it for them.
  func prepare(_ file: SourceFile, lines: [Int]?, executable: Bool) -> FileWork {
    let path = file.path
    let bytes = file.bytes
    let language = RuleEngine.language(of: path, bytes, executable: executable)
    let words = WordIndex(bytes)
    var applicable: [Candidate] = []
    for candidate in language.flatMap({ byLanguage[$0] }) ?? onAnyFile
    where candidate.rule.paths.allows(path) && candidate.rule.prefilter.allows(words) {
      applicable.append(candidate)
    }
    guard !applicable.isEmpty else {
      return FileWork(file: file, rules: [], evaluator: nil, warnings: [])
    }
    let needsTree = applicable.contains { $0.tree != nil }
    let parseStart = timing ? DispatchTime.now().uptimeNanoseconds : 0
    let document = Document(file, language: needsTree ? language : nil)
    let parseSeconds = timing ? FileTiming.seconds(since: parseStart) : 0
    var warnings: [String] = []
    if let warning = document.tree?.warnings.first {
      warnings.append(
        "\(path):\(warning.position.line):\(warning.position.column): \(warning.message);"
          + " the file is matched as far as it parses")
    }
    var evaluator = FormulaEvaluator(document: document, budget: Budget())
    if let lines {
      let changed = ChangedRegions(lines: lines, in: document.source)
      if changed.isEmpty {
        return FileWork(file: file, rules: [], evaluator: nil, warnings: warnings)
      }
      evaluator.changed = changed
    }
    var work = FileWork(file: file, rules: applicable, evaluator: evaluator, warnings: warnings)
    work.parseSeconds = parseSeconds
    return work
  }

  /// Matches the rules `range` of a prepared file; the file's warnings are the caller's.
  func match(_ work: FileWork, _ range: Range<Int>) -> FileResult {
    guard var evaluator = work.evaluator else { return FileResult(findings: [], warnings: []) }
    let path = work.file.path
    let document = evaluator.document
    var findings: [Finding] = []
    var failures: [RuleFailure] = []
    var times: [String: Double] = [:]
    for (rule, tree) in work.rules[range] {
      let started = timing ? DispatchTime.now().uptimeNanoseconds : 0
      defer { if timing { times[rule.rule.id, default: 0] += FileTiming.seconds(since: started) } }
      // Each rule has its own time on the file; what a rule that ran out found is dropped.
      evaluator.budget = Budget(seconds: timeout)
      evaluator.symbolic = rule.options.symbolicPropagation
      var found: [Finding] = []
      if let formula = tree {
        found += rule.findings(evaluator.evaluate(formula), path, document, tree: true)
      }
      if let formula = rule.text, evaluator.budget.stop == nil {
        found += rule.findings(evaluator.evaluate(formula), path, document, tree: false)
      }
      if let stop = evaluator.budget.stop {
        failures.append(RuleFailure(ruleID: rule.rule.id, path: path, reason: stop))
      } else {
        findings += found
      }
    }
    var result = FileResult(
      findings: findings, warnings: [], failures: failures,
      sources: findings.isEmpty ? [] : [work.file])
    if timing {
      result.timings = [
        FileTiming(
          path: path, bytes: work.file.bytes.count, parseSeconds: 0, matchSeconds: times)
      ]
    }
    return result
  }

  /// The tree language a file is read in: by its extension, or for an executable file without
  /// one, by its `#!` line; nil for text matched only by generic and regex rules.
  static func language(of path: String, _ bytes: [UInt8], executable: Bool) -> PatternLanguage? {
    PatternLanguage.ofFile(path: path, bytes, executable: executable)
  }

  /// Scans `count` files in parallel, `file(index)` giving each one's path and bytes.
  ///
  /// The first read error is thrown once all files are done.
  public func scan<Failure: Error>(
    count: Int, file: @Sendable (Int) throws(Failure) -> (path: String, bytes: [UInt8])
  ) throws(Failure) -> FileResult {
    try scan(count: count) { index throws(Failure) in
      let (path, bytes) = try file(index)
      return (SourceFile(path: path, bytes: bytes), nil, false)
    }
  }

  /// Scans `count` files in parallel, each with the lines whose findings are wanted (nil for
  /// all), as `scan(_:lines:executable:)` does.
  ///
  /// Files are read and parsed on every core, then their rules are matched in small batches
  /// on every core, so one large file does not leave the other cores idle; the results are
  /// gathered in file and rule order, as one file after another would give them.
  public func scan<Failure: Error>(
    count: Int,
    file: @Sendable (Int) throws(Failure) -> (source: SourceFile, lines: [Int]?, executable: Bool)
  ) throws(Failure) -> FileResult {
    let prepared = ParallelSlots<Result<FileWork, Failure>>(count: count)
    progress?.add(files: count)
    Parallel.perform(iterations: count, workers: workers) { index in
      defer { progress?.add(filesRead: 1) }
      prepared.set(
        index,
        Result { () throws(Failure) -> FileWork in
          let (source, lines, executable) = try file(index)
          return prepare(source, lines: lines, executable: executable)
        })
    }
    var read: [FileWork] = []
    for slot in prepared.values() {
      guard let slot else { continue }
      read.append(try slot.get())
    }
    let works = read
    let batches = works.enumerated().flatMap { index, work in
      stride(from: 0, to: work.rules.count, by: RuleEngine.batchSize).map { start in
        (file: index, rules: start..<min(work.rules.count, start + RuleEngine.batchSize))
      }
    }
    let matched = ParallelSlots<FileResult>(count: batches.count)
    progress?.add(pairs: batches.reduce(0) { $0 + $1.rules.count })
    Parallel.perform(iterations: batches.count, workers: workers) { index in
      let batch = batches[index]
      defer { progress?.add(pairsMatched: batch.rules.count) }
      matched.set(index, match(works[batch.file], batch.rules))
    }
    var total = FileResult(findings: [], warnings: [])
    let results = matched.values()
    var next = 0
    for (index, work) in works.enumerated() {
      total.warnings += work.warnings
      var timing =
        self.timing
        ? FileTiming(
          path: work.file.path, bytes: work.file.bytes.count, parseSeconds: work.parseSeconds,
          matchSeconds: [:]) : nil
      while next < batches.count && batches[next].file == index {
        if let result = results[next] {
          total.findings += result.findings
          total.failures += result.failures
          total.sources += result.sources
          for part in result.timings {
            timing?.matchSeconds.merge(part.matchSeconds, uniquingKeysWith: +)
          }
        }
        next += 1
      }
      if let timing { total.timings.append(timing) }
    }
    return total
  }

  /// Rules per batch of one file: small enough to spread a large file over the cores.
  static let batchSize = 4
}

/// One rule ready to run; a class, so the per-file loop over rules copies no rule.
final class CompiledRule: Sendable {
  let rule: Rule
  /// The formula compiled for each tree language the rule names.
  let trees: [PatternLanguage: CompiledFormula]
  /// The formula compiled as generic or regex, when the rule runs on any file.
  let text: CompiledFormula?
  let paths: PathGlobs
  let prefilter: PrefilterProgram
  let fixRegex: (regex: ByteRegex, replacement: String, count: Int?)?
  let options: MatchOptions

  var runsOnAnyFile: Bool { text != nil }

  /// The formula to match on a file parsed as `language`, if the rule applies to such files.
  func formula(for language: PatternLanguage) -> CompiledFormula? {
    for candidate in language.rulesRunningHere {
      if let formula = trees[candidate] { return formula }
    }
    return nil
  }

  init(_ rule: Rule) throws(MatchingError) {
    self.rule = rule
    let taint = rule.mode == .taint ? rule.taint : nil
    guard (rule.mode == .search && rule.formula != nil) || taint != nil else {
      throw .invalidRule(
        id: rule.id, location: rule.location,
        reason:
          "only search and taint rules run in process; \(rule.mode.rawValue) rules go to semgrep")
    }
    options = try MatchOptions(rule.options)
    var compiler = FormulaCompiler(ruleID: rule.id)
    compiler.ellipsisLineSpan = options.genericEllipsisMaxSpan
    var trees: [PatternLanguage: CompiledFormula] = [:]
    var text: CompiledFormula? = nil
    for language in rule.languages {
      guard let mapped = FormulaCompiler.patternLanguage(language) else {
        throw .invalidRule(
          id: rule.id, location: rule.location,
          reason: "aigate cannot parse \(language.rawValue); semgrep runs this rule")
      }
      if let taint {
        // The walk reads program trees; commands and mappings have another shape.
        guard mapped.isTree, case .tree? = mapped.definition?.matcher else {
          throw .unsupported(construct: "a taint rule for \(language.rawValue)")
        }
        if trees[mapped] == nil { trees[mapped] = try compiler.compile(taint, language: mapped) }
      } else if let formula = rule.formula {
        if mapped.isTree {
          if trees[mapped] == nil {
            trees[mapped] = try compiler.compile(formula, language: mapped)
          }
        } else if text == nil {
          text = try compiler.compile(formula, language: mapped)
        }
      }
    }
    self.trees = trees
    self.text = text
    paths = PathGlobs(rule.paths)
    let formulas = Array(trees.values) + (text.map { [$0] } ?? [])
    // A rule for several languages may match a file through any of them.
    prefilter = PrefilterProgram(
      formulas.count == 1 ? Prefilter(formulas[0]) : .any(formulas.map(Prefilter.init)))
    if let fix = rule.fixRegex {
      do {
        fixRegex = (try ByteRegex(pcre: fix.regex), fix.replacement, fix.count)
      } catch {
        throw .invalidRule(id: rule.id, location: fix.location, reason: error.description)
      }
    } else {
      fixRegex = nil
    }
  }

  /// Findings for `matches`, one per range; `tree` says the matches are of tree patterns, whose
  /// statements may end after trailing comments.
  func findings(_ matches: [Match], _ path: String, _ document: Document, tree: Bool)
    -> [Finding]
  {
    // semgrep reports one finding per range and message.
    var seen = Set<String>()
    var result: [Finding] = []
    let source = document.source
    let starts = source.lineStarts
    for match in matches.sorted(by: {
      ($0.range.start.offset, $0.range.end.offset) < ($1.range.start.offset, $1.range.end.offset)
    }) {
      let low = match.range.start.offset
      let high =
        !tree
        ? match.range.end.offset : CompiledRule.codeEnd(low, match.range.end.offset, source)
      let message = Interpolation.fill(rule.message, with: match.bindings)
      guard seen.insert("\(low) \(high) \(message)").inserted else { continue }
      let start = position(low, source)
      let end = position(high, source)
      let firstLine = starts[start.line - 1]
      let lastLine = end.line < starts.count ? starts[end.line] : source.bytes.count
      var lines = source.text(from: firstLine, to: lastLine)
      while lines.hasSuffix("\n") || lines.hasSuffix("\r") { lines.removeLast() }
      // semgrep trims the filled-in fix (`fix: |` ends in a line break).
      var fix = rule.fix.map {
        Interpolation.fill($0, with: match.bindings).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      if fix == nil, let fixRegex {
        let matched = source.text(from: low, to: high)
        fix = Interpolation.replace(
          matched, regex: fixRegex.regex, template: fixRegex.replacement, count: fixRegex.count)
      }
      result.append(
        Finding(
          ruleID: rule.id, path: path, start: start, end: end,
          message: message,
          severity: rule.severity, metadata: rule.metadata, lines: lines, fix: fix,
          engine: .aigate))
    }
    return result
  }

  /// Where the code of a range ends: a parsed block runs on over blank and comment-only lines
  /// to the next statement, while semgrep ends a match at its last token.
  static func codeEnd(_ low: Int, _ high: Int, _ source: SourceFile) -> Int {
    let bytes = source.bytes
    var end = high
    while end > low {
      let previous = bytes[end - 1]
      if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t")
        || previous == UInt8(ascii: "\n") || previous == UInt8(ascii: "\r") || previous == 0x0C
      {
        end -= 1
        continue
      }
      // A line holding only a comment is not code.
      let point = source.position(at: end - 1)
      let lineStart = max(low, source.lineStarts[point.line - 1])
      guard
        let first = bytes[lineStart..<end].firstIndex(where: {
          $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t")
        }), bytes[first] == UInt8(ascii: "#"), lineStart > low
      else { break }
      end = lineStart
    }
    return end
  }

  /// A byte offset as semgrep reports it: 1-based line, 1-based byte column.
  private func position(_ offset: Int, _ source: SourceFile) -> FilePosition {
    let point = source.position(at: offset)
    return FilePosition(
      line: point.line, col: point.offset - source.lineStarts[point.line - 1] + 1,
      offset: point.offset)
  }
}

/// Metavariables put into messages and fixes.
enum Interpolation {
  /// `text` with each bound `$X` (longest names first, so `$XY` is not read as `$X`)
  /// replaced by its binding's text.
  static func fill(_ text: String, with bindings: [String: Binding]) -> String {
    guard text.contains("$"), !bindings.isEmpty else { return text }
    let names = bindings.keys.sorted { ($0.count, $0) > ($1.count, $1) }
    var result = ""
    var index = text.startIndex
    outer: while index < text.endIndex {
      if text[index] == "$" {
        for name in names where text[index...].hasPrefix(name) {
          let after = text.index(index, offsetBy: name.count)
          let continues =
            after < text.endIndex
            && (text[after].isLetter || text[after].isNumber || text[after] == "_")
          if continues && !name.dropFirst().allSatisfy(\.isNumber) { continue }
          if let binding = bindings[name] { result += binding.text }
          index = after
          continue outer
        }
      }
      result.append(text[index])
      index = text.index(after: index)
    }
    return result
  }

  /// `text` with up to `count` matches of `regex` replaced by `template`, whose `\N` and `$N`
  /// stand for group N and `$$` for `$`, as in semgrep; nil (no fix offered) when the search
  /// hits PCRE2's limits.
  static func replace(_ text: String, regex: ByteRegex, template: String, count: Int?)
    -> String?
  {
    let bytes = Array(text.utf8)
    guard var found = try? regex.regex.matches(in: bytes) else { return nil }
    if let count { found = Array(found.prefix(max(0, count))) }
    var result: [UInt8] = []
    var copied = 0
    for match in found {
      result += bytes[copied..<match.range.lowerBound]
      result += expand(Array(template.utf8), match, in: bytes)
      copied = match.range.upperBound
    }
    result += bytes[copied...]
    return String(decoding: result, as: UTF8.self)
  }

  private static func expand(_ template: [UInt8], _ match: PCRE.Match, in bytes: [UInt8])
    -> [UInt8]
  {
    let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
    var out: [UInt8] = []
    var index = 0
    while index < template.count {
      let byte = template[index]
      let next = index + 1 < template.count ? template[index + 1] : nil
      if byte == UInt8(ascii: "$"), next == UInt8(ascii: "$") {
        out.append(byte)
        index += 2
        continue
      }
      if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "\\"), let next, digits.contains(next) {
        var end = index + 1
        var number = 0
        while end < template.count, digits.contains(template[end]) {
          number = number &* 10 &+ Int(template[end] - UInt8(ascii: "0"))
          end += 1
        }
        if number < match.groups.count, let group = match.groups[number] {
          out += bytes[group]
        }
        index = end
        continue
      }
      out.append(byte)
      index += 1
    }
    return out
  }
}
