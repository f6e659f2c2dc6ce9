import CLibGit2

/// Reads a message's trailers by git's rules (through libgit2's port of git's trailer parser):
/// only the last paragraph, and only when it is a trailer block; keys as written; folded
/// continuation lines joined.
public enum TrailerParser {
  /// The trailers of `message`, in order.
  public static func trailers(in message: String) throws(GitError) -> [Trailer] {
    ensureLibgit2()
    var array = git_message_trailer_array()
    try check(git_message_trailers(&array, message), "git_message_trailers")
    defer { git_message_trailer_array_free(&array) }
    var result: [Trailer] = []
    guard let trailers = array.trailers else { return result }
    for index in 0..<array.count {
      let entry = trailers[index]
      guard let key = entry.key, let value = entry.value else { continue }
      result.append(Trailer(key: String(cString: key), value: unfold(String(cString: value))))
    }
    return result
  }

  /// Joins continuation lines with single spaces and trims, as `git interpret-trailers --parse`.
  static func unfold(_ value: String) -> String {
    var out = ""
    var pendingSpace = false
    for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if pendingSpace { out += " " }
      out += trimmed
      pendingSpace = true
    }
    return out
  }
}
