import Foundation

/// The rules loaded from a set of files, with every problem found in them.
public struct RuleSet: Sendable {
  /// The rules without errors, in file order, then in the order written.
  public var rules: [Rule]
  /// The files read, in the order read.
  public var files: [String]
  /// Every error, sorted by place; rules with errors are not in `rules`.
  public var errors: [SourceDiagnostic]
  /// Things worth knowing that are not errors (unknown rule keys), for `--verbose`.
  public var warnings: [SourceDiagnostic]

  public init(
    rules: [Rule] = [], files: [String] = [], errors: [SourceDiagnostic] = [],
    warnings: [SourceDiagnostic] = []
  ) {
    self.rules = rules
    self.files = files
    self.errors = errors
    self.warnings = warnings
  }

  /// The same set with no source line in its diagnostics: for a file that is not named as YAML
  /// (semgrep reads any file given with `--config`), whose lines errors must not quote.
  func withoutQuotedLines() -> RuleSet {
    func plain(_ items: [SourceDiagnostic]) -> [SourceDiagnostic] {
      items.map { SourceDiagnostic($0.message, at: $0.location, severity: $0.severity) }
    }
    return RuleSet(rules: rules, files: files, errors: plain(errors), warnings: plain(warnings))
  }

  /// The rules, or every error at once: a rule set with any error is refused as a whole, so the
  /// gate never runs with part of its rules silently missing.
  public func requireValid() throws(RuleError) -> [Rule] {
    guard errors.isEmpty else { throw .invalidRules(errors) }
    return rules
  }
}

/// Reads rule files named by `--config` arguments.
public enum RuleLoader {
  /// Loads every rule file the configs name and checks rule ids are unique across them.
  ///
  /// Throws only for a config that names nothing readable (a registry name, a missing path);
  /// problems inside files are in the result's `errors`.
  ///
  /// With `qualifyingFrom`, each rule's id gets the folder prefix semgrep gives it when run in
  /// that directory with these configs (`semgrepPrefix`); without, ids stay as written (the
  /// shipped packs, whose ids are unique and must not depend on where aigate is installed).
  ///
  /// With `cache`, the files' decoded rules are kept there and taken from there while the
  /// files' bytes stay the same (see `RuleCache`): the result is the same either way.
  public static func load(
    configs: [String], qualifyingFrom directory: String? = nil, cache: RuleCache? = nil
  ) throws(RuleError) -> RuleSet {
    load(files: try ruleFiles(for: configs), qualifyingFrom: directory, cache: cache)
  }

  /// The prefix semgrep puts before the ids of the rules in `file`, run in `directory`.
  ///
  /// `file` is a path as given on semgrep's command line, joined with the path found inside a
  /// folder. Its folders, relative to `directory` when inside it, split as Python's `Path.parts`
  /// splits them (`.` dropped, `..` kept), joined with dots, leading dots and slashes removed,
  /// plus a dot. So `--config rules/` reads `rules/web/x.yaml`'s `sqli` as `rules.web.sqli`, a
  /// file in `directory` keeps its ids, and a path outside it is qualified by all its folders.
  public static func semgrepPrefix(forFile file: String, in directory: String) -> String {
    var path = file
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix(base) { path = String(path.dropFirst(base.count)) }
    var parts = path.split(separator: "/").filter { $0 != "." }.map(String.init)
    if path.hasPrefix("/") { parts.insert("/", at: 0) }
    guard !parts.isEmpty else { return "" }
    parts.removeLast()
    let joined = parts.joined(separator: ".")
    let prefix = joined.drop { $0 == "." || $0 == "/" }
    return prefix.isEmpty ? "" : prefix + "."
  }

  /// The rule files `configs` name: a file as given; a folder's `*.yml` and `*.yaml` files,
  /// recursively, sorted, skipping hidden entries, `*.test.yaml` / `*.test.yml` rule tests and
  /// `.fixed.` autofix outputs, as semgrep does.
  public static func ruleFiles(for configs: [String]) throws(RuleError) -> [String] {
    var files: [String] = []
    var problems: [RuleError] = []
    for config in configs {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: config, isDirectory: &isFolder) else {
        problems.append(isRegistryName(config) ? .registryConfig(config) : .configNotFound(config))
        continue
      }
      guard isFolder.boolValue else {
        files.append(config)
        continue
      }
      let found = ruleFiles(inFolder: config)
      if found.isEmpty { problems.append(.noRuleFiles(folder: config)) }
      files += found
    }
    if let first = problems.first { throw first }
    var seen = Set<String>()
    let directory = FileManager.default.currentDirectoryPath
    return files.filter { seen.insert(standardized($0, in: directory)).inserted }
  }

  /// `path` made absolute and without `.` and `..` components, written out (no `stat` per file,
  /// which `URL(fileURLWithPath:)` makes), so that one file named two ways is read once.
  static func standardized(_ path: String, in directory: String) -> String {
    let absolute = path.hasPrefix("/") ? path : directory + "/" + path
    // Most paths have no `.`, `..` or empty component to remove.
    var previous = UInt8(ascii: "x")
    let plain = !absolute.utf8.contains { byte in
      defer { previous = byte }
      return previous == UInt8(ascii: "/")
        && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "."))
    }
    if plain && absolute.utf8.last != UInt8(ascii: "/") { return absolute }
    var components: [Substring] = []
    for component in absolute.split(separator: "/") {
      switch component {
      case ".": continue
      case "..": _ = components.popLast()
      default: components.append(component)
      }
    }
    return "/" + components.joined(separator: "/")
  }

  /// Whether semgrep would read `config` as a registry or network name.
  static func isRegistryName(_ config: String) -> Bool {
    let prefixes = ["p/", "r/", "s/", "c/", "http://", "https://"]
    return config == "auto" || prefixes.contains { config.hasPrefix($0) }
  }

  /// Walks with `readdir`, whose entry types spare a `stat` per entry; only a symbolic link
  /// (or a file system that gives no type) is looked at further, followed as `stat` does.
  private static func ruleFiles(inFolder folder: String) -> [String] {
    var found: [String] = []
    var pending = [folder.hasSuffix("/") ? String(folder.dropLast()) : folder]
    while let current = pending.popLast() {
      guard let directory = opendir(current) else { continue }
      defer { closedir(directory) }
      while let entry = readdir(directory) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) {
          String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
        }
        guard !name.hasPrefix(".") else { continue }
        let path = current + "/" + name
        var isFolder: Bool
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR): isFolder = true
        case Int32(DT_REG): isFolder = false
        default:
          var status = stat()
          guard stat(path, &status) == 0 else { continue }
          isFolder = status.st_mode & S_IFMT == S_IFDIR
        }
        if isFolder {
          pending.append(path)
        } else if isRuleFileName(name) {
          found.append(path)
        }
      }
    }
    return found.sorted()
  }

  /// Whether a file name is a rule file semgrep would read from a folder.
  public static func isRuleFileName(_ name: String) -> Bool {
    (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasSuffix(".test.yaml")
      && !name.hasSuffix(".test.yml") && !name.contains(".fixed.")
  }

  /// Loads rule files, qualifying ids as `load(configs:qualifyingFrom:)` says, and warns about
  /// ids used twice; with `cache`, as `load(configs:qualifyingFrom:cache:)` says.
  public static func load(
    files: [String], qualifyingFrom directory: String? = nil, cache: RuleCache? = nil
  ) -> RuleSet {
    var set = RuleSet(files: files)
    let loaded: RuleCoding.Loaded
    if let cache, let contents = readAll(files) {
      loaded = cached(in: cache, files: zip(files, contents).map { (path: $0, bytes: $1) }) {
        decodeInParallel(files.count) { decodeFile(contents[$0], path: files[$0]) }
      }
    } else {
      // Files parse independently: on every core, then gathered in the order given.
      loaded = decodeInParallel(files.count) { loadFile(files[$0]) }
    }
    return finish(set, loaded, qualifyingFrom: directory)
  }

  /// The rules `configs` load to when `cache` already holds them; nil otherwise.
  ///
  /// As `load(configs:qualifyingFrom:cache:)` would load them, without decoding a file or
  /// writing to the cache; nil on a miss or when a config or file cannot be read. For work
  /// started before it is known to be needed: the caller that takes the result marks the entry
  /// used (`CachedRules.markUsed`).
  public static func peek(
    configs: [String], qualifyingFrom directory: String?, cache: RuleCache
  ) -> CachedRules? {
    guard let files = try? ruleFiles(for: configs), let contents = readAll(files),
      let key = RuleCache.key(for: zip(files, contents).map { (path: $0, bytes: $1) }),
      let loaded = cache.read(key, touch: false)
    else { return nil }
    let set = finish(RuleSet(files: files), loaded, qualifyingFrom: directory)
    return CachedRules(set: set, cache: cache, key: key)
  }

  /// `set` with `loaded`'s rules, ids qualified from `directory`, repeats warned about.
  private static func finish(
    _ set: RuleSet, _ loaded: RuleCoding.Loaded, qualifyingFrom directory: String?
  ) -> RuleSet {
    var set = set
    set.rules = loaded.rules
    set.errors = loaded.errors
    set.warnings = loaded.warnings
    if let directory {
      for index in set.rules.indices {
        let rule = set.rules[index]
        set.rules[index].id =
          semgrepPrefix(forFile: rule.location.file, in: directory) + rule.bareID
      }
    }
    warnAboutRepeatedIDs(in: &set)
    set.errors.sort { $0.location < $1.location }
    return set
  }

  /// Loads rule files whose text the caller read (from a commit's tree, say) and warns about
  /// ids used twice; `file` names each in locations (a repository path: with `qualified`, ids
  /// get the folder prefix semgrep run at the repository's root gives them), and errors quote
  /// its lines.
  public static func load(
    texts: [(file: String, text: String)], qualified: Bool, cache: RuleCache? = nil
  ) -> RuleSet {
    var set = RuleSet(files: texts.map(\.file))
    let decode = {
      decodeInParallel(texts.count) { parse(texts[$0].text, file: texts[$0].file) }
    }
    let loaded: RuleCoding.Loaded
    if let cache {
      let files = texts.map { (path: $0.file, bytes: Data($0.text.utf8)) }
      loaded = cached(in: cache, files: files, decode: decode)
    } else {
      loaded = decode()
    }
    set.rules = loaded.rules
    set.errors = loaded.errors
    set.warnings = loaded.warnings
    var sources: [String: SourceFile] = [:]
    for (file, text) in texts where sources[file] == nil {
      sources[file] = SourceFile(path: file, text: text)
    }
    if qualified {
      for index in set.rules.indices {
        let rule = set.rules[index]
        set.rules[index].id = semgrepPrefix(forFile: rule.location.file, in: "/") + rule.bareID
      }
    }
    warnAboutRepeatedIDs(in: &set) { sources[$0.file]?.line($0.line) }
    set.errors.sort { $0.location < $1.location }
    return set
  }

  /// Files decoded independently on every core by `decode(index)`, gathered in order.
  private static func decodeInParallel(
    _ count: Int, _ decode: @Sendable (Int) -> RuleSet
  ) -> RuleCoding.Loaded {
    let results = ParallelSlots<RuleSet>(count: count)
    Parallel.perform(iterations: count) { index in
      results.set(index, decode(index))
    }
    var loaded = RuleCoding.Loaded(rules: [], errors: [], warnings: [])
    for case let set? in results.values() {
      loaded.rules += set.rules
      loaded.errors += set.errors
      loaded.warnings += set.warnings
    }
    return loaded
  }

  /// The rules `files` decode to: from `cache` when it holds them, else decoded and kept there.
  private static func cached(
    in cache: RuleCache, files: [(path: String, bytes: Data)],
    decode: () -> RuleCoding.Loaded
  ) -> RuleCoding.Loaded {
    guard let key = RuleCache.key(for: files) else { return decode() }
    if let kept = cache.read(key) { return kept }
    let loaded = decode()
    cache.write(key, loaded)
    return loaded
  }

  /// Every file's bytes, read on every core; nil when one cannot be read (then each file is
  /// loaded on its own, and the unreadable one reported).
  private static func readAll(_ files: [String]) -> [Data]? {
    let contents = ParallelSlots<Data>(count: files.count)
    Parallel.perform(iterations: files.count) { index in
      if let data = FileManager.default.contents(atPath: files[index]) {
        contents.set(index, data)
      }
    }
    let read = contents.values().compactMap { $0 }
    return read.count == files.count ? read : nil
  }

  /// Loads one file: reads it, requires UTF-8, parses YAML, decodes and checks the rules.
  public static func loadFile(_ path: String) -> RuleSet {
    guard let data = FileManager.default.contents(atPath: path) else {
      return RuleSet(
        files: [path],
        errors: [
          SourceDiagnostic(
            "cannot read the file", at: SourceLocation(file: path, line: 1, column: 1))
        ])
    }
    return decodeFile(data, path: path)
  }

  /// Decodes a file's bytes read from `path`, as `loadFile` does.
  static func decodeFile(_ data: Data, path: String) -> RuleSet {
    guard let text = String(data: data, encoding: .utf8) else {
      // YAMLDocument finds where the encoding breaks.
      do {
        _ = try YAMLDocument.load(path: path)
      } catch {
        return RuleSet(files: [path], errors: [error])
      }
      return RuleSet(files: [path])
    }
    let set = parse(text, file: path)
    return isYAMLName(path) ? set : set.withoutQuotedLines()
  }

  /// Whether a path's name ends in `.yml` or `.yaml`: only such files are quoted in errors.
  public static func isYAMLName(_ path: String) -> Bool {
    let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
    return name.hasSuffix(".yml") || name.hasSuffix(".yaml")
  }

  /// Decodes rules from YAML text; `file` names it in locations.
  public static func parse(_ text: String, file: String) -> RuleSet {
    let source = SourceFile(path: file, text: text)
    let root: YAMLNode?
    do {
      root = try YAMLDocument.parse(source)
    } catch {
      return RuleSet(files: [file], errors: [error])
    }
    var decoder = RuleDecoder(file: file, source: source)
    let rules = decoder.decodeFile(root)
    return RuleSet(
      rules: rules, files: [file], errors: decoder.errors, warnings: decoder.warnings)
  }

  /// Warns about each rule whose id an earlier rule already uses.
  ///
  /// semgrep runs both and reports each finding under that id, so aigate keeps both too.
  /// `lineText` gives the text of the line a diagnostic quotes (else it is read from the file).
  public static func warnAboutRepeatedIDs(
    in set: inout RuleSet, lineText: ((SourceLocation) -> String?)? = nil
  ) {
    var first: [String: SourceLocation] = [:]
    for rule in set.rules {
      if let earlier = first[rule.id] {
        let warning = SourceDiagnostic(
          RuleError.duplicateRuleID(rule.id, first: earlier).message, at: rule.location,
          severity: .warning,
          sourceLine: lineText.map { $0(rule.location) } ?? sourceLine(rule.location))
        set.warnings.append(warning)
        continue
      }
      first[rule.id] = rule.location
    }
  }

  /// The text of the line at a location, read again for the one diagnostic found after decoding.
  private static func sourceLine(_ location: SourceLocation) -> String? {
    guard let data = FileManager.default.contents(atPath: location.file) else { return nil }
    return SourceFile(path: location.file, data: data).line(location.line)
  }
}
