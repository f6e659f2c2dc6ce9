import Foundation
import GitKit
import Rules

/// A staged change, what the commit being written says about itself, and who wrote each added
/// line.
public struct StagedAttribution: Sendable {
  /// The index against HEAD.
  public let change: ChangeSet
  /// The message being written and the committing shell's environment.
  public let facts: CommitFacts
  public let report: AttributionReport
}

/// Works out who wrote each added line of a change.
///
/// A range's added line belongs to the commit that introduced it within `merge-base..head`
/// (all files are blamed together, in one pass over the range's commits). What the commit says
/// about itself is weighed with the line-level records covering the line as that commit numbers
/// it (a git-ai note on the commit; Agent Trace records whose `vcs.revision` is the commit, or
/// its parent for records the commit added itself), by `decide`'s one-way precedence. A staged
/// change has no commits: the message being written and the committing shell's environment,
/// weighed with the Agent Trace records written against HEAD (tools record while the change is
/// still uncommitted, numbering the lines of the files being changed).
///
/// Not thread-safe, like the `Repository` it reads.
public final class Attributor {
  /// Where git-ai keeps its authorship logs.
  public static let gitAINotesRef = "refs/notes/ai"
  /// Where Agent Trace records live in the repository.
  public static let agentTracePath = ".agent-trace/traces.jsonl"

  private let repository: Repository
  /// The agent table, or how to get it: fetched the first time a commit is judged, so git can
  /// read the change while the table still loads elsewhere.
  private var source: () throws(AttributionError) -> AgentTable
  private var agents: (table: AgentTable, classifier: CommitClassifier)?
  private var notes: [ObjectID: GitAINote?] = [:]
  private var ownTraces: [ObjectID: AgentTraceLog] = [:]

  public convenience init(repository: Repository, table: AgentTable) {
    self.init(repository: repository, table: { () throws(AttributionError) in table })
  }

  /// An attributor whose table comes from `table` when it is first needed (its error is the
  /// attribution's).
  public init(
    repository: Repository, table: @escaping () throws(AttributionError) -> AgentTable
  ) {
    self.repository = repository
    source = table
  }

  /// The table and its classifier, fetched once.
  private func loaded() throws(AttributionError) -> (
    table: AgentTable, classifier: CommitClassifier
  ) {
    if let agents { return agents }
    let table = try source()
    let made = (table: table, classifier: CommitClassifier(table: table))
    agents = made
    return made
  }

  /// Attributes the added lines of `merge-base(base, head)..head`; `isCode` says which files
  /// that look binary still have lines (see `Repository.diff`).
  public func attribute(
    base: String?, head: String, isCode: CodeJudge? = nil
  ) throws(AttributionError) -> AttributionReport {
    let change: ChangeSet
    do {
      change = try repository.changeSet(base: base, head: head, isCode: isCode)
    } catch {
      throw .git(error)
    }
    return try attribute(change)
  }

  /// Attributes a range's change set already read, so that the gate reads a change once.
  ///
  /// A staged change set given here has nothing describing its commit: its lines are unknown
  /// unless line records say otherwise (`attributeStaged` reads the message and environment).
  public func attribute(_ change: ChangeSet) throws(AttributionError) -> AttributionReport {
    guard let head = change.head else {
      return try attributeStaged(change, facts: CommitFacts(stagedMessage: nil, environment: [:]))
    }
    let byID = Dictionary(
      change.commits.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var commitAttribution: [ObjectID: LineAttribution] = [:]
    let traces = try agentTrace(at: head)
    let baseTraces =
      try change.mergeBase.map { id throws(AttributionError) in
        try agentTrace(at: id)
      } ?? AgentTraceLog()
    var files: [FileAttribution] = []
    let changed = change.files.filter { !$0.addedLines.isEmpty && $0.status != .deleted }
    let blamed: [String: [BlameHunk]]
    do {
      blamed = try repository.blame(paths: changed.map(\.path), in: change)
    } catch {
      throw .git(error)
    }
    for file in changed {
      let hunks = blamed[file.path] ?? []
      var lines: [(Int, LineAttribution)] = []
      lines.reserveCapacity(file.addedLines.count)
      var hunkIndex = 0
      for line in file.addedLines {
        while hunkIndex < hunks.count,
          hunks[hunkIndex].startLine + max(hunks[hunkIndex].lineCount, 1) <= line
        {
          hunkIndex += 1
        }
        guard hunkIndex < hunks.count, hunks[hunkIndex].lines.contains(line),
          !hunks[hunkIndex].isBoundary
        else {
          // Blame found no commit in the range for a line the diff calls added.
          lines.append((line, .unknown(commit: nil)))
          continue
        }
        let hunk = hunks[hunkIndex]
        let commitID = hunk.commit
        let originalLine = hunk.originalLine(for: line)
        let originalPath = hunk.originalPath ?? file.path
        let own: LineAttribution
        let commit: Commit
        if let found = byID[commitID] {
          commit = found
        } else {
          do {
            commit = try repository.commit(commitID)
          } catch {
            throw .git(error)
          }
        }
        if let known = commitAttribution[commitID] {
          own = known
        } else {
          own = try loaded().classifier.classify(commit)
          commitAttribution[commitID] = own
        }
        // A note hangs off the commit it describes, outside the range's history; the trace
        // records the commit itself added, or the merge-base already had, were recorded by
        // it or outside the change; records a later commit added are not.
        var trusted =
          try note(for: commitID)?.claims(path: originalPath, line: originalLine) ?? []
        let recorded = try ownTrace(of: commit)
        trusted += recorded.claims(revision: commitID, path: originalPath, line: originalLine)
        if let parent = commit.parents.first {
          trusted += recorded.claims(revision: parent, path: originalPath, line: originalLine)
        }
        trusted += baseTraces.claims(revision: commitID, path: originalPath, line: originalLine)
        let untrusted = traces.claims(revision: commitID, path: originalPath, line: originalLine)
          .filter { !trusted.contains(where: sameClaim($0)) }
        if trusted.isEmpty && untrusted.isEmpty {
          lines.append((line, own))
        } else {
          lines.append((line, decide(own: own, trusted: trusted, untrusted: untrusted)))
        }
      }
      files.append(FileAttribution(path: file.path, lines: lines))
    }
    return AttributionReport(base: change.mergeBase, head: head, files: files)
  }

  /// Reads the staged change (the index against HEAD) and attributes it.
  ///
  /// The message being written (`messageFile`, from the commit-msg hook) decides, else the
  /// environment the committing shell runs in, else unknown. The one place a staged change is
  /// attributed, for the gate and for `aigate attribution`.
  public func attributeStaged(
    messageFile: String?, environment: [String: String], isCode: CodeJudge? = nil
  ) throws(AttributionError) -> StagedAttribution {
    let message = try messageFile.map { path throws(AttributionError) in
      try Self.readMessage(file: path)
    }
    let change: ChangeSet
    do {
      change = try repository.stagedChangeSet(isCode: isCode)
    } catch {
      throw .git(error)
    }
    let facts = CommitFacts(stagedMessage: message, environment: environment)
    return StagedAttribution(
      change: change, facts: facts, report: try attributeStaged(change, facts: facts))
  }

  /// Reads a commit message file (the commit-msg hook's argument) as UTF-8 text.
  private static func readMessage(file path: String) throws(AttributionError) -> String {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableMessageFile(path: path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadableMessageFile(path: path, reason: "it is not UTF-8 text")
    }
    return text
  }

  private func attributeStaged(
    _ change: ChangeSet, facts: CommitFacts
  ) throws(AttributionError) -> AttributionReport {
    let decided = try loaded().classifier.classify(facts)
    // Agent Trace records written against HEAD number the lines of the change being staged.
    // Those staged with it are recorded by the commit they describe; the working tree's own
    // copy (untracked or not staged) is anyone's, so there it can only tighten.
    let staged = try stagedAgentTrace()
    let workingTree = try workingTreeAgentTrace()
    var files: [FileAttribution] = []
    for file in change.files where !file.addedLines.isEmpty && file.status != .deleted {
      let lines = file.addedLines.map { line -> (Int, LineAttribution) in
        guard let parent = change.mergeBase else { return (line, decided) }
        let trusted = staged.claims(revision: parent, path: file.path, line: line)
        let untrusted = workingTree.claims(revision: parent, path: file.path, line: line)
          .filter { !trusted.contains(where: sameClaim($0)) }
        if trusted.isEmpty && untrusted.isEmpty { return (line, decided) }
        return (line, decide(own: decided, trusted: trusted, untrusted: untrusted))
      }
      files.append(FileAttribution(path: file.path, lines: lines))
    }
    return AttributionReport(base: change.mergeBase, head: nil, files: files)
  }

  /// The git-ai note on `commit`, parsed once.
  private func note(for commit: ObjectID) throws(AttributionError) -> GitAINote? {
    if let cached = notes[commit] { return cached }
    let text: String?
    do {
      text = try repository.note(for: commit, ref: Self.gitAINotesRef)
    } catch {
      throw .git(error)
    }
    var parsed: GitAINote?
    if let text {
      let table = try loaded().table
      do {
        parsed = try GitAINote(
          text: text, source: "\(Self.gitAINotesRef)@\(commit.short)", table: table)
      } catch {
        throw .invalid(error)
      }
    }
    notes[commit] = parsed
    return parsed
  }

  /// The same claim recorded elsewhere (the evidence names where, so it is not compared).
  private func sameClaim(_ claim: RangeClaim) -> (RangeClaim) -> Bool {
    { $0.lines == claim.lines && $0.authorship == claim.authorship && $0.agent == claim.agent }
  }

  /// The Agent Trace records that `commit` itself added (lines its trace file has and its first
  /// parent's has not), parsed once per commit.
  private func ownTrace(of commit: Commit) throws(AttributionError) -> AgentTraceLog {
    if let cached = ownTraces[commit.id] { return cached }
    let mine: Data?
    let before: Data?
    do {
      mine = try repository.contents(of: Self.agentTracePath, at: commit.id)
      if repository.isShallow {
        // A shallow clone's oldest commits name parents it does not have.
        before = commit.parents.first.flatMap {
          try? repository.contents(of: Self.agentTracePath, at: $0)
        }
      } else {
        before = try commit.parents.first.flatMap { parent throws(GitError) in
          try repository.contents(of: Self.agentTracePath, at: parent)
        }
      }
    } catch {
      throw .git(error)
    }
    var log = AgentTraceLog()
    if let mine, mine != before {
      let old = Set(
        String(decoding: before ?? Data(), as: UTF8.self).split(separator: "\n").map {
          $0.trimmingCharacters(in: .whitespaces)
        })
      let added = String(decoding: mine, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false
      ).map { line in old.contains(line.trimmingCharacters(in: .whitespaces)) ? "" : String(line) }
      // Unchanged lines are blanked, not dropped, so that errors keep their line numbers.
      log = try parseTrace(
        Data(added.joined(separator: "\n").utf8),
        source: "\(Self.agentTracePath)@\(commit.id.short)")
    }
    ownTraces[commit.id] = log
    return log
  }

  /// The Agent Trace records staged in the index (they are committed with the change).
  private func stagedAgentTrace() throws(AttributionError) -> AgentTraceLog {
    let data: Data?
    do {
      data = try repository.stagedContents(of: Self.agentTracePath)
    } catch {
      throw .git(error)
    }
    guard let data else { return AgentTraceLog() }
    return try parseTrace(data, source: "\(Self.agentTracePath) (staged)")
  }

  /// The Agent Trace records committed at `head`.
  private func agentTrace(at head: ObjectID) throws(AttributionError) -> AgentTraceLog {
    let data: Data?
    do {
      data = try repository.contents(of: Self.agentTracePath, at: head)
    } catch {
      throw .git(error)
    }
    guard let data else { return AgentTraceLog() }
    return try parseTrace(data, source: "\(Self.agentTracePath)@\(head.short)")
  }

  /// The Agent Trace records in the working tree (an agent appends to them before committing).
  private func workingTreeAgentTrace() throws(AttributionError) -> AgentTraceLog {
    guard let root = repository.workingDirectory else { return AgentTraceLog() }
    let path = root + Self.agentTracePath
    // Only a regular file is read: a FIFO there would hang the hook.
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return AgentTraceLog() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .invalid(
        SourceDiagnostic("cannot read the file", at: SourceLocation(file: path, line: 1, column: 1))
      )
    }
    return try parseTrace(data, source: Self.agentTracePath)
  }

  private func parseTrace(_ data: Data, source: String) throws(AttributionError) -> AgentTraceLog {
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalid(
        SourceDiagnostic("not valid UTF-8", at: SourceLocation(file: source, line: 1, column: 1)))
    }
    let table = try loaded().table
    do {
      return try AgentTraceLog(text: text, source: source, table: table)
    } catch {
      throw .invalid(error)
    }
  }
}
