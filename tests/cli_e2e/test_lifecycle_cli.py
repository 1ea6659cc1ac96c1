"""One stack changed between commands, as a user edits a program: each change costs exactly the calls it needs."""

from __future__ import annotations

import pytest

from tests.cli_e2e.conftest import Stack, calls
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
ROBOCALLER = {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}
PREMIUM = {"phone_number": "+1 900", "match_type": "prefix", "block_type": "outbound"}


def applied(stack: Stack, emu: Emulator, **numbers: dict[str, str]) -> dict[str, str]:
    """`numbers` declared and applied; the request log emptied, so a test counts only what follows.

    The up skips its preview: it only sets the stage, and test_quickstart_cli holds a whole first `up`."""
    stack.declare(numbers=numbers)
    stack.run("up", "--yes", "--skip-preview")
    emu.admin.clear_requests()
    return stack.ids()


def test_cli_changing_a_comment_patches_in_place_and_keeps_the_id(declared: Stack, emu: Emulator) -> None:
    ids = applied(declared, emu, robocaller=ROBOCALLER, premium=PREMIUM)
    declared.declare(numbers={"robocaller": {**ROBOCALLER, "comment": "INC-4411, INC-4502"}, "premium": PREMIUM})
    declared.run("up", "--yes")
    assert calls(emu) == [("PATCH", f"/v2/phone/blocked_list/{ids['robocaller']}")]
    assert declared.ids() == ids
    declared.run("preview", "--expect-no-changes")


def test_cli_a_number_written_another_way_is_no_change(declared: Stack, emu: Emulator) -> None:
    applied(declared, emu, robocaller=ROBOCALLER)
    declared.declare(numbers={"robocaller": {**ROBOCALLER, "phone_number": "1-907-555-0100"}})
    declared.run("preview", "--expect-no-changes")
    declared.run("up", "--yes", "--expect-no-changes")
    assert emu.admin.requests() == []


def test_cli_a_move_to_threat_deletes_before_it_creates(declared: Stack, emu: Emulator) -> None:
    ids = applied(declared, emu, robocaller=ROBOCALLER)
    declared.declare(numbers={"robocaller": {**ROBOCALLER, "block_type": "threat"}})
    declared.run("up", "--yes")
    assert calls(emu) == [
        ("DELETE", f"/v2/phone/blocked_list/{ids['robocaller']}"),
        ("POST", "/v2/phone/blocked_list"),
    ]
    (entry,) = emu.admin.entries()
    assert (declared.ids(), entry["block_type"]) == ({"robocaller": entry["id"]}, "threat")


def test_cli_refresh_that_finds_nothing_leaves_nothing_to_do(declared: Stack, emu: Emulator) -> None:
    applied(declared, emu, robocaller=ROBOCALLER, premium=PREMIUM)
    refreshed = declared.run("refresh", "--yes", "--skip-preview")
    assert "Resources:\n    3 unchanged\n" in refreshed.stdout
    assert calls(emu) == [("GET", "/v2/phone/blocked_list")]  # one listing serves both reads
    declared.run("preview", "--expect-no-changes")


def test_cli_portal_edit_shows_in_refresh_and_up_restores_it_with_one_patch(declared: Stack, emu: Emulator) -> None:
    ids = applied(declared, emu, robocaller=ROBOCALLER, premium=PREMIUM)
    emu.admin.edit_entry(ids["robocaller"], status="inactive", comment="lifted by the helpdesk")
    refreshed = declared.run("refresh", "--yes", "--skip-preview", "--diff")
    shown = " ".join(refreshed.stdout.split())
    assert '~ comment : "INC-4411" => "lifted by the helpdesk"' in shown
    assert '~ status : "active" => "inactive"' in shown
    emu.admin.clear_requests()
    declared.run("up", "--yes")
    assert [call for call in calls(emu) if call[0] != "GET"] == [
        ("PATCH", f"/v2/phone/blocked_list/{ids['robocaller']}")
    ]
    entry = next(entry for entry in emu.admin.entries() if entry["id"] == ids["robocaller"])
    assert (entry["status"], entry["comment"]) == ("active", "INC-4411")
    declared.run("preview", "--expect-no-changes")


def test_cli_portal_delete_drops_in_refresh_and_up_recreates_it_with_one_post(declared: Stack, emu: Emulator) -> None:
    ids = applied(declared, emu, robocaller=ROBOCALLER, premium=PREMIUM)
    emu.admin.delete_entry(ids["robocaller"])
    declared.run("refresh", "--yes", "--skip-preview")
    assert sorted(declared.ids()) == ["premium"]
    emu.admin.clear_requests()
    declared.run("up", "--yes")
    assert calls(emu) == [("POST", "/v2/phone/blocked_list")]
    assert sorted(entry["id"] for entry in emu.admin.entries()) == sorted(declared.ids().values())
    declared.run("preview", "--expect-no-changes")
