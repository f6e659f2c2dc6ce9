import Foundation
import GitKit
import Rules

/// Works out who wrote each added line of a change.
///
/// A range's added line belongs to the commit that introduced it within `merge-base..head`
/// (all files are blamed together, in one pass over the range's commits). Line-level records
/// covering the line as that commit numbers it (a git-ai note on the commit; an Agent Trace record, read
/// from head's tree, whose `vcs.revision` is the commit) decide first; else what the commit says
/// about itself. A staged change has no commits: Agent Trace records in the working tree written
/// against HEAD (tools record while the change is still uncommitted, numbering the lines of the
/// files being changed), then the message being written, then the committing shell's
/// environment decide.
///
/// Not thread-safe, like the `Repository` it reads.
public final class Attributor {
  /// Where git-ai keeps its authorship logs.
  public static let gitAINotesRef = "refs/notes/ai"
  /// Where Agent Trace records live in the repository.
  public static let agentTracePath = ".agent-trace/traces.jsonl"

  private let repository: Repository
  private let table: AgentTable
  private let classifier: CommitClassifier
  private var notes: [ObjectID: GitAINote?] = [:]

  public init(repository: Repository, table: AgentTable) {
    self.repository = repository
    self.table = table
    classifier = CommitClassifier(table: table)
  }

  /// Attributes the added lines of `merge-base(base, head)..head`.
  public func attribute(base: String?, head: String) throws(AttributionError) -> AttributionReport {
    let change: ChangeSet
    do {
      change = try repository.changeSet(base: base, head: head)
    } catch {
      throw .git(error)
    }
    return try attribute(change)
  }

  /// Attributes a change set already read (so that the gate reads a change once): a range, or a
  /// staged change, which `stagedFacts` describes (the message being written and the
  /// environment; without them its lines are unknown).
  public func attribute(
    _ change: ChangeSet, stagedFacts: CommitFacts? = nil
  ) throws(AttributionError) -> AttributionReport {
    guard let head = change.head else {
      let facts = stagedFacts ?? CommitFacts(stagedMessage: nil, environment: [:])
      return try attributeStaged(change, facts: facts)
    }
    let byID = Dictionary(
      change.commits.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var commitAttribution: [ObjectID: LineAttribution] = [:]
    let traces = try agentTrace(at: head)
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
        var claims =
          try note(for: commitID)?.claims(path: originalPath, line: originalLine) ?? []
        claims += traces.claims(revision: commitID, path: originalPath, line: originalLine)
        if let claim = decisive(claims) {
          lines.append(
            (
              line,
              LineAttribution(
                authorship: claim.authorship, agent: claim.agent, commit: commitID,
                evidence: claim.evidence)
            ))
          continue
        }
        if let known = commitAttribution[commitID] {
          lines.append((line, known))
          continue
        }
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
        let decided = classifier.classify(commit)
        commitAttribution[commitID] = decided
        lines.append((line, decided))
      }
      files.append(FileAttribution(path: file.path, lines: lines))
    }
    return AttributionReport(base: change.mergeBase, head: head, files: files)
  }

  /// Attributes the staged change: the message being written (`messageFile`, from the
  /// commit-msg hook) decides, else the environment the committing shell runs in, else unknown.
  public func attributeStaged(
    messageFile: String?, environment: [String: String]
  ) throws(AttributionError) -> AttributionReport {
    let message = try messageFile.map { path throws(AttributionError) in
      try Self.readMessage(file: path)
    }
    let change: ChangeSet
    do {
      change = try repository.stagedChangeSet()
    } catch {
      throw .git(error)
    }
    return try attributeStaged(
      change, facts: CommitFacts(stagedMessage: message, environment: environment))
  }

  /// Reads a commit message file (the commit-msg hook's argument) as UTF-8 text.
  public static func readMessage(file path: String) throws(AttributionError) -> String {
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
    let decided = classifier.classify(facts)
    // Agent Trace records written against HEAD number the lines of the change being staged.
    let traces = try workingTreeAgentTrace()
    var files: [FileAttribution] = []
    for file in change.files where !file.addedLines.isEmpty && file.status != .deleted {
      let lines = file.addedLines.map { line -> (Int, LineAttribution) in
        if let parent = change.mergeBase,
          let claim = decisive(traces.claims(revision: parent, path: file.path, line: line))
        {
          return (
            line,
            LineAttribution(
              authorship: claim.authorship, agent: claim.agent, commit: nil,
              evidence: claim.evidence)
          )
        }
        return (line, decided)
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
    guard FileManager.default.fileExists(atPath: path) else { return AgentTraceLog() }
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
    do {
      return try AgentTraceLog(text: text, source: source, table: table)
    } catch {
      throw .invalid(error)
    }
  }
}
