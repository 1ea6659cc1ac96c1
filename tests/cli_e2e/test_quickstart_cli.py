"""The quickstart through `pulumi preview/up/refresh/destroy`, as a user runs it: the state against Zoom's entries."""

from __future__ import annotations

import pytest

from tests.cli_e2e.conftest import Stack
from tests.conftest import CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NAMES = ["night-fax", "old-vendor", "premium-rate", "robocaller", "spoofed-helpdesk"]


def test_cli_preview_plans_every_entry_and_calls_no_api(stack: Stack, emu: Emulator) -> None:
    steps = stack.json("preview", "--json")["steps"]
    planned = {step["urn"].rsplit("::", 1)[1]: step["op"] for step in steps if "zoom:BlockedNumber" in step["urn"]}
    assert planned == dict.fromkeys(NAMES, "create")
    assert emu.admin.requests() == []


def test_cli_up_records_the_ids_zoom_gave_each_entry(stack: Stack, emu: Emulator) -> None:
    stack.run("up", "--yes")
    state = stack.blocked_numbers()
    assert sorted(state) == NAMES
    assert sorted(r["id"] for r in state.values()) == sorted(entry["id"] for entry in emu.admin.entries())
    assert state["night-fax"]["outputs"]["phone_number"] == "+19075550102"


def test_cli_state_holds_a_tiny_provider_and_no_secret(stack: Stack, emu: Emulator) -> None:
    stack.run("up", "--yes")
    assert CLIENT_SECRET not in stack.run("stack", "export", "--show-secrets").stdout
    blobs = {stack.provider_blob(resource) for resource in stack.blocked_numbers().values()}
    assert len(blobs) == 1
    (blob,) = blobs
    assert (len(blob) < 512, b"emulator" in blob, CLIENT_SECRET.encode() in blob) == (True, False, False)


def test_cli_second_up_changes_nothing_and_calls_no_api(stack: Stack, emu: Emulator) -> None:
    stack.run("up", "--yes")
    calls_after_first_up = len(emu.admin.api_calls())
    stack.run("up", "--yes", "--expect-no-changes")
    assert len(emu.admin.api_calls()) == calls_after_first_up


def test_cli_refresh_drops_an_entry_deleted_in_the_portal(stack: Stack, emu: Emulator) -> None:
    stack.run("up", "--yes")
    emu.admin.delete_entry(stack.blocked_numbers()["robocaller"]["id"])
    stack.run("refresh", "--yes")
    assert sorted(stack.blocked_numbers()) == [name for name in NAMES if name != "robocaller"]


def test_cli_destroy_unblocks_every_entry(stack: Stack, emu: Emulator) -> None:
    stack.run("up", "--yes")
    stack.run("destroy", "--yes")
    assert (stack.blocked_numbers(), emu.admin.entries()) == ({}, [])
