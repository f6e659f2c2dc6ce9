import Foundation

/// One line of `aigate rules list`, as plain values ready for text or JSON.
public struct RuleListing: Codable, Sendable, Hashable {
  /// The id reports use, qualified by the folders of the config as semgrep qualifies it.
  public var id: String
  /// The id as the rule file writes it.
  public var writtenID: String
  public var languages: [String]
  public var severity: String
  public var mode: String
  /// `aigate` or `semgrep`.
  public var engine: String
  /// Why semgrep runs it, when it does.
  public var reason: String?
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String
  public var metadata: JSONValue

  public init(rule: Rule, execution: Execution) {
    id = rule.id
    writtenID = rule.bareID
    languages = rule.languages.map(\.rawValue)
    severity = rule.severity.rawValue
    mode = rule.mode.rawValue
    switch execution {
    case .inProcess:
      engine = "aigate"
      reason = nil
    case .semgrepOnly(let why):
      engine = "semgrep"
      reason = why
    }
    path = rule.location.file
    line = rule.location.line
    column = rule.location.column
    message = rule.message
    metadata = rule.metadata
  }

  /// The listings as a JSON document `{"rules": […]}` with sorted keys, for stable output.
  public static func json(_ listings: [RuleListing]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(["rules": listings])
    return String(decoding: data, as: UTF8.self)
  }

  /// The widest line `compact` writes.
  public static let compactWidth = 100

  /// One line per rule, at most `compactWidth` columns: severity, engine, languages and id
  /// (a line that would be longer ends in "…"), then a count; `table` has the reasons and places.
  public static func compact(_ listings: [RuleListing]) -> String {
    var lines = listings.map { listing in
      let languages = listing.languages.joined(separator: ",")
      let line =
        listing.severity.padding(toLength: 9, withPad: " ", startingAt: 0)
        + listing.engine.padding(toLength: 8, withPad: " ", startingAt: 0)
        + (languages.count > 16 ? String(languages.prefix(15)) + "…" : languages)
        .padding(toLength: 17, withPad: " ", startingAt: 0) + listing.id
      return line.count > compactWidth ? String(line.prefix(compactWidth - 1)) + "…" : line
    }
    let semgrep = listings.filter { $0.engine == "semgrep" }.count
    lines.append(
      "\(listings.count) rule\(listings.count == 1 ? "" : "s"): \(listings.count - semgrep) run in "
        + "aigate, \(semgrep) in semgrep (--long says why, and where each is defined)")
    return lines.joined(separator: "\n")
  }

  /// The listings as aligned columns: id, languages, severity, engine (with reason), place.
  public static func table(_ listings: [RuleListing]) -> String {
    let rows =
      [["ID", "LANGUAGES", "SEVERITY", "ENGINE", "DEFINED AT"]]
      + listings.map { listing in
        [
          listing.id, listing.languages.joined(separator: ","), listing.severity,
          listing.reason.map { "\(listing.engine) (\($0))" } ?? listing.engine,
          "\(listing.path):\(listing.line)",
        ]
      }
    let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
