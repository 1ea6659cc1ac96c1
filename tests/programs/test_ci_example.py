"""The CI example stays what its README says: on pull requests a preview under the policy pack, summarized in one
comment the job updates; `up` only on main, under the same pack; actionlint finds nothing in it.

tests/cli_e2e/review/test_ci_workflow_cli.py runs the preview job's own shell steps through the real CLI. The step
that posts the comment runs here against a stand-in for GitHub's API (a `gh` that logs its calls and filters the
test's comments with the real jq), which cannot be reached from a test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.unit.test_release_workflow import actionlint  # noqa: F401 - the fixture that builds actionlint
from zoom_blocklist_provider.policies import COMMENT_TICKET, EMERGENCY_TICKET, PREFIX_MIN_DIGITS, UNBLOCK_LIMIT

CI = Path(__file__).resolve().parents[2] / "examples" / "ci"
WORKFLOW_TEXT = (CI / "pulumi.yml").read_text()
WORKFLOW: dict[Any, Any] = yaml.safe_load(WORKFLOW_TEXT)
JOBS: dict[str, Any] = WORKFLOW["jobs"]
MARKER = "<!-- zoom-blocklist review -->"
POST = "Post the summary on the pull request, or update the one posted before"


def step(job: str, name: str) -> dict[str, Any]:
    (found,) = [step for step in JOBS[job]["steps"] if step.get("name") == name]
    return found


def runs(job: str) -> str:
    return "\n".join(step.get("run", "") for step in JOBS[job]["steps"])


def test_actionlint_finds_nothing_in_the_ci_example(actionlint: Path) -> None:  # noqa: F811
    linted = subprocess.run(
        [str(actionlint), "-no-color", str(CI / "pulumi.yml")], capture_output=True, text=True, timeout=120, check=False
    )
    assert (linted.returncode, linted.stdout, linted.stderr) == (0, "", "")


def test_workflow_runs_on_pull_requests_and_pushes_to_main() -> None:
    # YAML 1.1 reads the bare key `on` as True.
    assert WORKFLOW[True] == {"pull_request": {"branches": ["main"]}, "push": {"branches": ["main"]}}
    assert JOBS["preview"]["if"] == "github.event_name == 'pull_request'"
    assert JOBS["up"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_pull_requests_preview_under_the_policy_pack_with_the_engines_events_streamed() -> None:
    preview = step("preview", "Preview under the policy pack")
    assert preview["env"]["PULUMI_ENABLE_STREAMING_JSON_PREVIEW"] == "true"
    assert 'pulumi preview --cwd "$PROJECT_DIR" --stack "$PULUMI_STACK" --json' in preview["run"]
    assert (
        '--policy-pack "$(command -v zoom-blocklist-policies)" --policy-pack-config "$PWD/$POLICY_CONFIG"'
        in (preview["run"])
    )


def test_the_summary_is_one_comment_the_job_updates_instead_of_adding_one_per_push() -> None:
    assert JOBS["preview"]["permissions"]["pull-requests"] == "write"
    summarize, post = step("preview", "Summarize the preview"), step("preview", POST)
    assert f"echo '{MARKER}'" in summarize["run"]
    assert f'startswith("{MARKER}")' in post["run"]
    assert 'gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$ours"' in post["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in summarize["run"]


def test_a_failed_preview_fails_the_job_after_the_summary_is_posted() -> None:
    names = [step.get("name", step.get("uses")) for step in JOBS["preview"]["steps"]]
    assert names[-1] == "Fail when the preview failed (a mandatory policy, an entry check refuses)"
    assert JOBS["preview"]["steps"][-1]["if"] == "steps.preview.outputs.exit-code != '0'"


def test_up_previews_first_under_the_same_pack() -> None:
    up = step("up", "Apply under the policy pack")["run"]
    assert 'pulumi up --cwd "$PROJECT_DIR" --stack "$PULUMI_STACK" --yes --non-interactive' in up
    assert "--skip-preview" not in up
    assert '--policy-pack "$(command -v zoom-blocklist-policies)" --policy-pack-config "$PWD/$POLICY_CONFIG"' in up


def test_preview_gets_no_zoom_credentials_and_up_gets_them_from_secrets() -> None:
    assert "ZOOM_" not in json.dumps(JOBS["preview"])
    assert {
        name: value for name, value in step("up", "Apply under the policy pack")["env"].items() if "ZOOM" in name
    } == {name: f"${{{{ secrets.{name} }}}}" for name in ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")}


def test_both_jobs_install_the_program_and_the_pack_before_running_pulumi() -> None:
    for job in JOBS:
        steps = [step.get("run", step.get("uses", "")) for step in JOBS[job]["steps"]]
        install = steps.index("python -m venv .venv && .venv/bin/pip install -e '.[policies]'")
        assert install < steps.index("pulumi/actions@v6") < next(i for i, run in enumerate(steps) if "pulumi " in run)


def test_every_secret_the_workflow_reads_is_documented_in_the_readme() -> None:
    used = set(re.findall(r"secrets\.([A-Z_]+)", WORKFLOW_TEXT))
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", (CI / "README.md").read_text(), flags=re.MULTILINE))
    assert used == documented == {"PULUMI_ACCESS_TOKEN", "ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"}


def test_both_jobs_run_in_the_folder_of_the_quickstarts_pulumi_yaml() -> None:
    project = WORKFLOW["env"]["PROJECT_DIR"]
    assert (CI.parent.parent / project / "Pulumi.yaml").exists()
    assert [runs(job).count('--cwd "$PROJECT_DIR"') for job in JOBS] == [1, 1]


def test_the_example_settings_name_each_rule_of_the_pack() -> None:
    settings = json.loads((CI / WORKFLOW["env"]["POLICY_CONFIG"]).read_text())
    assert sorted(settings) == sorted([COMMENT_TICKET, PREFIX_MIN_DIGITS, UNBLOCK_LIMIT, EMERGENCY_TICKET])
    assert {rule: value["enforcementLevel"] for rule, value in settings.items()} == {
        COMMENT_TICKET: "advisory",
        PREFIX_MIN_DIGITS: "mandatory",
        UNBLOCK_LIMIT: "mandatory",
        EMERGENCY_TICKET: "mandatory",
    }


FAKE_GH = """#!/bin/bash
# GitHub's API stands in here: each call is logged; the list of comments is the test's, filtered by the real jq.
echo "$*" >> "$GH_LOG"
if [ "$2" != --method ]; then
  while [ $# -gt 0 ]; do [ "$1" = --jq ] && filter=$2; shift; done
  jq -r "$filter" "$GH_COMMENTS"
fi
"""


def posted(tmp_path: Path, comments: list[dict[str, Any]]) -> list[str]:
    """The calls the post step makes to GitHub's API, given the pull request's comments."""
    if shutil.which("jq") is None:
        pytest.skip("the post step's filter runs in jq, and jq is not on PATH")
    (tmp_path / "gh").write_text(FAKE_GH)
    (tmp_path / "gh").chmod(0o755)
    (tmp_path / "comments.json").write_text(json.dumps(comments))
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin", "GH_LOG": str(tmp_path / "log"), "GH_COMMENTS": str(tmp_path / "comments.json"),
        "GITHUB_REPOSITORY": "acme/blocklist", "PULL_REQUEST": "12", "RUNNER_TEMP": str(tmp_path),
    }  # fmt: skip
    script = step("preview", POST)["run"]
    subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], env=env, check=True, timeout=30)
    return (tmp_path / "log").read_text().splitlines()


LIST = (
    'api repos/acme/blocklist/issues/12/comments --paginate --jq .[] | select(.user.login == "github-actions[bot]" '
    'and (.body | startswith("<!-- zoom-blocklist review -->"))) | .id'
)


def comment(login: str, number: int, body: str) -> dict[str, Any]:
    return {"id": number, "user": {"login": login}, "body": body}


def test_the_post_step_updates_its_own_comment(tmp_path: Path) -> None:
    comments = [
        comment("octocat", 5, f"{MARKER}\nnot the bot's"),
        comment("github-actions[bot]", 6, "another workflow's"),
        comment("github-actions[bot]", 7, f"{MARKER}\nthe last push's summary"),
    ]
    assert posted(tmp_path, comments) == [
        LIST,
        f"api --method PATCH repos/acme/blocklist/issues/comments/7 -F body=@{tmp_path}/comment.md",
    ]


def test_the_post_step_adds_its_comment_when_the_pull_request_has_none(tmp_path: Path) -> None:
    assert posted(tmp_path, [comment("octocat", 5, "looks good")]) == [
        LIST,
        f"api --method POST repos/acme/blocklist/issues/12/comments -F body=@{tmp_path}/comment.md",
    ]
