#!/usr/bin/env bash
set -euo pipefail

# ruleid: shell.docker-run-without-read-only
docker run --rm -v "$PWD:/work" agent-image:1.4 run-task

# ruleid: shell.docker-run-without-read-only
sudo podman run --rm --cap-drop=ALL agent-image:1.4

# ok: shell.docker-run-without-read-only
docker run --rm --read-only --tmpfs /tmp agent-image:1.4 run-task

# ok: shell.docker-run-without-read-only
docker ps --filter name=agent
