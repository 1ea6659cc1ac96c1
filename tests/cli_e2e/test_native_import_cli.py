"""`pulumi import` with the native provider through the real CLI: ids after `--`, a missing id refused on one line,
a whole account from `zoom-blocklist export --format pulumi-import` in one `pulumi import --file`, and a Blocklist
from one import id. Every id here begins with '-' or '_' on purpose, as one of Zoom's in 32 does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, Stack, calls, new_stack
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(600)]
NATIVE = "zoom:phone:BlockedNumber"
GHOST = "AAAAAAAAAAAAAAAAAAAAAA"
MISSING = (
    f"import blocked-list entry {GHOST}: Zoom account emulator-account holds no entry with this id. Nothing was "
    "imported; check the id (`zoom-blocklist export --format ids` lists the account's ids) and that the provider's "
    "zoom:accountId is the account that holds it"
)


@pytest.fixture
def yaml_example(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    return new_stack(pulumi_tools, user_venv, emu, tmp_path, REPO / "examples" / "native-yaml")


def test_cli_import_of_a_missing_id_fails_naming_it_and_writes_nothing(yaml_example: Stack, emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", id="-neighbourOfTheGhost00")
    failed = yaml_example.run("import", NATIVE, "ghost", "--yes", "--", GHOST, ok=False)
    lines = [line.strip() for line in failed.output.splitlines()]
    # The engine shows the plugin's one line under the resource, and once more as the step's failure.
    assert f"error: Preview failed: {MISSING}" in lines
    assert f"error: preview failed: step application failed: {MISSING}" in lines
    assert "Traceback" not in failed.output
    assert yaml_example.resources(NATIVE) == {}
    assert [call for call in calls(emu) if call[0] != "GET"] == []
