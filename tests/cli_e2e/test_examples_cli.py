"""The examples as a user runs them: examples/from-file unchanged through the CLI, and `make demo` twice."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, new_stack, posts, root_project
from tests.docs_samples import checked_sample
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]


def test_cli_from_file_example_blocks_every_line_of_both_files(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, REPO / "examples" / "from-file")
    stack.run("up", "--yes")
    numbers = sorted(entry["phone_number"] for entry in emu.admin.entries())
    assert numbers == ["+1900", "+19075550110", "+19075550111", "+19075550112", "+442079460018", "+449098790000"]
    assert (posts(emu), len(stack.ids())) == (6, 6)
    stack.run("preview", "--expect-no-changes")
    stack.run("destroy", "--yes")
    assert emu.admin.entries() == []


def test_make_demo_applies_the_quickstart_then_a_second_run_changes_nothing(pulumi_tools: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "DEMO_"))}
    env.update(MAKELEVEL="1", DEMO_STATE_DIR=str(tmp_path / "state"), PULUMI_HOME=str(tmp_path / "home"))
    # The root project copied, its .venv the clone's: the stack's Pulumi.dev.yaml is written there, not in the clone.
    env["DEMO_PROJECT_DIR"] = str(root_project(tmp_path, REPO / ".venv"))
    env["PATH"] = os.pathsep.join([str(pulumi_tools), env["PATH"]])
    runs = [
        subprocess.run(
            [str(REPO / "scripts" / "demo.sh")], env=env, capture_output=True, text=True, timeout=240, check=False
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr
    first, second = (run.stdout for run in runs)
    assert "Resources:\n    + 6 created\n" in first
    assert "Resources:\n    6 unchanged\n" in second
    assert second.endswith("+1900,prefix,outbound,active,CHG-2201: no premium-rate calls from company phones,true\n")
    assert runs[1].stderr.endswith("Exported 5 entries.\n")
    # The README's sample of the demo's end: what the second run printed last, its stderr's last line after it.
    shown = checked_sample("README.md", "tests/cli_e2e/test_examples_cli.py")
    assert second[second.index("==> What the emulator's blocked list now holds") :] + "Exported 5 entries.\n" == shown
