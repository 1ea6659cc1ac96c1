"""`pulumi import` through the native plugin's gRPC server: a Read with the id alone, answered from the account's
listing; an id the account does not hold stops the import with one line. Ids here begin with '-' and '_' on
purpose (Zoom's ids are URL-safe base64).

Each test has a plugin process of its own, as each `pulumi import` has: a listing another test left in the
process's cache would answer these reads with that test's entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.native.conftest import calls, started_plugin
from tests.native.harness import BLOCKED_NUMBER, NativeCallError, NativeEngine, NativeServer
from zoom_blocklist_provider.emulator import Emulator

LIST = "GET /v2/phone/blocked_list"
MISSING = (
    "import blocked-list entry AAAAAAAAAAAAAAAAAAAAAA: Zoom account emulator-account holds no entry with this id. "
    "Nothing was imported; check the id (`zoom-blocklist export --format ids` lists the account's ids) and that the "
    "provider's zoom:accountId is the account that holds it"
)


@pytest.fixture
def plugin(emulator: Emulator, tmp_path: Path) -> Iterator[NativeServer]:
    yield from started_plugin(emulator, tmp_path / "plugin.log")


def test_import_of_a_missing_id_fails_naming_it_and_the_account(native: NativeEngine, emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", id="-neighbourOfTheMissing0")
    with pytest.raises(NativeCallError) as refused:
        native.import_(BLOCKED_NUMBER, "ghost", "AAAAAAAAAAAAAAAAAAAAAA")
    assert refused.value.details == MISSING
    assert native.state == {}
    assert calls(emu) == [LIST, "GET /v2/phone/blocked_list/AAAAAAAAAAAAAAAAAAAAAA"]  # no write


def test_import_of_an_id_beginning_with_a_dash_reads_the_entry(native: NativeEngine, emu: Emulator) -> None:
    emu.admin.add_entry(
        phone_number="+442079460018", block_type="outbound", comment="portal", id="-dashFirst0000000000000"
    )
    tracked = native.import_(BLOCKED_NUMBER, "imported", "-dashFirst0000000000000")
    assert (tracked.id, tracked.inputs["phoneNumber"], tracked.inputs["comment"]) == (
        "-dashFirst0000000000000",
        "+442079460018",
        "portal",
    )


def test_importing_250_entries_by_id_reads_one_listing_of_three_pages(native: NativeEngine, emu: Emulator) -> None:
    ids = [f"{'-_'[n % 2]}bulk{n:03d}{'x' * 14}" for n in range(250)]
    for n, entry_id in enumerate(ids):
        emu.admin.add_entry(phone_number=f"+1907555{n:04d}", id=entry_id)
    for n, entry_id in enumerate(ids):
        assert native.import_(BLOCKED_NUMBER, f"n{n}", entry_id).inputs["phoneNumber"] == f"+1907555{n:04d}"
    assert calls(emu) == [LIST] * 3


def test_import_of_an_emergency_prefix_zoom_blocks_declares_allow_emergency(
    native: NativeEngine, emu: Emulator
) -> None:
    emu.admin.add_entry(phone_number="+1911", match_type="prefix", block_type="outbound", id="_emergency000000000000")
    tracked = native.import_(BLOCKED_NUMBER, "emergency", "_emergency000000000000")
    assert (tracked.inputs["allowEmergency"], tracked.inputs["adopt"]) == (True, False)
    declared = {"phoneNumber": "+1911", "matchType": "prefix", "blockType": "outbound", "allowEmergency": True}
    assert native.plan(BLOCKED_NUMBER, "emergency", native.check(BLOCKED_NUMBER, "emergency", declared)) == "same"
