import GitKit
import TestSupport
import Testing

/// Messages whose trailers we read exactly as `git interpret-trailers --parse` does.
let trailerMessages: [String] = [
  "Add parser\n\nBody.\n\nCo-authored-by: Ann <ann@example.com>\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
  "Fix\n\nBody.\n\nAssisted-by: Claude:claude-opus\n  [tools] continued\nSigned-off-by: Dana <d@example.com>\nGenerated-by: tool 1.0\n",
  "Subject only, trailer glued\nCo-authored-by: Ann <ann@example.com>\n",
  "Subject\n\nCo-authored-by: Ann <ann@example.com>\n\nA closing paragraph that is prose.\n",
  "Subject\n\nSome explanation of the change\nSigned-off-by: Dana <d@example.com>\n",
  "Subject\n\nSome explanation of the change\nCo-authored-by: Ann <ann@example.com>\n",
  "Subject\n\nFixes: #123\n",
  "Subject\n\nNot a key: because the key has spaces\n",
  "Subject\n\nBody\n\nMade-with: Cursor\n# a comment line\n",
  "Subject\n\nBody\n\nAI-assisted: yes\n---\n diff stat\n",
  "Subject\n\nbody\n\nkey-a:value without space\nKEY-B: Value B\n",
]

@Suite("Trailers follow git's rules")
struct TrailerTests {
  @Test("Same trailers as git interpret-trailers --parse", arguments: trailerMessages)
  func matchesGit(message: String) throws {
    let repo = try ScratchRepository()
    let output = try repo.git(["interpret-trailers", "--parse"], input: message)
    let expected = output.split(separator: "\n").map { line -> Trailer in
      let colon = line.firstIndex(of: ":") ?? line.endIndex
      let value = line[colon...].dropFirst().trimmingCharacters(in: .whitespaces)
      return Trailer(key: String(line[..<colon]), value: value)
    }
    #expect(try TrailerParser.trailers(in: message) == expected)
  }

  @Test("Keys compare case-insensitively")
  func caseInsensitiveKeys() throws {
    let trailers = try TrailerParser.trailers(in: trailerMessages[0])
    #expect(trailers.filter { $0.hasKey("co-authored-by") }.count == 2)
  }

  @Test("Commits carry their parsed trailers")
  func commitTrailers() throws {
    let repo = try ScratchRepository()
    try repo.write("a", "1\n")
    try repo.commit(trailerMessages[1])
    let repository = try Repository.open(at: repo.path, environment: [:])
    let commit = try repository.commit(try repository.resolve("HEAD"))
    #expect(
      commit.trailers == [
        Trailer(key: "Assisted-by", value: "Claude:claude-opus [tools] continued"),
        Trailer(key: "Signed-off-by", value: "Dana <d@example.com>"),
        Trailer(key: "Generated-by", value: "tool 1.0"),
      ])
  }
}
