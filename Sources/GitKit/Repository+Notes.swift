import CLibGit2

extension Repository {
  /// Attaches `text` as the note of `commit` under `notesRef`, replacing any note there.
  ///
  /// Touches only `notesRef`. The note is signed by the repository's configured identity, or
  /// by `fallbackName <fallbackEmail>` when none is configured.
  @discardableResult
  public func writeNote(
    _ text: String, for commit: ObjectID, ref notesRef: String,
    fallbackName: String = "aigate", fallbackEmail: String = "aigate@localhost"
  ) throws(GitError) -> ObjectID {
    var signature: UnsafeMutablePointer<git_signature>?
    if git_signature_default(&signature, pointer) < 0 {
      try check(
        git_signature_now(&signature, fallbackName, fallbackEmail), "git_signature_now")
    }
    defer { git_signature_free(signature) }
    var out = git_oid()
    var target = commit.oid
    try check(
      git_note_create(&out, pointer, notesRef, signature, signature, &target, text, 1),
      "git_note_create")
    return ObjectID(out)
  }

  /// The commits that carry a note under `notesRef`.
  public func notedCommits(ref notesRef: String) throws(GitError) -> [ObjectID] {
    var iterator: OpaquePointer?
    let code = git_note_iterator_new(&iterator, pointer, notesRef)
    if code == gitNotFound { return [] }
    try check(code, "git_note_iterator_new")
    defer { git_note_iterator_free(iterator) }
    var result: [ObjectID] = []
    var noteID = git_oid()
    var annotated = git_oid()
    while true {
      let next = git_note_next(&noteID, &annotated, iterator)
      if next == GIT_ITEROVER.rawValue { break }
      try check(next, "git_note_next")
      result.append(ObjectID(annotated))
    }
    return result
  }
}
