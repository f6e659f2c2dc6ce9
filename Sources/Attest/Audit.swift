import Attribution
import Crypto
import Foundation
import GitKit

/// Finds AI-authored commits that no passing, validly signed verdict covers.
public enum Auditor {
  /// The notes ref verdict envelopes are kept on.
  public static let notesRef = "refs/notes/aigate"

  /// A commit that introduced AI-authored lines.
  public struct AICommit: Hashable, Sendable {
    public let id: ObjectID
    public let subject: String
    public let aiLines: Int
    public let agents: [String]
  }

  /// What an audit found.
  public struct Result: Sendable {
    /// AI commits in the range that no passing, verified verdict covers.
    public let uncovered: [AICommit]
    /// AI commits that one does.
    public let covered: [AICommit]
    /// Notes that were present but did not verify, with the reason.
    public let rejectedNotes: [(commit: ObjectID, reason: String)]
  }

  /// Audits `base..head` (commits reachable from head and not from base).
  public static func audit(
    repository: Repository, base: String, head: String, table: AgentTable,
    key: Curve25519.Signing.PublicKey
  ) throws(AttestError) -> Result {
    let commits: [Commit]
    do {
      commits = try repository.commits(
        from: try repository.resolve(base), to: try repository.resolve(head))
    } catch {
      throw .git(error)
    }

    // What the verified, passing verdicts cover.
    var coveredIDs: Set<String> = []
    var rejected: [(ObjectID, String)] = []
    let noted: [ObjectID]
    do {
      noted = try repository.notedCommits(ref: notesRef)
    } catch {
      throw .git(error)
    }
    for commit in noted {
      let text: String?
      do {
        text = try repository.note(for: commit, ref: notesRef)
      } catch {
        throw .git(error)
      }
      guard let text else { continue }
      let origin = "\(notesRef) note on \(commit.short)"
      do {
        let statement = try Envelope.parse(text, origin: origin).verify(
          with: key, commit: commit.hex, origin: origin)
        if !statement.predicate.verdict.passed {
          rejected.append((commit, "its verdict did not pass"))
        } else if let problem = untrustedConfiguration(statement.predicate, repository) {
          rejected.append((commit, problem))
        } else {
          coveredIDs.formUnion(statement.predicate.commits)
        }
      } catch {
        rejected.append((commit, error.description))
      }
    }

    // Which commits brought AI-authored lines, judged one commit at a time.
    let attributor = Attributor(repository: repository, table: table)
    var uncovered: [AICommit] = []
    var covered: [AICommit] = []
    for commit in commits where !commit.isMerge {
      let report: AttributionReport
      do {
        report = try attributor.attribute(base: commit.parents.first?.hex, head: commit.id.hex)
      } catch {
        throw .malformed(path: commit.id.short, reason: "attribution failed: \(error)")
      }
      guard report.summary.ai > 0 else { continue }
      let entry = AICommit(
        id: commit.id, subject: commit.subject, aiLines: report.summary.ai,
        agents: report.summary.byAgent.keys.sorted())
      if coveredIDs.contains(commit.id.hex) {
        covered.append(entry)
      } else {
        uncovered.append(entry)
      }
    }
    return Result(uncovered: uncovered, covered: covered, rejectedNotes: rejected)
  }

  /// Why a verdict's configuration is not the trusted one, or nil when it is.
  ///
  /// The policy and rule files a verdict records from inside the repository (relative paths)
  /// must be the merge-base's: a verdict given under a policy or rules the change itself wrote
  /// (a relaxed `.aigate.yml`, a `rules:` entry pointing at an empty file) covers nothing. A
  /// verdict that records no policy while the merge-base has `.aigate.yml` ran without it.
  /// Files named by absolute paths were the CI's own choice (`--policy`, `--config`, the
  /// shipped packs) and are trusted with the key that signed them.
  static func untrustedConfiguration(
    _ predicate: VerdictPredicate, _ repository: Repository
  ) -> String? {
    let mergeBase = predicate.mergeBase.flatMap(ObjectID.init(hex:))
    func trusted(_ path: String) -> Data? {
      guard let mergeBase else { return nil }
      return (try? repository.contents(of: path, at: mergeBase)) ?? nil
    }
    if predicate.policy == nil, trusted(".aigate.yml") != nil {
      return "its verdict ran without the merge-base's .aigate.yml"
    }
    let recorded = (predicate.policy.map { [$0] } ?? []) + predicate.rules
    for file in recorded where !file.path.hasPrefix("/") {
      guard let data = trusted(file.path), Statement.sha256(data) == file.sha256 else {
        return
          "its verdict used \(file.path) as the change left it, not the merge-base's: a change "
          + "cannot approve itself under its own policy or rules"
      }
    }
    return nil
  }
}
