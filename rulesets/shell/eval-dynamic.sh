#!/usr/bin/env bash

# ruleid: shell.eval-dynamic
eval "$1"

# ruleid: shell.eval-dynamic
eval "docker run $EXTRA_FLAGS image"

# ok: shell.eval-dynamic
eval "$(ssh-agent -s)"

# ok: shell.eval-dynamic
eval "echo done"
