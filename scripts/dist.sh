#!/usr/bin/env bash
# make dist: packs a built aigate into aigate-VERSION-linux-x86_64.tar.gz (the binary, README,
# LICENSE, the rule packs as files), writes its SHA-256 file, and signs that
# file with an `aigate attest` key, so a download can be checked offline:
#
#   sha256sum -c aigate-VERSION-linux-x86_64.tar.gz.sha256
#   aigate attest verify-file aigate-VERSION-linux-x86_64.tar.gz.sha256 --key aigate-release.pub
#
# usage: dist.sh BINARY OUTDIR. The signing key is AIGATE_DIST_KEY (a private key file from
# `aigate attest keygen`); without it, a key pair is made once in .build/dist-key. The public
# key is copied to OUTDIR/aigate-release.pub.
set -euo pipefail
binary="${1:?usage: dist.sh BINARY OUTDIR}"
out="${2:?usage: dist.sh BINARY OUTDIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

version="$("$binary" --version | awk '{print $NF}')"
[ -n "$version" ] || { echo "dist.sh: $binary --version printed no version" >&2; exit 2; }
name="aigate-$version-linux-x86_64"

key="${AIGATE_DIST_KEY:-}"
if [ -z "$key" ]; then
  key="$root/.build/dist-key/aigate-release.key"
  if [ ! -f "$key" ]; then
    mkdir -p "$root/.build/dist-key"
    "$binary" attest keygen --out "$root/.build/dist-key/aigate-release" >/dev/null
    echo "dist.sh: no AIGATE_DIST_KEY; made a key pair in .build/dist-key (keep your own for releases)"
  fi
fi
public="${key%.key}.pub"
[ -f "$public" ] || { echo "dist.sh: the public key $public (beside $key) is missing" >&2; exit 2; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/aigate"
chmod 0755 "$stage/$name/aigate"
cp "$root/README.md" "$stage/$name/"
cp "$root/LICENSE" "$stage/$name/"
cp -R "$root/rulesets" "$stage/$name/rulesets"

# Reproducible: sorted names, no owners, one fixed time (the last commit's), no gzip timestamp.
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -C "$stage" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
"$binary" attest sign-file "$out/$name.tar.gz.sha256" --key "$key" \
  --out "$out/$name.tar.gz.sha256.sig" >/dev/null
cp "$public" "$out/aigate-release.pub"
"$binary" attest verify-file "$out/$name.tar.gz.sha256" --key "$out/aigate-release.pub" >/dev/null

echo "dist: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"
echo "dist: $out/$name.tar.gz.sha256: $(cut -d' ' -f1 "$out/$name.tar.gz.sha256")"
echo "dist: $out/$name.tar.gz.sha256.sig (key $out/aigate-release.pub)"
