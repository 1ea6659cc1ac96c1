#!/usr/bin/env bash
# Before a release is built: the tag names pyproject.toml's version, and pyproject.toml's "Plugin downloads" URL (the
# release location both SDKs send the engine to) is this repository's release of that tag.
#
#   scripts/release-check.sh TAG REPOSITORY_URL      e.g. v0.1.0 https://github.com/owner/zoom-blocklist-provider
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tag=${1:?"usage: release-check.sh TAG REPOSITORY_URL"}
repository=${2:?"usage: release-check.sh TAG REPOSITORY_URL"}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -n1)
url=$(sed -n 's/^"Plugin downloads" = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml")
expected="$repository/releases/download/v\${VERSION}"
status=0
if [[ $tag != "v$version" ]]; then
  echo "release-check: the tag $tag is not v$version, pyproject.toml's version" >&2
  status=1
fi
if [[ $url != "$expected" ]]; then
  echo "release-check: pyproject.toml's \"Plugin downloads\" is $url; this repository's releases are $expected" >&2
  status=1
fi
exit $status
