#!/usr/bin/env bash

# ruleid: shell.docker-run-without-no-new-privileges
docker run --rm --read-only --cap-drop=ALL agent-image:1.4

# ruleid: shell.docker-run-without-no-new-privileges
sudo docker run -d agent-image:1.4

# ok: shell.docker-run-without-no-new-privileges
docker run --rm --read-only --cap-drop=ALL --security-opt no-new-privileges:true agent-image:1.4

# ok: shell.docker-run-without-no-new-privileges
docker run --rm --security-opt=no-new-privileges agent-image:1.4
