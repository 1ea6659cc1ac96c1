"""The emulator issues the ids it is told to: queued through the admin path, given at start, or drawn from a seed,
so a test can make Zoom's rare ids (a leading '-' or '_') on purpose and never depends on a chance draw."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from tests.api.conftest import authorized_session
from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

LIST = "/v2/phone/blocked_list"
PROJECT = Path(__file__).resolve().parents[2]


def test_queued_ids_go_in_order_to_the_next_entries_created_through_the_api(emu: Emulator) -> None:
    emu.admin.issue_ids("-Gq3xVbupBJK0K80cYmhMQ", "_k-NkGiEVVhfaeSG5uu4wg")
    api = authorized_session(emu.oauth_url)
    first = api.post(emu.url + LIST, json={"phone_number": "+19075550100"}).json()["id"]
    second = api.post(emu.url + LIST, json={"phone_number": "+19075550101"}).json()["id"]
    assert (first, second) == ("-Gq3xVbupBJK0K80cYmhMQ", "_k-NkGiEVVhfaeSG5uu4wg")
    assert api.get(f"{emu.url}{LIST}/-Gq3xVbupBJK0K80cYmhMQ").json()["phone_number"] == "+19075550100"
    assert emu.admin.queued_ids() == []


def test_a_refused_create_leaves_the_queued_id_for_the_next_entry(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", id="AAAAAAAAAAAAAAAAAAAAAA")
    emu.admin.issue_ids("-duplicateTakesNoIdxxxx")
    api = authorized_session(emu.oauth_url)
    assert api.post(emu.url + LIST, json={"phone_number": "+19075550100"}).status_code == 409
    assert emu.admin.add_entry(phone_number="+19075550101") == "-duplicateTakesNoIdxxxx"


def test_add_entry_takes_the_id_it_is_given(emu: Emulator) -> None:
    assert emu.admin.add_entry(phone_number="+19075550100", id="_portalEntry") == "_portalEntry"
    assert [entry["id"] for entry in emu.admin.entries()] == ["_portalEntry"]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["has space"], "Id 'has space' is not 1 to 64 URL-safe base64 characters."),
        (["a/b"], "Id 'a/b' is not 1 to 64 URL-safe base64 characters."),
        (["-twice", "-twice"], "Id '-twice' is given twice."),
        (["_held"], "Id '_held' is held by an entry."),
    ],
)
def test_an_unusable_id_is_refused_and_nothing_is_queued(emu: Emulator, ids: list[str], message: str) -> None:
    emu.admin.add_entry(phone_number="+19075550100", id="_held")
    with pytest.raises(requests.HTTPError) as refused:
        emu.admin.issue_ids("-fine", *ids)
    assert str(refused.value) == f'emulator admin POST /ids: HTTP 400: {{"code": 300, "message": "{message}"}}'
    assert emu.admin.queued_ids() == []


def test_reset_forgets_queued_ids(emu: Emulator) -> None:
    emu.admin.issue_ids("-forgotten")
    emu.admin.reset()
    assert emu.admin.queued_ids() == []


def test_ids_given_at_start_go_first_then_seeded_ids_repeat_after_each_reset() -> None:
    config = EmulatorConfig(ids=("-first",), id_seed=7)
    with Emulator(config) as emu:
        ids = [emu.admin.add_entry(phone_number=f"+1907555010{n}") for n in range(3)]
        emu.admin.reset()
        again = [emu.admin.add_entry(phone_number=f"+1907555010{n}") for n in range(2)]
    with Emulator(EmulatorConfig(id_seed=7)) as other:
        fresh = [other.admin.add_entry(phone_number=f"+1907555010{n}") for n in range(2)]
    assert ids[0] == "-first"
    assert again == fresh == ids[1:]
    assert all(len(entry_id) == 22 for entry_id in ids[1:])


def test_cli_issues_the_ids_it_is_given_even_one_that_looks_like_a_flag(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0", "--state", str(state)]
    command += ["--issue-id", "-Gq3xVbupBJK0K80cYmhMQ", "--issue-id=_second"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        url = line.strip().rsplit(" ", 1)[1]
        api = authorized_session(f"{url}/oauth/token")
        created = [api.post(url + LIST, json={"phone_number": f"+1907555010{n}"}).json()["id"] for n in range(2)]
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert created == ["-Gq3xVbupBJK0K80cYmhMQ", "_second"]


def test_cli_refuses_an_id_a_loaded_entry_holds(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Emulator(EmulatorConfig(state_file=str(state))) as emu:
        emu.admin.add_entry(phone_number="+19075550100", id="-taken")
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0", "--state", str(state)]
    result = subprocess.run(
        [*command, "--issue-id=-taken"], cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "Error: Id '-taken' is held by an entry.\n")


def test_cli_add_gives_the_entry_the_id_it_is_told(emu: Emulator) -> None:
    added = CliRunner().invoke(
        main, ["emulator", "add", "--url", emu.url, "+19075550100", "--id=-portalEntry000000000"]
    )
    assert (added.exit_code, added.stdout) == (0, "-portalEntry000000000\n")
    assert added.stderr == (
        "Adopt it in a program with: pulumi import zoom:phone:BlockedNumber <name> -- -portalEntry000000000\n"
    )
    assert [entry["id"] for entry in emu.admin.entries()] == ["-portalEntry000000000"]
