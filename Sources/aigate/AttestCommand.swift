import ArgumentParser
import Attest
import Attribution
import Foundation
import GitKit

/// Options of `check` that record its verdict as a signed attestation.
struct AttestOptions: ParsableArguments {
  @Option(help: "Write the verdict as a signed in-toto statement (a DSSE envelope) to this file.")
  var attest: String?

  @Flag(help: "Store the signed verdict as a git note on refs/notes/aigate for the head commit.")
  var notes = false

  @Option(help: "The Ed25519 signing key file (default: the AIGATE_ATTEST_KEY variable).")
  var attestKey: String?

  var wanted: Bool { attest != nil || notes }
}

/// `aigate attest`: keys, and checking, showing and auditing signed verdicts.
struct AttestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attest",
    abstract:
      "Signed records of verdicts (keygen, verify, show, audit) and of files (sign-file, verify-file).",
    discussion: """
      'aigate check --attest FILE [--notes]' signs each verdict as an in-toto statement in a \
      DSSE envelope (Ed25519); --notes keeps it as a git note on refs/notes/aigate. Share the \
      notes with 'git push origin refs/notes/aigate' and fetch them with \
      'git fetch origin refs/notes/aigate:refs/notes/aigate'. 'sign-file' and 'verify-file' \
      sign any file with the same keys, e.g. a release's SHA256SUMS, for checking offline.
      """,
    subcommands: [
      Keygen.self, Verify.self, Show.self, Audit.self, SignFile.self, VerifyFile.self,
    ]
  )

  struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "keygen",
      abstract: "Write a new key pair: PREFIX.key (mode 0600) and PREFIX.pub.")

    @Option(help: "Where to write the pair.")
    var out = "aigate-attest"

    func run() throws {
      try AttestKeys.write(privatePath: out + ".key", publicPath: out + ".pub")
      print("wrote \(out).key (private, 0600) and \(out).pub (public)")
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Check an envelope's signature, and that it speaks about the commit.",
      discussion:
        "Exit 0 for a verified passing verdict, 1 for a verified blocked one, 2 on an error.")

    @Argument(help: "The envelope file.")
    var path: String

    @Option(help: "The public key file.")
    var key: String

    @Option(help: "The commit the verdict must be about (default: any; the repository's copy).")
    var commit: String?

    func run() throws {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw AttestError.unreadable(path: path, reason: error.localizedDescription)
      }
      let expected = try commit.map { try Repository.open().resolve($0).hex }
      let statement = try Envelope.parse(text, origin: path).verify(
        with: try AttestKeys.verifyingKey(file: key), commit: expected, origin: path)
      let passed = statement.predicate.verdict.passed
      print(
        "verified: \(path) is signed by \(key) and records a \(passed ? "passed" : "blocked") "
          + "verdict for \(statement.headCommit ?? "?")")
      // A genuine record of a blocked verdict is not an approval: exit 1, as check did.
      if !passed {
        let reasons = statement.predicate.verdict.reasons.joined(separator: "; ")
        Diagnostics.note(
          "the recorded verdict is BLOCKED" + (reasons.isEmpty ? "" : ": \(reasons)"))
        throw ExitStatus.blocked.exitCode
      }
    }
  }

  struct SignFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sign-file",
      abstract: "Write a detached signature of a file (FILE.sig unless --out).")

    @Argument(help: "The file to sign.")
    var path: String

    @Option(help: "The Ed25519 signing key file (default: the AIGATE_ATTEST_KEY variable).")
    var key: String?

    @Option(help: "Where to write the signature.")
    var out: String?

    func run() throws {
      let data = try readFile(path)
      let signingKey = try AttestKeys.signingKey(
        file: key, environment: ProcessInfo.processInfo.environment)
      let target = out ?? path + ".sig"
      let text = try FileSignature.sign(data, with: signingKey)
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
      } catch {
        throw AttestError.unreadable(path: target, reason: error.localizedDescription)
      }
      print("signed: \(target)")
    }
  }

  struct VerifyFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify-file",
      abstract:
        "Check a file's detached signature (FILE.sig unless --signature) with a public key.",
      discussion: "Exit 0 when the signature verifies, 2 otherwise.")

    @Argument(help: "The signed file.")
    var path: String

    @Option(help: "The public key file.")
    var key: String

    @Option(help: "The signature file.")
    var signature: String?

    func run() throws {
      let signaturePath = signature ?? path + ".sig"
      let data = try readFile(path)
      let text = String(decoding: try readFile(signaturePath), as: UTF8.self)
      try FileSignature.verify(
        data, signatureText: text, key: try AttestKeys.verifyingKey(file: key),
        origin: signaturePath)
      print("verified: \(path) is signed by \(key)")
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print the signed verdict stored for a commit on refs/notes/aigate.")

    @Argument(help: "The commit.")
    var commit: String = "HEAD"

    func run() throws {
      let repository = try Repository.open()
      let id = try repository.resolve(commit)
      guard let note = try repository.note(for: id, ref: Auditor.notesRef) else {
        throw CommandFailure.invalidOption(
          "no verdict is stored for \(id.short) on \(Auditor.notesRef)")
      }
      print(note, terminator: note.hasSuffix("\n") ? "" : "\n")
    }
  }

  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "List AI-authored commits in BASE..HEAD that no passing signed verdict covers.",
      discussion: "Exit 0 when every one is covered, 1 when some are not, 2 on an error.")

    @Argument(help: "The range, BASE..HEAD.")
    var range: String

    @Option(help: "The public key verdicts must be signed with.")
    var key: String

    func validate() throws {
      guard range.contains(".."), !range.contains("...") else {
        throw ValidationError("the range is BASE..HEAD")
      }
    }

    func run() throws {
      let parts = range.components(separatedBy: "..")
      let base = parts[0]
      let head = parts.count > 1 && !parts[1].isEmpty ? parts[1] : "HEAD"
      let environment = ProcessInfo.processInfo.environment
      let shipped = try ShippedData.locate(environment: environment)
      let repository = try Repository.open()
      let result = try Auditor.audit(
        repository: repository, base: base, head: head,
        table: try AgentTable.load(path: shipped.agentTable),
        key: try AttestKeys.verifyingKey(file: key))
      for (commit, reason) in result.rejectedNotes {
        Diagnostics.note("ignored the verdict on \(commit.short): \(reason)")
      }
      for commit in result.uncovered {
        let agents = commit.agents.isEmpty ? "" : " (\(commit.agents.joined(separator: ", ")))"
        print("\(commit.id.hex) \(commit.aiLines) AI lines\(agents), no verdict: \(commit.subject)")
      }
      print(
        "\(result.covered.count + result.uncovered.count) AI commits in \(range): "
          + "\(result.covered.count) covered by a signed passing verdict, "
          + "\(result.uncovered.count) not")
      if !result.uncovered.isEmpty { throw ExitStatus.blocked.exitCode }
    }
  }
}

/// A file's bytes, or the attest error naming it.
private func readFile(_ path: String) throws(AttestError) -> Data {
  do {
    return try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    throw .unreadable(path: path, reason: error.localizedDescription)
  }
}
