"""The quickstart a newcomer runs first, under the SDK's mocks against the emulator: preview, up, re-run, removal."""

from __future__ import annotations

from pathlib import Path

from tests.engine.harness import Engine
from tests.programs.harness import example_program, run_program
from zoom_blocklist_provider.emulator import Emulator

QUICKSTART_DIR = Path(__file__).resolve().parents[2]  # the repository's root project
NAMES = ["robocaller", "spoofed-helpdesk", "night-fax", "premium-rate", "old-vendor"]
EXPECTED = [
    ("+1900", "prefix", "outbound", "active", "CHG-2201: no premium-rate calls from company phones"),
    ("+19075550100", "phoneNumber", "inbound", "active", "INC-4821: robocaller posing as the tax office"),
    ("+19075550101", "phoneNumber", "inbound", "active", "INC-4907: spoofs our helpdesk caller id"),
    ("+19075550102", "phoneNumber", "inbound", "active", "INC-5012: fax tones every night at 2am"),
    (
        "+442079460000",
        "phoneNumber",
        "outbound",
        "inactive",
        "CHG-2240: block lifted while the contract is renegotiated",
    ),
]


quickstart = example_program(QUICKSTART_DIR)


def stored(emu: Emulator) -> list[tuple[str, ...]]:
    fields = ("phone_number", "match_type", "block_type", "status", "comment")
    return sorted(tuple(entry[name] for name in fields) for entry in emu.admin.entries())


def test_quickstart_preview_plans_every_entry_and_calls_no_api(engine: Engine, emu: Emulator) -> None:
    assert run_program(engine, quickstart, preview=True) == dict.fromkeys(NAMES, "create")
    assert emu.admin.requests() == []


def test_quickstart_up_blocks_exactly_the_declared_entries(engine: Engine, emu: Emulator) -> None:
    assert run_program(engine, quickstart) == dict.fromkeys(NAMES, "create")
    assert stored(emu) == EXPECTED
    assert sorted(engine.state[name].id for name in NAMES) == sorted(entry["id"] for entry in emu.admin.entries())


def test_quickstart_second_up_changes_nothing_and_calls_no_api(engine: Engine, emu: Emulator) -> None:
    run_program(engine, quickstart)
    calls_after_first_up = len(emu.admin.api_calls())
    assert run_program(engine, quickstart) == dict.fromkeys(NAMES, "same")
    assert len(emu.admin.api_calls()) == calls_after_first_up


def test_emptied_quickstart_unblocks_every_entry(engine: Engine, emu: Emulator) -> None:
    run_program(engine, quickstart)
    assert run_program(engine, lambda: None) == dict.fromkeys(NAMES, "delete")
    assert emu.admin.entries() == []
