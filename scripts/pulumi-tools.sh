#!/usr/bin/env bash
# Ensure the Pulumi CLI and the language hosts the project runs, all in one folder, and print that folder.
#
#   scripts/pulumi-tools.sh            find or build them; progress on stderr, the folder as the last line of stdout
#   scripts/pulumi-tools.sh --find     only report a folder that is ready (exit 1 and the reason if none): no build
#   scripts/pulumi-tools.sh --where    print the folder a build for these versions goes to, and nothing else
#
# The folder holds `pulumi`, `pulumi-language-python`, `pulumi-language-nodejs`, `pulumi-language-yaml`, the dynamic
# provider's launcher (`pulumi-resource-pulumi-python`, `pulumi-language-python-exec`) and `zoom-gen-sdk` (Pulumi's
# SDK code generators, run in-process) where it was built here. It is chosen in this order:
#   1. a `pulumi` on PATH at least PULUMI_CLI_MINIMUM (tools/versions.env): a user's own install, hosts beside it;
#   2. the build cached for exactly these versions and go.sum files, under ${XDG_CACHE_HOME:-~/.cache};
#   3. a build from the Go module proxy, where `go` is present (about 4 minutes cold, 30 s with Go's caches warm);
#   4. Pulumi's installer (get.pulumi.com), where it answers, into the same cache;
#   5. otherwise a message saying what to install, and exit 2.
# It never installs anything outside that cache and never touches PATH: callers put the folder first on PATH for
# the commands they run.
#
# Knobs: ZOOM_TOOLS_CACHE (the cache folder), ZOOM_TOOLS_IGNORE_PATH=1 (skip step 1, e.g. to test the build),
# ZOOM_TOOLS_NO_BUILD=1 (skip step 3), PULUMI_INSTALL_URL (step 4's installer).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../tools/versions.env
source "$ROOT/tools/versions.env"
CACHE=${ZOOM_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zoom-blocklist-provider/pulumi}
PULUMI_INSTALL_URL=${PULUMI_INSTALL_URL:-https://get.pulumi.com}
MODE=${1:-ensure}

say() { printf 'pulumi-tools: %s\n' "$*" >&2; }
found() { say "$1"; printf '%s\n' "$2"; exit 0; }

# version_at_least A B: A >= B, both as 1.2.3
version_at_least() { [[ $(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1) == "$2" ]]; }

# The build's folder is named by the versions and by a digest of the files it is built from (the Go modules and
# zoom-gen-sdk), so a change to either builds anew and every clone and CI run on the machine with the same files
# shares one build.
key() {
  local digest
  digest=$(cat "$ROOT"/tools/pulumi/*/go.mod "$ROOT"/tools/pulumi/*/go.sum "$ROOT"/tools/pulumi/cli/gensdk/*.go |
    sha256sum | cut -c1-12)
  printf 'cli-%s_hosts-%s_yaml-%s_%s' "$PULUMI_CLI_VERSION" "$PULUMI_LANGUAGE_HOSTS_VERSION" "$PULUMI_YAML_VERSION" \
    "$digest"
}
BUILT=$CACHE/$(key)
INSTALLED=$CACHE/official-$PULUMI_CLI_VERSION
if [[ $MODE == --where ]]; then
  printf '%s\n' "$BUILT"
  exit 0
fi

# 1. A pulumi of the user's own.
if [[ -z ${ZOOM_TOOLS_IGNORE_PATH:-} ]] && own=$(command -v pulumi 2>/dev/null); then
  # Through links to the file itself: the hosts are beside it, and an activated .venv's bin holds only links
  # (scripts/link-pulumi.sh), never a folder to hand on as the CLI's.
  own=$(readlink -f "$own")
  own_version=$("$own" version 2>/dev/null | sed 's/^v//') || own_version=""
  if [[ -n $own_version ]] && version_at_least "$own_version" "$PULUMI_CLI_MINIMUM"; then
    found "using the Pulumi CLI on PATH: $own (v$own_version)" "$(dirname "$own")"
  fi
  say "the pulumi on PATH ($own, ${own_version:-no version}) is older than v$PULUMI_CLI_MINIMUM: not using it"
fi

# 2. A build or an install made before.
if [[ -f $BUILT/READY ]]; then
  found "using the Pulumi CLI v$PULUMI_CLI_VERSION built from Go modules, cached in $BUILT ($(cat "$BUILT/READY"))" \
    "$BUILT"
fi
if [[ -x $INSTALLED/bin/pulumi ]]; then
  found "using the Pulumi CLI v$PULUMI_CLI_VERSION installed by Pulumi's installer in $INSTALLED" "$INSTALLED/bin"
fi
if [[ $MODE == --find ]]; then
  say "no Pulumi CLI: none on PATH and none cached in $CACHE; run scripts/pulumi-tools.sh (make cli) to get one"
  exit 1
fi

mkdir -p "$CACHE"
# One build at a time per machine: a second caller waits, then finds the first one's folder.
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [[ -f $BUILT/READY ]]; then
    found "using the Pulumi CLI v$PULUMI_CLI_VERSION another run has just built in $BUILT" "$BUILT"
  fi
fi

# 3. Build from the Go modules, pinned by the go.mod and go.sum files of tools/pulumi/.
# step N WHAT MODULE COMMAND...: one numbered step of the build; a failure names the step and the module.
step() {
  local number=$1 what=$2 module=$3
  shift 3
  say "[$number/6] $what: $module"
  if ! "$@"; then
    say "building failed at step $number ($what, $module): see the output above"
    return 1
  fi
}
runs() { "$1" version >&2; }
in_module() { (cd "$ROOT/tools/pulumi/$1" && shift && "$@"); }
launcher() {
  local sdk_dir
  sdk_dir=$(in_module cli go mod download -json github.com/pulumi/pulumi/sdk/v3 |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') && [[ -n $sdk_dir ]] &&
    install -m 0755 "$sdk_dir/python/dist/pulumi-resource-pulumi-python" \
      "$sdk_dir/python/cmd/pulumi-language-python-exec" "$1/"
}
build() {
  local stage=$1 started=$SECONDS cli=github.com/pulumi/pulumi/pkg/v3@v$PULUMI_CLI_VERSION
  local version_flag="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"
  export GOFLAGS="-mod=readonly${GOFLAGS:+ $GOFLAGS}" GOTOOLCHAIN=local
  step 1 "the pulumi CLI (about 3.5 minutes cold)" "$cli" \
    in_module cli go build -o "$stage/pulumi" -ldflags "$version_flag" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi &&
    step 2 "the dynamic provider's launcher scripts" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_CLI_VERSION" \
      launcher "$stage" &&
    step 3 "the Python and Node.js language hosts" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_LANGUAGE_HOSTS_VERSION" \
      in_module hosts go build -o "$stage/" github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python \
      github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs &&
    step 4 "the YAML language host" "github.com/pulumi/pulumi-yaml@v$PULUMI_YAML_VERSION" \
      in_module yaml go build -o "$stage/" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml &&
    step 5 "zoom-gen-sdk, Pulumi's SDK generators (tools/pulumi/cli/gensdk)" "$cli" \
      in_module cli go build -o "$stage/zoom-gen-sdk" ./gensdk &&
    step 6 "checking that the CLI runs" "$stage/pulumi version" runs "$stage/pulumi" &&
    say "built in $((SECONDS - started)) s"
}

if [[ -z ${ZOOM_TOOLS_NO_BUILD:-} ]] && command -v go >/dev/null 2>&1; then
  say "building the Pulumi CLI v$PULUMI_CLI_VERSION and its language hosts from Go modules with $(go version | cut -d' ' -f3)"
  stage=$(mktemp -d "$CACHE/.build.XXXXXX")
  trap 'rm -rf "$stage"' EXIT
  if build "$stage"; then
    date -u +'built %Y-%m-%d %H:%M UTC' >"$stage/READY"
    rm -rf "$BUILT"
    mv "$stage" "$BUILT"  # whole or not at all: an interrupted build leaves only a .build folder to clean
    trap - EXIT
    found "using the Pulumi CLI v$PULUMI_CLI_VERSION just built in $BUILT" "$BUILT"
  fi
  rm -rf "$stage"
  trap - EXIT
  say "could not build from Go modules; trying Pulumi's installer"
fi

# 4. Pulumi's own installer.
download=$(mktemp)
trap 'rm -f "$download"' EXIT
if curl -fsSL --connect-timeout 20 -o "$download" "$PULUMI_INSTALL_URL" 2>/dev/null &&
  sh "$download" --version "$PULUMI_CLI_VERSION" --install-root "$INSTALLED" --no-edit-path >&2; then
  found "using the Pulumi CLI v$PULUMI_CLI_VERSION installed by Pulumi's installer in $INSTALLED" "$INSTALLED/bin"
fi

# 5. Nothing worked: say what would.
cat >&2 <<MSG
pulumi-tools: no Pulumi CLI: none on PATH at v$PULUMI_CLI_MINIMUM or newer, none cached in $CACHE, no Go to build one
(or its build failed above), and $PULUMI_INSTALL_URL did not answer. Any one of these fixes it:
  - install the Pulumi CLI v$PULUMI_CLI_MINIMUM or newer: https://www.pulumi.com/docs/iac/download-install/
  - install Go 1.26 or newer with access to a Go module proxy, then run make cli again
MSG
exit 2
