#!/usr/bin/env bash
# `make demo`: the quickstart program (the repository's root project: Pulumi.yaml, __main__.py) planned and applied by the real Pulumi CLI against a local Zoom emulator.
#
# It never talks to Zoom and never logs in to Pulumi Cloud: the stack lives in a local file backend
# (.pulumi-state/, gitignored) with an empty passphrase, and its zoom:* config points at an emulator this script
# starts and, through the EXIT trap, always stops. It does not run `pulumi login`, which would change the user's
# default backend in ~/.pulumi: PULUMI_BACKEND_URL selects the local backend for this script's commands only.
# The emulator keeps its entries beside the stack's state, so a second `make demo` plans and makes no change.
#
# The CLI comes from scripts/pulumi-tools.sh (one on PATH, a cached build, or a build from Go modules). Its folder
# and the project's .venv go first on PATH for the pulumi commands only: a Python language host older than the CLI
# ignores Pulumi.yaml's virtualenv and runs the first python3 on PATH, so the program runs in .venv either way.
#
# Knobs (for tests and curious users): DEMO_STATE_DIR (backend and emulator state, default .pulumi-state),
# DEMO_PULUMI_TOOLS (the script that finds the CLI, default scripts/pulumi-tools.sh), DEMO_PROJECT_DIR (the project
# run, default the repository's root; the stack's Pulumi.dev.yaml is written there, so tests point it at a copy).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

STACK=dev
PROJECT=${DEMO_PROJECT_DIR:-$ROOT}
STATE_DIR=${DEMO_STATE_DIR:-$ROOT/.pulumi-state}
TOOLS=${DEMO_PULUMI_TOOLS:-$ROOT/scripts/pulumi-tools.sh}
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
CLI=$ROOT/.venv/bin/zoom-blocklist

step "Finding the Pulumi CLI (scripts/pulumi-tools.sh)"
if ! tools_bin=$("$TOOLS" | tail -n1) || [[ ! -x $tools_bin/pulumi ]]; then
  echo "make demo needs the Pulumi CLI: see above for what to install, then run make demo again" >&2
  exit 2
fi
pulumi() { PATH="$ROOT/.venv/bin:$tools_bin:$PATH" "$tools_bin/pulumi" --cwd "$PROJECT" "$@"; }
echo "Using $tools_bin/pulumi ($(pulumi version))"

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

step "Selecting stack $STACK of $PROJECT (backend $PULUMI_BACKEND_URL) and pointing it at the emulator"
pulumi stack select --create "$STACK"
pulumi config set zoom:apiUrl "$url/v2"
pulumi config set zoom:oauthUrl "$url/oauth/token"
pulumi config set zoom:accountId "$ACCOUNT_ID"
pulumi config set zoom:clientId "$CLIENT_ID"
pulumi config set --secret zoom:clientSecret "$CLIENT_SECRET"

step "pulumi preview (checks and diffs only: no call reaches the emulator)"
pulumi preview

step "pulumi up --yes"
pulumi up --yes

step "What the emulator's blocked list now holds"
ZOOM_API_URL="$url/v2" ZOOM_OAUTH_URL="$url/oauth/token" ZOOM_ACCOUNT_ID=$ACCOUNT_ID ZOOM_CLIENT_ID=$CLIENT_ID \
  ZOOM_CLIENT_SECRET=$CLIENT_SECRET "$CLI" export --format csv
