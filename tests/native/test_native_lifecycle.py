"""zoom:phone:BlockedNumber through the native plugin's gRPC server: the engine's sequences, call by call."""

from __future__ import annotations

import pytest

from tests.native.conftest import calls
from tests.native.harness import BLOCKED_NUMBER, CheckFailed, NativeEngine
from zoom_blocklist_provider.emulator import Emulator

ROBOCALLER = {"phoneNumber": "+1 (907) 555-0100", "comment": "INC-4411"}
OUTPUTS = {
    "phoneNumber": "+19075550100",
    "matchType": "phoneNumber",
    "blockType": "inbound",
    "status": "active",
    "comment": "INC-4411",
    "adopt": False,
    "allowEmergency": False,
}


def test_check_normalizes_under_the_schema_names(native: NativeEngine) -> None:
    assert native.check(BLOCKED_NUMBER, "robocaller", ROBOCALLER) == OUTPUTS


def test_preview_plans_the_normalized_outputs_and_calls_nothing(native: NativeEngine, emu: Emulator) -> None:
    assert native.preview({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)}) == {"robocaller": ("create", OUTPUTS)}
    assert emu.admin.requests() == []


def test_up_posts_once_and_the_outputs_are_the_normalized_inputs(native: NativeEngine, emu: Emulator) -> None:
    assert native.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)}) == {"robocaller": "create"}
    tracked = native.state["robocaller"]
    assert (tracked.outputs, [entry["id"] for entry in emu.admin.entries()]) == (OUTPUTS, [tracked.id])
    assert calls(emu) == ["POST /v2/phone/blocked_list"]


def test_a_change_is_a_detailed_diff_and_one_patch(native: NativeEngine, emu: Emulator) -> None:
    native.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    emu.admin.clear_requests()
    changed = {**ROBOCALLER, "status": "inactive", "phoneNumber": "1-907-555-0100"}
    reply = native.diff(BLOCKED_NUMBER, "robocaller", native.check(BLOCKED_NUMBER, "robocaller", changed))
    assert (dict(reply.detailedDiff), list(reply.replaces), reply.hasDetailedDiff) == (
        {"status": reply.detailedDiff["status"]},
        [],
        True,
    )
    assert reply.detailedDiff["status"].kind == reply.detailedDiff["status"].UPDATE
    planned = native.preview({"robocaller": (BLOCKED_NUMBER, changed)})
    assert planned == {"robocaller": ("update", {**OUTPUTS, "status": "inactive"})}
    assert emu.admin.requests() == []
    id_before = native.state["robocaller"].id
    native.up({"robocaller": (BLOCKED_NUMBER, changed)})
    assert calls(emu) == [f"PATCH /v2/phone/blocked_list/{id_before}"]
    assert native.state["robocaller"].id == id_before


def test_a_move_to_threat_replaces_deleting_first(native: NativeEngine, emu: Emulator) -> None:
    native.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    threat = {**ROBOCALLER, "blockType": "threat"}
    reply = native.diff(BLOCKED_NUMBER, "robocaller", native.check(BLOCKED_NUMBER, "robocaller", threat))
    assert (list(reply.replaces), reply.deleteBeforeReplace) == (["blockType"], True)
    assert reply.detailedDiff["blockType"].kind == reply.detailedDiff["blockType"].UPDATE_REPLACE
    old_id = native.state["robocaller"].id
    emu.admin.clear_requests()
    assert native.up({"robocaller": (BLOCKED_NUMBER, threat)}) == {"robocaller": "replace"}
    assert calls(emu) == [f"DELETE /v2/phone/blocked_list/{old_id}", "POST /v2/phone/blocked_list"]


def test_refresh_sees_a_portal_edit_and_drops_a_portal_delete(native: NativeEngine, emu: Emulator) -> None:
    native.up({"a": (BLOCKED_NUMBER, ROBOCALLER), "b": (BLOCKED_NUMBER, {"phoneNumber": "+19075550101"})})
    emu.admin.edit_entry(native.state["a"].id, comment="edited in the portal")
    gone = native.state["b"].id
    emu.admin.delete_entry(gone)
    emu.admin.clear_requests()
    assert native.refresh() == {"a": "drift", "b": "gone"}
    assert native.state["a"].inputs["comment"] == "edited in the portal"
    # One listing serves every read; an id missing from it is asked for once before it is dropped.
    assert calls(emu) == ["GET /v2/phone/blocked_list", f"GET /v2/phone/blocked_list/{gone}"]


def test_import_by_id_alone_gives_the_inputs_that_declare_the_entry(native: NativeEngine, emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="+442079460018", block_type="outbound", comment="portal")
    tracked = native.import_(BLOCKED_NUMBER, "imported", entry_id)
    declared = {"phoneNumber": "+44 20 7946 0018", "blockType": "outbound", "comment": "portal"}
    assert tracked.inputs == {
        "phoneNumber": "+442079460018",
        "matchType": "phoneNumber",
        "blockType": "outbound",
        "status": "active",
        "comment": "portal",
        "adopt": False,
        "allowEmergency": False,
    }
    assert native.plan(BLOCKED_NUMBER, "imported", native.check(BLOCKED_NUMBER, "imported", declared)) == "same"


def test_destroy_deletes_and_a_delete_of_a_gone_entry_succeeds(native: NativeEngine, emu: Emulator) -> None:
    native.up({"a": (BLOCKED_NUMBER, ROBOCALLER), "b": (BLOCKED_NUMBER, {"phoneNumber": "+19075550101"})})
    emu.admin.delete_entry(native.state["b"].id)
    native.destroy()
    assert (native.state, emu.admin.entries()) == ({}, [])


@pytest.mark.parametrize(
    ("inputs", "failures"),
    [
        (
            {"phoneNumber": "+19075550100", "blockType": "Inbound"},
            {
                "blockType": "blockType: 'Inbound' is not one of 'inbound', 'outbound', 'threat' (values are "
                "case-sensitive); did you mean 'inbound'?"
            },
        ),
        (
            {"phoneNumber": "911", "country": "US"},
            {"phoneNumber": "phoneNumber: '911' is an emergency number"},
        ),
    ],
)
def test_bad_input_fails_check_in_the_schema_words(
    native: NativeEngine, emu: Emulator, inputs: dict[str, str], failures: dict[str, str]
) -> None:
    with pytest.raises(CheckFailed) as failed:
        native.check(BLOCKED_NUMBER, "bad", inputs)
    assert {key: reason[: len(failures[key])] for key, reason in failed.value.failures.items()} == failures
    assert emu.admin.requests() == []
