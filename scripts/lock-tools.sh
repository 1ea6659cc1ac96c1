#!/usr/bin/env bash
# `make tools-lock`: write tools/pulumi/*/go.mod and go.sum afresh from the versions in tools/versions.env.
#
# One small Go module per version set, since the CLI, the Python and Node.js hosts and the YAML host need different
# versions of the same Pulumi modules. Commit what this writes: scripts/pulumi-tools.sh builds with -mod=readonly,
# so a build uses exactly these files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../tools/versions.env
source "$ROOT/tools/versions.env"
export GOTOOLCHAIN=local GOFLAGS=

fresh() {  # fresh MODULE-FOLDER: an empty go.mod for tools/pulumi/<folder>
  cd "$ROOT/tools/pulumi/$1"
  rm -f go.mod go.sum
  go mod init "zoom-blocklist-provider/tools/pulumi/$1" 2>/dev/null
  go mod edit -go=1.26  # the oldest Go that builds it: go get raises this to what the modules need
}

fresh cli
# pkg/v3's own go.mod replaces this module; a module that requires pkg/v3 must repeat it to build the CLI.
go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_CLI_VERSION"
go get "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_CLI_VERSION"
go mod tidy

fresh hosts
go get -tool "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python@v$PULUMI_LANGUAGE_HOSTS_VERSION" \
  "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@v$PULUMI_LANGUAGE_HOSTS_VERSION"
go mod tidy

fresh yaml
go get -tool "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION"
go mod tidy

echo "wrote tools/pulumi/{cli,hosts,yaml}/go.mod and go.sum; commit them"
