import Foundation
import Rules

/// A rule's place in the rule files with its id: what its compiled form is kept under, so two
/// rules of one id (in two files, or twice in one) stay two.
public struct RuleKey: Hashable, Sendable {
  public let location: SourceLocation
  public let id: String

  public init(_ rule: Rule) {
    location = rule.location
    id = rule.id
  }
}

/// Rules compiled once each, shared by whoever asks first: classification (does the engine run
/// the rule?) and the scan that runs it.
///
/// Every failure names the rule's place: `.unsupported` for a construct the engine does not
/// match yet (the rule goes to semgrep), `.invalidRule` at the place in the rule file for the
/// rest.
public final class PreparedRules: @unchecked Sendable {
  private var compiled: [RuleKey: Result<RuleEngine.Prepared, MatchingError>] = [:]
  private let lock = NSLock()

  public init() {}

  /// `rule` compiled, or why it does not compile.
  public func compile(_ rule: Rule) -> Result<RuleEngine.Prepared, MatchingError> {
    let key = RuleKey(rule)
    lock.lock()
    let known = compiled[key]
    lock.unlock()
    if let known { return known }
    let result = Result { () throws(MatchingError) in try RuleEngine.prepare(rule) }
      .mapError { PreparedRules.placed($0, rule) }
    lock.lock()
    compiled[key] = result
    lock.unlock()
    return result
  }

  /// Each rule compiled (or why it does not compile) when one of `files` could match it.
  ///
  /// A rule no file could match (by its languages, `paths:` and the words its patterns
  /// require, read without compiling it; see `RuleReach`) is left uncompiled, nil here: that
  /// keeps many rules over a small change cheap. Compiles on every core.
  public func compile(
    _ rules: [Rule], forFiles files: [(path: String, bytes: [UInt8], executable: Bool)]
  ) -> [Result<RuleEngine.Prepared, MatchingError>?] {
    let facts = files.map { file in
      (
        path: file.path,
        language: RuleEngine.language(of: file.path, file.bytes, executable: file.executable),
        words: WordIndex(file.bytes)
      )
    }
    // What each rule could match, read on every core; which rules some file could match, on
    // one thread (a file's word index fills a cache on first use); then the compiling, on
    // every core.
    let reaches = ParallelSlots<RuleReach>(count: rules.count)
    Parallel.perform(iterations: rules.count) { index in
      reaches.set(index, RuleReach(rules[index]))
    }
    let read = reaches.values()
    let wanted = rules.indices.filter { index in
      guard let reach = read[index] else { return true }
      return facts.contains {
        reach.mayMatch(path: $0.path, language: $0.language, words: $0.words)
      }
    }
    let results = ParallelSlots<Result<RuleEngine.Prepared, MatchingError>>(count: rules.count)
    Parallel.perform(iterations: wanted.count) { index in
      results.set(wanted[index], compile(rules[wanted[index]]))
    }
    return results.values()
  }

  /// An engine over `rules`, each compiled once; the first rule that does not compile is the
  /// error, at its place in the rule file.
  public func engine(for rules: [Rule], timeout: Double?) -> Result<RuleEngine, MatchingError> {
    var prepared: [RuleEngine.Prepared] = []
    prepared.reserveCapacity(rules.count)
    for rule in rules {
      switch compile(rule) {
      case .success(let rule): prepared.append(rule)
      case .failure(.unsupported(let construct)):
        return .failure(
          .invalidRule(
            id: rule.id, location: rule.location,
            reason: "aigate's engine does not match \(construct) yet"))
      case .failure(let error): return .failure(error)
      }
    }
    var engine = RuleEngine(prepared: prepared)
    engine.timeout = timeout
    return .success(engine)
  }

  /// Any failure but `.unsupported` placed in the rule file: a pattern's own errors already
  /// are, the rest get the rule's place.
  private static func placed(_ error: MatchingError, _ rule: Rule) -> MatchingError {
    switch error {
    case .invalidRule, .unsupported: return error
    default: return .invalidRule(id: rule.id, location: rule.location, reason: error.description)
    }
  }
}
