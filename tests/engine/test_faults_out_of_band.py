"""Edits made in the Zoom portal between runs: refresh shows them, up restores the declaration, and an entry made by
hand is never touched unless a resource adopts it."""

from __future__ import annotations

import pytest

from tests.engine.harness import Engine, ProviderCallError, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

PROGRAM = {
    "robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"},
    "prefix": {"phone_number": "+1 907 556", "match_type": "prefix", "block_type": "outbound"},
}


def entry(emu: Emulator, entry_id: str) -> dict[str, object]:
    return next(found for found in emu.admin.entries() if found["id"] == entry_id)


def test_entry_deleted_in_portal_is_dropped_by_refresh_and_recreated_by_up(engine: Engine, emu: Emulator) -> None:
    engine.up(PROGRAM)
    emu.admin.delete_entry(engine.state["robocaller"].id)
    assert engine.refresh() == {"robocaller": "gone", "prefix": "same"}
    assert engine.up(PROGRAM) == {"robocaller": "create", "prefix": "same"}
    assert_matches_declaration(emu, engine, PROGRAM)


@pytest.mark.parametrize("edit", [{"status": "inactive"}, {"comment": "changed by hand"}, {"block_type": "inbound"}])
def test_field_changed_in_portal_shows_as_drift_and_up_patches_it_back(
    engine: Engine, emu: Emulator, edit: dict[str, str]
) -> None:
    engine.up(PROGRAM)
    emu.admin.edit_entry(engine.state["prefix"].id, **edit)
    assert engine.refresh() == {"robocaller": "same", "prefix": "drift"}
    assert engine.up(PROGRAM) == {"robocaller": "same", "prefix": "update"}
    assert_matches_declaration(emu, engine, PROGRAM)


def test_entry_turned_into_a_threat_in_portal_is_replaced_deleting_first(engine: Engine, emu: Emulator) -> None:
    engine.up(PROGRAM)
    emu.admin.edit_entry(engine.state["robocaller"].id, block_type="threat")
    engine.refresh()
    assert engine.up(PROGRAM) == {"robocaller": "replace-delete-first", "prefix": "same"}
    assert_matches_declaration(emu, engine, PROGRAM)


@pytest.mark.parametrize(
    "by_hand",
    [
        {"phone_number": "+19075550100", "block_type": "outbound"},  # the same number, the other direction
        {"phone_number": "+19075550100", "match_type": "prefix"},  # the same digits as a prefix
        {"phone_number": "+1907556", "match_type": "prefix", "block_type": "inbound"},  # the prefix, inbound
    ],
)
def test_entry_added_by_hand_beside_a_declared_one_is_never_touched(
    engine: Engine, emu: Emulator, by_hand: dict[str, str]
) -> None:
    engine.up(PROGRAM)
    hand_made = entry(emu, emu.admin.add_entry(**by_hand, comment="by hand"))
    assert engine.refresh() == {"robocaller": "same", "prefix": "same"}
    assert engine.up(PROGRAM) == {"robocaller": "same", "prefix": "same"}
    engine.destroy()
    assert_matches_declaration(emu, engine, {}, unmanaged=[hand_made])


def test_entry_deleted_and_made_again_by_hand_is_left_alone_until_adopted(engine: Engine, emu: Emulator) -> None:
    engine.up(PROGRAM)
    emu.admin.delete_entry(engine.state["robocaller"].id)
    hand_made = entry(emu, emu.admin.add_entry(phone_number="+19075550100", comment="by hand"))
    engine.refresh()
    with pytest.raises(ProviderCallError) as failure:
        engine.up(PROGRAM)
    assert f"as entry {hand_made['id']} (status active, comment 'by hand'), and nothing" in failure.value.last_line
    assert_matches_declaration(emu, engine, {"prefix": PROGRAM["prefix"]}, unmanaged=[hand_made])
    adopted = {**PROGRAM, "robocaller": {**PROGRAM["robocaller"], "adopt": True}}
    assert engine.up(adopted) == {"robocaller": "create", "prefix": "same"}
    assert engine.state["robocaller"].id == hand_made["id"]
    assert_matches_declaration(emu, engine, adopted)
