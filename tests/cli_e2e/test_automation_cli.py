"""examples/automation-python/apply.py, a platform team's own tool on Pulumi's Automation API (`pulumi.automation`),
run as its users run it: the project's wheels in its virtualenv, a file backend, the account's credentials in ZOOM_*
variables, against the emulator, on the CSV of examples/from-file, each step printing the line the guide
(automation-api.md) quotes. Its Go twin, examples/automation-go, is run by tests/go/automation_test.go."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, calls, cli_env
from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.docs_samples import checked_sample
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
GUIDE = "docs/guides/automation-api.md"
EXAMPLES = (REPO / "examples" / "from-file" / "blocklist.csv").read_text()


def test_cli_the_python_tool_previews_applies_changes_and_destroys_a_blocklist_file(
    pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    tool = shutil.copy(REPO / "examples" / "automation-python" / "apply.py", tmp_path / "apply.py")
    (tmp_path / "backend").mkdir()
    env = cli_env(pulumi_tools, user_venv, tmp_path / "home", tmp_path / "backend")
    env.update(ZOOM_API_URL=emu.api_url, ZOOM_OAUTH_URL=emu.oauth_url, ZOOM_ACCOUNT_ID=ACCOUNT_ID)
    env.update(ZOOM_CLIENT_ID=CLIENT_ID, ZOOM_CLIENT_SECRET=CLIENT_SECRET)
    blocklist = tmp_path / "blocklist.csv"

    def apply(*flags: str) -> tuple[str, Counter[str]]:
        emu.admin.clear_requests()
        done = subprocess.run(
            [str(user_venv / "bin" / "python"), str(tool), "--file", str(blocklist), *flags],
            env=env, capture_output=True, text=True, timeout=240, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip().splitlines()[-1], Counter(method for method, _ in calls(emu))

    blocklist.write_text(EXAMPLES)
    assert apply("--preview") == ("planned: 5 create", Counter())
    assert apply() == ("applied: 5 create", Counter({"POST": 4}))
    blocklist.write_text(EXAMPLES.replace("tax office,", "tax office (INC-4902),", 1))
    assert apply() == ("applied: 1 update, 4 same", Counter({"PATCH": 1}))
    assert "INC-4821: robocaller posing as the tax office (INC-4902)" in {e["comment"] for e in emu.admin.entries()}
    assert apply("--destroy") == ("destroyed: 5 delete", Counter({"DELETE": 4}))
    assert emu.admin.entries() == []


def test_the_guide_quotes_the_python_tool_as_it_is() -> None:
    assert (
        checked_sample(GUIDE, "tests/cli_e2e/test_automation_cli.py")
        in (REPO / "examples" / "automation-python" / "apply.py").read_text()
    )
