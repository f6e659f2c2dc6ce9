import Foundation
import GitKit

/// Where the base of a range came from, said to the user so a surprising diff can be explained.
public struct BaseChoice: Hashable, Sendable {
  public let revision: String
  public let source: String
}

/// Finds the base revision when `--base` is absent: the CI's pull or merge request, else the
/// upstream branch's merge-base, else `HEAD~1`.
public enum BaseDetector {
  public static func detect(
    repository: Repository, environment: [String: String]
  ) throws(GateError) -> BaseChoice {
    if let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty,
      environment["GITHUB_EVENT_NAME"]?.hasPrefix("pull_request") ?? true,
      let sha = try githubBaseSHA(eventPath: path)
    {
      return BaseChoice(revision: sha, source: "the pull request's base (GITHUB_EVENT_PATH)")
    }
    if let ref = environment["GITHUB_BASE_REF"], !ref.isEmpty {
      return BaseChoice(revision: "origin/\(ref)", source: "GITHUB_BASE_REF")
    }
    if let sha = environment["CI_MERGE_REQUEST_DIFF_BASE_SHA"], !sha.isEmpty {
      return BaseChoice(revision: sha, source: "CI_MERGE_REQUEST_DIFF_BASE_SHA")
    }
    if let upstream = try? repository.resolve("@{upstream}"),
      let head = try? repository.resolve("HEAD"), upstream != head,
      let base = try? repository.mergeBase(upstream, head)
    {
      return BaseChoice(revision: base.hex, source: "the merge-base with the upstream branch")
    }
    return BaseChoice(revision: "HEAD~1", source: "HEAD~1 (no CI base and no upstream branch)")
  }

  /// `pull_request.base.sha` from a GitHub Actions event payload.
  static func githubBaseSHA(eventPath: String) throws(GateError) -> String? {
    guard let data = FileManager.default.contents(atPath: eventPath) else {
      throw .baseDetection("GITHUB_EVENT_PATH names \(eventPath), which cannot be read")
    }
    guard let payload = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw .baseDetection("GITHUB_EVENT_PATH (\(eventPath)) is not a JSON event payload")
    }
    guard let pullRequest = payload["pull_request"] as? [String: Any],
      let base = pullRequest["base"] as? [String: Any],
      let sha = base["sha"] as? String, !sha.isEmpty
    else { return nil }
    return sha
  }
}
