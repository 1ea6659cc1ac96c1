"""The native plugin as a provider: its schema, its configuration, one account per instance, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.engine.harness import REPO
from tests.native.conftest import provider_config
from tests.native.harness import BLOCKED_NUMBER, NativeCallError, NativeEngine, NativeServer, secret, to_struct
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.native.schema import schema_json

ROBOCALLER = {"phoneNumber": "+19075550100", "comment": "INC-4411"}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[NativeServer]:
    """A plugin not yet configured, whose stderr a test may read."""
    server = NativeServer(log=tmp_path / "plugin.log")
    yield server
    server.close()


def test_the_served_schema_is_the_committed_one(plugin: NativeServer) -> None:
    committed = (REPO / "sdk" / "schema.json").read_text()
    assert committed == schema_json(), "sdk/schema.json is stale: run `make sdk`"
    assert json.loads(plugin.schema()) == json.loads(committed)


def test_a_bad_setting_fails_check_config_naming_the_input(fresh: NativeServer, emu: Emulator) -> None:
    failures = fresh.start(provider_config(emu, rateLimit=0, timeout=-1), name="emea")
    assert failures == {
        "rateLimit": "reading the Zoom rate limit: rateLimit of provider 'emea' is '0' (an input of the provider). "
        "Set it to the account's Light requests per second: 20 on Pro, 40 on Business and up",
        "timeout": "reading timeout of provider 'emea': timeout of provider 'emea' is '-1' (an input of the "
        "provider). Set it to a number of seconds more than 0 (the default is 30)",
    }


def test_an_account_set_nowhere_fails_the_provider_instance_naming_its_input_and_variable(
    fresh: NativeServer, emu: Emulator
) -> None:
    assert fresh.start({"apiUrl": emu.api_url, "oauthUrl": emu.oauth_url, "clientId": CLIENT_ID}, name="emea") == {
        "accountId": "accountId of provider 'emea' is set nowhere: set it on the provider (account_id in Python), or "
        "export ZOOM_ACCOUNT_ID where pulumi runs"
    }
    assert emu.admin.requests() == []


def test_a_preview_needs_the_account_but_no_credential_and_up_names_the_missing_ones(
    fresh: NativeServer, emu: Emulator
) -> None:
    assert fresh.start({"accountId": ACCOUNT_ID, "apiUrl": emu.api_url, "oauthUrl": emu.oauth_url}, name="emea") == {}
    engine = NativeEngine(fresh)
    assert engine.preview({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})["robocaller"][0] == "create"
    with pytest.raises(NativeCallError) as failed:
        engine.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    assert failed.value.details == (
        "reading the Zoom credentials of provider 'emea': missing clientId (or ZOOM_CLIENT_ID), clientSecret (or "
        "ZOOM_CLIENT_SECRET). Set accountId, clientId and clientSecret (as a secret) on provider 'emea' (account_id, "
        "client_id and client_secret in Python), or export ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET "
        "where pulumi runs"
    )
    assert emu.admin.requests() == []


def test_an_entry_zoom_holds_fails_on_one_line_with_the_adopt_hint(native: NativeEngine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100")
    with pytest.raises(NativeCallError) as failed:
        native.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    details = failed.value.details
    assert "\n" not in details
    assert details.startswith("create blocked number +19075550100: HTTP 409, Zoom code 409: Blocked number already ")
    assert details.endswith(
        f"Zoom already blocks it as entry {existing} (status active, comment ''), and nothing shows that this "
        "BlockedNumber made it. Renamed it, or moved it from another resource of this program? Add its old name as an "
        "alias (in YAML, its old URN), or set adopt to true on this BlockedNumber for this `pulumi up` so that the old "
        "resource's "
        "deletion leaves the entry to it. Replacing it with `pulumi up --replace`? Set the resource option "
        "deleteBeforeReplace to true on it (delete_before_replace in Python), since Pulumi creates the new entry "
        "before it deletes the old one and Zoom keeps one entry per number. Made in the Zoom portal or by another "
        "stack? Set adopt to true on this "
        "BlockedNumber (or `pulumi import` the entry by its id) to manage that entry here. Left by an interrupted "
        "`pulumi up` of this stack? Run `zoom-blocklist recover`, then `pulumi up` again"
    )


def test_adopt_takes_the_entry_over_and_keeps_its_id(native: NativeEngine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="portal")
    native.up({"robocaller": (BLOCKED_NUMBER, {**ROBOCALLER, "adopt": True})})
    (entry,) = emu.admin.entries()
    assert (native.state["robocaller"].id, entry["id"], entry["comment"]) == (existing, existing, "INC-4411")


def test_a_secret_input_stays_secret_in_the_outputs(native: NativeEngine, emu: Emulator) -> None:
    checked = native.check(BLOCKED_NUMBER, "robocaller", {"phoneNumber": "+19075550100", "comment": secret("x")})
    assert checked["comment"] == secret("x")
    native.up({"robocaller": (BLOCKED_NUMBER, {"phoneNumber": "+19075550100", "comment": secret("x")})})
    assert native.state["robocaller"].outputs["comment"] == secret("x")


def test_the_client_secret_reaches_no_output_and_no_log(fresh: NativeServer, emu: Emulator, tmp_path: Path) -> None:
    fresh.start(provider_config(emu))
    engine = NativeEngine(fresh)
    engine.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    engine.refresh()
    engine.destroy()
    secrets = [CLIENT_SECRET, *emu.admin.issued_tokens()]
    seen = str(engine.state) + (tmp_path / "plugin.log").read_text()
    assert [value[:6] for value in secrets if value in seen] == []


def test_two_provider_instances_reach_two_accounts(tmp_path: Path) -> None:
    with (
        Emulator(EmulatorConfig(account_id="us-account")) as us,
        Emulator(EmulatorConfig(account_id="emea-account")) as emea,
    ):
        servers = [NativeServer(), NativeServer()]
        try:
            for server, (name, emulator) in zip(servers, [("us", us), ("emea", emea)], strict=True):
                assert server.start(provider_config(emulator, accountId=emulator.config.account_id), name=name) == {}
            NativeEngine(servers[0]).up({"a": (BLOCKED_NUMBER, ROBOCALLER)})
            NativeEngine(servers[1]).up({"b": (BLOCKED_NUMBER, {"phoneNumber": "+442079460018"})})
        finally:
            for server in servers:
                server.close()
        assert [e["phone_number"] for e in us.admin.entries()] == ["+19075550100"]
        assert [e["phone_number"] for e in emea.admin.entries()] == ["+442079460018"]


def test_configure_reads_the_stack_config_from_variables_too(fresh: NativeServer, emu: Emulator) -> None:
    from pulumi.runtime import proto

    variables = {f"zoom:{key}": str(value) for key, value in provider_config(emu).items()}
    fresh.call("Configure", proto.ConfigureRequest(variables=variables, args=to_struct({}), acceptSecrets=True))
    NativeEngine(fresh).up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    assert len(emu.admin.entries()) == 1


def test_the_plugin_stops_once_the_engine_that_started_it_is_gone(tmp_path: Path) -> None:
    # A stand-in engine that starts the plugin, prints its pid, and is then killed as a CLI is.
    launcher = (
        "import subprocess, sys, time\n"
        "plugin = subprocess.Popen([sys.executable, '-u', '-m', 'zoom_blocklist_provider.native.main'],"
        " stdout=subprocess.PIPE)\n"
        "plugin.stdout.readline()\n"
        "print(plugin.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    engine = subprocess.Popen(
        [sys.executable, "-c", launcher],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert engine.stdout is not None
    plugin = int(engine.stdout.readline())
    engine.kill()
    engine.wait(timeout=10)
    engine.stdout.close()
    deadline = time.monotonic() + 20
    while Path(f"/proc/{plugin}").exists() and Path(f"/proc/{plugin}/status").read_text().find("State:\tZ") < 0:
        assert time.monotonic() < deadline, "the orphaned plugin is still serving"
        time.sleep(0.05)  # polling for the process to be gone


def test_an_interrupt_lets_the_running_create_answer_then_the_plugin_exits_quietly(
    fresh: NativeServer, emu: Emulator, tmp_path: Path
) -> None:
    # The engine ends every command by interrupting its plugins (SIGINT) and waiting for them to exit; a Ctrl-C that
    # reaches the whole process group interrupts the plugin the same way, in the middle of a call.
    engine = NativeEngine(fresh)
    assert fresh.start(provider_config(emu)) == {}
    checked = engine.check(BLOCKED_NUMBER, "robocaller", ROBOCALLER)
    emu.admin.fault(kind="delay", method="POST", path="/v2/phone/blocked_list", delay_ms=1500)
    with ThreadPoolExecutor(1) as pool:
        created = pool.submit(engine.create, BLOCKED_NUMBER, "robocaller", checked)
        deadline = time.monotonic() + 20
        while emu.admin.pending_faults():  # the delay is taken when the POST arrives: it is then in flight
            assert time.monotonic() < deadline, "the POST never reached the emulator"
            time.sleep(0.01)  # polling the emulator's admin path
        fresh.process.send_signal(signal.SIGINT)
        reply = created.result(timeout=30)
    assert [entry["id"] for entry in emu.admin.entries()] == [reply.id]
    assert fresh.process.wait(timeout=30) == 0
    assert (tmp_path / "plugin.log").read_text() == ""  # no traceback of a torn-down event loop


def test_a_number_changed_to_one_another_entry_blocks_fails_with_a_fix_an_update_can_use(
    native: NativeEngine, emu: Emulator
) -> None:
    native.up({"robocaller": (BLOCKED_NUMBER, ROBOCALLER)})
    entry_id = native.state["robocaller"].id
    emu.admin.add_entry(phone_number="+19075550101")
    with pytest.raises(NativeCallError) as failed:
        native.up({"robocaller": (BLOCKED_NUMBER, {**ROBOCALLER, "phoneNumber": "+19075550101"})})
    assert failed.value.details.startswith(f"update blocked number {entry_id}: HTTP 409, Zoom code 409: ")
    assert failed.value.details.endswith(
        "Another entry of the account already blocks +19075550101/phoneNumber/inbound: delete that entry (in the Zoom "
        "portal, or by removing the resource that holds it), or declare this resource with the number it had, then "
        "run `pulumi up` again"
    )
    assert "adopt" not in failed.value.details
