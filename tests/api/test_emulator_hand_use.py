"""The emulator by hand: the lines it prints to point a stack at it, `emulator add` as a portal user, `emulator log`,
each over a real socket (the server as a subprocess, or the suite's emulator reached by its URL)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.api.conftest import authorized_session
from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.emulator import Emulator

PROJECT = Path(__file__).resolve().parents[2]
STAMP = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} ")


def started(*args: str) -> Iterator[tuple[str, list[str]]]:
    """`zoom-blocklist emulator --port 0 <args>` as a subprocess: its URL and the 15 lines after the first."""
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0", *args]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        url = process.stdout.readline().strip().rsplit(" ", 1)[1]
        yield url, [process.stdout.readline().rstrip("\n") for _ in range(15)]
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)


def emulator_cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["emulator", *args], env={"ZOOM_EMULATOR_URL": None})


def test_the_emulator_prints_the_config_and_exports_that_point_at_it() -> None:
    for url, lines in started():
        assert lines == [
            "Point a stack at it (in the project's folder, with the stack selected):",
            f"  pulumi config set zoom:apiUrl {url}/v2",
            f"  pulumi config set zoom:oauthUrl {url}/oauth/token",
            "  pulumi config set zoom:accountId emulator-account",
            "  pulumi config set zoom:clientId emulator-client",
            "  pulumi config set --secret zoom:clientSecret emulator-secret",
            "Or a shell (zoom-blocklist export and doctor, programs without zoom:* config):",
            f"  export ZOOM_API_URL={url}/v2",
            f"  export ZOOM_OAUTH_URL={url}/oauth/token",
            "  export ZOOM_ACCOUNT_ID=emulator-account",
            "  export ZOOM_CLIENT_ID=emulator-client",
            "  export ZOOM_CLIENT_SECRET=emulator-secret",
            "Add an entry as a portal user would, and read the request log:",
            f"  zoom-blocklist emulator add --url {url} +19075550199 --comment 'added in the portal'",
            f"  zoom-blocklist emulator log --url {url}",
        ]


def test_a_secret_given_on_the_command_line_is_prompted_for_never_printed() -> None:
    for _, lines in started("--account-id", "acct-7", "--client-secret", "s3cret-value"):
        assert "s3cret-value" not in "\n".join(lines)
        assert lines[3] == "  pulumi config set zoom:accountId acct-7"
        assert lines[5] == "  pulumi config set --secret zoom:clientSecret"
        assert lines[11] == "  read -rs ZOOM_CLIENT_SECRET && export ZOOM_CLIENT_SECRET  # the --client-secret you gave"


def test_add_creates_an_entry_as_a_portal_user_would_and_prints_its_id(emu: Emulator) -> None:
    added = emulator_cli(
        "add", "--url", emu.url, "+1 (907) 555-0100", "--block-type", "outbound", "--comment", "INC-77: added by hand"
    )
    assert added.exit_code == 0, added.output
    [entry] = emu.admin.entries()
    assert added.stdout == f"{entry['id']}\n"
    assert added.stderr == (
        f"Adopt it in a program with: pulumi import zoom:phone:BlockedNumber <name> -- {entry['id']}\n"
    )
    assert {key: entry[key] for key in ("phone_number", "match_type", "block_type", "status", "comment")} == {
        "phone_number": "+19075550100",
        "match_type": "phoneNumber",
        "block_type": "outbound",
        "status": "active",
        "comment": "INC-77: added by hand",
    }
    assert emu.admin.requests() == []  # the portal's hand is not an API call


def test_add_of_a_prefix_with_a_country_stores_it_as_zoom_does(emu: Emulator) -> None:
    added = emulator_cli("add", "--url", emu.url, "0900", "--match-type", "prefix", "--country", "gb")
    assert added.exit_code == 0, added.output
    assert [(e["phone_number"], e["match_type"], e["country"]) for e in emu.admin.entries()] == [
        ("+44900", "prefix", "GB")
    ]


def test_add_of_what_zoom_refuses_says_why_in_one_line(emu: Emulator) -> None:
    emulator_cli("add", "--url", emu.url, "+19075550100")
    again = emulator_cli("add", "--url", emu.url, "+1 907 555 0100")
    bad = emulator_cli("add", "--url", emu.url, "call me")
    assert (again.exit_code, again.stderr) == (1, "Error: the emulator refused it: Blocked number already exists.\n")
    assert (bad.exit_code, bad.stderr) == (
        1,
        "Error: the emulator refused it: Validation Failed. phone_number: 'call me' is not a phone number or prefix\n",
    )


def test_log_prints_each_answered_request_oldest_first(emu: Emulator) -> None:
    api = authorized_session(emu.oauth_url)
    created = api.post(f"{emu.api_url}/phone/blocked_list", json={"phone_number": "+19075550100"}).json()
    api.get(f"{emu.api_url}/phone/blocked_list", params={"page_size": "50"})
    api.delete(f"{emu.api_url}/phone/blocked_list/{created['id']}")
    printed = emulator_cli("log", "--url", emu.url)
    assert printed.exit_code == 0, printed.output
    lines = printed.stdout.splitlines()
    assert all(STAMP.match(line) for line in lines), lines
    assert [STAMP.sub("", line) for line in lines] == [
        "POST   /oauth/token 200",
        "POST   /v2/phone/blocked_list 201",
        "GET    /v2/phone/blocked_list?page_size=50 200",
        f"DELETE /v2/phone/blocked_list/{created['id']} 204",
    ]


def test_log_clear_empties_it_so_the_next_call_is_counted_alone(emu: Emulator) -> None:
    api = authorized_session(emu.oauth_url)
    emulator_cli("log", "--url", emu.url, "--clear")
    api.get(f"{emu.api_url}/phone/blocked_list")
    assert [STAMP.sub("", line) for line in emulator_cli("log", "--url", emu.url).stdout.splitlines()] == [
        "GET    /v2/phone/blocked_list 200"
    ]


def test_add_and_log_without_an_emulator_say_how_to_start_one() -> None:
    for args in (("add", "+19075550100"), ("log",)):
        result = emulator_cli(args[0], "--url", "http://127.0.0.1:1", *args[1:])
        assert (result.exit_code, result.stderr) == (
            1,
            "Error: no emulator answers at http://127.0.0.1:1: start one with `zoom-blocklist emulator`, or give "
            "--url as its first line printed it\n",
        )


@pytest.mark.parametrize("command", ["add", "log"])
def test_url_defaults_to_the_emulators_default_port(command: str) -> None:
    shown = emulator_cli(command, "--help")
    assert "[default: http://127.0.0.1:8787]" in " ".join(shown.stdout.split())
