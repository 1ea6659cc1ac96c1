"""Taking over an entry Zoom already holds, and bad input, as `pulumi preview` and `pulumi up` show them."""

from __future__ import annotations

import re

import pytest

from tests.cli_e2e.conftest import Stack, calls
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
ROBOCALLER = {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}


def test_cli_adopt_takes_over_the_entry_zoom_holds_and_keeps_its_id(declared: Stack, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="made in the portal")
    declared.declare(numbers={"robocaller": {**ROBOCALLER, "adopt": True}})
    declared.run("up", "--yes")
    (entry,) = emu.admin.entries()
    assert (declared.ids(), entry["id"], entry["comment"]) == ({"robocaller": existing}, existing, "INC-4411")
    declared.run("preview", "--expect-no-changes")


def test_cli_an_entry_zoom_holds_without_adopt_fails_telling_its_likely_causes_apart(
    declared: Stack, emu: Emulator
) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="made in the portal")
    declared.declare(numbers={"robocaller": ROBOCALLER})
    failed = declared.run("up", "--yes", ok=False)
    assert re.search(
        r"ConflictError: create blocked number \+19075550100: HTTP 409, Zoom code 409: Blocked number already exists\. "
        r"\(tracking id v=2\.0;clid=emulator;rid=EMU_[0-9a-f]{32}\)\. Zoom already blocks it as entry "
        f"{re.escape(existing)} \\(status active, comment 'made in the portal'\\), and nothing shows that this "
        r"BlockedNumber made it\. .* Made in the Zoom portal or by another stack\? Set adopt=True on this "
        r"BlockedNumber to manage that entry here\. .*\n",
        failed.stdout,
    )
    assert (declared.ids(), [entry["id"] for entry in emu.admin.entries()]) == ({}, [existing])


def test_cli_bad_input_fails_preview_naming_the_property_and_calls_nothing(declared: Stack, emu: Emulator) -> None:
    declared.declare(numbers={"robocaller": {**ROBOCALLER, "block_type": "Inbound"}})
    failed = declared.run("preview", ok=False)
    assert (
        "    error: pulumi-python:dynamic/zoom:BlockedNumber resource 'robocaller': property block_type value {Inbound} "
        "has a problem: block_type: 'Inbound' is not one of 'inbound', 'outbound', 'threat' (values are "
        "case-sensitive); did you mean 'inbound'?\n"
    ) in failed.stdout
    assert calls(emu) == []
    assert emu.admin.requests() == []
