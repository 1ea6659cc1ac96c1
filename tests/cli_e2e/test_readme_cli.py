"""The README shows what the real engine prints: its `pulumi preview --diff` sample is held against a real run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_e2e.conftest import PROGRAMS, new_stack
from tests.docs_samples import checked_sample
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
SAMPLE_ID = "jQ8oEJCiQtSzvhXs4nO92g"  # the README's stand-in for the id Zoom gave the entry


def readme_sample() -> str:
    return checked_sample("README.md", "tests/cli_e2e/test_readme_cli.py")


def resource_blocks(text: str) -> tuple[list[str], list[str]]:
    """The lines outside resource steps, and each step's lines as one block, sorted: the engine applies independent
    steps concurrently, so it prints them in whichever order they finish."""
    outside: list[str] = []
    blocks: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith(("    + ", "    ~ ", "    - ", "    +-")):
            current = [line]
            blocks.append("")
        elif current is not None and line.startswith("      "):
            current.append(line)
        else:
            current = None
            outside.append(line)
            continue
        blocks[-1] = "\n".join(current)
    return outside, sorted(blocks)


def test_cli_readme_preview_sample_is_what_the_engine_prints(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "declared", name="dev")
    stack.declare(numbers={"robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}})
    stack.run("up", "--yes", "--skip-preview")  # the stage only: the sample is the next preview
    stack.declare(
        numbers={
            "robocaller": {"phone_number": "1-907-555-0100", "comment": "INC-4411, INC-4502", "status": "inactive"},
            "premium-scam": {"phone_number": "+44 7700 900123", "block_type": "outbound", "comment": "INC-4520"},
        }
    )
    printed = stack.run("preview", "--diff").stdout
    shown = printed.replace(stack.ids()["robocaller"], SAMPLE_ID).replace("zoom-blocklist-e2e", "zoom-blocklist")
    shown = "\n".join(line.rstrip() for line in shown.splitlines()) + "\n"
    assert resource_blocks(shown) == resource_blocks(readme_sample())
