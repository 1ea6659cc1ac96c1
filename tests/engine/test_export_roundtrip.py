"""Export, then up: a program built from `zoom-blocklist export` takes over every entry without creating or patching.

Through the real provider server: seed the emulator, export with the CLI, load the output in a program (the CSV or
YAML file with load_blocklist, the Python fragment as it is), and run up and then preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.api.test_export import zoom_env
from tests.engine.harness import Engine
from tests.programs.harness import run_program
from zoom_blocklist_provider import load_blocklist
from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.emulator import Emulator

SEEDS = {
    "number-19075550100-inbound": {"phone_number": "+19075550100", "comment": "INC-4411: robocaller, again"},
    "number-19075550101-inbound": {"phone_number": "+19075550101", "status": "inactive"},
    "prefix-1900-outbound": {
        "phone_number": "+1900",
        "match_type": "prefix",
        "block_type": "outbound",
        "comment": 'CHG-2201: "premium" rate',
    },
    "number-442079460000-outbound": {
        "phone_number": "+442079460000",
        "block_type": "outbound",
        "status": "inactive",
        "comment": "CHG-2240: renegotiating",
    },
    "number-19075550102-threat": {"phone_number": "+19075550102", "block_type": "threat", "comment": "known scam"},
}
SUFFIX = {"python": ".py", "csv": ".csv", "yaml": ".yaml"}


def program_for(fmt: str, path: Path) -> Callable[[], None]:
    def run() -> None:
        if fmt == "python":
            exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {})
        else:
            load_blocklist(path)

    return run


def exported(emu: Emulator, fmt: str, tmp_path: Path) -> Path:
    path = tmp_path / f"blocklist{SUFFIX[fmt]}"
    args = ["export", "--format", fmt, "--output", str(path)]
    result = CliRunner().invoke(main, args, env=zoom_env(emu))
    assert (result.exit_code, result.stderr) == (0, f"Exported 5 entries to {path}.\n")
    return path


@pytest.mark.parametrize("fmt", ["python", "csv", "yaml"])
def test_up_of_an_export_adopts_every_entry_and_changes_nothing(
    engine: Engine, emu: Emulator, fmt: str, tmp_path: Path
) -> None:
    seeded = {name: emu.admin.add_entry(**fields) for name, fields in SEEDS.items()}
    before = emu.admin.entries()
    path = exported(emu, fmt, tmp_path)
    calls = len(emu.admin.api_calls())
    assert run_program(engine, program_for(fmt, path)) == dict.fromkeys(SEEDS, "create")
    assert {name: tracked.id for name, tracked in engine.state.items()} == seeded
    assert emu.admin.entries() == before
    assert "PATCH" not in [call["method"] for call in emu.admin.api_calls()[calls:]]
    assert run_program(engine, program_for(fmt, path), preview=True) == dict.fromkeys(SEEDS, "same")
