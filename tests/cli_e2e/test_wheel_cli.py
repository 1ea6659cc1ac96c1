"""The wheel the CLI suite installs, as a user gets it: its license, its command, its package files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, toml

pytestmark = [pytest.mark.cli]


def test_the_installed_wheel_carries_the_license_pyproject_names(user_venv: Path) -> None:
    (licence,) = user_venv.glob("lib/python*/site-packages/zoom_blocklist_provider-*.dist-info/licenses/LICENSE")
    assert licence.read_text() == (REPO / "LICENSE").read_text()
    assert "Apache License\n                           Version 2.0, January 2004" in licence.read_text()
    assert toml(REPO / "pyproject.toml")["project"]["license"] == "Apache-2.0"


def test_the_installed_wheel_has_its_command_and_its_emulator(user_venv: Path) -> None:
    shown = subprocess.run(
        [str(user_venv / "bin" / "zoom-blocklist"), "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    assert [line.split()[0] for line in shown.stdout.split("Commands:")[1].splitlines() if line.strip()] == [
        "doctor",
        "emulator",
        "export",
        "recover",
        "review",
    ]
