"""The README's Python examples run, and its field table is the resources' own descriptions, so neither can rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.engine.harness import Engine
from tests.programs.harness import run_program
from zoom_blocklist_provider.core.spec import ADOPT_DOC, ALLOW_EMERGENCY_DOC, BlockedNumberSpec
from zoom_blocklist_provider.emulator import Emulator

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
PYTHON_BLOCKS = [
    block
    for block in re.findall(r"```python\n(.*?)```", README, re.S)
    if ("BlockedNumber(" in block or "Blocklist(" in block) and "zoom." not in block  # native ones: test_readme_native
]


def test_readme_has_python_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 3


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=lambda block: block.splitlines()[-1][:40])
def test_readme_example_previews_cleanly_without_api_calls(engine: Engine, emu: Emulator, block: str) -> None:
    steps = run_program(engine, lambda: exec(compile(block, "README.md", "exec"), {}), preview=True)
    assert set(steps.values()) == {"create"}
    assert emu.admin.requests() == []


def test_readme_field_table_is_the_resource_descriptions() -> None:
    for name, field in BlockedNumberSpec.model_fields.items():
        assert f"| `{name}` | {field.description} |" in README
    assert f"| `adopt` | {ADOPT_DOC} |" in README
    assert f"| `allow_emergency` | {ALLOW_EMERGENCY_DOC} |" in README
