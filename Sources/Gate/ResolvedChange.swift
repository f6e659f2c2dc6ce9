import Attribution
import GitKit
import Rules

/// The change a command names, resolved to commits: a range's head and merge-base (its base
/// from `--base`, else found by `BaseDetector`), or the staged index against HEAD.
///
/// `aigate check` and `aigate attribution` both start here, so that they look at the same
/// change.
public struct ResolvedChange: Sendable {
  /// How the base was chosen; nil for a staged change.
  public let base: BaseChoice?
  /// The head commit; nil for a staged change.
  public let head: ObjectID?
  /// The commit the gate trusts: the merge-base of a range, HEAD for a staged change.
  ///
  /// Nil when HEAD is unborn. The policy and the repository's rules come from its tree.
  public let trusted: ObjectID?
  /// What `trusted` is to the change, for messages: "the merge-base", "HEAD".
  public let role: String
  /// The commit message being written, for a staged change (the commit-msg hook's file).
  let messageFile: String?

  /// Resolves `change` in `repository`; `environment` is where a CI names the base.
  public static func resolve(
    _ change: CheckRequest.Change, in repository: Repository, environment: [String: String]
  ) throws(GateError) -> ResolvedChange {
    switch change {
    case .range(let base, let headName):
      let choice =
        if let base {
          BaseChoice(revision: base, source: "--base")
        } else {
          try BaseDetector.detect(repository: repository, environment: environment)
        }
      do throws(GitError) {
        let head = try repository.resolve(headName ?? "HEAD")
        let baseID = try repository.resolve(choice.revision)
        guard let mergeBase = try repository.mergeBase(baseID, head) else {
          throw .noMergeBase(choice.revision, headName ?? "HEAD")
        }
        return ResolvedChange(
          base: choice, head: head, trusted: mergeBase, role: "the merge-base", messageFile: nil)
      } catch {
        throw .git(error)
      }
    case .staged(let messageFile):
      do throws(GitError) {
        let head = repository.isHeadUnborn ? nil : try repository.resolve("HEAD")
        return ResolvedChange(
          base: nil, head: nil, trusted: head, role: "HEAD", messageFile: messageFile)
      } catch {
        throw .git(error)
      }
    }
  }

  /// Reads the change from `repository` and works out who wrote each added line with `table`.
  public func read(
    from repository: Repository, table: AgentTable, environment: [String: String]
  ) throws(GateError) -> AttributedChange {
    try read(from: repository, table: { () throws(GateError) in table }, environment: environment)
  }

  /// As `read(from:table:environment:)`, with the agent table fetched only once git has read
  /// the change (it may still be loading on another core); its error is thrown as it is.
  func read(
    from repository: Repository, table: @escaping () throws(GateError) -> AgentTable,
    environment: [String: String]
  ) throws(GateError) -> AttributedChange {
    var tableError: GateError?
    let attributor = Attributor(repository: repository) { () throws(AttributionError) in
      do throws(GateError) {
        return try table()
      } catch {
        tableError = error
        // Replaced by `tableError` below: the attributor only passes it on.
        throw .invalid(
          SourceDiagnostic(
            "the agent table did not load", at: SourceLocation(file: "", line: 1, column: 1)))
      }
    }
    guard let head else {
      do throws(AttributionError) {
        let staged = try attributor.attributeStaged(
          messageFile: messageFile, environment: environment, isCode: CodeFiles.recognizes)
        return AttributedChange(
          changeSet: staged.change, attribution: staged.report, stagedFacts: staged.facts)
      } catch {
        throw tableError ?? .attribution(error)
      }
    }
    let changeSet: ChangeSet
    do throws(GitError) {
      changeSet = try repository.changeSet(
        mergeBase: trusted, head: head, isCode: CodeFiles.recognizes)
    } catch {
      throw .git(error)
    }
    do throws(AttributionError) {
      return AttributedChange(
        changeSet: changeSet, attribution: try attributor.attribute(changeSet), stagedFacts: nil)
    } catch {
      throw tableError ?? .attribution(error)
    }
  }
}

/// A change read from git, with who wrote each added line.
public struct AttributedChange: Sendable {
  public let changeSet: ChangeSet
  public let attribution: AttributionReport
  /// What a staged commit says about itself (the message being written, the environment); nil
  /// for a range.
  public let stagedFacts: CommitFacts?
}
