#!/usr/bin/env bash

# ruleid: shell.docker-run-without-cap-drop
docker run --rm --read-only agent-image:1.4

# ruleid: shell.docker-run-without-cap-drop
docker run -d --name sandbox --cap-add=NET_ADMIN agent-image:1.4

# ok: shell.docker-run-without-cap-drop
docker run --rm --read-only --cap-drop=ALL agent-image:1.4

# ok: shell.docker-run-without-cap-drop
podman run --rm --cap-drop ALL --cap-add NET_BIND_SERVICE web-image:2.0
