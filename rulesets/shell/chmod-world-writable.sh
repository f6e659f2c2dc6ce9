#!/usr/bin/env bash

# ruleid: shell.chmod-world-writable
chmod -R 777 /srv/shared

# ruleid: shell.chmod-world-writable
sudo chmod o+w /etc/app/config.yaml

# ok: shell.chmod-world-writable
chmod 755 /usr/local/bin/tool

# ok: shell.chmod-world-writable
chmod u+x,go-w ./run.sh
