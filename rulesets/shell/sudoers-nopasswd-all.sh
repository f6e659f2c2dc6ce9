#!/usr/bin/env bash

# ruleid: shell.sudoers-nopasswd-all
echo "agent ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers

# ruleid: shell.sudoers-nopasswd-all
printf '%s ALL=(ALL:ALL) NOPASSWD:ALL\n' "$USER_NAME" > /etc/sudoers.d/agent

# ok: shell.sudoers-nopasswd-all
echo "agent ALL=(root) NOPASSWD: /usr/bin/systemctl restart app" > /etc/sudoers.d/agent

# ok: shell.sudoers-nopasswd-all
visudo -c
