#!/usr/bin/env bash

# ruleid: shell.docker-run-host-namespace
docker run --rm --network host agent-image:1.4

# ruleid: shell.docker-run-host-namespace
docker run --rm --pid=host debug-image:1

# ok: shell.docker-run-host-namespace
docker run --rm --network agents -p 8080:8080 agent-image:1.4

# ok: shell.docker-run-host-namespace
docker network create agents
