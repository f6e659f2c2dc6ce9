/// The commented `.aigate.yml` that `aigate init` writes: the defaults, spelled out.
public enum DefaultPolicyFile {
  public static let text = """
    # aigate policy. Every key is optional; what is written here is the default.
    # Docs: aigate check --help. Unknown keys and bad values are errors (exit 2).
    # aigate check reads this file (and the rules it names) from the merge-base, or from HEAD
    # for a staged change: an edit here is a finding of its own and takes effect once merged.
    version: 1

    # Which severities fail the gate (block) or are only shown (report), by who wrote the
    # line a finding touches. Severities: CRITICAL, ERROR, WARNING, INFO (and HIGH, MEDIUM,
    # LOW: each name also covers its peer on the other scale, ERROR with HIGH and so on).
    gate:
      ai:                # lines an AI agent wrote (trailers, identities, git-ai notes, ...)
        block: [CRITICAL, ERROR, WARNING]
        report: [INFO]
      unknown:           # lines with no authorship signal: never assumed human
        block: []
        report: [CRITICAL, ERROR, WARNING, INFO]
      human:             # lines a person affirmed (AI-assisted: no, git-ai human ranges)
        block: []
        report: []
      maintenance-bot:   # dependabot, renovate, ...
        block: []
        report: [CRITICAL, ERROR, WARNING, INFO]

    # Rule files or folders, relative to the repository root and inside it. Empty: aigate's
    # shipped packs.
    rules: []

    # semgrep (or opengrep) runs the rules aigate's engine cannot run exactly (taint mode, ...).
    semgrep:
      mode: auto         # auto: when installed; required: fail without it; off: never
      timeout: 300       # seconds
      configs: []        # extra local semgrep configs, run by semgrep only

    # Paths never scanned, as semgrep's --exclude reads them (gitignore's globs: * within a
    # folder, ** across folders, a / before the end ties the glob to the root, a trailing /
    # matches folders only).
    exclude: []

    # Fail when AI wrote more than this share (0 to 1) of the added lines. Unset: no limit.
    # max-ai-share: 0.8

    # A suppression comment (nosemgrep, noqa, eslint-disable, ...) an AI adds does not silence
    # the gate; it becomes a finding of its own. true lets AI-written suppressions count.
    suppressions:
      ai-may-suppress: false

    # Additions to the agent table (rulesets/agents.yaml's format), e.g. an in-house agent.
    # agents:
    #   - id: house-agent
    #     name: House Agent
    #     class: ai
    #     identities:
    #       - email: house-agent@example.com

    """
}
