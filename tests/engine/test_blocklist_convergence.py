"""Blocklist against entries that already exist, and re-runs after a partial failure: no duplicates, no orphans."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic.dynamic import serialize_provider

from tests.engine.harness import Engine, ProviderCallError, ProviderServer
from zoom_blocklist_provider.dynamic.blocklist import BlocklistProvider
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.operations.apply import FINISH_DELETE, FINISH_UP

BLOB = serialize_provider(BlocklistProvider())
ERROR = "zoom_blocklist_provider.core.errors.BlocklistError: "
ROBOCALLER = {"phone_number": "+19075550100", "comment": "INC-4411"}
PREFIX = {"phone_number": "+1900", "match_type": "prefix", "block_type": "outbound"}


@pytest.fixture
def engine(fast_server: ProviderServer, emu: Emulator) -> Engine:
    return Engine(fast_server, provider_blob=BLOB)


def blocklist(*entries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"blocked": {"entries": list(entries)}}


def numbers(count: int, comment: str = "") -> list[dict[str, Any]]:
    return [{"phone_number": f"+1907555{i:04d}", "comment": comment} for i in range(count)]


def live(emu: Emulator) -> dict[str, tuple[str, str, str]]:
    """Zoom's entries by key: (id, status, comment); a duplicate key would make the dict shorter than the list."""
    entries = emu.admin.entries()
    by_key = {
        f"{e['phone_number']}/{e['match_type']}/{e['block_type']}": (e["id"], e["status"], e["comment"])
        for e in entries
    }
    assert len(by_key) == len(entries)
    return by_key


def converged(engine: Engine, emu: Emulator) -> bool:
    """State tracks every entry of the set by its id in Zoom, and Zoom holds nothing else."""
    tracked = engine.state["blocked"].outputs
    return {key: value[0] for key, value in live(emu).items()} == tracked["__ids"] and set(tracked["__ids"]) == set(
        tracked["entries"]
    )


def test_entries_that_exist_with_other_values_fail_naming_every_one(engine: Engine, emu: Emulator) -> None:
    hand = emu.admin.add_entry(phone_number="+19075550100", comment="by hand")
    prefix = emu.admin.add_entry(phone_number="+1900", match_type="prefix", block_type="outbound", status="inactive")
    with pytest.raises(ProviderCallError) as failure:
        engine.up(blocklist(ROBOCALLER, PREFIX, {"phone_number": "+61298765432"}))
    message = failure.value.last_line
    assert message.startswith(f"{ERROR}create failed for 2 of 3 entries (1 done): +1900/prefix/outbound: ")
    assert f"Zoom already blocks it as entry {prefix} (status inactive, comment ''), and nothing shows" in message
    assert f"Zoom already blocks it as entry {hand} (status active, comment 'by hand'), and nothing shows" in message
    assert message.endswith(
        'Made in the Zoom portal or by another stack? Set "adopt": True on these entries of the Blocklist to manage '
        "that entry here. Left by an interrupted `pulumi up` of this stack? Run `zoom-blocklist recover`, then "
        f"`pulumi up` again. {FINISH_UP}"
    )
    # The one entry created is in the state: a later edit or destroy accounts for it.
    assert list(engine.state["blocked"].outputs["__ids"]) == ["+61298765432/phoneNumber/inbound"]


def test_adopt_takes_over_an_existing_entry_and_patches_it(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", status="inactive", comment="by hand")
    engine.up(blocklist({**ROBOCALLER, "adopt": True}))
    assert live(emu) == {"+19075550100/phoneNumber/inbound": (existing, "active", "INC-4411")}
    assert [call["method"] for call in emu.admin.api_calls()] == ["POST", "GET", "PATCH"]
    assert converged(engine, emu)


def test_entry_already_holding_the_declared_values_is_refused_without_adopt(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="INC-4411")
    with pytest.raises(ProviderCallError) as failure:
        engine.up(blocklist(ROBOCALLER))
    assert f"as entry {existing} (status active, comment 'INC-4411'), and nothing shows" in failure.value.last_line
    assert engine.state == {}  # a create that did nothing records nothing (a replacement keeps the old set)
    assert [call["method"] for call in emu.admin.api_calls()] == ["POST", "GET"]


def test_entries_of_other_keys_are_never_taken_or_touched(engine: Engine, emu: Emulator) -> None:
    outbound = emu.admin.add_entry(phone_number="+19075550100", block_type="outbound", comment="INC-4411")
    engine.up(blocklist(ROBOCALLER))
    engine.destroy()
    assert live(emu) == {"+19075550100/phoneNumber/outbound": (outbound, "active", "INC-4411")}


def test_rerun_after_a_partial_create_converges_without_duplicates(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=400, method="POST", times=2)
    with pytest.raises(ProviderCallError) as failure:
        engine.up(blocklist(*numbers(10, "INC-1")))
    assert failure.value.last_line.startswith(f"{ERROR}create failed for 2 of 10 entries (8 done): +1907555000")
    assert len(live(emu)) == 8
    assert converged(engine, emu)  # the state holds the 8 it created
    assert engine.up(blocklist(*numbers(10, "INC-1"))) == {"blocked": "update"}
    assert len(live(emu)) == 10
    assert converged(engine, emu)


def test_rerun_after_a_partial_update_converges(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(*numbers(5)))
    changed = numbers(10, "INC-2")
    emu.admin.fault(kind="status", status=400, method="POST", times=2)
    with pytest.raises(ProviderCallError) as failure:
        engine.up(blocklist(*changed))
    assert failure.value.last_line.startswith(f"{ERROR}update failed for 2 of 10 entries (8 done): ")
    assert converged(engine, emu)  # the state holds the 3 it created and the 5 it changed
    assert engine.up(blocklist(*changed)) == {"blocked": "update"}
    assert {value[2] for value in live(emu).values()} == {"INC-2"}
    assert len(live(emu)) == 10
    assert converged(engine, emu)


def test_account_wide_failure_stops_the_calls_not_yet_started(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=403, method="POST", times=1)
    with pytest.raises(ProviderCallError) as failure:
        engine.up(blocklist(*numbers(300)))
    assert " not tried after an account-wide failure)" in failure.value.last_line
    assert len(emu.admin.api_calls()) < 150


def test_rerun_after_a_partial_delete_finishes_it(engine: Engine, emu: Emulator) -> None:
    engine.up(blocklist(*numbers(5)))
    emu.admin.fault(kind="status", status=400, method="DELETE", times=1)
    with pytest.raises(ProviderCallError) as failure:
        engine.destroy()
    assert failure.value.last_line.startswith(f"{ERROR}delete failed for 1 of 5 entries (4 done): ")
    assert failure.value.last_line.endswith(FINISH_DELETE)
    engine.destroy()
    assert emu.admin.entries() == []
    assert engine.state == {}


def test_an_entry_the_set_gives_up_in_this_command_is_named_with_the_way_to_move_it(
    engine: Engine, fast_server: ProviderServer, emu: Emulator
) -> None:
    engine.up(blocklist(ROBOCALLER))
    held = live(emu)["+19075550100/phoneNumber/inbound"][0]
    numbers = Engine(fast_server)
    engine.server.new_command()
    engine.plan("blocked", engine.check("blocked", {"entries": []}))  # the set's diff: it gives the entry up
    with pytest.raises(ProviderCallError) as failure:
        numbers.apply("robocaller", ROBOCALLER)  # created before the set's update runs
    assert failure.value.last_line.endswith(
        f"Zoom already blocks it as entry {held} (status active, comment 'INC-4411'), and resource 'blocked' "
        "(pulumi-python:dynamic/zoom:BlockedNumber) of this stack gives it up in this `pulumi up`: to move it to this "
        "BlockedNumber without unblocking it, set adopt=True on this BlockedNumber and make resource 'blocked' "
        "(pulumi-python:dynamic/zoom:BlockedNumber) depend on this resource (dependsOn), so that this one takes the "
        "entry before the other lets go of it"
    )
