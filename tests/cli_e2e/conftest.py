"""The real `pulumi` CLI on a local file backend, driving the quickstart against the emulator.

Skipped, with the reason printed, where the CLI is neither on PATH nor in .tools/pulumi/bin (the project's build
machines cannot install it: see ENGINE.md). Each test gets its own PULUMI_HOME, file backend and copy of the
quickstart under tmp_path: nothing here may touch ~/.pulumi, Pulumi Cloud or the checkout's own stacks.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
LOCAL_CLI = REPO / ".tools" / "pulumi" / "bin" / "pulumi"
BLOCKED_NUMBER = "pulumi-python:dynamic/zoom:BlockedNumber"
SECRET_SIG = "4dabf18193072939515e22adb298388d"  # marks a secret value in a stack export


def plain(value: Any) -> Any:
    """A value from `pulumi stack export --show-secrets`, secret or not."""
    if isinstance(value, dict) and SECRET_SIG in value:
        return json.loads(value["plaintext"])
    return value


@dataclass
class Stack:
    """One stack of the quickstart project in a private backend; `run` is `pulumi <args>` in its project folder."""

    cli: str
    project: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [self.cli, *args, "--non-interactive"]
        result = subprocess.run(
            command, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=300, check=False
        )
        assert result.returncode == 0, f"pulumi {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args).stdout)

    def blocked_numbers(self) -> dict[str, dict[str, Any]]:
        """Each BlockedNumber in the state, by name, secrets shown."""
        resources = self.json("stack", "export", "--show-secrets")["deployment"].get("resources") or []
        return {r["urn"].rsplit("::", 1)[1]: r for r in resources if r["type"] == BLOCKED_NUMBER}

    def provider_blob(self, resource: dict[str, Any]) -> bytes:
        return base64.b64decode(plain(resource["outputs"]["__provider"]))


@pytest.fixture(scope="session")
def pulumi_cli() -> str:
    found = shutil.which("pulumi") or (str(LOCAL_CLI) if LOCAL_CLI.exists() else None)
    if found is None:
        pytest.skip(
            "the pulumi CLI is not on PATH: install it (`make demo` prints how) or into .tools/pulumi to run "
            "tests/cli_e2e"
        )
    return found


@pytest.fixture
def stack(pulumi_cli: str, emu: Emulator, tmp_path: Path) -> Stack:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "examples" / "quickstart" / "__main__.py", project / "__main__.py")
    runtime = {"name": "python", "options": {"toolchain": "pip", "virtualenv": sys.prefix}}
    (project / "Pulumi.yaml").write_text(yaml.safe_dump({"name": "zoom-blocklist", "runtime": runtime}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_"))}
    env.update(PULUMI_HOME=str(tmp_path / "home"), PULUMI_CONFIG_PASSPHRASE="", PULUMI_SKIP_UPDATE_CHECK="true")
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    created = Stack(pulumi_cli, project, env)
    (tmp_path / "backend").mkdir()
    created.run("login", f"file://{tmp_path / 'backend'}")
    created.run("stack", "init", "e2e")
    plaintext = {"apiUrl": emu.api_url, "oauthUrl": emu.oauth_url, "accountId": ACCOUNT_ID, "clientId": CLIENT_ID}
    settings = [f"--plaintext=zoom:{key}={value}" for key, value in plaintext.items()]
    created.run("config", "set-all", *settings, f"--secret=zoom:clientSecret={CLIENT_SECRET}")
    return created
