#!/usr/bin/env bash

# ruleid: iptables.firewall-disabled
sudo ufw disable

# ruleid: iptables.firewall-disabled
systemctl disable --now firewalld

# ok: iptables.firewall-disabled
sudo ufw enable

# ok: iptables.firewall-disabled
systemctl restart nginx
