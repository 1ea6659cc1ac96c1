"""A program's own `BlockedNumber(...)` calls, end to end: SDK -> provider server -> emulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.engine.harness import Engine
from tests.programs.harness import run_program
from zoom_blocklist_provider import BlockedNumber, BlockedNumberArgs
from zoom_blocklist_provider.emulator import Emulator


def program(**declared: dict[str, Any]) -> Callable[[], None]:
    def declare() -> None:
        for name, args in declared.items():
            BlockedNumber(name, **args)

    return declare


def numbers(emu: Emulator) -> list[tuple[str, str, str]]:
    return sorted((e["phone_number"], e["block_type"], e["status"]) for e in emu.admin.entries())


def test_preview_of_a_program_calls_no_api(engine: Engine, emu: Emulator) -> None:
    steps = run_program(engine, program(spam={"phone_number": "+1 907 555 0100"}), preview=True)
    assert steps == {"spam": "create"}
    assert emu.admin.requests() == []


def test_up_of_a_program_blocks_its_numbers(engine: Engine, emu: Emulator) -> None:
    declared = program(
        spam={"phone_number": "+1 907 555 0100", "comment": "INC-1"},
        premium={"phone_number": "+44 20 7946 0000", "block_type": "outbound", "status": "inactive"},
    )
    assert run_program(engine, declared) == {"spam": "create", "premium": "create"}
    assert numbers(emu) == [("+19075550100", "inbound", "active"), ("+442079460000", "outbound", "inactive")]


def test_changed_program_updates_in_place(engine: Engine, emu: Emulator) -> None:
    run_program(engine, program(spam={"phone_number": "+19075550100"}))
    first_id = engine.state["spam"].id
    assert run_program(engine, program(spam={"phone_number": "+19075550100", "status": "inactive"})) == {
        "spam": "update"
    }
    assert engine.state["spam"].id == first_id
    assert numbers(emu) == [("+19075550100", "inbound", "inactive")]


def test_emptied_program_unblocks_every_number(engine: Engine, emu: Emulator) -> None:
    run_program(engine, program(a={"phone_number": "+19075550100"}, b={"phone_number": "+19075550101"}))
    assert run_program(engine, program()) == {"a": "delete", "b": "delete"}
    assert emu.admin.entries() == []


def test_args_object_declares_the_same_entry(engine: Engine, emu: Emulator) -> None:
    def declare() -> None:
        BlockedNumber("spam", BlockedNumberArgs(phone_number="+19075550100", comment="INC-1"))

    run_program(engine, declare)
    assert [(e["phone_number"], e["comment"]) for e in emu.admin.entries()] == [("+19075550100", "INC-1")]
