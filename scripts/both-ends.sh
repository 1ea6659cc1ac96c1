#!/usr/bin/env bash
# `make both-ends`: the test suite on the lowest versions pyproject.toml's ranges allow, then on the newest.
#
#   scripts/both-ends.sh [lowest|highest ...]     default: both, lowest first
#
# Each end runs in a copy of the checkout's tracked files with a lock of its own (`uv lock --resolution
# lowest-direct`, or `uv lock --upgrade`) and its own .venv, so nothing of the checkout changes. The CLI suite's
# programs install the wheel with that copy's lock too (installed --frozen: a lowest-end lock records its resolution mode,
# which --locked would take for a stale lock). It prints the versions each end ran on; where the lowest
# end fails, raise the floor in pyproject.toml to what passes. Too slow for every CI run: run it before a release.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UV=${UV:?run it as make both-ends, which sets UV}
ends=("$@")
[[ ${#ends[@]} -gt 0 ]] || ends=(lowest highest)
status=0
for end in "${ends[@]}"; do
  work=$(mktemp -d) && copy=$work/checkout && mkdir "$copy"
  (cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$copy")
  # The tests that read Zoom's OpenAPI document find it beside the checkout, as they do beside this one.
  [[ -d $ROOT/../shared ]] && ln -s "$(cd "$ROOT/.." && pwd)/shared" "$work/shared"
  cd "$copy"
  case $end in
    lowest) "$UV" lock --quiet --resolution lowest-direct ;;
    highest) "$UV" lock --quiet --upgrade ;;
    *) echo "both-ends.sh: no end called $end (lowest or highest)" >&2; exit 2 ;;
  esac
  UV_PROJECT_ENVIRONMENT=.venv "$UV" sync --quiet --frozen --extra dev --python "${PYTHON:-python3}"
  echo "==> $end end:" $(.venv/bin/python -c 'import importlib.metadata as m
print(", ".join(f"{n} {m.version(n)}" for n in ("pulumi", "requests", "pydantic", "phonenumbers", "click", "PyYAML", "pytest")))')
  # Every test but the one that holds the committed uv.lock to tools/versions.env: this end's lock replaces it.
  if .venv/bin/pytest -n auto --dist loadscope -q -p no:cacheprovider \
    --deselect tests/unit/test_pulumi_tools.py::test_the_python_and_nodejs_locks_hold_the_sdk_versions_named_in_versions_env; then
    echo "==> $end end: passed"
  else
    echo "==> $end end: FAILED (in $copy)"
    status=1
  fi
  cd "$ROOT"
done
exit $status
