"""A changed `zoom:*` setting, or input of an explicit provider, takes effect in the very command that follows it,
through the real CLI; a new account replaces the entries, creating them there before unblocking them here."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import PROGRAMS, Stack, calls, error_line, new_stack
from tests.conftest import CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NATIVE = "zoom:phone:BlockedNumber"
WRONG_SECRET = "not-the-client-secret"
PROGRAM = """\
name: zoom-config-change
runtime: yaml
resources:
  robocaller:
    type: zoom:phone:BlockedNumber
    properties:
      phoneNumber: "+19075550100"
      comment: "{comment}"
  nightLines:
    type: zoom:phone:Blocklist
    options:
      dependsOn:
        - ${{robocaller}}
    properties:
      entries:
        - phoneNumber: "+19075550102"
          comment: "{comment}"
"""
READ_FIRST = ("zoom:phone:BlockedNumber (robocaller)", "zoom:phone:Blocklist (nightLines)")
WRONG_CREDENTIALS = (
    "get an access token for account emulator-account: HTTP 401, Zoom code 4702: Invalid client_id or client_secret. "
    "Check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"
)


def yaml_stack(tools: Path, venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    source = tmp_path / "source" / "config-change"
    source.mkdir(parents=True)
    (source / "Pulumi.yaml").write_text(PROGRAM.format(comment="INC-1"))
    # A retry budget of one second: the unreachable URL below fails fast instead of retrying for a minute.
    return new_stack(tools, venv, emu, tmp_path, source, {"retryBudget": "1"})


def comment(stack: Stack, text: str) -> None:
    (stack.project / "Pulumi.yaml").write_text(PROGRAM.format(comment=text))


@pytest.fixture
def yaml_program(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    return yaml_stack(pulumi_tools, user_venv, emu, tmp_path)


def test_cli_a_rotated_secret_takes_effect_in_the_next_up_and_refresh(yaml_program: Stack, emu: Emulator) -> None:
    yaml_program.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    yaml_program.run("config", "set", "--secret", "zoom:clientSecret", WRONG_SECRET)
    comment(yaml_program, "INC-2")
    failed = yaml_program.run("up", "--yes", ok=False)
    assert WRONG_CREDENTIALS in error_line(failed.stdout)
    assert "Traceback" not in failed.output
    assert WRONG_SECRET not in failed.output
    yaml_program.run("config", "set", "--secret", "zoom:clientSecret", CLIENT_SECRET)
    yaml_program.run("up", "--yes")
    assert sorted(entry["comment"] for entry in emu.admin.entries()) == ["INC-2", "INC-2"]
    # `refresh --run-program` configures the provider from the stack's config now, as `up` does.
    yaml_program.run("config", "set", "--secret", "zoom:clientSecret", WRONG_SECRET)
    failed = yaml_program.run("refresh", "--run-program", "--yes", ok=False)
    # The engine may add its own "Preview failed: <the same line>" beneath the refresh's error.
    failing = [name for name in READ_FIRST if f"  {name}:" in failed.stdout.split("Diagnostics:", 1)[1]]
    assert failing, failed.stdout
    assert WRONG_CREDENTIALS in error_line(failed.stdout, failing[0], lines=2)
    assert "Traceback" not in failed.output
    yaml_program.run("config", "set", "--secret", "zoom:clientSecret", CLIENT_SECRET)
    yaml_program.run("refresh", "--run-program", "--yes", "--expect-no-changes")


def test_cli_a_corrected_url_or_setting_takes_effect_in_the_next_command(yaml_program: Stack, emu: Emulator) -> None:
    yaml_program.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    entry_id = yaml_program.ids(NATIVE)["robocaller"]
    yaml_program.run("config", "set", "zoom:apiUrl", "http://127.0.0.1:9/v2")
    comment(yaml_program, "INC-2")
    failed = yaml_program.run("up", "--yes", ok=False)
    assert error_line(failed.stdout) == (
        f"update blocked number {entry_id}: could not reach http://127.0.0.1:9/v2/phone/blocked_list/{entry_id}: "
        "[Errno 111] Connection refused. Check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or "
        "ZOOM_API_URL / ZOOM_OAUTH_URL)"
    )
    yaml_program.run("config", "set", "zoom:apiUrl", emu.api_url)
    yaml_program.run("up", "--yes")
    assert sorted(entry["comment"] for entry in emu.admin.entries()) == ["INC-2", "INC-2"]
    # A setting the provider refuses fails the preview that follows, before any call.
    yaml_program.run("config", "set", "zoom:rateLimit", "fast")
    failed = yaml_program.run("preview", ok=False)
    assert (
        "reading the Zoom rate limit: zoom:rateLimit is 'fast' (stack config zoom:rateLimit). Set it to the "
        "account's Light requests per second: 20 on Pro, 40 on Business and up"
    ) in failed.stdout
    yaml_program.run("config", "set", "zoom:rateLimit", "40")
    yaml_program.run("preview", "--expect-no-changes")


def test_cli_an_explicit_providers_rotated_secret_takes_effect_at_once(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "native")
    provider = {"account_id": "emulator-account", "client_id": CLIENT_ID, "api_url": emu.api_url}
    provider["oauth_url"] = emu.oauth_url
    numbers = {"robocaller": {"phone_number": "+19075550100", "comment": "INC-1"}}
    options = {"robocaller": {"provider": "emea"}}
    stack.declare(providers={"emea": {**provider, "client_secret": CLIENT_SECRET}}, numbers=numbers, options=options)
    stack.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    numbers["robocaller"]["comment"] = "INC-2"
    stack.declare(providers={"emea": {**provider, "client_secret": WRONG_SECRET}}, numbers=numbers, options=options)
    failed = stack.run("up", "--yes", ok=False)
    assert (
        "get an access token for account emulator-account: HTTP 401, Zoom code 4702: Invalid client_id or "
        "client_secret. Check clientId / clientSecret of provider 'emea'"
    ) in error_line(failed.stdout)
    assert WRONG_SECRET not in failed.output
    stack.declare(providers={"emea": {**provider, "client_secret": CLIENT_SECRET}}, numbers=numbers, options=options)
    stack.run("up", "--yes")
    assert [entry["comment"] for entry in emu.admin.entries()] == ["INC-2"]


def test_cli_a_new_account_replaces_the_entries_and_preview_says_so(yaml_program: Stack, emu: Emulator) -> None:
    yaml_program.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    with Emulator(EmulatorConfig(account_id="emea-account")) as emea:
        settings = {"accountId": "emea-account", "apiUrl": emea.api_url, "oauthUrl": emea.oauth_url}
        yaml_program.run("config", "set-all", *(f"--plaintext=zoom:{key}={value}" for key, value in settings.items()))
        emu.admin.clear_requests()
        preview = yaml_program.run("preview", "--diff")
        assert "+-zoom:phone:BlockedNumber: (replace)" in preview.stdout
        assert "+-zoom:phone:Blocklist: (replace)" in preview.stdout
        warning = (
            "warning: accountId 'emulator-account' -> 'emea-account': every resource of this provider is replaced, "
            "each entry created in the new account before it is deleted from the old one"
        )
        assert warning in preview.output
        assert "zoom:default::[unknown]]" in preview.stdout.replace("pulumi:providers:zoom::default", "zoom:default")
        assert (calls(emu), calls(emea)) == ([], [])
        yaml_program.run("up", "--yes")
        assert Counter(method for method, _ in calls(emea)) == {"POST": 2}
        assert Counter(method for method, _ in calls(emu)) == {"DELETE": 2}
        assert emu.admin.entries() == []
        assert sorted(entry["phone_number"] for entry in emea.admin.entries()) == ["+19075550100", "+19075550102"]
        ids = {entry["id"] for entry in emea.admin.entries()}
        assert yaml_program.ids(NATIVE)["robocaller"] in ids
        yaml_program.run("preview", "--expect-no-changes")
        yaml_program.run("destroy", "--yes")
        assert emea.admin.entries() == []


def test_cli_the_account_moved_between_config_and_environment_is_no_change(yaml_program: Stack, emu: Emulator) -> None:
    yaml_program.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    ids = yaml_program.ids(NATIVE)
    emu.admin.clear_requests()
    yaml_program.run("config", "rm", "zoom:accountId")
    yaml_program.env["ZOOM_ACCOUNT_ID"] = "emulator-account"
    yaml_program.run("preview", "--expect-no-changes")
    yaml_program.run("up", "--yes", "--expect-no-changes")
    # ...and back: what the plugin resolves is the same account both ways, so nothing is replaced.
    del yaml_program.env["ZOOM_ACCOUNT_ID"]
    yaml_program.run("config", "set", "zoom:accountId", "emulator-account")
    yaml_program.run("up", "--yes", "--expect-no-changes")
    assert (calls(emu), yaml_program.ids(NATIVE)) == ([], ids)
    # Set nowhere, it fails the preview on one line naming the key and its variable, and plans nothing.
    yaml_program.run("config", "rm", "zoom:accountId")
    failed = yaml_program.run("preview", ok=False)
    assert (
        "pulumi:providers:zoom resource 'default': property accountId value {<nil>} has a problem: "
        "zoom:accountId is set nowhere: run `pulumi config set zoom:accountId <value>`, or export ZOOM_ACCOUNT_ID "
        "where pulumi runs"
    ) in failed.stdout
    assert "replace" not in failed.stdout
    assert calls(emu) == []


def test_cli_a_wrong_api_url_fails_the_refresh_and_keeps_every_entry_in_the_state(
    yaml_program: Stack, emu: Emulator
) -> None:
    yaml_program.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    ids = yaml_program.ids(NATIVE)
    yaml_program.run("config", "set", "zoom:apiUrl", emu.api_url.removesuffix("/v2"))
    failed = yaml_program.run("refresh", "--run-program", "--yes", "--skip-preview", ok=False)
    failing = [name for name in READ_FIRST if f"  {name}:" in failed.stdout.split("Diagnostics:", 1)[1]]
    assert failing, failed.stdout
    assert re.fullmatch(
        r"list blocked numbers: HTTP 404, Zoom code 404: No API at /phone/blocked_list\. \(tracking id v=2\.0;"
        r"clid=emulator;rid=EMU_[0-9a-f]{32}\)\. The URL reaches no API: check zoom:apiUrl \(or ZOOM_API_URL\), "
        r"which ends in /v2, like Zoom's https://api\.zoom\.us/v2",
        error_line(failed.stdout, failing[0], lines=2),
    )
    assert yaml_program.ids(NATIVE) == ids
    assert len(emu.admin.entries()) == 2
