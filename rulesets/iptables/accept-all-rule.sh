#!/usr/bin/env bash

# ruleid: iptables.accept-all-rule
iptables -A INPUT -j ACCEPT

# ruleid: iptables.accept-all-rule
sudo iptables -I FORWARD -j ACCEPT

# ok: iptables.accept-all-rule
iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT

# ok: iptables.accept-all-rule
iptables -A INPUT -i lo -j ACCEPT
