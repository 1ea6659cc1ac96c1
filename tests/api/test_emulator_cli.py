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
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert (out, "s3cret-value" in err) == ("", False)
    assert [entry["id"] for entry in json.loads(state.read_text())["entries"]] == [created.json()["id"]]


def test_cli_help_documents_the_defaults() -> None:
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--help"]
    wide = {**os.environ, "COLUMNS": "200"}  # so click does not wrap a default across lines
    result = subprocess.run(command, cwd=PROJECT, env=wide, capture_output=True, text=True, check=True)
    text = re.sub(r"\s+", " ", re.sub(r"-\n\s+", "-", result.stdout))  # undo click's line wrapping
    for default in ("127.0.0.1", "8787", "emulator-account", "emulator-client", "emulator-secret", "3600"):
        assert f"[default: {default}" in text
