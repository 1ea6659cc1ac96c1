"""The quickstart, the repository's root project, through `pulumi preview/up/destroy`, exactly as the repository has
it (Pulumi.yaml with its `virtualenv: .venv` included)."""

from __future__ import annotations

import pytest

from tests.cli_e2e.conftest import Stack, posts
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NAMES = ["night-fax", "old-vendor", "premium-rate", "robocaller", "spoofed-helpdesk"]


def test_cli_preview_plans_every_entry_and_calls_nothing(quickstart: Stack, emu: Emulator) -> None:
    steps = quickstart.json("preview", "--json")["steps"]
    planned = {step["urn"].rsplit("::", 1)[1]: step["op"] for step in steps if "zoom:BlockedNumber" in step["urn"]}
    assert planned == dict.fromkeys(NAMES, "create")
    assert emu.admin.requests() == []  # no API call and no token request


def test_cli_up_posts_each_entry_once_and_records_zoom_ids(quickstart: Stack, emu: Emulator) -> None:
    quickstart.run("up", "--yes")
    ids = quickstart.ids()
    assert sorted(ids) == NAMES
    assert sorted(ids.values()) == sorted(entry["id"] for entry in emu.admin.entries())
    assert (posts(emu), len(emu.admin.entries())) == (5, 5)
    assert quickstart.resources()["night-fax"]["outputs"]["phone_number"] == "+19075550102"


def test_cli_after_up_nothing_is_planned_and_nothing_called(quickstart: Stack, emu: Emulator) -> None:
    quickstart.run("up", "--yes", "--skip-preview")  # a whole first up is the test above's
    before = emu.admin.requests()
    quickstart.run("preview", "--expect-no-changes")
    quickstart.run("up", "--yes", "--expect-no-changes")
    assert emu.admin.requests() == before


def test_cli_destroy_unblocks_every_entry(quickstart: Stack, emu: Emulator) -> None:
    quickstart.run("up", "--yes", "--skip-preview")
    quickstart.run("destroy", "--yes")
    assert (quickstart.resources(), emu.admin.entries()) == ({}, [])
