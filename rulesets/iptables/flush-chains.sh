#!/usr/bin/env bash
set -euo pipefail

# ruleid: iptables.flush-chains
iptables -F

# ruleid: iptables.flush-chains
sudo iptables -t nat --flush

# ruleid: iptables.flush-chains
nft flush ruleset

# ok: iptables.flush-chains
iptables-restore < /etc/iptables/rules.v4

# ok: iptables.flush-chains
iptables -L -n
