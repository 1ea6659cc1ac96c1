"""examples/from-file and load_blocklist under the SDK's mocks against the emulator: stable names, reorder, options."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.engine.harness import Engine
from tests.programs.harness import example_program, run_program
from zoom_blocklist_provider import BlocklistFileError, load_blocklist
from zoom_blocklist_provider.emulator import Emulator

FROM_FILE_DIR = Path(__file__).resolve().parents[2] / "examples" / "from-file"
NAMES = [
    "number-19075550110-inbound",
    "number-19075550111-inbound",
    "number-19075550112-inbound",
    "number-442079460018-inbound",
    "prefix-1900-outbound",
    "number-449098790000-outbound",
]
EXPECTED = [
    ("+1900", "prefix", "outbound", "active", "CHG-2201: no US premium-rate calls from company phones"),
    ("+19075550110", "phoneNumber", "inbound", "active", "INC-4821: robocaller posing as the tax office"),
    ("+19075550111", "phoneNumber", "inbound", "active", "INC-4907: spoofs our helpdesk caller id"),
    ("+19075550112", "phoneNumber", "inbound", "active", "INC-5012: fax tones every night at 2am"),
    (
        "+442079460018",
        "phoneNumber",
        "inbound",
        "inactive",
        "INC-5120: block lifted while the supplier fixes its dialler",
    ),
    (
        "+449098790000",
        "phoneNumber",
        "outbound",
        "active",
        "CHG-2215: premium-rate competition line called from reception",
    ),
]


def from_file(folder: Path = FROM_FILE_DIR) -> Callable[[], None]:
    # Discard the module globals example_program returns: the mocks would take them for stack outputs.
    def run() -> None:
        example_program(folder)()

    return run


def loading(path: Path, **options: Any) -> Callable[[], None]:
    def run() -> None:
        load_blocklist(path, **options)

    return run


def stored(emu: Emulator) -> list[tuple[str, ...]]:
    fields = ("phone_number", "match_type", "block_type", "status", "comment")
    return sorted(tuple(entry[name] for name in fields) for entry in emu.admin.entries())


def copy_example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FROM_FILE_DIR, tmp_path / "from-file"))


def reverse_lines(path: Path, keep: int) -> None:
    """Reverse the data lines of a file, keeping its first `keep` lines (header, comments) in place."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:keep] + lines[keep:][::-1]), encoding="utf-8")


def test_from_file_preview_plans_every_entry_and_calls_no_api(engine: Engine, emu: Emulator) -> None:
    assert run_program(engine, from_file(), preview=True) == dict.fromkeys(NAMES, "create")
    assert emu.admin.requests() == []


def test_from_file_up_blocks_exactly_the_entries_of_both_files(engine: Engine, emu: Emulator) -> None:
    assert run_program(engine, from_file()) == dict.fromkeys(NAMES, "create")
    assert stored(emu) == EXPECTED
    assert sorted(engine.state[name].id for name in NAMES) == sorted(entry["id"] for entry in emu.admin.entries())


def test_from_file_with_lines_in_another_order_changes_nothing(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    run_program(engine, from_file())
    folder = copy_example(tmp_path)
    reverse_lines(folder / "blocklist.csv", keep=1)
    (folder / "blocklist.yaml").write_text(
        "- {phone_number: '+449098790000', block_type: outbound, "
        "comment: 'CHG-2215: premium-rate competition line called from reception'}\n"
        "- {phone_number: '+1900', match_type: prefix, block_type: outbound, "
        "comment: 'CHG-2201: no US premium-rate calls from company phones'}\n",
        encoding="utf-8",
    )
    calls = len(emu.admin.api_calls())
    assert run_program(engine, from_file(folder)) == dict.fromkeys(NAMES, "same")
    assert len(emu.admin.api_calls()) == calls


def test_inserted_line_creates_only_its_entry(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    run_program(engine, from_file())
    folder = copy_example(tmp_path)
    lines = (folder / "blocklist.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "+1 907 555 0199,,,,INC-5200: new robocaller,\n")
    (folder / "blocklist.csv").write_text("".join(lines), encoding="utf-8")
    steps = run_program(engine, from_file(folder))
    assert steps == {**dict.fromkeys(NAMES, "same"), "number-19075550199-inbound": "create"}


def test_removed_line_deletes_only_its_entry(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    run_program(engine, from_file())
    folder = copy_example(tmp_path)
    lines = (folder / "blocklist.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "blocklist.csv").write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    steps = run_program(engine, from_file(folder))
    assert steps == {**dict.fromkeys(NAMES[1:], "same"), NAMES[0]: "delete"}
    assert "+19075550110" not in [entry["phone_number"] for entry in emu.admin.entries()]


def test_file_with_a_problem_declares_nothing(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "blocklist.csv"
    path.write_text("phone_number\n+19075550100\n+1907\n", encoding="utf-8")
    with pytest.raises(BlocklistFileError):
        run_program(engine, loading(path))
    assert engine.state == {}
    assert emu.admin.requests() == []


def test_name_prefix_is_put_before_every_name(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "blocklist.csv"
    path.write_text("phone_number\n+19075550100\n", encoding="utf-8")
    assert run_program(engine, loading(path, name_prefix="desk-")) == {"desk-number-19075550100-inbound": "create"}


def test_adopt_argument_applies_where_the_file_leaves_adopt_empty(
    engine: Engine, emu: Emulator, tmp_path: Path
) -> None:
    # Made by hand with other comments, so neither is what the file declares.
    first = emu.admin.add_entry(phone_number="+19075550100", comment="by hand")
    emu.admin.add_entry(phone_number="+19075550101", comment="by hand")
    path = tmp_path / "blocklist.csv"
    path.write_text("phone_number,adopt\n+19075550100,\n+19075550101,false\n", encoding="utf-8")
    with pytest.raises(Exception, match="set adopt=True on this BlockedNumber"):
        run_program(engine, loading(path, adopt=True))
    assert engine.state["number-19075550100-inbound"].id == first
    assert "number-19075550101-inbound" not in engine.state
