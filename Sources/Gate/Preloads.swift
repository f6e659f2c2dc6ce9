import Attribution
import Foundation
import Rules

/// Loading a command starts before its arguments are parsed (parsing takes about ten
/// milliseconds of a hook run's fifty), offered to the runner.
///
/// Each closure answers for the inputs the parsed request names and returns nil unless the
/// work was done on exactly those: a guess from the raw arguments that turns out wrong costs
/// only the work, never the result.
public struct Preloads: Sendable {
  /// The rules `configs` load to, qualified from `directory`, when they were read through the
  /// rule cache in `cacheFolder` (the caller marks the entry used).
  public var rules:
    (@Sendable (_ configs: [String], _ directory: String?, _ cacheFolder: String) -> CachedRules?)?
  /// The agent table at `path`, loaded and sound.
  public var agentTable: (@Sendable (_ path: String) -> AgentTable?)?

  public init() {}
}

extension Preloads {
  /// Starts loading the agent table and the rules on another thread.
  ///
  /// The table is the one at `agentTable`; the rules are those `configs` (qualified from
  /// `directory`) load to from the rule cache `environment` names. The result answers only
  /// for those inputs. Reads only: a rule cache miss is left to the runner, which decodes the
  /// rules and keeps them.
  public static func start(
    configs: [String], directory: String?, agentTable: String, environment: [String: String]
  ) -> Preloads {
    let table = Early<AgentTable>()
    let rules = Early<CachedRules>()
    DispatchQueue.global(qos: .userInitiated).async {
      // The table first: reading the change needs it before the rules are needed.
      table.finish(try? AgentTable.load(path: agentTable))
      rules.finish(
        RuleCache.standard(environment: environment, outside: nil).flatMap {
          RuleLoader.peek(configs: configs, qualifyingFrom: directory, cache: $0)
        })
    }
    var preloads = Preloads()
    preloads.agentTable = { path in
      path == agentTable ? table.value() : nil
    }
    preloads.rules = { asked, askedDirectory, cacheFolder in
      guard asked == configs, askedDirectory == directory, let early = rules.value(),
        early.folder == cacheFolder
      else { return nil }
      return early
    }
    return preloads
  }
}

/// A value computed on another thread, waited for by whoever asks.
private final class Early<Value: Sendable>: @unchecked Sendable {
  private var result: Value?
  private let done = DispatchSemaphore(value: 0)

  func finish(_ value: Value?) {
    result = value
    done.signal()
  }

  func value() -> Value? {
    done.wait()
    done.signal()
    return result
  }
}
