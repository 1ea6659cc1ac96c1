"""Everything a run produces, scanned for the client secret and every access token the emulator issued: none.

A run with faults, a token expiry, drift, an update, an error page that echoes the request's Authorization header and
a destroy, with debug logging on in the provider process (zoom:debug, and every logger at DEBUG). Scanned: every
property bag the server returned, the serialized provider, the provider's stderr log, every error text, pytest's
captured output, and (second test) the `zoom-blocklist emulator` process's output and state file.
"""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.engine.conftest import stack_config
from tests.engine.harness import PROVIDER_BLOB, REPO, Engine, ProviderCallError, ProviderServer
from zoom_blocklist_provider.emulator import Emulator, EmulatorAdmin

ENTRY = {"phone_number": "+19075550100", "comment": "INC-4411"}
ECHO_PAGE = "<html>502 Bad Gateway. You sent: Authorization: {authorization}</html>"
DEBUG_LOGGING = "import logging\nlogging.basicConfig(level=logging.DEBUG)\n"


class Recorder(Engine):
    """An engine that keeps every property bag the provider server returned."""

    bags: list[Any]

    def apply(self, name: str, inputs: Any) -> str:
        step = super().apply(name, inputs)
        self.bags.append(self.state[name])
        return step

    def refresh(self) -> dict[str, str]:
        seen = super().refresh()
        self.bags.extend(self.state.values())
        return seen


@pytest.fixture
def debug_server(emu: Emulator, tmp_path: Path) -> Iterator[ProviderServer]:
    (tmp_path / "sitecustomize.py").write_text(DEBUG_LOGGING)
    running = ProviderServer(log=tmp_path / "provider.log", path=[tmp_path])
    # Long enough for the 429 and the dropped create to be retried whatever the jitter draws (at most 0.5 s + 1 s),
    # short enough that the PATCH answered by an error page gives up soon.
    running.configure({**stack_config(emu), "zoom:retryBudget": "3", "zoom:debug": "true"})
    yield running
    running.close()


def run_with_faults(engine: Recorder, emu: Emulator) -> list[str]:
    """A whole lifecycle through faults; returns the text of every error the provider reported."""
    errors = []
    emu.admin.fault(kind="status", status=429, retry_after="seconds", retry_after_seconds=0, method="POST")
    emu.admin.fault(kind="drop_after", method="POST")
    engine.up({"n": ENTRY})
    emu.admin.expire_tokens()
    emu.admin.edit_entry(engine.state["n"].id, status="inactive")
    engine.refresh()
    emu.admin.fault(kind="raw", method="PATCH", status=502, body=ECHO_PAGE, times=100)
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"n": {**ENTRY, "comment": "INC-4412"}})
    errors.append(failure.value.details)
    emu.admin.reset()  # faults off; the entry is gone, so the update fails as a 400 naming the id
    with pytest.raises(ProviderCallError) as failure:
        engine.up({"n": {**ENTRY, "comment": "INC-4412"}})
    errors.append(failure.value.details)
    engine.destroy()
    return errors


def leaks(texts: list[str], admin: EmulatorAdmin, secret: str) -> list[str]:
    """The start of each secret or issued token found in the texts (never the whole of one)."""
    tokens = admin.issued_tokens()
    assert tokens, "the emulator issued no token: the scan would prove nothing"
    return [needle[:6] + "..." for needle in [secret, *tokens] for text in texts if needle in text]


def test_nothing_a_run_produces_holds_the_secret_or_a_token(
    debug_server: ProviderServer, emu: Emulator, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    engine = Recorder(debug_server)
    engine.bags = []
    errors = run_with_faults(engine, emu)
    bags = json.dumps([[bag.id, bag.inputs, bag.outputs] for bag in engine.bags])
    providers = {bag.outputs.get("__provider") for bag in engine.bags} | {PROVIDER_BLOB}
    pickled = [base64.b64decode(blob).decode("latin-1") for blob in providers if blob]
    log = (tmp_path / "provider.log").read_text()
    captured = capfd.readouterr()
    assert "DEBUG:zoom_blocklist_provider:POST /v2/phone/blocked_list -> 429" in log  # debug logging was on
    assert "Authorization: Bearer [redacted]</html>" in errors[0]  # the echoed header was there, redacted
    texts = [bags, *pickled, log, *errors, captured.out, captured.err]
    assert leaks(texts, emu.admin, CLIENT_SECRET) == []
    assert [text for text in pickled for credential in (ACCOUNT_ID, CLIENT_ID) if credential in text] == []


def test_the_emulator_command_and_its_state_file_hold_no_secret_or_token(tmp_path: Path) -> None:
    secret, state = "s3cret-for-the-scan", tmp_path / "zoom.json"
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0"]
    command += ["--client-secret", secret, "--state", str(state)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server = None
    try:
        first = process.stdout.readline() if process.stdout else ""
        url = first.strip().rsplit(" ", 1)[1]
        admin = EmulatorAdmin(url)
        server = ProviderServer(log=tmp_path / "provider.log")
        api = {"zoom:apiUrl": url + "/v2", "zoom:oauthUrl": url + "/oauth/token"}
        server.configure({"zoom:accountId": ACCOUNT_ID, "zoom:clientId": CLIENT_ID, "zoom:clientSecret": secret, **api})
        engine = Engine(server)
        engine.up({"n": ENTRY})
        admin.expire_tokens()
        engine.up({"n": {**ENTRY, "comment": "INC-4412"}})
        tokens = admin.issued_tokens()  # before the emulator stops
    finally:
        if server:
            server.close()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert first.startswith("Zoom emulator listening on http://127.0.0.1:")
    assert len(tokens) == 2  # one at the start, one after the expiry
    texts = [first + out, err, state.read_text(), (tmp_path / "provider.log").read_text()]
    assert [needle[:6] for needle in [secret, *tokens] for text in texts if needle in text] == []
