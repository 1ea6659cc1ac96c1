"""Every TypeScript and YAML program of README.md and docs/ (the schema's examples among them, through docs/api/)
runs through the real CLI against the emulator: `pulumi up` of each one as its whole program, and every entry it
declares then in Zoom under the id the state holds. tests/docs_samples.py finds the blocks; nothing lists them.

TypeScript costs most, so the blocks share one npm install (conftest's `node_project`, the run's), and `tsc`
type-checks all of them in one run; each program then runs with ts-node transpiling only, which type-checks nothing
a second time.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import Stack, link_node_modules, new_stack
from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.docs_samples import Block, runnable
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
ENTRY_TYPES = ("zoom:phone:BlockedNumber", "zoom:phone:Blocklist")


def module_name(block: Block) -> str:
    return "block_" + "".join(char if char.isalnum() else "_" for char in block.id)


def test_cli_every_typescript_sample_type_checks(tmp_path: Path, node_project: Path) -> None:
    blocks = runnable("typescript")
    assert blocks
    link_node_modules(tmp_path, node_project)
    checked = tmp_path / "checked"
    checked.mkdir()
    for block in blocks:
        (checked / f"{module_name(block)}.ts").write_text(block.text)
    config = json.loads((node_project / "tsconfig.json").read_text())
    config["files"] = [f"checked/{module_name(block)}.ts" for block in blocks]
    (tmp_path / "tsconfig.docs.json").write_text(json.dumps(config))
    done = subprocess.run(
        ["npx", "--no-install", "tsc", "--noEmit", "-p", "tsconfig.docs.json"], cwd=tmp_path, capture_output=True,
        text=True, timeout=300, check=False, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def sample_stack(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path, runtime: str, files: dict[str, str]
) -> Stack:
    """A stack of a project holding `files`, configured for the emulator as the default and the `emea` account.

    The `emea` provider of the several-accounts samples takes its URLs from ZOOM_API_URL and ZOOM_OAUTH_URL, as an
    explicit provider falls back to the environment."""
    source = tmp_path / "source" / f"docs-{runtime}"
    source.mkdir(parents=True)
    (source / "Pulumi.yaml").write_text(f"name: docs-{runtime}\nruntime: {runtime}\n" + files.pop("Pulumi.yaml", ""))
    for name, text in files.items():
        (source / name).write_text(text)
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, source, name="dev")
    emea = [f"--plaintext=emea:accountId={ACCOUNT_ID}", f"--plaintext=emea:clientId={CLIENT_ID}"]
    stack.run("config", "set-all", *emea, f"--secret=emea:clientSecret={CLIENT_SECRET}")
    stack.env.update(ZOOM_API_URL=emu.api_url, ZOOM_OAUTH_URL=emu.oauth_url)
    return stack


def assert_applied(stack: Stack, emu: Emulator, block: Block) -> None:
    """Every entry the program declares is in Zoom, under the id the state records for it."""
    resources = stack.export()["deployment"]["resources"]
    ours = [r for r in resources if r["type"] in ENTRY_TYPES]
    assert ours, f"{block.id} declares nothing"
    in_zoom = {entry["id"] for entry in emu.admin.entries()}
    recorded: set[str] = set()
    for resource in ours:
        if resource["type"] == "zoom:phone:BlockedNumber":
            recorded.add(resource["id"])
        else:
            recorded.update(resource["outputs"]["ids"].values())
    assert recorded == in_zoom


@pytest.mark.parametrize("block", runnable("typescript"), ids=lambda block: block.id)
def test_cli_typescript_sample_applies(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path, node_project: Path, block: Block
) -> None:
    config = json.loads((node_project / "tsconfig.json").read_text())
    files = {"index.ts": block.text, "package.json": (node_project / "package.json").read_text()}
    files["tsconfig.json"] = json.dumps(config)
    stack = sample_stack(pulumi_tools, user_venv, emu, tmp_path, "nodejs", files)
    link_node_modules(stack.project, node_project)
    stack.env["PULUMI_NODEJS_TRANSPILE_ONLY"] = "true"  # test_cli_every_typescript_sample_type_checks checks them
    stack.run("up", "--yes", "--skip-preview")
    assert_applied(stack, emu, block)


@pytest.mark.parametrize("block", runnable("program"), ids=lambda block: block.id)
def test_cli_yaml_sample_applies(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path, block: Block
) -> None:
    stack = sample_stack(pulumi_tools, user_venv, emu, tmp_path, "yaml", {"Pulumi.yaml": block.text})
    stack.run("up", "--yes", "--skip-preview")
    assert_applied(stack, emu, block)
