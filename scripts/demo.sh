#!/usr/bin/env bash
# `make demo`: the quickstart program planned and applied by the real Pulumi CLI against a local Zoom emulator.
#
# It never talks to Zoom and never logs in to Pulumi Cloud: the stack lives in a local file backend
# (.pulumi-state/, gitignored) with an empty passphrase, and its zoom:* config points at an emulator this script
# starts and, through the EXIT trap, always stops. It does not run `pulumi login`, which would change the user's
# default backend in ~/.pulumi: PULUMI_BACKEND_URL selects the local backend for this script's commands only.
#
# Knobs (for tests and curious users): PULUMI_INSTALL_URL (the installer script), DEMO_TOOLS_DIR (where the CLI is
# installed, default .tools/pulumi), DEMO_STATE_DIR (backend and emulator state, default .pulumi-state),
# DEMO_PULUMI_VERSION (default: the pulumi SDK version in .venv, so CLI and SDK match).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

STACK=dev
PULUMI_INSTALL_URL=${PULUMI_INSTALL_URL:-https://get.pulumi.com}
INSTALL_DOCS=https://www.pulumi.com/docs/iac/download-install/
TOOLS_DIR=${DEMO_TOOLS_DIR:-$ROOT/.tools/pulumi}
STATE_DIR=${DEMO_STATE_DIR:-$ROOT/.pulumi-state}
# The emulator's built-in credentials: public, and accepted by nothing but the emulator.
ACCOUNT_ID=emulator-account
CLIENT_ID=emulator-client
CLIENT_SECRET=emulator-secret

# Local-only Pulumi: a file backend, an empty passphrase, no update check, loopback calls never through a proxy.
export PULUMI_BACKEND_URL="file://$STATE_DIR"
export PULUMI_CONFIG_PASSPHRASE=""
export PULUMI_SKIP_UPDATE_CHECK=true
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy=$NO_PROXY

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [[ -n $emulator_pid ]]; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '\n==> %s\n' "$*"; }

# Make has built .venv already when it runs this script (`demo: setup`); run alone, build it here.
if [[ -z ${MAKELEVEL:-} ]]; then
  step "Installing the project into .venv (make setup)"
  make --no-print-directory setup
fi
PYTHON=$ROOT/.venv/bin/python
CLI=$ROOT/.venv/bin/zoom-blocklist

step "Finding the Pulumi CLI"
version=${DEMO_PULUMI_VERSION:-$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("pulumi"))')}
if command -v pulumi >/dev/null 2>&1; then
  PULUMI=$(command -v pulumi)
elif [[ -x $TOOLS_DIR/bin/pulumi ]]; then
  PULUMI=$TOOLS_DIR/bin/pulumi
else
  tools_shown=${TOOLS_DIR#"$ROOT"/}
  echo "pulumi is not on PATH: installing Pulumi CLI v$version into $tools_shown"
  if curl -fsSL --connect-timeout 20 -o "$work/install.sh" "$PULUMI_INSTALL_URL" &&
    sh "$work/install.sh" --version "$version" --install-root "$TOOLS_DIR" --no-edit-path; then
    PULUMI=$TOOLS_DIR/bin/pulumi
  else
    cat >&2 <<MSG
make demo needs the Pulumi CLI: it is not on PATH nor in $tools_shown/bin, and installing it from $PULUMI_INSTALL_URL failed.
Install Pulumi CLI v$version (the version of the pulumi SDK in .venv), then run make demo again:
  curl -fsSL https://get.pulumi.com | sh -s -- --version $version
or, to keep it inside this checkout where make demo finds it:
  curl -fsSL https://get.pulumi.com | sh -s -- --version $version --install-root .tools/pulumi --no-edit-path
Other ways to install it (Homebrew, Windows, a plain download): $INSTALL_DOCS
MSG
    exit 1
  fi
fi
echo "Using $PULUMI ($("$PULUMI" version))"

step "Starting the local Zoom emulator"
mkdir -p "$STATE_DIR"
mkfifo "$work/emulator.out"
# Its entries live beside the stack's state, so a second `make demo` finds what the first one created.
"$CLI" emulator --port 0 --state "$STATE_DIR/emulator.json" >"$work/emulator.out" 2>"$work/emulator.log" &
emulator_pid=$!
exec 3<"$work/emulator.out"
# The readiness line says the socket is listening; a timeout only bounds a broken start.
if ! read -r -t 60 ready <&3 || [[ $ready != "Zoom emulator listening on "* ]]; then
  echo "the emulator did not start:" >&2
  cat "$work/emulator.log" >&2
  exit 1
fi
url=${ready##* }
echo "$ready"

step "Selecting stack $STACK (backend $PULUMI_BACKEND_URL) and pointing it at the emulator"
"$PULUMI" stack select --create "$STACK"
"$PULUMI" config set zoom:apiUrl "$url/v2"
"$PULUMI" config set zoom:oauthUrl "$url/oauth/token"
"$PULUMI" config set zoom:accountId "$ACCOUNT_ID"
"$PULUMI" config set zoom:clientId "$CLIENT_ID"
"$PULUMI" config set --secret zoom:clientSecret "$CLIENT_SECRET"

step "pulumi preview (checks and diffs only: no call reaches the emulator)"
"$PULUMI" preview

step "pulumi up --yes"
"$PULUMI" up --yes

step "What the emulator's blocked list now holds"
if "$CLI" export --help >/dev/null 2>&1; then
  ZOOM_API_URL="$url/v2" ZOOM_OAUTH_URL="$url/oauth/token" ZOOM_ACCOUNT_ID=$ACCOUNT_ID ZOOM_CLIENT_ID=$CLIENT_ID \
    ZOOM_CLIENT_SECRET=$CLIENT_SECRET "$CLI" export --format csv
else
  curl -fsS --noproxy '*' "$url/_emulator/entries" | "$PYTHON" -m json.tool
fi
