#!/usr/bin/env bash
# make demo: builds a small repository in which an AI agent adds a vulnerable line, and gates it.
set -euo pipefail
aigate="${1:?usage: demo.sh PATH-TO-AIGATE}"
# AIGATE_DEMO_DIR moves the demo's folder (default: demo/ in the checkout), for tests.
demo_root="${AIGATE_DEMO_DIR:-$(cd "$(dirname "$0")/.." && pwd)/demo}"
demo="$demo_root/repo"
rm -rf "$demo_root"
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
base=$(git rev-parse HEAD~1)
echo "== aigate check --base HEAD~1   (the agent's commit)"
set +e
"$aigate" check --base "$base" --output sarif="$demo_root/aigate.sarif" \
  --output json="$demo_root/aigate.json"
status=$?
set -e
echo
case $status in
  1)
    echo "== blocked (exit 1): the AI-authored change does not pass."
    echo "   SARIF for code scanning: demo/aigate.sarif; semgrep-style JSON: demo/aigate.json"
    ;;
  0) echo "== demo FAILED: the AI-authored vulnerable change passed the gate." >&2; exit 1 ;;
  *) echo "== demo FAILED: aigate exited $status instead of giving a verdict." >&2; exit 1 ;;
esac

echo
echo "== a person fixes the line: an argument list, no shell"
python3 - "$demo/app.py" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace('subprocess.run("report --name " + name, shell=True, check=True)',
                    'subprocess.run(["report", "--name", name], check=True)')
open(path, "w").write(text)
PY
git commit -q -am "Run the report without a shell"
git log --format='   %h %an <%ae>: %s' -1
echo
echo "== aigate check --base HEAD~2   (the agent's commit and the fix)"
set +e
"$aigate" check --base "$base"
status=$?
set -e
echo
if [ "$status" -ne 0 ]; then
  echo "== demo FAILED: the fixed change did not pass (exit $status)." >&2
  exit 1
fi
echo "== passed (exit 0): the range is clean once the AI-written line is fixed."
