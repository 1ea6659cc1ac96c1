#!/usr/bin/env bash
# `make tools-lock`: write every go.mod and go.sum of the project afresh from the versions in tools/versions.env.
#
# One small Go module per version set, since the CLI, the Python and Node.js hosts and the YAML host need different
# versions of the same Pulumi modules; then the Go SDK's module and the Go code built on it (tests, examples). Commit what this writes: scripts/pulumi-tools.sh builds with -mod=readonly,
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

# The Go SDK's module, sdk/ (its packages are sdk/go/zoom/..., which `make sdk` generates): on the CLI's Go SDK, so
# programs, the Automation API and the engine are of one version. Its path is the schema's importBasePath less
# /go/zoom. Then the project's own Go code on that SDK from this checkout (a replace of the module by ../../sdk).
go_module() {  # go_module FOLDER MODULE-PATH: an empty go.mod for the Go code of FOLDER (relative to the root)
  cd "$ROOT/$1"
  rm -f go.mod go.sum
  go mod init "$2" 2>/dev/null
  go mod edit -go=1.26
}
sdk=$(sed -n 's|^ *"importBasePath": "\(.*\)/go/zoom",*$|\1|p' "$ROOT/sdk/schema.json")
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -n1)
go_module sdk "$sdk"
go get "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_CLI_VERSION"
go mod tidy
for folder in tests/go examples/automation-go; do
  go_module "$folder" "zoom-blocklist-provider/$folder"
  go mod edit -require "$sdk@v$version" -replace "$sdk=../../sdk"
  go get "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_CLI_VERSION"
  go mod tidy
done

echo "wrote tools/pulumi/{cli,hosts,yaml}, sdk, tests/go and examples/automation-go's go.mod and go.sum; commit them"
