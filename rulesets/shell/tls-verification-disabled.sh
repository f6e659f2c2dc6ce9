#!/usr/bin/env bash

# ruleid: shell.tls-verification-disabled
curl -k -o tool.tgz https://downloads.example.com/tool.tgz

# ruleid: shell.tls-verification-disabled
git config --global http.sslVerify false

# ruleid: shell.tls-verification-disabled
wget --no-check-certificate https://downloads.example.com/tool.tgz

# ok: shell.tls-verification-disabled
curl --cacert /etc/ssl/private-ca.pem -o tool.tgz https://downloads.example.com/tool.tgz

# ok: shell.tls-verification-disabled
git config --global http.sslCAInfo /etc/ssl/private-ca.pem
