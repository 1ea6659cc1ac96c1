"""The native `zoom` provider through the real CLI: YAML and Python programs, import, two accounts, the move from
the dynamic resources, each counted in the emulator's log."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.cli_e2e.conftest import PROGRAMS, REPO, Stack, calls, new_stack
from tests.conftest import CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NATIVE = "zoom:phone:BlockedNumber"
ROBOCALLER = {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}


@pytest.fixture
def native(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "native")
    stack.declare()
    return stack


@pytest.fixture
def yaml_example(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    return new_stack(pulumi_tools, user_venv, emu, tmp_path, REPO / "examples" / "native-yaml")


def test_cli_yaml_program_previews_for_free_applies_and_destroys(yaml_example: Stack, emu: Emulator) -> None:
    preview = yaml_example.run("preview")
    assert 'robocallerNumber: "+19075550100"' in preview.stdout  # the plugin planned the normalized number
    assert emu.admin.requests() == []
    yaml_example.run("up", "--yes")
    assert Counter(method for method, _ in calls(emu)) == {"POST": 6}
    yaml_example.run("preview", "--expect-no-changes")
    yaml_example.run("destroy", "--yes")
    assert emu.admin.entries() == []


def test_cli_import_prints_code_that_then_plans_no_change(yaml_example: Stack, emu: Emulator) -> None:
    # An id that looks like a flag, as one of Zoom's ids in 32 does: it goes after `--`.
    entry_id = "-k-NkGiEVVhfaeSG5uu4wg"
    emu.admin.add_entry(phone_number="+442079460018", block_type="outbound", comment="portal", id=entry_id)
    imported = yaml_example.run("import", NATIVE, "imported", "--yes", "--", entry_id)
    code = yaml.safe_load(imported.stdout.split("will take effect.", 1)[1])
    assert code["resources"]["imported"]["properties"]["phoneNumber"] == "+442079460018"
    project = yaml.safe_load((yaml_example.project / "Pulumi.yaml").read_text())
    project["resources"]["imported"] = code["resources"]["imported"]
    (yaml_example.project / "Pulumi.yaml").write_text(yaml.safe_dump(project))
    yaml_example.run(
        "preview", "--expect-no-changes", "--target", f"urn:pulumi:e2e::{project['name']}::{NATIVE}::imported"
    )
    assert [call for call in calls(emu) if call[0] != "GET"] == []


def test_cli_python_program_changes_in_place_and_says_why_it_replaces(native: Stack, emu: Emulator) -> None:
    native.declare(numbers={"robocaller": ROBOCALLER})
    native.run("up", "--yes", "--skip-preview")  # the stage: what is counted follows it
    (entry_id,) = native.ids(NATIVE).values()
    emu.admin.clear_requests()
    native.declare(numbers={"robocaller": {**ROBOCALLER, "status": "inactive"}})
    native.run("up", "--yes")
    assert calls(emu) == [("PATCH", f"/v2/phone/blocked_list/{entry_id}")]
    native.declare(numbers={"robocaller": {**ROBOCALLER, "status": "inactive", "block_type": "threat"}})
    preview = native.run("preview", "--diff")
    shown = preview.stdout
    assert (
        "blockType changes 'inbound' to 'threat': Zoom cannot update an entry to or from 'threat' in place"
        in preview.output
    )
    assert "+-zoom:phone:BlockedNumber: (replace)" in shown
    assert '~ blockType: "inbound" => "threat"' in shown
    assert "~ status" not in shown  # the detailed diff names only what changes


def test_cli_two_explicit_providers_reach_two_accounts(native: Stack, emu: Emulator) -> None:
    with Emulator(EmulatorConfig(account_id="emea-account")) as emea:
        native.declare(
            providers={
                "emea": {
                    "account_id": "emea-account",
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "api_url": emea.api_url,
                    "oauth_url": emea.oauth_url,
                }
            },
            numbers={"us": ROBOCALLER, "london": {"phone_number": "+442079460018"}},
            options={"london": {"provider": "emea"}},
        )
        native.run("up", "--yes")
        assert [e["phone_number"] for e in emu.admin.entries()] == ["+19075550100"]
        assert [e["phone_number"] for e in emea.admin.entries()] == ["+442079460018"]
        native.run("destroy", "--yes")
        assert (emu.admin.entries(), emea.admin.entries()) == ([], [])


def test_cli_a_dynamic_entry_moves_to_the_native_provider_with_no_unblocking(native: Stack, emu: Emulator) -> None:
    native.declare(dynamic={"robocaller": ROBOCALLER})
    native.run("up", "--yes", "--skip-preview")  # the stage: what is counted follows it
    (entry_id,) = (entry["id"] for entry in emu.admin.entries())
    emu.admin.clear_requests()
    # 1. Keep the entry when the dynamic resource leaves the program (a change of the state only).
    native.declare(dynamic={"robocaller": ROBOCALLER}, options={"robocaller": {"retain_on_delete": True}})
    native.run("up", "--yes")
    # 2. Declare it with the native provider, importing Zoom's id, and drop the dynamic one.
    native.declare(numbers={"robocaller": ROBOCALLER}, options={"robocaller": {"import": entry_id}})
    native.run("up", "--yes")
    # The import reads the entry (one list call) in the preview pass and in the update; no DELETE, no POST.
    assert calls(emu) == [("GET", "/v2/phone/blocked_list")] * 2
    assert native.ids(NATIVE) == {"robocaller": entry_id}
    assert native.resources() == {}
    native.run("preview", "--expect-no-changes")


def test_cli_native_python_example_runs_against_two_accounts(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    with Emulator(EmulatorConfig(account_id="emea-account")) as emea:
        stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, REPO / "examples" / "native-python")
        settings = {"accountId": "emea-account", "clientId": CLIENT_ID, "apiUrl": emea.api_url}
        settings["oauthUrl"] = emea.oauth_url
        stack.run("config", "set-all", *(f"--plaintext=emea:{k}={v}" for k, v in settings.items()),
                  f"--secret=emea:clientSecret={CLIENT_SECRET}")  # fmt: skip
        stack.run("up", "--yes")
        assert sorted(e["phone_number"] for e in emu.admin.entries()) == ["+1900", "+19075550100"]
        assert sorted(e["phone_number"] for e in emea.admin.entries()) == ["+442079460018", "+442079460019"]
        stack.run("preview", "--expect-no-changes")
        stack.run("destroy", "--yes")
        assert (emu.admin.entries(), emea.admin.entries()) == ([], [])
