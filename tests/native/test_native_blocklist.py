"""zoom:phone:Blocklist through the native plugin: a keyed map, a detailed diff naming the entries, calls per entry."""

from __future__ import annotations

from collections import Counter

import pytest
from pulumi.output import Unknown

from tests.native.harness import BLOCKLIST, CheckFailed, NativeEngine, from_struct
from zoom_blocklist_provider.emulator import Emulator

ENTRIES = [
    {"phoneNumber": "+1 (907) 555-0100", "comment": "INC-4411"},
    {"phoneNumber": "+1 (907) 555-0101", "allowEmergency": True},
    {"phoneNumber": "+1 900", "matchType": "prefix", "blockType": "outbound"},
]


def test_check_keys_each_entry_and_keeps_the_schema_names(native: NativeEngine) -> None:
    assert native.check(BLOCKLIST, "spam", {"entries": ENTRIES}) == {
        "entries": {
            "+19075550100/phoneNumber/inbound": {"status": "active", "comment": "INC-4411"},
            "+19075550101/phoneNumber/inbound": {"status": "active", "comment": "", "allowEmergency": True},
            "+1900/prefix/outbound": {"status": "active", "comment": ""},
        }
    }


def test_a_bad_entry_is_named_by_its_index_and_field(native: NativeEngine) -> None:
    with pytest.raises(CheckFailed) as failed:
        native.check(BLOCKLIST, "spam", {"entries": [{"phoneNumber": "+19075550100", "matchType": "Prefix"}]})
    assert failed.value.failures == {
        "entries[0].matchType": "entries[0].matchType: 'Prefix' is not one of 'phoneNumber', 'prefix' (values "
        "are case-sensitive); did you mean 'prefix'?"
    }


def test_up_posts_each_entry_and_outputs_their_ids(native: NativeEngine, emu: Emulator) -> None:
    native.up({"spam": (BLOCKLIST, {"entries": ENTRIES})})
    outputs = native.state["spam"].outputs
    assert sorted(outputs["ids"].values()) == sorted(entry["id"] for entry in emu.admin.entries())
    assert Counter(call["method"] for call in emu.admin.api_calls()) == {"POST": 3}


def test_the_diff_names_only_the_entries_added_removed_and_changed(native: NativeEngine, emu: Emulator) -> None:
    native.up({"spam": (BLOCKLIST, {"entries": ENTRIES})})
    changed = [{**ENTRIES[0], "status": "inactive"}, ENTRIES[2], {"phoneNumber": "+44 20 7946 0018"}]
    reply = native.diff(BLOCKLIST, "spam", native.check(BLOCKLIST, "spam", {"entries": changed}))
    kinds = {path: diff.kind for path, diff in reply.detailedDiff.items()}
    first = reply.detailedDiff[next(iter(reply.detailedDiff))]
    assert kinds == {
        'entries["+442079460018/phoneNumber/inbound"]': first.ADD,
        'entries["+19075550101/phoneNumber/inbound"]': first.DELETE,
        'entries["+19075550100/phoneNumber/inbound"].status': first.UPDATE,
    }
    ids = native.state["spam"].outputs["ids"]
    emu.admin.clear_requests()
    native.up({"spam": (BLOCKLIST, {"entries": changed})})
    assert sorted((c["method"], c["path"]) for c in emu.admin.api_calls()) == [
        ("DELETE", f"/v2/phone/blocked_list/{ids['+19075550101/phoneNumber/inbound']}"),
        ("PATCH", f"/v2/phone/blocked_list/{ids['+19075550100/phoneNumber/inbound']}"),
        ("POST", "/v2/phone/blocked_list"),
    ]


def test_a_previewed_create_plans_the_entries_and_leaves_the_ids_unknown(native: NativeEngine, emu: Emulator) -> None:
    checked = native.check(BLOCKLIST, "spam", {"entries": ENTRIES})
    planned = from_struct(native.create(BLOCKLIST, "spam", checked, preview=True).properties)
    assert (planned["entries"], type(planned["ids"])) == (checked["entries"], Unknown)
    assert emu.admin.requests() == []


def test_refresh_reads_one_listing_and_destroy_empties_the_account(native: NativeEngine, emu: Emulator) -> None:
    native.up({"spam": (BLOCKLIST, {"entries": ENTRIES})})
    emu.admin.clear_requests()
    assert native.refresh() == {"spam": "same"}
    assert [c["path"] for c in emu.admin.api_calls()] == ["/v2/phone/blocked_list"]
    native.destroy()
    assert emu.admin.entries() == []
