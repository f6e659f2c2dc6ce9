/// One rule of a semgrep rule file (schema v1), with the place every part was written.
public struct Rule: Sendable, Hashable {
  /// The id reports use: `bareID` behind the dotted folder prefix semgrep puts on rules read
  /// from a config path (see `RuleLoader.semgrepPrefix`), so that one id in two files stays two.
  public var id: String
  /// The id as written in the rule file.
  public var bareID: String
  /// The finding's message, with `$X` left for the matcher to interpolate; empty for extract rules.
  public var message: String
  /// The severity as written; extract rules, which report nothing, get `INFO`.
  public var severity: Severity
  /// The languages, canonical whatever alias was written, in the order written.
  public var languages: [Language]
  /// `metadata`, any shape; an empty object when absent.
  public var metadata: JSONValue
  public var fix: String?
  public var fixRegex: FixRegex?
  public var paths: PathFilter
  /// `options`, kept as written for the matcher (an empty object when absent).
  public var options: JSONValue
  public var minVersion: String?
  public var maxVersion: String?
  public var mode: Mode
  /// What to match, for search and extract rules; nil for taint and join rules.
  public var formula: Formula?
  /// Sources, sinks and the rest, for taint rules.
  public var taint: TaintSpec?
  /// The `join` block, kept as written: only semgrep runs join rules.
  public var join: JSONValue?
  /// What an extract rule hands on to other rules.
  public var extract: ExtractSpec?
  /// Keys that make the rule need semgrep whatever the formula (`validators`, dependency checks).
  public var semgrepOnlyKeys: [String]
  /// Where the rule's mapping starts.
  public var location: SourceLocation

  public init(
    id: String, message: String, severity: Severity, languages: [Language],
    metadata: JSONValue = .object([:]), fix: String? = nil, fixRegex: FixRegex? = nil,
    paths: PathFilter = PathFilter(), options: JSONValue = .object([:]),
    minVersion: String? = nil, maxVersion: String? = nil, mode: Mode = .search,
    formula: Formula?, taint: TaintSpec? = nil, join: JSONValue? = nil,
    extract: ExtractSpec? = nil, semgrepOnlyKeys: [String] = [], location: SourceLocation
  ) {
    self.id = id
    self.bareID = id
    self.message = message
    self.severity = severity
    self.languages = languages
    self.metadata = metadata
    self.fix = fix
    self.fixRegex = fixRegex
    self.paths = paths
    self.options = options
    self.minVersion = minVersion
    self.maxVersion = maxVersion
    self.mode = mode
    self.formula = formula
    self.taint = taint
    self.join = join
    self.extract = extract
    self.semgrepOnlyKeys = semgrepOnlyKeys
    self.location = location
  }

  /// A rule's severity, spelled as semgrep spells it (the older and the newer scale).
  public enum Severity: String, CaseIterable, Sendable, Codable, Hashable {
    // The older scale, and the two levels semgrep keeps below it; then the newer scale.
    case error = "ERROR", warning = "WARNING", info = "INFO"
    case inventory = "INVENTORY", experiment = "EXPERIMENT"
    case critical = "CRITICAL", high = "HIGH", medium = "MEDIUM", low = "LOW"

    /// A rank that puts both scales on one ladder (CRITICAL 5 … INVENTORY/EXPERIMENT 0), so a
    /// policy can say "HIGH and above" whichever scale a rule used.
    public var rank: Int {
      switch self {
      case .critical: return 5
      case .error, .high: return 4
      case .warning, .medium: return 3
      case .info, .low: return 2
      case .inventory, .experiment: return 0
      }
    }
  }

  /// What kind of analysis a rule asks for.
  public enum Mode: String, CaseIterable, Sendable, Codable, Hashable {
    case search, taint, join, extract
  }
}

/// `paths:` globs limiting which files a rule looks at.
public struct PathFilter: Sendable, Hashable, Codable {
  public var include: [String]
  public var exclude: [String]

  public init(include: [String] = [], exclude: [String] = []) {
    self.include = include
    self.exclude = exclude
  }
}

/// `fix-regex:` a regex replacement applied to the matched text.
public struct FixRegex: Sendable, Hashable {
  public var regex: String
  public var replacement: String
  public var count: Int?
  public var location: SourceLocation

  public init(regex: String, replacement: String, count: Int?, location: SourceLocation) {
    self.regex = regex
    self.replacement = replacement
    self.count = count
    self.location = location
  }
}

/// A taint rule's parts; each is a formula with the extra keys semgrep allows beside it.
public struct TaintSpec: Sendable, Hashable {
  /// One source, sink, sanitizer or propagator.
  public struct Item: Sendable, Hashable {
    public var formula: Formula
    /// The item's other keys (`label`, `requires`, `by-side-effect`, `from`, `to`, …).
    public var options: [String: JSONValue]
  }

  public var sources: [Item]
  public var sinks: [Item]
  public var sanitizers: [Item]
  public var propagators: [Item]
}

/// An extract rule's settings: which metavariable's text to re-scan, and as what.
public struct ExtractSpec: Sendable, Hashable {
  public var metavariable: String
  public var destinationLanguage: Language
  public var destinationRules: PathFilter
  public var transform: String?
  public var reduce: String?
}
