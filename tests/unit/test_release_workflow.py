"""The release workflow, which cannot run here: actionlint finds nothing in it, every job builds with the same `make
dist` as the README, on a runner of each platform the plugin ships for, and its check of tag and release location
says what is wrong.

actionlint is built from the Go module tools/actionlint pins (go.mod, go.sum) into the user's cache, named by a
digest of those files, never into the checkout. Without Go the actionlint test skips, unless
ZOOM_BLOCKLIST_REQUIRE_CLI is set (CI), where it fails.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from zoom_blocklist_provider.native.schema import GO_MODULE

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
TOOL = REPO / "tools" / "actionlint"
MAKE_DIST = "make dist PYTHON=python"
PYPROJECT = (REPO / "pyproject.toml").read_text()
VERSION = re.search(r'^version = "(.+)"$', PYPROJECT, re.M).group(1)  # type: ignore[union-attr]
DOWNLOADS = re.search(r'^"Plugin downloads" = "(.+)"$', PYPROJECT, re.M).group(1)  # type: ignore[union-attr]


def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return loaded


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


@pytest.fixture(scope="session")
def actionlint() -> Path:
    go = shutil.which("go")
    if go is None:
        if os.environ.get("ZOOM_BLOCKLIST_REQUIRE_CLI"):
            pytest.fail("actionlint is built with Go, and go is not on PATH (ZOOM_BLOCKLIST_REQUIRE_CLI is set)")
        pytest.skip("actionlint is built with Go, and go is not on PATH")
    digest = hashlib.sha256((TOOL / "go.mod").read_bytes() + (TOOL / "go.sum").read_bytes()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zoom-blocklist-provider"
    binary = cache / f"actionlint-{digest}" / "actionlint"
    if not binary.exists():
        env = {**os.environ, "GOFLAGS": "-mod=readonly", "GOTOOLCHAIN": "local"}
        subprocess.run(
            [go, "build", "-o", str(binary), "github.com/rhysd/actionlint/cmd/actionlint"],
            cwd=TOOL, env=env, check=True, timeout=600,
        )  # fmt: skip
    return binary


def test_actionlint_finds_nothing_in_the_release_workflow(actionlint: Path) -> None:
    linted = subprocess.run(
        [str(actionlint), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120, check=False
    )
    assert (linted.returncode, linted.stdout, linted.stderr) == (0, "", "")


def test_the_workflow_builds_each_platform_on_its_own_runner_with_make_dist() -> None:
    jobs = workflow()["jobs"]
    matrix = {row["platform"]: row["runner"] for row in jobs["plugin"]["strategy"]["matrix"]["include"]}
    assert matrix == {"linux-arm64": "ubuntu-22.04-arm", "darwin-arm64": "macos-15", "windows-amd64": "windows-2025"}
    assert jobs["release"]["runs-on"] == "ubuntu-22.04"  # linux-amd64, built by the job that releases
    assert [run for run in runs(jobs["plugin"]) if run.startswith("make ")] == [MAKE_DIST]
    assert [run for run in runs(jobs["release"]) if run.startswith("make ")] == [MAKE_DIST]
    makefile = (REPO / "Makefile").read_text()
    assert "\ndist: $(UV)\n\tPYTHON=$(PYTHON) UV=$(UV) " in makefile


def test_the_release_job_gathers_every_platform_before_make_dist_writes_the_sums() -> None:
    steps = workflow()["jobs"]["release"]["steps"]
    names = [step.get("uses", step.get("run")) for step in steps]
    assert names.index("actions/download-artifact@v4") < names.index(MAKE_DIST)
    assert steps[names.index("actions/download-artifact@v4")]["with"] == {
        "pattern": "plugin-*",
        "path": "dist",
        "merge-multiple": True,
    }
    released = 'gh release create "$GITHUB_REF_NAME" dist/* --title "$GITHUB_REF_NAME" --notes-file dist/SHA256SUMS'
    assert names.index(MAKE_DIST) < names.index(released)


def test_the_release_job_tags_the_go_sdk_then_publishes_the_sdks_the_templates_name() -> None:
    steps = workflow()["jobs"]["release"]["steps"]
    names = [step.get("uses", step.get("run")) for step in steps]
    released = names.index('gh release create "$GITHUB_REF_NAME" dist/* --title "$GITHUB_REF_NAME" --notes-file '
                           "dist/SHA256SUMS")  # fmt: skip
    assert names[released + 1 :] == [
        'git tag "sdk/$GITHUB_REF_NAME" "$GITHUB_SHA" && git push origin "sdk/$GITHUB_REF_NAME"',
        "mkdir pypi && cp dist/*.whl pypi/",
        "pypa/gh-action-pypi-publish@release/v1",
        "npm publish dist/zoom-blocklist-provider-zoom-*.tgz --access public --provenance",
    ]
    assert steps[released + 3]["with"] == {"packages-dir": "pypi"}
    assert workflow()["jobs"]["release"]["permissions"] == {"contents": "write", "id-token": "write"}


def test_every_job_builds_on_the_nodejs_the_sdk_supports() -> None:
    for job in workflow()["jobs"].values():
        (node,) = [step["with"] for step in job["steps"] if step.get("uses") == "actions/setup-node@v4"]
        assert node["node-version"] == "22"


def test_the_go_sdk_is_released_by_a_tag_with_its_folder_s_prefix_on_the_release_s_commit() -> None:
    assert workflow()[True]["push"]["tags"] == ["v*"]  # sdk/v0.1.0 starts no second release
    go_module = (REPO / "sdk" / "go.mod").read_text().splitlines()[0].removeprefix("module ")
    assert go_module == DOWNLOADS.split("/releases/download/")[0].removeprefix("https://") + "/sdk"


def test_release_check_refuses_a_tag_of_another_version_and_a_fork_s_location() -> None:
    checked = subprocess.run(
        [str(REPO / "scripts" / "release-check.sh"), "v9.9.9", "https://github.com/someone/fork"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"release-check: the tag v9.9.9 is not v{VERSION}, pyproject.toml's version",
        f"release-check: pyproject.toml's \"Plugin downloads\" is {DOWNLOADS}; this repository's releases are "
        "https://github.com/someone/fork/releases/download/v${VERSION}",
        f"release-check: the Go SDK is the module {GO_MODULE} (sdk/go.mod), imported as {GO_MODULE}/go/zoom "
        "(sdk/schema.json); this repository's is github.com/someone/fork/sdk: set GO_MODULE in "
        "zoom_blocklist_provider/native/schema.py, then run make sdk and make tools-lock",
    ]


def test_release_check_passes_the_tag_of_the_version_in_the_project_s_own_repository() -> None:
    checked = subprocess.run(
        [str(REPO / "scripts" / "release-check.sh"), f"v{VERSION}", DOWNLOADS.split("/releases/download/")[0]],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert (checked.returncode, checked.stderr) == (0, "")
