#!/usr/bin/env bash
# `make sdk`: the zoom package's schema and its generated SDKs, from the provider's own code.
#
#   scripts/gen-sdk.sh [OUT]     writes OUT/schema.json, OUT/python, OUT/nodejs and OUT/go (default OUT: sdk/); never
#                                edit them by hand. OUT/nodejs/package-lock.json is kept: it pins the Node.js SDK's
#                                packages. The Go module's go.mod and go.sum (sdk/go.mod, beside go/) are not
#                                generated: `make tools-lock` writes them
#
# The schema comes from zoom_blocklist_provider.native.schema (the pydantic models' descriptions). The SDKs come from
# Pulumi's own code generators: `pulumi package gen-sdk` where the CLI's language host implements it, else
# zoom-gen-sdk (the same generators, run in-process; scripts/pulumi-tools.sh builds it beside the CLI).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-$ROOT/sdk}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
tools=$("$ROOT/scripts/pulumi-tools.sh" | tail -n1)
mkdir -p "$OUT"
"$PYTHON" -c 'import sys; from zoom_blocklist_provider.native.schema import schema_json; sys.stdout.write(schema_json())' \
  >"$OUT/schema.json"

generate() {  # generate LANGUAGE FOLDER
  local language=$1 folder=$2 scratch
  scratch=$(mktemp -d)
  if PATH="$tools:$PATH" "$tools/pulumi" package gen-sdk "$OUT/schema.json" --language "$language" --out "$scratch" \
    >"$scratch.log" 2>&1 && [[ -d $scratch/$language ]]; then
    rm -rf "$folder" && mv "$scratch/$language" "$folder"
  elif [[ -x $tools/zoom-gen-sdk ]]; then
    "$tools/zoom-gen-sdk" -schema "$OUT/schema.json" -language "$language" -out "$folder" >/dev/null
  else
    cat "$scratch.log" >&2
    echo "gen-sdk.sh: no SDK generator for $language: pulumi package gen-sdk failed (above) and zoom-gen-sdk is absent" >&2
    exit 1
  fi
  rm -rf "$scratch" "$scratch.log"
}

generate python "$OUT/python"
# The generated pyproject.toml names a README.md beside it; the generator writes that README inside the package.
cp "$OUT/python/pulumi_zoom/README.md" "$OUT/python/README.md"

lock=$(mktemp)
[[ -f $ROOT/sdk/nodejs/package-lock.json ]] && cp "$ROOT/sdk/nodejs/package-lock.json" "$lock"
generate nodejs "$OUT/nodejs"
if [[ -s $lock ]]; then cp "$lock" "$OUT/nodejs/package-lock.json"; fi
rm -f "$lock"

generate go "$OUT/go"
# A language host's GeneratePackage adds a go.mod naming the SDK version it was built with; the module is sdk/ and
# its go.mod the project's own.
find "$OUT/go" \( -name go.mod -o -name go.sum \) -delete
echo "wrote $OUT/schema.json, $OUT/python, $OUT/nodejs and $OUT/go" >&2
