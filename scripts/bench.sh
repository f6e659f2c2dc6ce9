#!/usr/bin/env bash
# make bench: aigate against semgrep on the same input (see the bench issue).
set -euo pipefail
aigate="${1:?usage: bench.sh PATH-TO-AIGATE}"
"$aigate" --version >/dev/null
echo "bench: the benchmark cases need the rule engine and the gate, which are not built yet." >&2
exit 2
