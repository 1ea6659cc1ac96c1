"""`scripts/demo.sh` (make demo) without the real Pulumi CLI: the install advice, its calls, and its cleanup.

A fake `pulumi` on PATH (which scripts/pulumi-tools.sh takes as a user's own install) records each call, so the
script's whole sequence runs against a real emulator subprocess; every run is tagged with a marker in its
environment, so a test can tell that no emulator it started outlives it. The real CLI runs it in tests/cli_e2e.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUICKSTART = REPO  # the root is the quickstart's project
FAKE_PULUMI = """#!/usr/bin/env bash
printf '%s|%s|%s\\n' "$PULUMI_BACKEND_URL" "${PULUMI_CONFIG_PASSPHRASE-unset}" "$*" >> "$FAKE_PULUMI_LOG"
if [ "$1" = --cwd ]; then shift 2; fi
case "$1" in
  version) echo "v3.272.0" ;;
  up) if [[ -n ${FAKE_PULUMI_FAIL_UP:-} ]]; then echo "error: up failed" >&2; exit 255; fi ;;
esac
"""


@pytest.fixture
def closed_port() -> Iterator[int]:
    # Bound but not listening: a connection to it is refused at once, so the install fails fast and always.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def path_without_pulumi() -> str:
    return os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "pulumi").exists())


def run_demo(tmp_path: Path, marker: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "DEMO_"))}
    base.update(MAKELEVEL="1", DEMO_STATE_DIR=str(tmp_path / "state"), DEMO_TEST_MARKER=marker)
    # No build and no cached CLI: only a pulumi on PATH (the fake one) or nothing.
    base.update(PATH=path_without_pulumi(), ZOOM_TOOLS_CACHE=str(tmp_path / "tools"), ZOOM_TOOLS_NO_BUILD="1")
    base.update(env)
    command = [str(REPO / "scripts" / "demo.sh")]
    return subprocess.run(command, env=base, capture_output=True, text=True, timeout=60, check=False)


def processes_tagged(marker: str) -> list[int]:
    tagged = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"DEMO_TEST_MARKER={marker}".encode() in (proc / "environ").read_bytes():
                tagged.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return tagged


def fake_pulumi(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "pulumi").write_text(FAKE_PULUMI)
    (bin_dir / "pulumi").chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{path_without_pulumi()}", "FAKE_PULUMI_LOG": str(tmp_path / "calls.log")}


def emulator_url(stdout: str) -> str:
    line = next(line for line in stdout.splitlines() if line.startswith("Zoom emulator listening on "))
    return line.rsplit(" ", 1)[1]


@pytest.mark.skipif(shutil.which("curl") is None, reason="the last resort of pulumi-tools.sh is Pulumi's installer")
def test_demo_without_pulumi_says_what_to_install_and_fails(tmp_path: Path, closed_port: int) -> None:
    marker = uuid.uuid4().hex
    url = f"http://127.0.0.1:{closed_port}/install.sh"
    result = run_demo(tmp_path, marker, PULUMI_INSTALL_URL=url)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("pulumi-tools: no Pulumi CLI: none on PATH at v")
    assert "  - install the Pulumi CLI v" in lines[-3]
    assert lines[-1] == "make demo needs the Pulumi CLI: see above for what to install, then run make demo again"
    assert (processes_tagged(marker), (tmp_path / "state").exists()) == ([], False)


def test_demo_points_a_local_stack_at_the_emulator_then_previews_and_applies(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    result = run_demo(tmp_path, marker, **fake_pulumi(tmp_path))
    assert result.returncode == 0, result.stderr
    url = emulator_url(result.stdout)
    backend = f"file://{tmp_path / 'state'}||"
    prefix = f"{backend}--cwd {QUICKSTART} "
    # pulumi-tools.sh asks the version of the pulumi on PATH first; every later call runs in the root project's folder.
    assert (tmp_path / "calls.log").read_text().splitlines() == [
        f"{backend}version",
        *(
            prefix + call
            for call in (
                "version",
                "stack select --create dev",
                f"config set zoom:apiUrl {url}/v2",
                f"config set zoom:oauthUrl {url}/oauth/token",
                "config set zoom:accountId emulator-account",
                "config set zoom:clientId emulator-client",
                "config set --secret zoom:clientSecret emulator-secret",
                "preview",
                "up --yes",
            )
        ),
    ]
    assert processes_tagged(marker) == []


def test_demo_stops_the_emulator_when_pulumi_up_fails(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    result = run_demo(tmp_path, marker, FAKE_PULUMI_FAIL_UP="1", **fake_pulumi(tmp_path))
    assert (result.returncode, result.stderr.splitlines()[-1]) == (255, "error: up failed")
    assert emulator_url(result.stdout).startswith("http://127.0.0.1:")
    assert processes_tagged(marker) == []
