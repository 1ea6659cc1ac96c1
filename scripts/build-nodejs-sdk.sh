#!/usr/bin/env bash
# `make nodejs-sdk`: build sdk/nodejs (the zoom package's Node.js SDK) with its locked packages, and pack it.
#
#   scripts/build-nodejs-sdk.sh [DEST]    writes DEST/zoom-blocklist-provider-zoom-<version>.tgz (default DEST: dist/)
#                                         and prints its path as the last line
#
# It builds in a copy of the folder, so the checkout gets no node_modules: `npm ci` installs exactly
# sdk/nodejs/package-lock.json, `tsc` compiles with the generated tsconfig (strict), `npm pack` makes the tarball
# a TypeScript project installs with `npm install <tarball>`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$ROOT/sdk/nodejs/." "$work/"
cd "$work"
npm ci --no-audit --no-fund --loglevel=error >&2
npx --no-install tsc >&2
# npm pack copies what package.json and .npmignore allow: the compiled bin/ with its typings, and the README.
cp package.json README.md bin/
tarball=$(cd bin && npm pack --pack-destination "$DEST" --loglevel=error | tail -n1)
echo "built $DEST/$tarball" >&2
echo "$DEST/$tarball"
