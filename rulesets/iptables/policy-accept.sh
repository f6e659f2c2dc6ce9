#!/usr/bin/env bash

# ruleid: iptables.policy-accept
iptables -P INPUT ACCEPT

# ruleid: iptables.policy-accept
sudo ip6tables --policy OUTPUT ACCEPT

# ok: iptables.policy-accept
iptables -P INPUT DROP

# ok: iptables.policy-accept
iptables -P FORWARD DROP
