import Attribution
import Foundation
import Gate
import Rules

/// SARIF 2.1.0 shaped for GitHub code scanning (and read by GitLab and IDEs): one run per engine,
/// every rule that ran described, UTF-16 columns, GitHub's own line fingerprints.
public struct SARIFReporter: Reporter {
  /// `runs[].automationDetails.id`'s category (`--sarif-category`), so several analyses of one
  /// commit keep their alerts apart; nil leaves it to the uploader.
  public let category: String?

  public init(category: String? = nil) {
    self.category = category
  }

  static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  public func render(_ report: Report) throws -> String {
    let index = SourceIndex(sources: report.sources)
    let facts = report.ruleFacts
    let runs = EngineName.allCases.compactMap { engine in
      makeRun(engine, report: report, facts: facts, index: index)
    }
    let log = SARIFLog(schema: Self.schemaURI, version: "2.1.0", runs: runs)
    return try ReportEncoding.json(log)
  }

  /// The run of one engine; aigate's always (it judged the change), semgrep's when it ran.
  private func makeRun(
    _ engine: EngineName, report: Report, facts: [String: RuleFacts], index: SourceIndex
  ) -> SARIFRun? {
    let engineRun = report.engines.first { $0.engine == engine }
    let findings = report.findings.filter { $0.finding.engine == engine }
    if engine != .aigate && engineRun == nil && findings.isEmpty { return nil }

    let notRun = Set(report.notRun.map(\.id))
    var ruleIDs = Set(
      report.rules.filter { entry in
        switch (engine, entry.execution) {
        case (.aigate, .inProcess): return true
        case (.semgrep, .semgrepOnly): return engineRun != nil && !notRun.contains(entry.rule.id)
        default: return false
        }
      }.map(\.rule.id))
    if engine == .aigate && !report.aiMaySuppress { ruleIDs.insert(RuleFacts.suppression.id) }
    ruleIDs.formUnion(findings.map(\.finding.ruleID))
    let ordered = ruleIDs.sorted()
    let ruleIndex = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    let descriptors = ordered.compactMap { facts[$0].map(descriptor) }

    let results = findings.map { gated in
      result(gated, facts: facts, ruleIndex: ruleIndex, index: index)
    }
    var configuration: [SARIFNotification] = []
    if engine == .aigate {
      configuration = report.notRun.map { entry in
        SARIFNotification(
          level: "warning",
          message: SARIFMessage(
            text: "Rule \(entry.id) did not run: \(entry.reason).", markdown: nil),
          associatedRule: SARIFRuleReference(id: entry.id))
      }
    }
    let invocation = SARIFInvocation(
      executionSuccessful: true,
      toolExecutionNotifications: ((engineRun?.warnings ?? []).map { warning in
        SARIFNotification(
          level: "warning", message: SARIFMessage(text: warning, markdown: nil),
          associatedRule: nil)
      }
        + (engineRun?.failures ?? []).map { failure in
          SARIFNotification(
            level: "warning", message: SARIFMessage(text: failure.message, markdown: nil),
            associatedRule: SARIFRuleReference(id: failure.ruleID))
        }).nonEmpty,
      toolConfigurationNotifications: configuration.nonEmpty)

    let driver: SARIFDriver
    switch engine {
    case .aigate:
      driver = SARIFDriver(
        name: "aigate", version: report.toolVersion, informationUri: AigateTool.informationURI,
        rules: descriptors)
    case .semgrep:
      driver = SARIFDriver(
        name: "semgrep", version: engineRun?.version, informationUri: "https://semgrep.dev",
        rules: descriptors)
    }
    var properties: SARIFRunProperties?
    if engine == .aigate {
      properties = SARIFRunProperties(
        verdict: report.verdict.passed ? "pass" : "fail", reasons: report.verdict.reasons)
    }
    return SARIFRun(
      tool: SARIFTool(driver: driver),
      automationDetails: category.map { SARIFAutomationDetails(id: Self.automationID($0)) },
      columnKind: "utf16CodeUnits",
      originalUriBaseIds: [
        "%SRCROOT%": SARIFArtifactLocation(
          uri: URL(fileURLWithPath: report.root, isDirectory: true).absoluteString, uriBaseId: nil)
      ],
      invocations: [invocation], results: results, properties: properties)
  }

  /// GitHub reads the part of the id before its last `/` as the category.
  static func automationID(_ category: String) -> String {
    category.hasSuffix("/") ? category : category + "/"
  }

  private func descriptor(_ facts: RuleFacts) -> SARIFRuleDescriptor {
    var tags: [String] = []
    if facts.isSecurity {
      tags.append("security")
    } else if let category = facts.category {
      tags.append(category)
    }
    tags.append("ai-authored-code")
    tags += facts.cweIDs.map { "external/cwe/\($0.lowercased())" }
    tags += facts.owaspIDs.map { "external/owasp/\($0.lowercased())" }
    return SARIFRuleDescriptor(
      id: facts.id, name: facts.id,
      shortDescription: SARIFMessage(
        text: TextLimit.truncate(facts.summary, to: 1024), markdown: nil),
      fullDescription: SARIFMessage(
        text: TextLimit.truncate(facts.message.isEmpty ? facts.id : facts.message, to: 1024),
        markdown: nil),
      help: help(facts),
      helpUri: facts.references.first { $0.hasPrefix("https://") || $0.hasPrefix("http://") },
      defaultConfiguration: SARIFConfiguration(level: facts.sarifLevel),
      properties: SARIFRuleProperties(
        tags: Array(tags.prefix(20)), precision: facts.precision,
        securitySeverity: facts.isSecurity ? facts.securitySeverityText : nil))
  }

  private func help(_ facts: RuleFacts) -> SARIFMessage {
    var text = facts.message.isEmpty ? facts.id : facts.message
    var markdown = text
    let classification = facts.cweNames + facts.owaspNames
    if !classification.isEmpty {
      text += "\n\n" + classification.joined(separator: "\n")
      markdown += "\n\n" + classification.map { "- \(Markdown.escape($0))" }.joined(separator: "\n")
    }
    if !facts.references.isEmpty {
      text += "\n\nReferences:\n" + facts.references.map { "- \($0)" }.joined(separator: "\n")
      markdown +=
        "\n\n#### References\n"
        + facts.references.map { "- <\($0)>" }.joined(separator: "\n")
    }
    return SARIFMessage(text: text, markdown: markdown)
  }

  private func result(
    _ gated: GatedFinding, facts: [String: RuleFacts], ruleIndex: [String: Int],
    index: SourceIndex
  ) -> SARIFResult {
    let finding = gated.finding
    let location = index.resolve(finding)
    let level: String
    if gated.blocking {
      level = "error"
    } else {
      let ruleLevel = facts[finding.ruleID]?.sarifLevel ?? "warning"
      level = ruleLevel == "error" ? "warning" : ruleLevel
    }
    let suppressions = gated.suppressedBy.map { comment in
      [
        SARIFSuppression(
          kind: "inSource", status: "accepted",
          justification: "\(comment.marker) comment on line \(comment.line)")
      ]
    }
    return SARIFResult(
      ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID], level: level,
      message: SARIFMessage(
        text: finding.message.isEmpty ? finding.ruleID : finding.message,
        markdown: nil),
      locations: [
        SARIFLocation(
          physicalLocation: SARIFPhysicalLocation(
            artifactLocation: SARIFArtifactLocation(
              uri: URIPath.encode(finding.path), uriBaseId: "%SRCROOT%"),
            region: SARIFRegion(
              startLine: location.startLine, startColumn: location.startColumn,
              endLine: location.endLine, endColumn: location.endColumn)))
      ],
      partialFingerprints: location.lineHash.map { ["primaryLocationLineHash": $0] },
      suppressions: suppressions,
      properties: GatedFacts(gated))
  }
}

/// aigate's identity in reports.
public enum AigateTool {
  /// Where users read about aigate (SARIF `tool.driver.informationUri`).
  public static let informationURI = "https://github.com/aigate-dev/aigate"
}

/// Repository paths as URI references.
enum URIPath {
  /// Percent-encodes a relative path; `:` too, so that a first segment never reads as a scheme.
  static func encode(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(":")
    return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
  }
}

/// Shared JSON encoding: sorted keys, so reports are byte-for-byte deterministic.
enum ReportEncoding {
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
      throw ReportError.encoding(format: String(describing: type(of: value)), reason: "\(error)")
    }
  }
}

extension Array {
  /// nil for an empty array, so optional SARIF lists are left out rather than written empty.
  var nonEmpty: [Element]? { isEmpty ? nil : self }
}

// MARK: - The SARIF 2.1.0 objects aigate writes

struct SARIFLog: Encodable {
  let schema: String
  let version: String
  let runs: [SARIFRun]

  enum CodingKeys: String, CodingKey {
    case schema = "$schema"
    case version
    case runs
  }
}

struct SARIFRun: Encodable {
  let tool: SARIFTool
  let automationDetails: SARIFAutomationDetails?
  let columnKind: String
  let originalUriBaseIds: [String: SARIFArtifactLocation]
  let invocations: [SARIFInvocation]
  let results: [SARIFResult]
  let properties: SARIFRunProperties?
}

struct SARIFTool: Encodable {
  let driver: SARIFDriver
}

struct SARIFDriver: Encodable {
  let name: String
  let version: String?
  let informationUri: String
  let rules: [SARIFRuleDescriptor]
}

struct SARIFAutomationDetails: Encodable {
  let id: String
}

struct SARIFMessage: Encodable {
  let text: String
  let markdown: String?
}

struct SARIFRuleDescriptor: Encodable {
  let id: String
  let name: String
  let shortDescription: SARIFMessage
  let fullDescription: SARIFMessage
  let help: SARIFMessage
  let helpUri: String?
  let defaultConfiguration: SARIFConfiguration
  let properties: SARIFRuleProperties
}

struct SARIFConfiguration: Encodable {
  let level: String
}

struct SARIFRuleProperties: Encodable {
  let tags: [String]
  let precision: String
  let securitySeverity: String?

  enum CodingKeys: String, CodingKey {
    case tags
    case precision
    case securitySeverity = "security-severity"
  }
}

struct SARIFInvocation: Encodable {
  let executionSuccessful: Bool
  let toolExecutionNotifications: [SARIFNotification]?
  let toolConfigurationNotifications: [SARIFNotification]?
}

struct SARIFNotification: Encodable {
  let level: String
  let message: SARIFMessage
  let associatedRule: SARIFRuleReference?
}

struct SARIFRuleReference: Encodable {
  let id: String
}

struct SARIFResult: Encodable {
  let ruleId: String
  let ruleIndex: Int?
  let level: String
  let message: SARIFMessage
  let locations: [SARIFLocation]
  let partialFingerprints: [String: String]?
  let suppressions: [SARIFSuppression]?
  let properties: GatedFacts
}

struct SARIFLocation: Encodable {
  let physicalLocation: SARIFPhysicalLocation
}

struct SARIFPhysicalLocation: Encodable {
  let artifactLocation: SARIFArtifactLocation
  let region: SARIFRegion
}

struct SARIFArtifactLocation: Encodable {
  let uri: String
  let uriBaseId: String?
}

struct SARIFRegion: Encodable {
  let startLine: Int
  let startColumn: Int?
  let endLine: Int
  let endColumn: Int?
}

struct SARIFSuppression: Encodable {
  let kind: String
  let status: String
  let justification: String
}

struct SARIFRunProperties: Encodable {
  let verdict: String
  let reasons: [String]
}
