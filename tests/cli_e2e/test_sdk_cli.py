"""The committed schema and SDKs are what the code and Pulumi's generators make now, and the plugin serves them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]


def tree(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.endswith(".egg-info")
        and ".egg-info" not in str(path)
    }


def test_cli_the_committed_sdks_are_what_make_sdk_generates(pulumi_tools: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": os.pathsep.join([str(pulumi_tools), os.environ["PATH"]]), "PYTHON": sys.executable}
    subprocess.run([str(REPO / "scripts" / "gen-sdk.sh"), str(tmp_path)], env=env, check=True, timeout=240)
    assert (tmp_path / "schema.json").read_text() == (REPO / "sdk" / "schema.json").read_text()
    assert tree(tmp_path / "python") == tree(REPO / "sdk" / "python"), "sdk/python is stale: run `make sdk`"
    # make sdk keeps the committed package-lock.json beside what it generates, so the two trees hold the same lock.
    assert tree(tmp_path / "nodejs") == tree(REPO / "sdk" / "nodejs"), "sdk/nodejs is stale: run `make sdk`"
    assert tree(tmp_path / "go") == tree(REPO / "sdk" / "go"), "sdk/go is stale: run `make sdk`"


def test_cli_get_schema_of_the_plugin_prints_the_committed_schema(
    pulumi_tools: Path, user_venv: Path, tmp_path: Path
) -> None:
    plugin = user_venv / "bin" / "pulumi-resource-zoom"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
    env.update(PULUMI_SKIP_UPDATE_CHECK="true", PULUMI_HOME=str(tmp_path / "home"))
    shown = subprocess.run(
        [str(pulumi_tools / "pulumi"), "package", "get-schema", str(plugin)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert json.loads(shown.stdout) == json.loads((REPO / "sdk" / "schema.json").read_text())


@pytest.mark.parametrize("module", ["sdk", "tests/go", "examples/automation-go"])
def test_cli_every_go_module_is_tidy(module: str) -> None:
    go = shutil.which("go")
    if go is None:
        reason = "the Go modules' check needs go on PATH"
        if os.environ.get("ZOOM_BLOCKLIST_REQUIRE_CLI"):
            pytest.fail(f"{reason} (ZOOM_BLOCKLIST_REQUIRE_CLI is set)")
        pytest.skip(reason)
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": ""}
    tidy = subprocess.run(
        [go, "mod", "tidy", "-diff"],
        cwd=REPO / module,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert tidy.returncode == 0, (
        f"{module}/go.mod or go.sum is stale: run `make tools-lock`\n{tidy.stdout}{tidy.stderr}"
    )
