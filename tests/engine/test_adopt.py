"""Bringing an entry that already exists in Zoom under management, and what happens without adopt."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import dill
import pytest

from tests.engine.conftest import stack_config
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


def causes(what: str) -> str:
    return (
        "Renamed it, or moved it from another resource of this program? Add its old name as an alias (in YAML, its old URN), or set "
        f"adopt=True on {what} for this `pulumi up` so that the old resource's deletion leaves the entry to it. Made "
        f"in the Zoom portal or by another stack? Set adopt=True on {what} to manage that entry here. Left by an "
        "interrupted `pulumi up` of this stack? Run `zoom-blocklist recover`, then `pulumi up` again"
    )


def test_existing_entry_without_adopt_fails_telling_its_likely_causes_apart(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", block_type="inbound")
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": DECLARED})
    assert failure.value.last_line.startswith(
        "zoom_blocklist_provider.core.errors.ConflictError: create blocked number +19075550100: HTTP 409"
    )
    assert failure.value.last_line.endswith(
        f"Zoom already blocks it as entry {existing} (status active, comment ''), and nothing shows that this "
        f"BlockedNumber made it. {causes('this BlockedNumber')}"
    )
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


def test_an_entry_holding_exactly_the_declaration_is_refused_without_adopt(engine: Engine, emu: Emulator) -> None:
    # A renamed resource's entry, the portal's or another stack's look exactly like this too: likeness proves nothing.
    existing = emu.admin.add_entry(phone_number="+19075550100", comment=DECLARED["comment"])
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": DECLARED})
    assert f"as entry {existing} (status active, comment 'INC-4411'), and nothing shows" in failure.value.last_line
    assert (engine.state, [call["method"] for call in emu.admin.api_calls()]) == ({}, ["POST", "GET"])


@pytest.fixture(scope="module")
def identical(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    """A provider process started with ZOOM_ADOPT_IDENTICAL=true, as `ZOOM_ADOPT_IDENTICAL=true pulumi up` starts it."""
    running = ProviderServer(
        env={"ZOOM_ADOPT_IDENTICAL": "true"}, log=tmp_path_factory.mktemp("identical") / "provider.log"
    )
    running.configure(stack_config(emulator))
    yield running
    running.close()


def test_adopt_identical_takes_over_an_identical_entry_and_says_so(identical: ProviderServer, emu: Emulator) -> None:
    engine = Engine(identical)
    existing = emu.admin.add_entry(phone_number="+19075550100", comment=DECLARED["comment"])
    engine.up({"robocaller": DECLARED})
    assert (engine.state["robocaller"].id, [call["method"] for call in emu.admin.api_calls()]) == (
        existing,
        ["POST", "GET"],
    )
    assert identical.log_path is not None
    assert (
        f"warning: took over blocked-list entry {existing} (+19075550100/phoneNumber/inbound) because "
        "ZOOM_ADOPT_IDENTICAL is set: it holds exactly what is declared, which is what a create of a run that skipped "
        "checkpoints leaves; unset it once that run is healed"
    ) in identical.log_path.read_text()


def test_adopt_identical_refuses_an_entry_that_differs(identical: ProviderServer, emu: Emulator) -> None:
    theirs = emu.admin.add_entry(phone_number="+19075550100", comment="INC-9000: team B")
    with pytest.raises(ProviderCallError) as failure:
        Engine(identical).up({"robocaller": DECLARED})
    assert f"as entry {theirs} (status active, comment 'INC-9000: team B'), and nothing" in failure.value.last_line


def test_adopt_that_changes_an_entry_warns_that_another_owner_would_fight_over_it(
    engine: Engine, server: ProviderServer, emu: Emulator
) -> None:
    theirs = emu.admin.add_entry(phone_number="+19075550100", comment="INC-9000: team B")
    engine.up({"robocaller": {**DECLARED, "adopt": True}})
    assert server.log_path is not None
    assert (
        f"warning: adopted blocked-list entry {theirs} (+19075550100/phoneNumber/inbound) and changed its comment "
        "'INC-9000: team B' -> 'INC-4411': if another stack or resource declares this entry too, both now manage it, "
        "each run of either changes it back, and either's deletion unblocks it"
    ) in server.log_path.read_text()


def test_an_entry_of_another_stack_with_its_own_comment_is_refused(engine: Engine, emu: Emulator) -> None:
    theirs = emu.admin.add_entry(phone_number="+19075550100", comment="INC-9000: team B")
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"robocaller": DECLARED})
    assert f"as entry {theirs} (status active, comment 'INC-9000: team B')" in failure.value.last_line
    assert [entry["comment"] for entry in emu.admin.entries()] == ["INC-9000: team B"]
