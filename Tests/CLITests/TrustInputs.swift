import Foundation
import TestSupport
import Testing

/// The shipped JavaScript pack.
let shippedJavaScript = URL(fileURLWithPath: shippedPython).deletingLastPathComponent()
  .appendingPathComponent("javascript").path

/// The attack payload of issue 26: an agent's commit adding an eval of request data.
let evalLine = "    return eval(request.args[\"q\"])\n"
let evalApp = "from flask import request\n\n\ndef handler():\n" + evalLine

/// A repository with a person's first commit and an agent's commit adding the eval to app.py.
func launderingRepository() throws -> (ScratchRepository, base: String, agent: String) {
  let repo = try ScratchRepository()
  try repo.write("app.py", "from flask import request\n\n\ndef handler():\n    return None\n")
  let base = try repo.commit("Start")
  try repo.write("app.py", evalApp)
  let agent = try repo.commit(claudeMessage)
  return (repo, base, agent)
}

/// Runs `aigate check` with the Python pack and aigate's own engine, JSON out.
func gate(
  _ repo: ScratchRepository, _ arguments: [String], config: String = shippedPython,
  in directory: String? = nil
) throws -> ProcessResult {
  try AigateBinary.run(
    ["check", "--config", config, "--format", "json"] + arguments, in: directory ?? repo.path,
    environment: InstalledTools.withoutSemgrep(repo.environment))
}

/// Whether a result's `check_id` is `rule`, from a `--config` path that semgrep (and so aigate)
/// qualifies with the path's folders.
func isRule(_ result: [String: Any], _ rule: String) -> Bool {
  guard let id = result["check_id"] as? String else { return false }
  return id == rule || id.hasSuffix("." + rule)
}

/// The `extra.aigate` of the first finding of `rule`.
func aigateFacts(_ result: ProcessResult, rule: String) throws -> [String: Any]? {
  let found = results(try json(result.stdout)).first { isRule($0, rule) }
  return (found?["extra"] as? [String: Any])?["aigate"] as? [String: Any]
}

/// An Agent Trace record declaring `lines` of `path` at `revision` a human's.
func humanTrace(revision: String, path: String = "app.py", lines: ClosedRange<Int>) -> String {
  """
  {"version":"0.1.0","id":"r-human","timestamp":"2026-01-01T00:00:00Z",\
  "vcs":{"type":"git","revision":"\(revision)"},"tool":{"name":"cursor"},\
  "files":[{"path":"\(path)","conversations":[{"contributor":{"type":"human"},\
  "ranges":[{"start_line":\(lines.lowerBound),"end_line":\(lines.upperBound)}]}]}]}

  """
}
