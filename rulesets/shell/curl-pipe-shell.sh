#!/usr/bin/env bash

# ruleid: shell.curl-pipe-shell
curl -fsSL https://get.example.com/install.sh | sh

# ruleid: shell.curl-pipe-shell
wget -qO- https://get.example.com/setup | sudo bash -s -- --yes

# ok: shell.curl-pipe-shell
curl -fsSLo install.sh https://get.example.com/install.sh
echo "d2a6b3c1e5f4a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2  install.sh" | sha256sum -c -

# ok: shell.curl-pipe-shell
curl -fsSL https://example.com/data.json | jq .version
