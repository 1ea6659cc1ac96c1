"""BlockedNumber through the SDK's provider server: preview, up, change, refresh, replace and destroy."""

from __future__ import annotations

import pytest

from tests.engine.harness import Engine, ProviderCallError
from zoom_blocklist_provider.emulator import Emulator

ROBOCALLER = {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}


def calls(emu: Emulator) -> list[str]:
    return [f"{call['method']} {call['path']}" for call in emu.admin.api_calls()]


def test_preview_of_new_entry_calls_no_api(engine: Engine, emu: Emulator) -> None:
    assert engine.preview({"robocaller": ROBOCALLER}) == {"robocaller": "create"}
    assert emu.admin.requests() == []


def test_preview_of_a_change_calls_no_api(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    emu.admin.reset()
    assert engine.preview({"robocaller": {**ROBOCALLER, "status": "inactive"}}) == {"robocaller": "update"}
    assert emu.admin.requests() == []


def test_up_creates_entry_with_normalized_number(engine: Engine, emu: Emulator) -> None:
    assert engine.up({"robocaller": ROBOCALLER}) == {"robocaller": "create"}
    tracked = engine.state["robocaller"]
    assert tracked.outputs["phone_number"] == "+19075550100"
    assert [(e["id"], e["phone_number"], e["comment"]) for e in emu.admin.entries()] == [
        (tracked.id, "+19075550100", "INC-4411")
    ]
    assert calls(emu) == ["POST /v2/phone/blocked_list"]


def test_outputs_carry_every_normalized_field(engine: Engine) -> None:
    engine.up({"robocaller": {"phone_number": "1-907-555-0100"}})
    outputs = {k: v for k, v in engine.state["robocaller"].outputs.items() if k != "__provider"}
    assert outputs == {
        "phone_number": "+19075550100",
        "match_type": "phoneNumber",
        "block_type": "inbound",
        "status": "active",
        "comment": "",
        "adopt": False,
        "allow_emergency": False,
    }


def test_second_up_with_number_written_differently_changes_nothing(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    assert engine.up({"robocaller": {**ROBOCALLER, "phone_number": "1-907-555-0100"}}) == {"robocaller": "same"}
    assert calls(emu) == ["POST /v2/phone/blocked_list"]


def test_comment_and_status_change_patches_in_place(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    first_id = engine.state["robocaller"].id
    changed = {**ROBOCALLER, "comment": "INC-4412", "status": "inactive"}
    assert engine.up({"robocaller": changed}) == {"robocaller": "update"}
    assert engine.state["robocaller"].id == first_id
    assert calls(emu) == ["POST /v2/phone/blocked_list", f"PATCH /v2/phone/blocked_list/{first_id}"]
    assert [(e["status"], e["comment"]) for e in emu.admin.entries()] == [("inactive", "INC-4412")]


def test_emptied_comment_is_patched_to_empty(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    assert engine.up({"robocaller": {"phone_number": "+19075550100"}}) == {"robocaller": "update"}
    assert [e["comment"] for e in emu.admin.entries()] == [""]


def test_inbound_to_outbound_patches_in_place(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    assert engine.up({"robocaller": {**ROBOCALLER, "block_type": "outbound"}}) == {"robocaller": "update"}
    assert [e["block_type"] for e in emu.admin.entries()] == ["outbound"]


def test_change_to_threat_replaces_deleting_first(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    old_id = engine.state["robocaller"].id
    assert engine.up({"robocaller": {**ROBOCALLER, "block_type": "threat"}}) == {"robocaller": "replace-delete-first"}
    assert calls(emu)[1:] == [f"DELETE /v2/phone/blocked_list/{old_id}", "POST /v2/phone/blocked_list"]
    assert [(e["id"], e["block_type"]) for e in emu.admin.entries()] == [(engine.state["robocaller"].id, "threat")]


def test_refresh_reports_status_flipped_in_portal(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    emu.admin.edit_entry(engine.state["robocaller"].id, status="inactive")
    assert engine.refresh() == {"robocaller": "drift"}
    assert engine.state["robocaller"].outputs["status"] == "inactive"


def test_up_after_portal_edit_restores_declared_values(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    emu.admin.edit_entry(engine.state["robocaller"].id, status="inactive", comment="changed by hand")
    engine.refresh()
    assert engine.up({"robocaller": ROBOCALLER}) == {"robocaller": "update"}
    assert [(e["status"], e["comment"]) for e in emu.admin.entries()] == [("active", "INC-4411")]


def test_refresh_without_portal_edits_reports_nothing(engine: Engine) -> None:
    engine.up({"robocaller": ROBOCALLER, "prefix": {"phone_number": "+1907", "match_type": "prefix"}})
    assert engine.refresh() == {"robocaller": "same", "prefix": "same"}


def test_refresh_drops_entry_deleted_in_portal(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    emu.admin.delete_entry(engine.state["robocaller"].id)
    assert engine.refresh() == {"robocaller": "gone"}
    assert engine.state == {}
    assert engine.up({"robocaller": ROBOCALLER}) == {"robocaller": "create"}


def test_destroy_deletes_entry(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    engine.destroy()
    assert emu.admin.entries() == []


def test_destroy_of_entry_already_deleted_succeeds(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    emu.admin.delete_entry(engine.state["robocaller"].id)
    engine.destroy()
    assert engine.state == {}


def test_removed_from_program_unblocks_number(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER, "other": {"phone_number": "+61 2 9876 5432"}})
    assert engine.up({"other": {"phone_number": "+61298765432"}}) == {"other": "same", "robocaller": "delete"}
    assert [e["phone_number"] for e in emu.admin.entries()] == ["+61298765432"]


def test_change_of_entry_deleted_in_portal_says_to_refresh(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": ROBOCALLER})
    entry_id = engine.state["robocaller"].id
    emu.admin.delete_entry(entry_id)
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": {**ROBOCALLER, "status": "inactive"}})
    assert failure.value.last_line.startswith(
        f"zoom_blocklist_provider.core.errors.NotFoundError: update blocked number {entry_id}: HTTP 400, Zoom code 300: Validation Failed. Blocked number (Id: {entry_id}) does not exist. (tracking id "
    )
    assert failure.value.last_line.endswith(
        ". The entry was deleted in Zoom since the last refresh: run `pulumi refresh`, then `pulumi up` recreates it"
    )
