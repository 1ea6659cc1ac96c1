"""The CI example's preview job, run here: its own shell steps, read from examples/ci/pulumi.yml, on a pull request
that adds the quickstart and one prefix the example's policy config refuses, through the real CLI.

What GitHub would post as the comment (and put in the job summary) is held against the CI guide's sample; the job
would fail; and the preview job, which has no Zoom credentials, calls nothing. The step that posts the comment needs
GitHub itself and is not run; actionlint checks it (tests/programs/test_ci_example.py).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_e2e.conftest import REPO, new_stack, root_project
from tests.docs_samples import checked_sample
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
CI = REPO / "examples" / "ci"
WORKFLOW: dict[Any, Any] = yaml.safe_load((CI / "pulumi.yml").read_text())
STEPS = ("Preview under the policy pack", "Summarize the preview")
# The pull request: one more entry in the quickstart, a prefix of a whole country.
ADDED = """
uk_calls = BlockedNumber(
    "uk-calls", phone_number="+44", match_type="prefix", block_type="outbound", comment="CHG-2301: no calls to the UK"
)
"""


def step(name: str) -> dict[str, Any]:
    (found,) = [step for step in WORKFLOW["jobs"]["preview"]["steps"] if step.get("name") == name]
    return found


def run_step(name: str, repo: Path, env: dict[str, str]) -> None:
    """The step's script as a GitHub runner runs it (bash -e -o pipefail), with the step's env (secrets aside)."""
    script = step(name)["run"]
    assert "${{" not in script  # everything it needs comes from the environment
    given = {key: value for key, value in step(name).get("env", {}).items() if "${{" not in str(value)}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=repo, env={**env, **given}, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"


def test_ci_preview_job_posts_the_summary_with_the_policy_findings_and_fails(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    repo = root_project(tmp_path, user_venv)  # the repository's root: the quickstart and its .venv
    (repo / "__main__.py").write_text((repo / "__main__.py").read_text() + ADDED)
    shutil.copy(CI / "zoom-blocklist-policies.json", repo / WORKFLOW["env"]["POLICY_CONFIG"])
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, repo, name=WORKFLOW["env"]["PULUMI_STACK"], copy=False)
    runner = tmp_path / "runner"
    runner.mkdir()
    github = {
        "GITHUB_OUTPUT": str(runner / "output"), "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "RUNNER_TEMP": str(runner), "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/blocklist",
        "GITHUB_RUN_ID": "42",
    }  # fmt: skip
    env = {**stack.env, **{key: str(value) for key, value in WORKFLOW["env"].items()}, **github}
    for name in STEPS:
        run_step(name, repo, env)
    comment = (runner / "comment.md").read_text()
    assert comment == checked_sample("docs/guides/ci-previews.md", "tests/cli_e2e/review/test_ci_workflow_cli.py")
    assert (runner / "summary.md").read_text() == comment.split("\n", 1)[1]  # the same, without the marker
    assert (runner / "output").read_text() == "exit-code=1\n"  # so the job's last step fails it
    assert emu.admin.requests() == []
