"""Blocklist through the SDK's provider server: check, preview, up, change, refresh and destroy of a set."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime.rpc import UNKNOWN

from tests.engine.harness import CheckFailed, Engine, ProviderServer
from zoom_blocklist_provider.dynamic.blocklist import BlocklistProvider
from zoom_blocklist_provider.emulator import Emulator

BLOB = serialize_provider(BlocklistProvider())
LIST = "/v2/phone/blocked_list"
ROBOCALLER = {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}
PREFIX = {"phone_number": "+1 900", "match_type": "prefix", "block_type": "outbound"}
SYDNEY = {"phone_number": "(02) 9876 5432", "country": "au", "status": "inactive"}


@pytest.fixture
def engine(fast_server: ProviderServer, emu: Emulator) -> Engine:
    return Engine(fast_server, provider_blob=BLOB)


def blocklist(*entries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"blocked": {"entries": list(entries)}}


def calls_since(emu: Emulator, start: int) -> list[str]:
    return [f"{call['method']} {call['path']}" for call in emu.admin.api_calls()[start:]]


def ids(engine: Engine) -> dict[str, str]:
    return dict(engine.state["blocked"].outputs["__ids"])


def test_check_keys_every_entry_by_its_normalized_number(engine: Engine) -> None:
    assert engine.check("blocked", {"entries": [ROBOCALLER, PREFIX, SYDNEY]})["entries"] == {
        "+19075550100/phoneNumber/inbound": {"status": "active", "comment": "INC-4411"},
        "+1900/prefix/outbound": {"status": "active", "comment": ""},
        "+61298765432/phoneNumber/inbound": {"status": "inactive", "comment": "", "country": "AU"},
    }


def test_check_names_the_entry_and_field_of_every_problem(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.check("blocked", {"entries": [ROBOCALLER, {"phone_number": "+1907555010x", "stauts": "active"}]})
    assert failed.value.failures == {
        "entries[1].stauts": "entries[1]: unknown field 'stauts': did you mean 'status'? an entry takes "
        "phone_number, match_type, block_type, status, comment, country, adopt, allow_emergency",
        "entries[1].phone_number": "entries[1].phone_number: '+1907555010x' contains letters; write it in E.164 "
        "like +19075550100 (vanity letters are not translated)",
    }


def test_check_refuses_one_entry_twice_naming_both(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.check("blocked", {"entries": [ROBOCALLER, PREFIX, {"phone_number": "1-907-555-0100"}]})
    assert failed.value.failures == {
        "entries[2]": "entries[0] and entries[2] are both +19075550100/phoneNumber/inbound: Zoom keeps one entry "
        "per number, match type and block type; remove one"
    }


def test_check_refuses_an_emergency_number_unless_the_entry_allows_it(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.check("blocked", {"entries": [ROBOCALLER, {"phone_number": "911", "country": "US"}]})
    assert list(failed.value.failures) == ["entries[1].phone_number"]
    allowed = {"phone_number": "911", "country": "US", "allow_emergency": True}
    assert engine.check("blocked", {"entries": [allowed]})["entries"] == {
        "911/phoneNumber/inbound": {"status": "active", "comment": "", "country": "US", "allow_emergency": True}
    }


def test_check_refuses_entries_that_are_not_a_list(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.check("blocked", {"entries": "+19075550100"})
    assert failed.value.failures == {"entries": "entries must be a list of entries, not str"}


def test_preview_with_an_unknown_value_plans_an_update(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER))
    assert engine.preview(blocklist(ROBOCALLER, {**PREFIX, "comment": UNKNOWN})) == {"blocked": "update"}
    assert calls_since(emu, 1) == []


def test_preview_of_a_new_set_calls_no_api(engine: Engine, emu: Emulator) -> None:
    assert engine.preview(blocklist(ROBOCALLER, PREFIX, SYDNEY)) == {"blocked": "create"}
    assert emu.admin.requests() == []


def test_up_posts_each_entry_once(engine: Engine, emu: Emulator) -> None:
    assert engine.up(blocklist(ROBOCALLER, PREFIX, SYDNEY)) == {"blocked": "create"}
    assert calls_since(emu, 0) == [f"POST {LIST}"] * 3
    live = {"/".join((e["phone_number"], e["match_type"], e["block_type"])): e["id"] for e in emu.admin.entries()}
    assert ids(engine) == live


def test_reordered_and_rewritten_entries_change_nothing(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER, PREFIX, SYDNEY))
    rewritten = [{**SYDNEY, "phone_number": "+61 2 9876 5432"}, PREFIX, {**ROBOCALLER, "phone_number": "19075550100"}]
    assert engine.up(blocklist(*rewritten)) == {"blocked": "same"}
    assert calls_since(emu, 3) == []


def test_adopt_alone_never_causes_update(engine: Engine) -> None:
    engine.up(blocklist(ROBOCALLER))
    assert engine.preview(blocklist({**ROBOCALLER, "adopt": True})) == {"blocked": "same"}


def test_update_deletes_removed_then_patches_changed_and_posts_added(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER, PREFIX))
    before = ids(engine)
    assert engine.up(blocklist({**ROBOCALLER, "status": "inactive"}, SYDNEY)) == {"blocked": "update"}
    calls = calls_since(emu, 2)
    assert calls[0] == f"DELETE {LIST}/{before['+1900/prefix/outbound']}"
    assert sorted(calls[1:]) == [f"PATCH {LIST}/{before['+19075550100/phoneNumber/inbound']}", f"POST {LIST}"]
    assert sorted((e["phone_number"], e["status"]) for e in emu.admin.entries()) == [
        ("+19075550100", "inactive"),
        ("+61298765432", "inactive"),
    ]


def test_change_to_threat_deletes_first_and_keeps_the_set(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER))
    old = ids(engine)["+19075550100/phoneNumber/inbound"]
    assert engine.up(blocklist({**ROBOCALLER, "block_type": "threat"})) == {"blocked": "update"}
    assert calls_since(emu, 1) == [f"DELETE {LIST}/{old}", f"POST {LIST}"]
    assert list(ids(engine)) == ["+19075550100/phoneNumber/threat"]


def test_refresh_reads_the_set_with_one_listing_and_drops_gone_entries(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER, PREFIX, SYDNEY))
    emu.admin.edit_entry(ids(engine)["+19075550100/phoneNumber/inbound"], status="inactive")
    emu.admin.delete_entry(ids(engine)["+1900/prefix/outbound"])
    assert engine.refresh() == {"blocked": "drift"}
    assert calls_since(emu, 3) == [f"GET {LIST}"]
    assert engine.state["blocked"].outputs["entries"] == {
        "+19075550100/phoneNumber/inbound": {"status": "inactive", "comment": "INC-4411"},
        "+61298765432/phoneNumber/inbound": {"status": "inactive", "comment": "", "country": "AU"},
    }


def test_up_after_refresh_restores_drift_and_recreates_gone_entries(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER, PREFIX))
    emu.admin.edit_entry(ids(engine)["+19075550100/phoneNumber/inbound"], comment="by hand")
    emu.admin.delete_entry(ids(engine)["+1900/prefix/outbound"])
    engine.refresh()
    assert engine.up(blocklist(ROBOCALLER, PREFIX)) == {"blocked": "update"}
    assert sorted((e["phone_number"], e["comment"]) for e in emu.admin.entries()) == [
        ("+1900", ""),
        ("+19075550100", "INC-4411"),
    ]


def test_change_of_entry_deleted_in_portal_recreates_it(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER))
    emu.admin.delete_entry(ids(engine)["+19075550100/phoneNumber/inbound"])
    assert engine.up(blocklist({**ROBOCALLER, "comment": "INC-4412"})) == {"blocked": "update"}
    assert [(e["id"], e["comment"]) for e in emu.admin.entries()] == [
        (ids(engine)["+19075550100/phoneNumber/inbound"], "INC-4412")
    ]


def test_destroy_deletes_every_entry_and_gone_is_success(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(ROBOCALLER, PREFIX, SYDNEY))
    emu.admin.delete_entry(ids(engine)["+1900/prefix/outbound"])
    engine.destroy()
    assert emu.admin.entries() == []
    assert engine.state == {}
