#!/usr/bin/env bash

# ruleid: shell.docker-run-privileged
docker run --rm --privileged agent-image:1.4

# ruleid: shell.docker-run-privileged
sudo podman run -d --privileged --name builder builder-image:3

# ok: shell.docker-run-privileged
docker run --rm --cap-drop=ALL --cap-add=SYS_PTRACE agent-image:1.4

# ok: shell.docker-run-privileged
docker inspect --format '{{.HostConfig.Privileged}}' builder
