import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Reading a commit's tree")
struct TreeTests {
  @Test("Entries name their kind; links are not followed; the working tree plays no part")
  func entries() throws {
    let repo = try ScratchRepository()
    try repo.write("rules/a.yaml", "a\n")
    try repo.write("rules/deep/b.yaml", "bb\n")
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/rules/link.yaml", withDestinationPath: "/proc/self/environ")
    let first = try repo.commit("one")
    try repo.write("rules/a.yaml", "changed in the working tree\n")
    let repository = try Repository.open(at: repo.path, environment: [:])
    let commit = try repository.resolve(first)

    let file = try #require(try repository.entry("rules/a.yaml", at: commit))
    #expect(file.kind == .file)
    #expect(try repository.blobContents(file.id) == Data("a\n".utf8))
    #expect(try repository.blobSize(file.id) == 2)
    let link = try #require(try repository.entry("rules/link.yaml", at: commit))
    #expect(link.kind == .link)
    #expect(try repository.blobContents(link.id) == Data("/proc/self/environ".utf8))
    #expect(try repository.entry("rules", at: commit)?.kind == .folder)
    #expect(try repository.entry("rules/missing.yaml", at: commit) == nil)

    let listed = try repository.entries(under: "rules", at: commit, limit: 100)
    #expect(listed.map(\.path) == ["rules/a.yaml", "rules/deep/b.yaml", "rules/link.yaml"])
    #expect(try repository.entries(under: "rules", at: commit, limit: 1).count <= 2)
    #expect(try repository.entries(under: "rules/a.yaml", at: commit, limit: 100).isEmpty)
  }
}
