import Foundation
import GitKit

/// A run of consecutive added lines with the same attribution; 1-based, inclusive.
public struct AttributedRange: Hashable, Sendable {
  public let start: Int
  public let end: Int
  public let attribution: LineAttribution

  public init(start: Int, end: Int, attribution: LineAttribution) {
    self.start = start
    self.end = end
    self.attribution = attribution
  }

  public var lines: ClosedRange<Int> { start...end }
}

/// The attribution of one file's added lines.
public struct FileAttribution: Hashable, Sendable {
  public let path: String
  /// Cover every added line, in order; gaps are lines the change did not add.
  public let ranges: [AttributedRange]

  public init(path: String, ranges: [AttributedRange]) {
    self.path = path
    self.ranges = ranges
  }

  /// Groups per-line attributions (ascending lines) into maximal ranges.
  public init(path: String, lines: [(Int, LineAttribution)]) {
    var ranges: [AttributedRange] = []
    for (line, attribution) in lines {
      if let last = ranges.last, last.end + 1 == line, last.attribution == attribution {
        ranges[ranges.count - 1] = AttributedRange(
          start: last.start, end: line, attribution: attribution)
      } else {
        ranges.append(AttributedRange(start: line, end: line, attribution: attribution))
      }
    }
    self.init(path: path, ranges: ranges)
  }

  /// The attribution of an added `line`; nil when the change did not add it.
  public func attribution(line: Int) -> LineAttribution? {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = ranges[middle]
      if line < range.start {
        high = middle - 1
      } else if line > range.end {
        low = middle + 1
      } else {
        return range.attribution
      }
    }
    return nil
  }
}

/// Added lines counted by authorship and by agent.
public struct AttributionSummary: Hashable, Sendable {
  public let added: Int
  public let ai: Int
  public let human: Int
  public let unknown: Int
  public let maintenanceBot: Int
  /// Lines per agent name (AI agents and maintenance bots).
  public let byAgent: [String: Int]

  public init(files: [FileAttribution]) {
    var counts: [Authorship: Int] = [:]
    var byAgent: [String: Int] = [:]
    for file in files {
      for range in file.ranges {
        let count = range.end - range.start + 1
        counts[range.attribution.authorship, default: 0] += count
        if let agent = range.attribution.agent { byAgent[agent, default: 0] += count }
      }
    }
    ai = counts[.ai] ?? 0
    human = counts[.human] ?? 0
    unknown = counts[.unknown] ?? 0
    maintenanceBot = counts[.maintenanceBot] ?? 0
    added = ai + human + unknown + maintenanceBot
    self.byAgent = byAgent
  }

  /// The share of added lines an AI wrote, 0 when nothing was added.
  public var aiShare: Double { added == 0 ? 0 : Double(ai) / Double(added) }
}

/// The one JSON form of a summary, for `aigate attribution`, `check`'s JSON report and signed
/// verdicts alike: `{added, ai, human, unknown, maintenance_bot, ai_share, by_agent}`, the share
/// rounded to 4 places (it is derived from the counts, so reading it back ignores it).
extension AttributionSummary: Codable {
  enum CodingKeys: String, CodingKey {
    case added, ai, human, unknown
    case maintenanceBot = "maintenance_bot"
    case aiShare = "ai_share"
    case byAgent = "by_agent"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(added, forKey: .added)
    try container.encode(ai, forKey: .ai)
    try container.encode(human, forKey: .human)
    try container.encode(unknown, forKey: .unknown)
    try container.encode(maintenanceBot, forKey: .maintenanceBot)
    try container.encode((aiShare * 10000).rounded() / 10000, forKey: .aiShare)
    try container.encode(byAgent, forKey: .byAgent)
  }

  /// The keys of the camelCase form verdicts were signed with before this one, so that an
  /// older attestation still verifies and audits.
  enum EarlierKeys: String, CodingKey {
    case maintenanceBot, byAgent
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let earlier = try decoder.container(keyedBy: EarlierKeys.self)
    added = try container.decode(Int.self, forKey: .added)
    ai = try container.decode(Int.self, forKey: .ai)
    human = try container.decode(Int.self, forKey: .human)
    unknown = try container.decode(Int.self, forKey: .unknown)
    maintenanceBot =
      try container.decodeIfPresent(Int.self, forKey: .maintenanceBot)
      ?? earlier.decode(Int.self, forKey: .maintenanceBot)
    byAgent =
      try container.decodeIfPresent([String: Int].self, forKey: .byAgent)
      ?? earlier.decode([String: Int].self, forKey: .byAgent)
  }
}

/// Who wrote each added line of a change.
public struct AttributionReport: Hashable, Sendable {
  /// The merge-base the change starts from (HEAD for a staged change); nil from the empty tree.
  public let base: ObjectID?
  /// The head commit; nil for a staged change.
  public let head: ObjectID?
  /// Files with added lines, sorted by path.
  public let files: [FileAttribution]
  public let summary: AttributionSummary

  public init(base: ObjectID?, head: ObjectID?, files: [FileAttribution]) {
    self.base = base
    self.head = head
    self.files = files.sorted { $0.path < $1.path }
    summary = AttributionSummary(files: files)
  }

  /// The attribution of added `line` in `path`; nil when the change did not add it.
  public func attribution(path: String, line: Int) -> LineAttribution? {
    files.first { $0.path == path }?.attribution(line: line)
  }
}
