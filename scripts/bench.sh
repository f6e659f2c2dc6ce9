#!/usr/bin/env bash
# make bench: aigate against semgrep on the same input and the same rules (the bench issue).
# Usage: bench.sh PATH-TO-AIGATE [--runs N] [--full-runs N] [--cases hook,pr,full,rules,attribution]
# The work is in bench.py (Python 3 standard library); fixtures are cached in bench/work/ and the
# results are written to bench/results.json. Not part of `make test`.
set -euo pipefail
aigate="${1:?usage: bench.sh PATH-TO-AIGATE [--runs N] [--full-runs N] [--cases LIST]}"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$aigate" --version >/dev/null
if ! command -v python3 >/dev/null 2>&1; then
  echo "bench: python3 is needed to run the bench" >&2
  exit 2
fi
# Peak memory comes from GNU time when it is installed; install it once if apt can, else bench.py
# falls back to the rusage wait4 returns for each run.
if [ ! -x /usr/bin/time ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  echo "bench: /usr/bin/time is missing; installing the time package with apt-get" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 \
    || echo "bench: could not install time; peak memory will come from wait4's rusage" >&2
fi
exec python3 "$here/bench.py" "$aigate" "$@"
