#!/usr/bin/env bash
# make demo: builds a small repository in which an AI agent adds a vulnerable line, and gates it.
set -euo pipefail
aigate="${1:?usage: demo.sh PATH-TO-AIGATE}"
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="$root/demo/repo"
rm -rf "$root/demo"
mkdir -p "$demo"
cd "$demo"

# A clean, private git setup: nothing from the user's own configuration leaks in.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
git init -q -b main
git config user.name "Dana Developer"
git config user.email "dana@example.com"

cat > app.py <<'PY'
import subprocess


def list_files(folder):
    return subprocess.run(["ls", folder], capture_output=True, check=True).stdout
PY
git add app.py
git commit -q -m "Add file listing"

cat >> app.py <<'PY'


def run_report(name):
    # Written by an agent: the user's input goes straight into a shell.
    return subprocess.run("report --name " + name, shell=True, check=True)
PY
git add app.py
GIT_AUTHOR_NAME="Claude Code" GIT_AUTHOR_EMAIL="noreply@anthropic.com" \
  git commit -q -F - <<'MSG'
Add report runner

Generated with [Claude Code](https://claude.com/claude-code)

Co-Authored-By: Claude <noreply@anthropic.com>
MSG

echo "== demo repository: $demo"
git log --format='   %h %an <%ae>: %s' -2
echo
echo "== aigate check --base HEAD~1"
set +e
"$aigate" check --base HEAD~1
status=$?
set -e
echo
case $status in
  1) echo "== blocked (exit 1): the AI-authored change does not pass the gate." ;;
  0) echo "== demo FAILED: the AI-authored vulnerable change passed the gate." >&2; exit 1 ;;
  *)
    echo "== aigate exited $status: it failed closed instead of giving a verdict."
    echo "   The verdict needs the rule engine and attribution, which are not built yet;"
    echo "   until they land, the demo shows the change being read and the gate refusing to pass."
    ;;
esac
