"""`pulumi import zoom:phone:Blocklist <name> -- <id>` through the native plugin's gRPC server: the id names a set
of the account's entries (`all`, or `comment-starts-with:<text>`), read from one listing; the entries it returns
as inputs are what a program lists, and with them the set plans no change. Each test has a plugin process of its
own, as each `pulumi import` has."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.native.conftest import calls, started_plugin
from tests.native.harness import BLOCKLIST, NativeCallError, NativeEngine, NativeServer
from zoom_blocklist_provider.emulator import Emulator

LIST = "GET /v2/phone/blocked_list"
SYNTAX = "`all` (every entry) or `comment-starts-with:<text>` (every entry whose comment starts with <text>)"


@pytest.fixture
def plugin(emulator: Emulator, tmp_path: Path) -> Iterator[NativeServer]:
    yield from started_plugin(emulator, tmp_path / "plugin.log")


def seed(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", comment="INC-4411: robocaller", id="-robocaller00000000000")
    emu.admin.add_entry(
        phone_number="+1900", match_type="prefix", block_type="outbound", comment="CHG-2201", id="_premiumRate000000000"
    )
    emu.admin.add_entry(
        phone_number="+442079460000", status="inactive", comment="INC-5012", id="oldVendor0000000000000"
    )
    emu.admin.add_entry(phone_number="+999123", comment="INC-9: Zoom took it, the provider cannot declare it")


def test_blocklist_import_of_all_takes_every_declarable_entry(native: NativeEngine, emu: Emulator) -> None:
    seed(emu)
    tracked = native.import_(BLOCKLIST, "everything", "all")
    assert tracked.inputs == {
        "entries": [
            {"phoneNumber": "+1900", "matchType": "prefix", "blockType": "outbound", "comment": "CHG-2201"},
            {"phoneNumber": "+19075550100", "comment": "INC-4411: robocaller"},
            {"phoneNumber": "+442079460000", "status": "inactive", "comment": "INC-5012"},
        ]
    }
    assert tracked.outputs["ids"] == {
        "+1900/prefix/outbound": "_premiumRate000000000",
        "+19075550100/phoneNumber/inbound": "-robocaller00000000000",
        "+442079460000/phoneNumber/inbound": "oldVendor0000000000000",
    }
    assert calls(emu) == [LIST]
    assert native.plan(BLOCKLIST, "everything", native.check(BLOCKLIST, "everything", tracked.inputs)) == "same"


def test_blocklist_import_by_comment_prefix_takes_only_those(native: NativeEngine, emu: Emulator) -> None:
    seed(emu)
    tracked = native.import_(BLOCKLIST, "incidents", "comment-starts-with:INC-")
    assert [entry["phoneNumber"] for entry in tracked.inputs["entries"]] == ["+19075550100", "+442079460000"]
    assert native.plan(BLOCKLIST, "incidents", native.check(BLOCKLIST, "incidents", tracked.inputs)) == "same"


def test_blocklist_import_keeps_allow_emergency_on_an_emergency_prefix(native: NativeEngine, emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+1911", match_type="prefix", block_type="outbound", id="_emergencyPrefix00000")
    tracked = native.import_(BLOCKLIST, "emergency", "all")
    assert tracked.inputs["entries"] == [
        {"phoneNumber": "+1911", "matchType": "prefix", "blockType": "outbound", "allowEmergency": True}
    ]
    assert native.plan(BLOCKLIST, "emergency", native.check(BLOCKLIST, "emergency", tracked.inputs)) == "same"


def test_blocklist_import_id_of_another_form_fails_saying_the_syntax(native: NativeEngine, emu: Emulator) -> None:
    with pytest.raises(NativeCallError) as refused:
        native.import_(BLOCKLIST, "typo", "comment:INC-")
    assert refused.value.details == (
        f"import Blocklist: 'comment:INC-' names no set of entries: a Blocklist's import id is {SYNTAX}. Nothing "
        "was imported"
    )
    assert (native.state, calls(emu)) == ({}, [])


def test_blocklist_import_that_selects_nothing_fails_naming_the_account(native: NativeEngine, emu: Emulator) -> None:
    seed(emu)
    with pytest.raises(NativeCallError) as refused:
        native.import_(BLOCKLIST, "nothing", "comment-starts-with:SEC-")
    assert refused.value.details == (
        "import Blocklist comment-starts-with:SEC-: Zoom account emulator-account holds no entry whose comment "
        f"starts with 'SEC-' that the provider can declare. Nothing was imported; a Blocklist's import id is {SYNTAX}"
    )
    assert native.state == {}
