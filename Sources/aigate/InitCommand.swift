import ArgumentParser
import Foundation
import Gate
import GitKit

/// `aigate init`: write a commented default `.aigate.yml`.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a commented default .aigate.yml at the repository root.",
    discussion: "An existing .aigate.yml is never overwritten unless --force is given."
  )

  @Flag(help: "Replace an existing .aigate.yml.")
  var force = false

  func run() throws {
    let repository = try Repository.open()
    guard let root = repository.workingDirectory else {
      throw GitError.bareRepository(operation: "aigate init")
    }
    let path = (root as NSString).appendingPathComponent(Policy.fileName)
    if FileManager.default.fileExists(atPath: path) && !force {
      throw CommandFailure.invalidOption(
        "\(path) already exists; pass --force to replace it")
    }
    do {
      try DefaultPolicyFile.text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CommandFailure.write(path: path, reason: error.localizedDescription)
    }
    print("wrote \(path)")
  }
}
