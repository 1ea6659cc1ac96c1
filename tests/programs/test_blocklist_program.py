"""A program's `Blocklist(...)` and `Blocklist.from_file(...)`, end to end: SDK -> provider server -> emulator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.engine.harness import Engine
from tests.programs.harness import run_program
from zoom_blocklist_provider import BlockedNumberArgs
from zoom_blocklist_provider.core.files import BlocklistFileError
from zoom_blocklist_provider.dynamic.blocklist import Blocklist
from zoom_blocklist_provider.emulator import Emulator

FROM_FILE = Path(__file__).resolve().parents[2] / "examples" / "from-file" / "blocklist.csv"


def program(entries: list[Any]) -> Callable[[], None]:
    def declare() -> None:
        Blocklist("blocked", entries)

    return declare


def from_file(path: Path) -> Callable[[], None]:
    def declare() -> None:
        Blocklist.from_file("blocked", path)

    return declare


def entries(emu: Emulator) -> list[tuple[str, str, str]]:
    return sorted((e["phone_number"], e["block_type"], e["comment"]) for e in emu.admin.entries())


def test_preview_of_a_blocklist_calls_no_api(engine: Engine, emu: Emulator) -> None:
    assert run_program(engine, program([{"phone_number": "+1 907 555 0100"}]), preview=True) == {"blocked": "create"}
    assert emu.admin.requests() == []


def test_up_of_a_blocklist_takes_dicts_and_blocked_number_args(engine: Engine, emu: Emulator) -> None:
    declared = [
        {"phone_number": "+1 907 555 0100", "comment": "INC-1"},
        BlockedNumberArgs("+44 20 7946 0000", block_type="outbound"),
    ]
    assert run_program(engine, program(declared)) == {"blocked": "create"}
    assert entries(emu) == [("+19075550100", "inbound", "INC-1"), ("+442079460000", "outbound", "")]
    assert sorted(engine.state["blocked"].outputs["entries"]) == [
        "+19075550100/phoneNumber/inbound",
        "+442079460000/phoneNumber/outbound",
    ]


def test_blocklist_from_file_blocks_every_line(engine: Engine, emu: Emulator) -> None:
    run_program(engine, from_file(FROM_FILE))
    assert len(emu.admin.entries()) == len(FROM_FILE.read_text().strip().splitlines()) - 1
    assert engine.state["blocked"].outputs["__ids"] == {
        f"{e['phone_number']}/{e['match_type']}/{e['block_type']}": e["id"] for e in emu.admin.entries()
    }


def test_blocklist_from_a_bad_file_declares_nothing(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("phone_number,status\n+19075550100,on\n")
    with pytest.raises(BlocklistFileError):
        Blocklist.from_file("blocked", bad)
    assert emu.admin.requests() == []


def test_blocklist_from_file_keeps_an_entrys_allow_emergency(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    allowed = tmp_path / "allowed.csv"
    allowed.write_text("phone_number,match_type,block_type,allow_emergency\n+1911,prefix,outbound,true\n")
    assert run_program(engine, from_file(allowed)) == {"blocked": "create"}
    assert entries(emu) == [("+1911", "outbound", "")]
