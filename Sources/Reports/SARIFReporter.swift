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
  /// `tool.driver.informationUri` of aigate's run; left out when nil.
  public let informationURI: String?

  public init(category: String? = nil, informationURI: String? = AigateTool.informationURI) {
    self.category = category
    self.informationURI = informationURI
  }

  static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  public func render(_ report: Report) throws -> String {
    let index = SourceIndex(sources: report.sources)
    let facts = report.ruleFacts
    // Fingerprints over all findings in report order, whichever run each lands in.
    let fingerprints = Dictionary(
      zip(report.findings, FindingIdentity.fingerprints(report.findings.map(\.finding))),
      uniquingKeysWith: { first, _ in first })
    let runs = EngineName.allCases.compactMap { engine in
      makeRun(engine, report: report, facts: facts, index: index, fingerprints: fingerprints)
    }
    let log = SARIFLog(schema: Self.schemaURI, version: "2.1.0", runs: runs)
    return try ReportEncoding.json(log)
  }

  /// The run of one engine; aigate's always (it judged the change), semgrep's when it ran.
  private func makeRun(
    _ engine: EngineName, report: Report, facts: [String: RuleFacts], index: SourceIndex,
    fingerprints: [GatedFinding: String]
  ) -> SARIFRun? {
    let engineRun = report.engines.first { $0.engine == engine }
    let findings = report.findings.filter { $0.finding.engine == engine }
    if engine != .aigate && engineRun == nil && findings.isEmpty { return nil }

    // Only the rules with results are described, so the file grows with the findings, not
    // with the rule packs (a shipped-pack run would otherwise describe every rule).
    let ordered = Set(findings.map(\.finding.ruleID)).sorted()
    let ruleIndex = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    let descriptors = ordered.compactMap { facts[$0].map(descriptor) }

    let results = findings.map { gated in
      result(
        gated, facts: facts, ruleIndex: ruleIndex, index: index,
        fingerprint: fingerprints[gated])
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
        name: "aigate", version: report.toolVersion, informationUri: informationURI,
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
      invocations: [invocation], results: results, properties: properties)
  }

  /// aigate's own fingerprint in `partialFingerprints`: the rule, the path and the matched text
  /// with its occurrence, so it survives edits elsewhere in the file (the JSON report's
  /// `extra.fingerprint` is the same value).
  static let fingerprintKey = "aigateFindingHash/v1"

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

  /// One result: the rule's own level (whether it blocks is in `properties.blocking`, so one
  /// rule never shows two severities), the matched lines as the snippet, the rule's fix as a
  /// replacement, and fingerprints that survive unrelated edits.
  private func result(
    _ gated: GatedFinding, facts: [String: RuleFacts], ruleIndex: [String: Int],
    index: SourceIndex, fingerprint: String?
  ) -> SARIFResult {
    let finding = gated.finding
    let location = index.resolve(finding)
    let level = facts[finding.ruleID]?.sarifLevel ?? "warning"
    let artifact = SARIFArtifactLocation(
      uri: URIPath.encode(finding.path), uriBaseId: "%SRCROOT%")
    let region = SARIFRegion(
      startLine: location.startLine, startColumn: location.startColumn,
      endLine: location.endLine, endColumn: location.endColumn,
      snippet: finding.lines.isEmpty
        ? nil : SARIFArtifactContent(text: TextLimit.truncate(finding.lines, to: 4096)))
    let fixes = finding.fix.map { fix in
      [
        SARIFFix(
          description: SARIFMessage(text: "Replace the match with the rule's fix.", markdown: nil),
          artifactChanges: [
            SARIFArtifactChange(
              artifactLocation: artifact,
              replacements: [
                SARIFReplacement(
                  deletedRegion: SARIFRegion(
                    startLine: location.startLine, startColumn: location.startColumn,
                    endLine: location.endLine, endColumn: location.endColumn, snippet: nil),
                  insertedContent: SARIFArtifactContent(text: fix))
              ])
          ])
      ]
    }
    var partialFingerprints: [String: String] = [:]
    if let lineHash = location.lineHash {
      partialFingerprints["primaryLocationLineHash"] = lineHash
    }
    if let fingerprint { partialFingerprints[Self.fingerprintKey] = fingerprint }
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
          physicalLocation: SARIFPhysicalLocation(artifactLocation: artifact, region: region))
      ],
      partialFingerprints: partialFingerprints.isEmpty ? nil : partialFingerprints,
      suppressions: suppressions, fixes: fixes,
      properties: GatedFacts(gated))
  }
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
  /// Left out when nil (aigate's own, unless a packager set `AigateTool.informationURI`).
  let informationUri: String?
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
  let fixes: [SARIFFix]?
  let properties: GatedFacts
}

struct SARIFArtifactContent: Encodable {
  let text: String
}

struct SARIFFix: Encodable {
  let description: SARIFMessage
  let artifactChanges: [SARIFArtifactChange]
}

struct SARIFArtifactChange: Encodable {
  let artifactLocation: SARIFArtifactLocation
  let replacements: [SARIFReplacement]
}

struct SARIFReplacement: Encodable {
  let deletedRegion: SARIFRegion
  let insertedContent: SARIFArtifactContent
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
  let snippet: SARIFArtifactContent?
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
