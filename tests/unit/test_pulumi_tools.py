"""`scripts/pulumi-tools.sh` (make cli) choosing a Pulumi CLI, without building one: fakes on PATH and in the cache.

The build itself runs in CI (`.ci/run` calls `make cli` before the suite); here every test sets ZOOM_TOOLS_NO_BUILD
and points the installer at a closed port, so nothing is built or downloaded and each choice is seen on its own.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from zoom_blocklist_provider.native.schema import GO_MODULE, VERSION

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "pulumi-tools.sh"


def versions() -> dict[str, str]:
    lines = (REPO / "tools" / "versions.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.fixture
def closed_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def fake_pulumi(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    fake = folder / "pulumi"
    fake.write_text(f"#!/bin/sh\necho v{version}\n")
    fake.chmod(0o755)
    return folder


def run(tmp_path: Path, closed_port: int, *args: str, path: tuple[Path, ...] = ()) -> subprocess.CompletedProcess[str]:
    system = [d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "pulumi").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_TOOLS_", "PULUMI_"))}
    env.update(
        PATH=os.pathsep.join([*map(str, path), *system]),
        ZOOM_TOOLS_CACHE=str(tmp_path / "cache"),
        ZOOM_TOOLS_NO_BUILD="1",
        PULUMI_INSTALL_URL=f"http://127.0.0.1:{closed_port}/install.sh",
    )
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_a_new_enough_pulumi_on_path_is_used_as_it_is(tmp_path: Path, closed_port: int) -> None:
    own = fake_pulumi(tmp_path / "own", "3.300.0")
    result = run(tmp_path, closed_port, path=(own,))
    assert (result.returncode, result.stdout) == (0, f"{own}\n")
    assert result.stderr == f"pulumi-tools: using the Pulumi CLI on PATH: {own}/pulumi (v3.300.0)\n"


def test_an_old_pulumi_on_path_is_passed_over_with_the_reason(tmp_path: Path, closed_port: int) -> None:
    own = fake_pulumi(tmp_path / "own", "3.100.0")
    result = run(tmp_path, closed_port, path=(own,))
    minimum = versions()["PULUMI_CLI_MINIMUM"]
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"pulumi-tools: the pulumi on PATH ({own}/pulumi, 3.100.0) is older than v{minimum}: not using it"
    )


def test_a_cached_build_is_found_without_building(tmp_path: Path, closed_port: int) -> None:
    built = Path(run(tmp_path, closed_port, "--where").stdout.strip())
    assert built.parent == tmp_path / "cache"
    assert built.name.startswith(f"cli-{versions()['PULUMI_CLI_VERSION']}_hosts-")
    fake_pulumi(built, versions()["PULUMI_CLI_VERSION"])
    (built / "READY").write_text("built 2026-12-01 12:00 UTC\n")
    result = run(tmp_path, closed_port, "--find")
    assert (result.returncode, result.stdout) == (0, f"{built}\n")
    assert "cached in" in result.stderr
    assert "(built 2026-12-01 12:00 UTC)" in result.stderr


def test_a_half_built_folder_is_not_taken_for_a_build(tmp_path: Path, closed_port: int) -> None:
    built = Path(run(tmp_path, closed_port, "--where").stdout.strip())
    fake_pulumi(built, versions()["PULUMI_CLI_VERSION"])  # no READY: an interrupted build
    result = run(tmp_path, closed_port, "--find")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"pulumi-tools: no Pulumi CLI: none on PATH and none cached in {tmp_path / 'cache'}; run "
        "scripts/pulumi-tools.sh (make cli) to get one\n"
    )


def test_with_nothing_at_hand_it_says_what_to_install(tmp_path: Path, closed_port: int) -> None:
    result = run(tmp_path, closed_port)
    minimum = versions()["PULUMI_CLI_MINIMUM"]
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"pulumi-tools: no Pulumi CLI: none on PATH at v{minimum} or newer, none cached in {tmp_path / 'cache'}, no Go "
        "to build one",
        f"(or its build failed above), and http://127.0.0.1:{closed_port}/install.sh did not answer. Any one of these "
        "fixes it:",
        f"  - install the Pulumi CLI v{minimum} or newer: https://www.pulumi.com/docs/iac/download-install/",
        "  - install Go 1.26 or newer with access to a Go module proxy, then run make cli again",
    ]


def go_requires(folder: str, paths: set[str]) -> dict[str, str]:
    """The version folder/go.mod requires of each module path in `paths` that it requires."""
    found = {}
    for line in (REPO / folder / "go.mod").read_text().splitlines():
        words = line.removeprefix("require ").split()  # `require path version`, or a line of a block
        if len(words) >= 2 and words[0] in paths:
            found[words[0]] = words[1]
    return found


def test_every_go_module_requires_the_versions_named_in_versions_env() -> None:
    named = versions()
    pulumi_sdk = {"github.com/pulumi/pulumi/sdk/v3": named["PULUMI_CLI_VERSION"]}
    expected = {
        "tools/pulumi/cli": {"github.com/pulumi/pulumi/pkg/v3": named["PULUMI_CLI_VERSION"], **pulumi_sdk},
        "tools/pulumi/hosts": {"github.com/pulumi/pulumi/sdk/v3": named["PULUMI_LANGUAGE_HOSTS_VERSION"]},
        "tools/pulumi/yaml": {"github.com/pulumi/pulumi-yaml": named["PULUMI_YAML_VERSION"]},
        # The Go SDK, and the Go code built on it: programs run on the SDK of the CLI that runs them.
        "sdk": pulumi_sdk,
        "tests/go": {**pulumi_sdk, GO_MODULE: VERSION},
        "examples/automation-go": {**pulumi_sdk, GO_MODULE: VERSION},
        "templates/zoom-go": {**pulumi_sdk, GO_MODULE: VERSION},
    }
    for folder, requires in expected.items():
        found = go_requires(folder, set(requires))
        assert found == {path: f"v{version}" for path, version in requires.items()}, folder


def test_the_go_sdk_module_is_the_schemas_import_path_less_its_package() -> None:
    first = (REPO / "sdk" / "go.mod").read_text().splitlines()[0]
    assert first == f"module {GO_MODULE}"
    assert json.loads((REPO / "sdk" / "schema.json").read_text())["language"]["go"]["importBasePath"] == (
        f"{GO_MODULE}/go/zoom"
    )


def test_the_python_and_nodejs_locks_hold_the_sdk_versions_named_in_versions_env() -> None:
    named = versions()
    lock = (REPO / "uv.lock").read_text()
    assert f'name = "pulumi"\nversion = "{named["PULUMI_SDK_VERSION"]}"' in lock
    for folder in ("sdk/nodejs", "examples/native-typescript"):
        packages = json.loads((REPO / folder / "package-lock.json").read_text())["packages"]
        assert packages["node_modules/@pulumi/pulumi"]["version"] == named["PULUMI_NODEJS_SDK_VERSION"], folder
