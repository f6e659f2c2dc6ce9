import Foundation
import Gate

/// `aigate check`'s loading, started from the raw command line before ArgumentParser reads it:
/// the agent table, and the rules from the rule cache (see `Preloads`).
///
/// The raw arguments are only a guess at what the parsed request will name; the runner takes
/// a result only for exactly the inputs it was computed from. Nothing here writes anything.
enum Prefetch {
  /// Set once, by `start`, on the main thread before the arguments are parsed.
  nonisolated(unsafe) private(set) static var preloads = Preloads()
  /// The shipped data `start` located (the command locates it only when this is nil).
  nonisolated(unsafe) private(set) static var shipped: (agentTable: String, rulesets: String)?

  /// Starts the work on another thread when `arguments` run `aigate check` (and do not ask
  /// for a single thread with `-j`).
  static func start(arguments: [String], environment: [String: String]) {
    guard arguments.count > 1, arguments[1] == "check" else { return }
    let options = Array(arguments.dropFirst(2))
    let oneThreadAsked = options.contains {
      $0.hasPrefix("--jobs") || ($0.hasPrefix("-j") && !$0.hasPrefix("--"))
    }
    guard !oneThreadAsked, let shipped = try? ShippedData.locate(environment: environment) else {
      return
    }
    Prefetch.shipped = shipped
    let named = configs(in: options)
    // As the runner chooses: `--config` values qualified from here, else the shipped packs.
    let configs =
      named.isEmpty ? GateRunner.packs(in: shipped.rulesets) : named.map(ShippedData.absolute)
    let directory = named.isEmpty ? nil : FileManager.default.currentDirectoryPath
    preloads = Preloads.start(
      configs: configs, directory: directory, agentTable: shipped.agentTable,
      environment: environment)
  }

  /// The `--config`/`-c`/`-f` values among `options`, in order.
  static func configs(in options: [String]) -> [String] {
    var found: [String] = []
    var index = 0
    while index < options.count {
      let option = options[index]
      if option == "--" { break }
      if ["--config", "-c", "-f"].contains(option), index + 1 < options.count {
        found.append(options[index + 1])
        index += 2
        continue
      }
      if option.hasPrefix("--config=") { found.append(String(option.dropFirst("--config=".count))) }
      index += 1
    }
    return found
  }
}
