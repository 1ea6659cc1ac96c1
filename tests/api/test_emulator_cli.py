"""`zoom-blocklist emulator` as a subprocess: readiness line, a real API call, SIGTERM, the saved state."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.api.conftest import authorized_session

PROJECT = Path(__file__).resolve().parents[2]


def test_cli_serves_until_sigterm_and_keeps_state(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0"]
    command += ["--client-secret", "s3cret-value", "--state", str(state)]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("Zoom emulator listening on http://127.0.0.1:"), line
        url = line.strip().rsplit(" ", 1)[1]
        session = authorized_session(f"{url}/oauth/token", secret="s3cret-value")
        created = session.post(f"{url}/v2/phone/blocked_list", json={"phone_number": "+19075550100"})
        assert created.status_code == 201
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        # Read through the same text buffers as readline above: it may hold the lines after the first already.
        with process:
            out = process.stdout.read() if process.stdout else ""
            err = process.stderr.read() if process.stderr else ""
    assert process.returncode == 0, err
    assert out.startswith("Point a stack at it")  # what follows the readiness line: tests/api/test_emulator_hand_use.py
    assert "s3cret-value" not in out + err
    assert [entry["id"] for entry in json.loads(state.read_text())["entries"]] == [created.json()["id"]]


def test_cli_help_documents_the_defaults() -> None:
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--help"]
    wide = {**os.environ, "COLUMNS": "200"}  # so click does not wrap a default across lines
    result = subprocess.run(command, cwd=PROJECT, env=wide, capture_output=True, text=True, check=True)
    text = re.sub(r"\s+", " ", re.sub(r"-\n\s+", "-", result.stdout))  # undo click's line wrapping
    for default in ("127.0.0.1", "8787", "emulator-account", "emulator-client", "emulator-secret", "3600"):
        assert f"[default: {default}" in text


def refused(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", *args]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False)


KEEP = "it is left as it is: remove it to start with no entries, or point --state at another file"


def test_an_empty_state_file_is_refused_and_kept(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("")
    result = refused("emulator", "--port", "0", "--state", str(state))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: the state file {state} is empty, where an emulator's state is a JSON object; {KEEP}\n"
    )


def test_a_corrupt_state_file_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"entries": [{"id": "a"')
    result = refused("emulator", "--port", "0", "--state", str(state))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: the state file {state} is not an emulator's state (JSONDecodeError: ")
    assert result.stderr.endswith(f"); {KEEP}\n")
    assert "Traceback" not in result.stderr
    assert state.read_text() == '{"entries": [{"id": "a"'


def test_an_unreadable_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_bytes(b"\xff\xfe not text")
    result = refused("emulator", "--port", "0", "--state", str(state))
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: cannot read the state file {state}: it is not UTF-8 text; {KEEP}\n",
    )


def test_an_unwritable_state_file_is_refused_before_serving(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    state = tmp_path / "a-file" / "state.json"
    result = refused("emulator", "--port", "0", "--state", str(state))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: cannot write the state file {state}: {tmp_path / 'a-file'} is not a folder; point --state at a file "
        "in a folder you can write to\n",
    )


def test_an_unknown_option_says_so_without_a_traceback() -> None:
    result = refused("emulator", "--prot", "8787")
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[-1] == "Error: No such option '--prot'. (Did you mean one of: '--host', '--port'?)"
    )
