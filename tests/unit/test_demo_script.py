"""`scripts/demo.sh` (make demo) without the real Pulumi CLI: the install advice, its calls, and its cleanup.

A fake `pulumi` on PATH records each call, so the script's whole sequence runs against a real emulator subprocess;
every run is tagged with a marker in its environment, so a test can tell that no emulator it started outlives it.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SDK_VERSION = importlib.metadata.version("pulumi")
FAKE_PULUMI = """#!/usr/bin/env bash
printf '%s|%s|%s\\n' "$PULUMI_BACKEND_URL" "${PULUMI_CONFIG_PASSPHRASE-unset}" "$*" >> "$FAKE_PULUMI_LOG"
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
    base.update(MAKELEVEL="1", DEMO_TOOLS_DIR=str(tmp_path / "tools"), DEMO_STATE_DIR=str(tmp_path / "state"))
    base.update(PATH=path_without_pulumi(), DEMO_TEST_MARKER=marker)
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


@pytest.mark.skipif(shutil.which("curl") is None, reason="the demo installs the Pulumi CLI with curl")
def test_demo_without_pulumi_says_what_to_install_and_fails(tmp_path: Path, closed_port: int) -> None:
    marker = uuid.uuid4().hex
    url = f"http://127.0.0.1:{closed_port}/install.sh"
    result = run_demo(tmp_path, marker, PULUMI_INSTALL_URL=url)
    tools = tmp_path / "tools"
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"make demo needs the Pulumi CLI: it is not on PATH nor in {tools}/bin, and installing it from {url} failed.\n"
        f"Install Pulumi CLI v{SDK_VERSION} (the version of the pulumi SDK in .venv), then run make demo again:\n"
        f"  curl -fsSL https://get.pulumi.com | sh -s -- --version {SDK_VERSION}\n"
        "or, to keep it inside this checkout where make demo finds it:\n"
        f"  curl -fsSL https://get.pulumi.com | sh -s -- --version {SDK_VERSION} --install-root .tools/pulumi "
        "--no-edit-path\n"
        "Other ways to install it (Homebrew, Windows, a plain download): "
        "https://www.pulumi.com/docs/iac/download-install/\n"
    )
    assert (processes_tagged(marker), tools.exists(), (tmp_path / "state").exists()) == ([], False, False)


def test_demo_points_a_local_stack_at_the_emulator_then_previews_and_applies(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    result = run_demo(tmp_path, marker, **fake_pulumi(tmp_path))
    assert result.returncode == 0, result.stderr
    url = emulator_url(result.stdout)
    prefix = f"file://{tmp_path / 'state'}||"
    assert (tmp_path / "calls.log").read_text().splitlines() == [
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
    ]
    assert processes_tagged(marker) == []


def test_demo_stops_the_emulator_when_pulumi_up_fails(tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    result = run_demo(tmp_path, marker, FAKE_PULUMI_FAIL_UP="1", **fake_pulumi(tmp_path))
    assert (result.returncode, result.stderr.splitlines()[-1]) == (255, "error: up failed")
    assert emulator_url(result.stdout).startswith("http://127.0.0.1:")
    assert processes_tagged(marker) == []
