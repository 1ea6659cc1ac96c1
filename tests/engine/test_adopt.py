"""Bringing an entry that already exists in Zoom under management, and what happens without adopt."""

from __future__ import annotations

import base64

import dill
import pytest

from tests.engine.harness import Engine, ProviderCallError, ProviderServer
from zoom_blocklist_provider import BlockedNumberProvider
from zoom_blocklist_provider.emulator import Emulator

DECLARED = {"phone_number": "+19075550100", "comment": "INC-4411"}


def test_adopt_takes_over_existing_entry_and_patches_it(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", status="inactive", comment="by hand")
    assert engine.up({"robocaller": {**DECLARED, "adopt": True}}) == {"robocaller": "create"}
    assert engine.state["robocaller"].id == existing
    assert [(e["id"], e["status"], e["comment"]) for e in emu.admin.entries()] == [(existing, "active", "INC-4411")]


def test_adopt_of_matching_entry_makes_no_patch(engine: Engine, emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", comment="INC-4411")
    engine.up({"robocaller": {**DECLARED, "adopt": True}})
    assert [call["method"] for call in emu.admin.api_calls()] == ["POST", "GET"]


def test_adopt_with_nothing_to_adopt_creates(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": {**DECLARED, "adopt": True}})
    assert [e["id"] for e in emu.admin.entries()] == [engine.state["robocaller"].id]


def test_existing_entry_without_adopt_fails_saying_how_to_adopt(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", block_type="inbound")
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": DECLARED})
    assert (
        f"as entry {existing} (status active, comment ''); set adopt=True on this BlockedNumber"
        in failure.value.last_line
    )
    assert failure.value.last_line.startswith("zoom_blocklist_provider.core.errors.ConflictError: ")
    assert engine.state == {}
    assert len(emu.admin.entries()) == 1


def test_same_number_with_other_block_type_is_not_adopted(engine: Engine, emu: Emulator) -> None:
    outbound = emu.admin.add_entry(phone_number="+19075550100", block_type="outbound")
    engine.up({"robocaller": {**DECLARED, "adopt": True}})
    assert engine.state["robocaller"].id != outbound
    assert sorted(e["block_type"] for e in emu.admin.entries()) == ["inbound", "outbound"]


def test_adopt_alone_never_causes_update(engine: Engine, emu: Emulator) -> None:
    engine.up({"robocaller": DECLARED})
    assert engine.up({"robocaller": {**DECLARED, "adopt": True}}) == {"robocaller": "same"}
    assert engine.up({"robocaller": DECLARED}) == {"robocaller": "same"}


def test_new_provider_version_alone_never_causes_update(engine: Engine) -> None:
    engine.up({"robocaller": DECLARED})
    # A new release pickles to other bytes; protocol 2 stands in for that here.
    engine.provider_blob = base64.b64encode(dill.dumps(BlockedNumberProvider(), protocol=2)).decode()
    assert engine.preview({"robocaller": DECLARED}) == {"robocaller": "same"}


def test_an_entry_holding_exactly_the_declaration_is_taken_over_and_logged(
    engine: Engine, server: ProviderServer, emu: Emulator
) -> None:
    # What an interrupted run of this stack leaves: the entry in Zoom, its id never recorded.
    existing = emu.admin.add_entry(phone_number="+19075550100", comment=DECLARED["comment"])
    engine.up({"robocaller": DECLARED})
    assert (engine.state["robocaller"].id, [call["method"] for call in emu.admin.api_calls()]) == (
        existing,
        ["POST", "GET"],
    )
    assert server.log_path is not None
    assert (
        f"info: took over blocked-list entry {existing} (+19075550100/phoneNumber/inbound): it holds exactly what "
        "this resource declares, as a create this stack made before an interruption leaves it"
    ) in server.log_path.read_text()


def test_an_entry_of_another_stack_with_its_own_comment_is_refused(engine: Engine, emu: Emulator) -> None:
    theirs = emu.admin.add_entry(phone_number="+19075550100", comment="INC-9000: team B")
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": DECLARED})
    assert f"as entry {theirs} (status active, comment 'INC-9000: team B')" in failure.value.last_line
    assert [entry["comment"] for entry in emu.admin.entries()] == ["INC-9000: team B"]
