#!/usr/bin/env bash
# Link the Pulumi CLI and its language hosts into a virtualenv's bin, so that `pulumi ...` works as written after
# `source .venv/bin/activate` (make setup and make cli call it with .venv/bin).
#
#   scripts/link-pulumi.sh <tools folder> <bin folder>
#
# It links `pulumi` and every `pulumi-*` executable of the tools folder (the one scripts/pulumi-tools.sh prints), and
# removes links of those names that point nowhere any more (a build for older versions, since removed). It never
# replaces a file that is not a link: a virtualenv's own `pulumi-resource-zoom` console script stays. The links resolve
# to the tools folder, so scripts/pulumi-tools.sh, which follows them, still hands on that folder and not the bin.
set -euo pipefail

if [[ $# -ne 2 || ! -d $1 || ! -d $2 ]]; then
  echo "usage: scripts/link-pulumi.sh <tools folder> <bin folder> (both existing folders)" >&2
  exit 2
fi
tools=$(cd "$1" && pwd)
bin=$(cd "$2" && pwd)
if [[ $tools == "$bin" ]]; then
  exit 0
fi

for link in "$bin"/pulumi "$bin"/pulumi-*; do
  if [[ -L $link && ! -e $link ]]; then
    rm -f "$link"
  fi
done
linked=()
for tool in "$tools"/pulumi "$tools"/pulumi-*; do
  name=${tool##*/}
  [[ -f $tool && -x $tool ]] || continue
  if [[ -e $bin/$name && ! -L $bin/$name ]]; then
    continue
  fi
  ln -sfn "$tool" "$bin/$name"
  linked+=("$name")
done
echo "link-pulumi: ${linked[*]:-nothing} linked into $bin from $tools" >&2
