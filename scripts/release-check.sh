#!/usr/bin/env bash
# Before a release is built: the tag names pyproject.toml's version, pyproject.toml's "Plugin downloads" URL (the
# release location the SDKs send the engine to) is this repository's release of that tag, and the Go SDK's module
# (sdk/go.mod, and the schema's importBasePath that the generated imports use) is this repository's folder sdk/, which
# the release tags sdk/v<version> for `go get`.
#
#   scripts/release-check.sh TAG REPOSITORY_URL      e.g. v0.1.0 https://github.com/owner/zoom-blocklist-provider
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tag=${1:?"usage: release-check.sh TAG REPOSITORY_URL"}
repository=${2:?"usage: release-check.sh TAG REPOSITORY_URL"}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -n1)
url=$(sed -n 's/^"Plugin downloads" = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml")
expected="$repository/releases/download/v\${VERSION}"
module=$(sed -n 's/^module //p' "$ROOT/sdk/go.mod")
imports=$(sed -n 's|^ *"importBasePath": "\(.*\)",*$|\1|p' "$ROOT/sdk/schema.json")
go_module=${repository#*://}/sdk
status=0
if [[ $tag != "v$version" ]]; then
  echo "release-check: the tag $tag is not v$version, pyproject.toml's version" >&2
  status=1
fi
if [[ $url != "$expected" ]]; then
  echo "release-check: pyproject.toml's \"Plugin downloads\" is $url; this repository's releases are $expected" >&2
  status=1
fi
if [[ $module != "$go_module" || $imports != "$go_module/go/zoom" ]]; then
  echo "release-check: the Go SDK is the module $module (sdk/go.mod), imported as $imports (sdk/schema.json); this" \
    "repository's is $go_module: set GO_MODULE in zoom_blocklist_provider/native/schema.py, then run make sdk and" \
    "make tools-lock" >&2
  status=1
fi
exit $status
