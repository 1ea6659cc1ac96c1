"""A contributor without uv: pip's own resolver installs the development environment from the commands the
development guide gives (`pip install -e '.[dev]' -e ./sdk/python`), the generated SDK from its folder.

It runs pip's real resolver (`--dry-run`, nothing installed) in a fresh virtualenv on a copy of the checkout (an
editable build writes metadata beside the sources), with every dependency pinned to uv.lock's version. pip reads its
configured index, as the CLI suite's wheel installs do; the packages are metadata only and come from its cache.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, locked_versions, toml

pytestmark = pytest.mark.timeout(600)
PIP_LINE = "pip install -e '.[dev]' -e ./sdk/python"


def canonical(name: str) -> str:
    """A distribution's name as PEP 503 compares it (`pulumi_zoom` is `pulumi-zoom`)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def checkout_copy(root: Path) -> Path:
    copy = root / "checkout"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        copy.mkdir(exist_ok=True)
        shutil.copy(REPO / name, copy / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    shutil.copytree(REPO / "zoom_blocklist_provider", copy / "zoom_blocklist_provider", ignore=ignore)
    shutil.copytree(REPO / "sdk" / "python", copy / "sdk" / "python", ignore=ignore)
    # The package's wheel carries the committed schema (pyproject's force-include), which the plugin serves.
    shutil.copy(REPO / "sdk" / "schema.json", copy / "sdk" / "schema.json")
    return copy


def test_pip_resolves_the_development_environment_with_the_sdk_from_its_folder(tmp_path: Path) -> None:
    copy = checkout_copy(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    (tmp_path / "constraints.txt").write_text(locked_versions())
    report = tmp_path / "report.json"
    command = [str(venv / "bin" / "python"), "-m", *PIP_LINE.replace("'", "").split()]
    command += ["--dry-run", "--quiet", "--report", str(report), "-c", str(tmp_path / "constraints.txt")]
    done = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=540, check=False)
    assert done.returncode == 0, done.stderr
    installs = json.loads(report.read_text())["install"]
    chosen = {canonical(item["metadata"]["name"]): item["metadata"]["version"] for item in installs}
    assert (chosen.pop("pulumi-zoom"), chosen.pop("zoom-blocklist-provider")) == ("0.1.0", "0.1.0")
    locked = dict(line.split("==") for line in locked_versions().splitlines())
    assert {"pytest", "mypy", "ruff", "pulumi", "hypothesis"} <= set(chosen)
    assert chosen == {name: locked[name] for name in chosen}


def test_the_dev_extra_names_only_what_an_index_serves() -> None:
    # The generated SDK is a uv dependency group: in the extra, pip looked for it on the index and failed.
    dev = toml(REPO / "pyproject.toml")["project"]["optional-dependencies"]["dev"]
    assert [requirement for requirement in dev if requirement.startswith("pulumi-zoom")] == []
    assert toml(REPO / "pyproject.toml")["dependency-groups"] == {"sdk": ["pulumi-zoom"]}
