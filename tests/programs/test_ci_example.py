"""The CI example stays what its README says: previews with a diff comment on pull requests, `up` only on main."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

CI = Path(__file__).resolve().parents[2] / "examples" / "ci"
WORKFLOW_TEXT = (CI / "pulumi.yml").read_text()
WORKFLOW: dict[Any, Any] = yaml.safe_load(WORKFLOW_TEXT)
JOBS: dict[str, Any] = WORKFLOW["jobs"]


def pulumi_step(job: str) -> dict[str, Any]:
    (step,) = [step for step in JOBS[job]["steps"] if step.get("uses", "").startswith("pulumi/actions@")]
    return step


def test_workflow_runs_on_pull_requests_and_pushes_to_main() -> None:
    # YAML 1.1 reads the bare key `on` as True.
    assert WORKFLOW[True] == {"pull_request": {"branches": ["main"]}, "push": {"branches": ["main"]}}


def test_pull_requests_get_a_diff_preview_comment() -> None:
    assert JOBS["preview"]["if"] == "github.event_name == 'pull_request'"
    assert JOBS["preview"]["permissions"]["pull-requests"] == "write"
    step = pulumi_step("preview")
    assert step["uses"] == "pulumi/actions@v6"
    assert {key: step["with"][key] for key in ("command", "diff", "comment-on-pr")} == {
        "command": "preview",
        "diff": True,
        "comment-on-pr": True,
    }


def test_up_runs_only_on_pushes_to_main() -> None:
    assert JOBS["up"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert [pulumi_step(job)["with"]["command"] for job in JOBS] == ["preview", "up"]


def test_preview_gets_no_zoom_credentials_and_up_gets_them_from_secrets() -> None:
    assert [name for name in pulumi_step("preview")["env"] if name.startswith("ZOOM_")] == []
    assert {name: value for name, value in pulumi_step("up")["env"].items() if name.startswith("ZOOM_")} == {
        name: f"${{{{ secrets.{name} }}}}" for name in ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")
    }


def test_both_jobs_install_the_program_before_running_pulumi() -> None:
    for job in JOBS.values():
        runs = [step.get("run", "") for step in job["steps"]]
        install = next(i for i, run in enumerate(runs) if ".venv/bin/pip install -e ." in run)
        assert install < [step.get("uses", "") for step in job["steps"]].index("pulumi/actions@v6")


def test_every_secret_the_workflow_reads_is_documented_in_the_readme() -> None:
    used = set(re.findall(r"secrets\.([A-Z_]+)", WORKFLOW_TEXT))
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", (CI / "README.md").read_text(), flags=re.MULTILINE))
    assert used == documented == {"PULUMI_ACCESS_TOKEN", "ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"}


def test_both_pulumi_steps_run_in_the_folder_of_the_quickstarts_pulumi_yaml() -> None:
    project = WORKFLOW["env"]["PROJECT_DIR"]
    assert (CI.parent.parent / project / "Pulumi.yaml").exists()
    assert [pulumi_step(job)["with"]["work-dir"] for job in JOBS] == ["${{ env.PROJECT_DIR }}"] * 2
