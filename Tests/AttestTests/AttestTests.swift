import Attribution
import Crypto
import Foundation
import Gate
import GitKit
import Rules
import TestSupport
import Testing

@testable import Attest

/// A repository with a base commit and one AI commit, and a gate run over that range built in
/// code (the verdict's contents do not matter to signing).
func attestedRun(passed: Bool = true) throws -> (ScratchRepository, Repository, GateRun) {
  let repo = try ScratchRepository()
  try repo.write("a.py", "x = 1\n")
  let base = try repo.commit("base")
  try repo.write("a.py", "x = 1\ny = 2\n")
  let head = try repo.commit("AI change\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
  let repository = try Repository.open(at: repo.path, environment: [:])
  let headID = try repository.resolve(head)
  let ai = LineAttribution(authorship: .ai, agent: "Claude Code", commit: headID, evidence: nil)
  let baseID = try repository.resolve(base)
  let attribution = AttributionReport(
    base: baseID, head: headID, files: [FileAttribution(path: "a.py", lines: [(2, ai)])])
  let run = GateRun.assembled(
    evaluation: Evaluation.assembled(
      verdict: Verdict(passed: passed, reasons: passed ? [] : ["1 blocking finding"]),
      findings: []),
    attribution: attribution, rules: [], engines: [], scanned: ["a.py"], root: repo.path,
    changeSet: try repository.changeSet(mergeBase: baseID, head: headID))
  return (repo, repository, run)
}

@Suite("Signed verdicts")
struct AttestTests {
  let key = Curve25519.Signing.PrivateKey()

  @Test("A signed statement verifies and names the head commit and its range")
  func roundTrip() throws {
    let (repo, repository, run) = try attestedRun()
    defer { withExtendedLifetime(repo) {} }
    let statement = try Statement.make(run: run, aigateVersion: "1.2.3")
    let envelope = try Envelope.sign(statement, with: key)
    let back = try Envelope.parse(try envelope.text(), origin: "t").verify(
      with: key.publicKey, commit: run.attribution.head?.hex, origin: "t")
    #expect(back == statement)
    #expect(back.predicate.commits == [run.attribution.head?.hex])
    #expect(back.predicate.lines.ai == 1)
    #expect(back.predicate.tools.first == VerdictPredicate.Tool(name: "aigate", version: "1.2.3"))
    #expect(back.statementType == "https://in-toto.io/Statement/v1")
  }

  @Test("A verdict signed with the earlier camelCase line counts still verifies and reads")
  func earlierLineCounts() throws {
    let (repo, _, run) = try attestedRun()
    defer { withExtendedLifetime(repo) {} }
    let statement = try Statement.make(run: run, aigateVersion: "1.2.3")
    // The statement as an earlier build wrote it: `maintenanceBot`/`byAgent`, no `ai_share`.
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(statement)) as? [String: Any])
    var predicate = try #require(object["predicate"] as? [String: Any])
    var lines = try #require(predicate["lines"] as? [String: Any])
    lines["maintenanceBot"] = lines.removeValue(forKey: "maintenance_bot")
    lines["byAgent"] = lines.removeValue(forKey: "by_agent")
    lines.removeValue(forKey: "ai_share")
    #expect(
      lines.keys.sorted() == ["added", "ai", "byAgent", "human", "maintenanceBot", "unknown"])
    predicate["lines"] = lines
    object["predicate"] = predicate
    // Signed as those bytes, so verification reads the earlier form itself.
    let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    let signature = try key.signature(
      for: Envelope.preAuthenticationEncoding(type: Envelope.payloadType, body: body))
    let envelope = Envelope(
      payload: body.base64EncodedString(), payloadType: Envelope.payloadType,
      signatures: [
        Envelope.Signature(
          keyid: AttestKeys.keyID(key.publicKey), sig: signature.base64EncodedString())
      ])
    let back = try Envelope.parse(try envelope.text(), origin: "t").verify(
      with: key.publicKey, commit: run.attribution.head?.hex, origin: "t")
    #expect(back.predicate.lines == statement.predicate.lines)
    #expect(back.predicate.lines.byAgent == ["Claude Code": 1])
  }

  @Test("Changing any byte of the statement fails verification")
  func everyByte() throws {
    let (repo, repository, run) = try attestedRun()
    defer { withExtendedLifetime(repo) {} }
    let envelope = try Envelope.sign(
      try Statement.make(run: run, aigateVersion: "1"), with: key)
    let body = try #require(Data(base64Encoded: envelope.payload))
    for index in body.indices {
      var tampered = body
      tampered[index] ^= 0x01
      let forged = Envelope(
        payload: tampered.base64EncodedString(), payloadType: envelope.payloadType,
        signatures: envelope.signatures)
      #expect(throws: AttestError.self, "byte \(index)") {
        try forged.verify(with: key.publicKey, origin: "t")
      }
    }
  }

  @Test("A wrong key and a verdict for another commit fail")
  func wrongKeyAndCommit() throws {
    let (repo, repository, run) = try attestedRun()
    defer { withExtendedLifetime(repo) {} }
    let envelope = try Envelope.sign(
      try Statement.make(run: run, aigateVersion: "1"), with: key)
    #expect(throws: AttestError.self) {
      try envelope.verify(with: Curve25519.Signing.PrivateKey().publicKey, origin: "t")
    }
    #expect(throws: AttestError.self) {
      try envelope.verify(
        with: key.publicKey, commit: run.attribution.base?.hex, origin: "t")
    }
  }

  @Test("Key files: the private key is 0600, and both read back")
  func keyFiles() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-keys-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try AttestKeys.write(privatePath: folder + "/k.key", publicPath: folder + "/k.pub")
    let mode =
      try FileManager.default.attributesOfItem(atPath: folder + "/k.key")[
        .posixPermissions] as? Int
    #expect(mode == 0o600)
    let signing = try AttestKeys.signingKey(file: folder + "/k.key", environment: [:])
    let verifying = try AttestKeys.verifyingKey(file: folder + "/k.pub")
    #expect(signing.key.publicKey.rawRepresentation == verifying.rawRepresentation)
    #expect(throws: AttestError.self) {
      try AttestKeys.write(privatePath: folder + "/k.key", publicPath: folder + "/other.pub")
    }
    #expect(throws: AttestError.self) {
      try AttestKeys.verifyingKey(file: folder + "/k.key")
    }
  }

  @Test("A private key others can read is refused, as ssh refuses it")
  func openKeyRefused() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigate-keys-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try AttestKeys.write(privatePath: folder + "/k.key", publicPath: folder + "/k.pub")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644], ofItemAtPath: folder + "/k.key")
    #expect {
      _ = try AttestKeys.signingKey(file: folder + "/k.key", environment: [:])
    } throws: { error in
      "\(error)".contains("permissions 0644 are too open")
    }
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o400], ofItemAtPath: folder + "/k.key")
    _ = try AttestKeys.signingKey(file: folder + "/k.key", environment: [:])
  }

  @Test("Audit does not count a pass given under a policy the change wrote itself")
  func auditSelfRelaxedPolicy() throws {
    let repo = try ScratchRepository()
    let strict = "gate: {ai: {block: [ERROR]}}\n"
    try repo.write(".aigate.yml", strict)
    try repo.write("a.py", "x = 1\n")
    let base = try repo.commit("base")
    try repo.write(".aigate.yml", "gate: {ai: {block: []}}\n")
    try repo.write("a.py", "x = eval(input())\n")
    let head = try repo.commit("AI change\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let headID = try repository.resolve(head)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let table = try AgentTable.load(path: root + "/rulesets/agents.yaml")

    // A verdict whose policy is the change's own copy (what reading the working tree gave).
    func audited() throws -> Auditor.Result {
      var policy = Policy.defaults
      policy.file = repo.path + "/.aigate.yml"
      let run = GateRun.assembled(
        evaluation: Evaluation.assembled(
          verdict: Verdict(passed: true, reasons: []), findings: []),
        attribution: AttributionReport(
          base: try repository.resolve(base), head: headID, files: []),
        policy: policy, rules: [], engines: [], scanned: [], root: repo.path,
        changeSet: try repository.changeSet(
          mergeBase: try repository.resolve(base), head: headID))
      let text = try Envelope.sign(
        try Statement.make(run: run, aigateVersion: "1"), with: key
      ).text()
      try repository.writeNote(text, for: headID, ref: Auditor.notesRef)
      return try Auditor.audit(
        repository: repository, base: base, head: "HEAD", table: table, key: key.publicKey)
    }
    let relaxed = try audited()
    #expect(relaxed.uncovered.map(\.id.hex) == [head])
    #expect(relaxed.rejectedNotes.first?.reason.contains("not the merge-base's") == true)
    // The same verdict under the merge-base's policy covers the commit.
    try repo.write(".aigate.yml", strict)
    let trusted = try audited()
    #expect(trusted.covered.map(\.id.hex) == [head])
    #expect(trusted.rejectedNotes.isEmpty)
  }

  @Test("Notes survive a clone that fetches refs/notes/aigate")
  func notesSurviveClone() throws {
    let (repo, repository, run) = try attestedRun()
    let head = try #require(run.attribution.head)
    let text = try Envelope.sign(
      try Statement.make(run: run, aigateVersion: "1"), with: key
    ).text()
    try repository.writeNote(text, for: head, ref: Auditor.notesRef)
    #expect(try repository.notedCommits(ref: Auditor.notesRef) == [head])
    let clonePath = repo.path + "-clone"
    defer { try? FileManager.default.removeItem(atPath: clonePath) }
    try repo.git(["clone", "-q", repo.path, clonePath])
    let clone = ScratchRepository(existing: clonePath, sharingHomeWith: repo)
    try clone.git(["fetch", "-q", "origin", "refs/notes/aigate:refs/notes/aigate"])
    let cloned = try Repository.open(at: clonePath, environment: [:])
    let note = try #require(try cloned.note(for: head, ref: Auditor.notesRef))
    _ = try Envelope.parse(note, origin: "clone").verify(
      with: key.publicKey, commit: head.hex, origin: "clone")
  }

  @Test("Audit finds the one AI commit that was never gated")
  func audit() throws {
    let repo = try ScratchRepository()
    try repo.write("a.py", "x = 1\n")
    let base = try repo.commit("base")
    try repo.write("a.py", "x = 1\ny = 2\n")
    let gated = try repo.commit("AI one\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
    try repo.write("b.py", "z = 3\n")
    try repo.commit("a person's change")
    try repo.write("c.py", "w = 4\n")
    let ungated = try repo.commit("AI two\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let gatedID = try repository.resolve(gated)
    let baseID = try repository.resolve(base)
    let attribution = AttributionReport(base: baseID, head: gatedID, files: [])
    let run = GateRun.assembled(
      evaluation: Evaluation.assembled(verdict: Verdict(passed: true, reasons: []), findings: []),
      attribution: attribution, rules: [], engines: [], scanned: [], root: repo.path,
      changeSet: try repository.changeSet(mergeBase: baseID, head: gatedID))
    let text = try Envelope.sign(
      try Statement.make(run: run, aigateVersion: "1"), with: key
    ).text()
    try repository.writeNote(text, for: gatedID, ref: Auditor.notesRef)
    // The same verdict copied onto the other AI commit names another commit: rejected.
    try repository.writeNote(text, for: try repository.resolve(ungated), ref: Auditor.notesRef)

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let table = try AgentTable.load(path: root + "/rulesets/agents.yaml")
    let result = try Auditor.audit(
      repository: repository, base: base, head: "HEAD", table: table, key: key.publicKey)
    #expect(result.uncovered.map(\.id.hex) == [ungated])
    #expect(result.covered.map(\.id.hex) == [gated])
    #expect(result.rejectedNotes.count == 1)
  }
}
