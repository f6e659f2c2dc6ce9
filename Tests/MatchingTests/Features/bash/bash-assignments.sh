#!/bin/bash
# ruleid: bash-assignments
export GIT_SSL_NO_VERIFY=1
# ruleid: bash-assignments
GIT_SSL_NO_VERIFY=1
f() {
  # ruleid: bash-assignments
  local GIT_SSL_NO_VERIFY=1
}
# ok: bash-assignments
GIT_SSL_NO_VERIFY=1 git push
# ok: bash-assignments
export GIT_SSL_NO_VERIFY=0
# ruleid: bash-substitutions
a=$(curl -s https://a)
# ruleid: bash-substitutions
b=`curl -s https://b`
# ruleid: bash-deep-expressions, bash-substitutions
CONTENTS=$(curl https://blah.com)
echo "$CONTENTS"
eval "$CONTENTS"
# ok: bash-deep-expressions
SAFE=$(date)
eval "$SAFE"
