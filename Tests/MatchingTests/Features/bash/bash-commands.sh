#!/bin/bash
# ruleid: bash-commands, bash-pipelines
curl -k "$URL" -o x | sh
# ok: bash-commands
sudo curl -k https://x
# ruleid: bash-commands
LANG=C curl -k https://y >out 2>&1
if true; then
  # ruleid: bash-commands
  curl --insecure -k https://z
fi
# ruleid: bash-commands
x=$(curl -k https://q)
# ruleid: bash-commands
echo `curl -k https://r`
# ruleid: bash-pipelines, bash-pipeline-tail
cat a | grep x | sort
for f in a b; do
  # ruleid: bash-commands
  curl -sk -k "$f"
done
deploy() {
  # ruleid: bash-commands
  curl -k https://deploy
}
case "$1" in
  # ruleid: bash-commands
  up) curl -k https://up ;;
  *) echo no ;;
esac
cat <<EOF
curl -k https://not-a-command
EOF
# ruleid: bash-commands
curl -o out -k https://after-heredoc
# ok: bash-commands
curl https://safe
