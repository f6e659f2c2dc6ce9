#!/usr/bin/env bash

# ruleid: shell.docker-socket-mount
docker run --rm -v /var/run/docker.sock:/var/run/docker.sock ci-runner:2

# ruleid: shell.docker-socket-mount
docker run --rm --mount type=bind,source=/run/docker.sock,target=/var/run/docker.sock ci-runner:2

# ok: shell.docker-socket-mount
docker run --rm -v "$PWD:/work:ro" ci-runner:2

# ok: shell.docker-socket-mount
ls -l /var/run/docker.sock
