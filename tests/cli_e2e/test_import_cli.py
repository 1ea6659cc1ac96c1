"""`pulumi import` of a dynamic BlockedNumber fails in the SDK, as the troubleshooting guide's Limits say; adopt is the way in."""

from __future__ import annotations

import pytest

from tests.cli_e2e.conftest import BLOCKED_NUMBER, REPO, Stack
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]


def test_cli_import_of_a_dynamic_resource_fails_as_the_limits_say(declared: Stack, emu: Emulator) -> None:
    existing = emu.admin.add_entry(
        phone_number="+19075550100", comment="made in the portal", id="-dynamicImport00000000"
    )
    failed = declared.run("import", BLOCKED_NUMBER, "robocaller", "--yes", "--", existing, ok=False)
    assert "KeyError: '__provider'" in failed.output
    assert declared.resources() == {}
    assert [entry["id"] for entry in emu.admin.entries()] == [existing]
    limits = (REPO / "docs" / "guides" / "troubleshooting.md").read_text()
    assert "the SDK's provider server fails looking for the serialized provider" in limits
    assert "(pulumi/pulumi#16175)" in limits
