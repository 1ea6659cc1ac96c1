"""The `pulumi new` templates in templates/, each made into a project by the real CLI from its folder (no network
for the template itself) and previewed against the emulator: the config it prompts for, the secret kept encrypted,
the program's BlockedNumber and Blocklist planned by the native plugin with no call to Zoom.

`pulumi new` asks the engine for the plugins a project needs and looks them up among the installed ones (not on
PATH), so each test first installs the plugin into its PULUMI_HOME the way a user installs a release's tarball; here
the file installed is the wheel's console script, `pulumi-resource-zoom`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.cli_e2e.conftest import REPO, Stack, cli_env, locked_versions, npm, toml
from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(420)]
TEMPLATES = REPO / "templates"
VERSION = toml(REPO / "pyproject.toml")["project"]["version"]
PLANNED = {
    "pulumi:pulumi:Stack": "create",
    "zoom:phone:BlockedNumber": "create",
    "zoom:phone:Blocklist": "create",
}


def from_template(
    tools: Path, venv: Path, tmp_path: Path, template: str, **env: str
) -> tuple[Stack, subprocess.CompletedProcess[str]]:
    """`pulumi new templates/<template> --yes` in an empty folder, accountId and clientId given with --config."""
    project, home, backend = tmp_path / "blocked-numbers", tmp_path / "home", tmp_path / "backend"
    project.mkdir()
    backend.mkdir()
    stack = Stack(tools, project, {**cli_env(tools, venv, home, backend), **env}, home, backend, timeout=400)
    stack.run("plugin", "install", "resource", "zoom", VERSION, "--file", str(venv / "bin" / "pulumi-resource-zoom"))
    created = stack.run(
        "new", str(TEMPLATES / template), "--yes", "--stack", "dev", "--name", "blocked-numbers",
        "--config", f"zoom:accountId={ACCOUNT_ID}", "--config", f"zoom:clientId={CLIENT_ID}",
    )  # fmt: skip
    return stack, subprocess.CompletedProcess(created.args, created.returncode, created.stdout, created.stderr)


def point_at(stack: Stack, emu: Emulator) -> None:
    """The secret the template prompts for, given as its description says, and the emulator's URLs."""
    stack.run("config", "set", "--secret", "zoom:clientSecret", CLIENT_SECRET)
    stack.run(
        "config", "set-all", f"--plaintext=zoom:apiUrl={emu.api_url}", f"--plaintext=zoom:oauthUrl={emu.oauth_url}"
    )


def previewed(stack: Stack) -> dict[str, str]:
    """Each planned step's resource type and operation, from `pulumi preview --json`."""
    steps = stack.json("preview", "--json")["steps"]
    return {step["urn"].split("::")[2]: step["op"] for step in steps}


def test_each_template_prompts_for_the_account_and_keeps_the_secret_secret() -> None:
    for template in ("zoom-python", "zoom-typescript", "zoom-yaml"):
        config = yaml.safe_load((TEMPLATES / template / "Pulumi.yaml").read_text())["template"]["config"]
        assert sorted(config) == ["zoom:accountId", "zoom:clientId", "zoom:clientSecret"], template
        assert [key for key, prompt in config.items() if prompt.get("secret")] == ["zoom:clientSecret"], template


def test_cli_yaml_template_makes_a_project_that_previews_against_the_emulator(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    stack, created = from_template(pulumi_tools, user_venv, tmp_path, "zoom-yaml")
    assert "Your new project is ready to go!" in created.stdout
    made = yaml.safe_load((stack.project / "Pulumi.yaml").read_text())
    assert (made["name"], "template" in made) == ("blocked-numbers", False)
    assert yaml.safe_load((stack.project / "Pulumi.dev.yaml").read_text())["config"] == {
        "zoom:accountId": ACCOUNT_ID,
        "zoom:clientId": CLIENT_ID,
    }
    point_at(stack, emu)
    assert "secure" in yaml.safe_load((stack.project / "Pulumi.dev.yaml").read_text())["config"]["zoom:clientSecret"]
    assert previewed(stack) == PLANNED
    assert emu.admin.requests() == []


def test_cli_typescript_template_makes_a_project_that_previews_against_the_emulator(
    pulumi_tools: Path,
    user_venv: Path,
    emu: Emulator,
    tmp_path: Path,
    sdk_tarball: Path,
) -> None:
    stack, created = from_template(pulumi_tools, user_venv, tmp_path, "zoom-typescript")
    assert "Your new project is ready to go!" in created.stdout
    assert (stack.project / "node_modules" / "@pulumi" / "pulumi").is_dir()  # pulumi new ran npm install
    npm(stack.project, "install", str(sdk_tarball))  # the SDK, from the tarball as the development guide says
    point_at(stack, emu)
    assert previewed(stack) == PLANNED
    assert emu.admin.requests() == []


def test_cli_python_template_makes_a_project_whose_own_virtualenv_previews_against_the_emulator(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    (tmp_path / "constraints.txt").write_text(locked_versions())
    # requirements.txt's pulumi-zoom comes from the folder of wheels (make dist's, here the suite's), pinned to uv.lock.
    wheels = {"PIP_FIND_LINKS": str(user_venv.parent / "dist"), "PIP_CONSTRAINT": str(tmp_path / "constraints.txt")}
    stack, created = from_template(pulumi_tools, user_venv, tmp_path, "zoom-python", **wheels)
    assert f"pulumi-zoom-{VERSION}" in created.stdout.split("Successfully installed", 1)[1]
    # The Python host built here (sdk v3.68.0) ignores `virtualenv: venv` and makes the project's folder the
    # virtualenv; a current host makes venv/. Either way the program runs on what requirements.txt installed:
    assert (stack.project / "pyvenv.cfg").is_file()
    stack.env["PATH"] = os.pathsep.join(
        [str(stack.project / "bin"), str(pulumi_tools), *stack.env["PATH"].split(os.pathsep)[2:]]
    )
    point_at(stack, emu)
    assert previewed(stack) == PLANNED
    assert emu.admin.requests() == []
