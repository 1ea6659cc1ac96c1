"""The real `pulumi` CLI on a local file backend, running real programs against the emulator.

The CLI comes from `scripts/pulumi-tools.sh --find` (a pulumi on PATH, or the build `make cli` caches). Where there
is none the suite skips with the reason, unless ZOOM_BLOCKLIST_REQUIRE_CLI is set (CI), where it fails instead.

The programs get the project as a user gets it: a wheel built from the checkout, installed with pip into a
virtualenv of their own (never the editable checkout), so a missing package file or dependency fails here. Each
test copies its program into `tmp_path/examples/<name>/` beside `tmp_path/.venv`, the repository's own layout, so a
Pulumi.yaml with `virtualenv: ../../.venv` resolves as it does in a clone. Each test has its own PULUMI_HOME and
file backend: nothing here touches ~/.pulumi, Pulumi Cloud or the checkout's stacks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import Marker

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the suite runs on 3.11 here; 3.10 has the same parser as tomli
    import tomli as tomllib

from tests.cli_e2e.once import built_once
from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).resolve().parent / "programs"
TYPESCRIPT = REPO / "examples" / "native-typescript"
REQUIRE = "ZOOM_BLOCKLIST_REQUIRE_CLI"
BLOCKED_NUMBER = "pulumi-python:dynamic/zoom:BlockedNumber"
BLOCKLIST = "pulumi-python:dynamic/zoom:Blocklist"
SECRET_SIG = "4dabf18193072939515e22adb298388d"  # marks a secret value in a stack export
NPM = ["npm", "--no-audit", "--no-fund", "--loglevel=error"]


def plain(value: Any) -> Any:
    """A value from `pulumi stack export --show-secrets`, secret or not."""
    if isinstance(value, dict) and SECRET_SIG in value:
        return json.loads(value["plaintext"])
    return value


@pytest.fixture(scope="session")
def pulumi_tools() -> Path:
    """The folder holding `pulumi` and its language hosts."""
    found = subprocess.run(
        [str(REPO / "scripts" / "pulumi-tools.sh"), "--find"], capture_output=True, text=True, timeout=60, check=False
    )
    if found.returncode != 0:
        reason = f"tests/cli_e2e need the Pulumi CLI: {found.stderr.strip()}"
        if os.environ.get(REQUIRE):
            pytest.fail(f"{reason} ({REQUIRE} is set, so the CLI suite may not skip)")
        pytest.skip(reason)
    return Path(found.stdout.strip().splitlines()[-1])


def toml(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = tomllib.loads(path.read_text())
    return loaded


def locked_versions() -> str:
    """Constraints pinning every dependency to uv.lock's version, so the programs run on what the suite ran on."""
    lock = toml(REPO / "uv.lock")
    ours = ("zoom-blocklist-provider", "pulumi-zoom")
    # A lock may hold two versions of one package, each for the Pythons its resolution markers name: keep this one's.
    here = [
        package
        for package in lock["package"]
        if package["name"] not in ours
        and any(Marker(marker).evaluate() for marker in package.get("resolution-markers", ["python_version > '0'"]))
    ]
    return "".join(f"{package['name']}=={package['version']}\n" for package in here)


@pytest.fixture(scope="session")
def user_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv holding the project's wheel, installed as the README's Install section says (built once a run,
    shared by the xdist workers: read it, never write into it)."""
    return built_once(tmp_path_factory, "user", build_user_venv)


def build_user_venv(root: Path) -> Path:
    """root/venv, from the wheels built into root/dist."""
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    # The project, and the native provider's Python SDK, built from a copy: setuptools builds in the source folder.
    sdk = shutil.copytree(REPO / "sdk" / "python", root / "sdk-python")
    for source in (REPO, sdk):
        build = [*pip, "wheel", "--no-deps", "--wheel-dir", str(root / "dist"), str(source)]
        built = subprocess.run(build, capture_output=True, text=True, timeout=300, check=False)
        assert built.returncode == 0, f"building the wheel of {source} failed:\n{built.stdout}\n{built.stderr}"
    wheels = sorted(str(wheel) for wheel in (root / "dist").glob("*.whl"))
    assert [Path(wheel).name.split("-")[0] for wheel in wheels] == ["pulumi_zoom", "zoom_blocklist_provider"]
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    (root / "constraints.txt").write_text(locked_versions())
    # The package with its `policies` extra, as the CI guide installs it for the policy pack.
    extras = [
        wheel + "[policies]" if Path(wheel).name.startswith("zoom_blocklist_provider-") else wheel for wheel in wheels
    ]
    install = [str(venv / "bin" / "python"), *pip[1:], "install", *extras, "-c", str(root / "constraints.txt")]
    subprocess.run(install, check=True, timeout=600)
    return venv


@dataclass
class Result:
    """One pulumi command: its exit code and what it printed."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Stack:
    """One stack of one program in a private backend; `run` is `pulumi <args>` in the program's folder."""

    tools: Path
    project: Path
    env: dict[str, str]
    home: Path
    backend: Path
    timeout: float = 300.0
    transcript: list[Result] = field(default_factory=list)

    def run(self, *args: str, ok: bool | None = True) -> Result:
        """`pulumi <args>`; ok True asserts it succeeded, False that it failed, None neither.

        Ids go after `--` (`"import", type, name, "--yes", "--", id`): Zoom's ids may begin with '-', which the CLI
        would read as flags. --non-interactive goes before that `--`, where it is still a flag.
        """
        flags, ends, positional = args, (), ()
        if "--" in args:
            at = args.index("--")
            flags, ends, positional = args[:at], ("--",), args[at + 1 :]
        command = [str(self.tools / "pulumi"), *flags, "--non-interactive", *ends, *positional]
        done = subprocess.run(
            command, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=self.timeout, check=False
        )
        result = Result(args, done.returncode, done.stdout, done.stderr)
        self.transcript.append(result)
        if ok:
            assert result.returncode == 0, f"pulumi {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        elif ok is False:
            assert result.returncode != 0, f"pulumi {' '.join(args)} succeeded:\n{result.stdout}\n{result.stderr}"
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args).stdout)

    def declare(self, **declared: Any) -> None:
        """What the `declared` program declares next: {"numbers": {name: args}, "lists": {name: [entries]}}."""
        (self.project / "declared.json").write_text(json.dumps(declared, indent=1))

    def export(self, *, show_secrets: bool = False) -> dict[str, Any]:
        args = ("stack", "export", "--show-secrets") if show_secrets else ("stack", "export")
        exported: dict[str, Any] = self.json(*args)
        return exported

    def resources(self, type_: str = BLOCKED_NUMBER, *, show_secrets: bool = True) -> dict[str, dict[str, Any]]:
        """Each resource of `type_` in the state, by name."""
        found = self.export(show_secrets=show_secrets)["deployment"].get("resources") or []
        return {r["urn"].rsplit("::", 1)[1]: r for r in found if r["type"] == type_}

    def ids(self, type_: str = BLOCKED_NUMBER) -> dict[str, str]:
        return {name: resource["id"] for name, resource in self.resources(type_).items()}


def program_folder(tmp_path: Path, source: Path, venv: Path) -> Path:
    """`source` copied to tmp_path/examples/<name>/ beside tmp_path/.venv (the user's virtualenv)."""
    project = tmp_path / "examples" / source.name
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("__pycache__", "Pulumi.*.yaml"))
    link = tmp_path / ".venv"
    if not link.exists():
        link.symlink_to(venv, target_is_directory=True)
    return project


def local_only(home: Path, backend: Path) -> dict[str, str]:
    """The settings of a Pulumi that keeps everything local: its own PULUMI_HOME, a file backend, an empty
    passphrase, no update check, and the emulator reached without a proxy."""
    return {
        "PULUMI_HOME": str(home),
        "PULUMI_BACKEND_URL": f"file://{backend}",
        "PULUMI_CONFIG_PASSPHRASE": "",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }


def cli_env(tools: Path, venv: Path, home: Path, backend: Path) -> dict[str, str]:
    """Local-only Pulumi; the program's virtualenv first on PATH, as the Python host built here needs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "VIRTUAL_ENV"))}
    system = [
        entry for entry in env.get("PATH", "").split(os.pathsep) if entry and entry != str(Path(sys.prefix) / "bin")
    ]
    env.update(PATH=os.pathsep.join([str(venv / "bin"), str(tools), *system]), **local_only(home, backend))
    return env


def new_stack(
    tools: Path,
    venv: Path,
    emu: Emulator,
    tmp_path: Path,
    source: Path,
    config: dict[str, str] | None = None,
    *,
    name: str = "e2e",
    copy: bool = True,
) -> Stack:
    """A stack `name` of a copy of `source` (of `source` itself, already in tmp_path, with copy=False), its zoom:*
    config pointing at the emulator."""
    project = program_folder(tmp_path, source, venv) if copy else source
    home, backend = tmp_path / "home", tmp_path / "backend"
    backend.mkdir(exist_ok=True)
    stack = Stack(tools, project, cli_env(tools, venv, home, backend), home, backend)
    stack.run("stack", "init", name)
    plaintext = {"apiUrl": emu.api_url, "oauthUrl": emu.oauth_url, "accountId": ACCOUNT_ID, "clientId": CLIENT_ID}
    plaintext.update(config or {})
    settings = [f"--plaintext=zoom:{key}={value}" for key, value in plaintext.items()]
    stack.run("config", "set-all", *settings, f"--secret=zoom:clientSecret={CLIENT_SECRET}")
    return stack


def root_project(tmp_path: Path, venv: Path) -> Path:
    """The repository's root project (Pulumi.yaml and __main__.py) copied to tmp_path/checkout/, its .venv beside it
    as `make setup` leaves it in a clone: a link to `venv`."""
    project = tmp_path / "checkout"
    project.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(REPO / name, project / name)
    (project / ".venv").symlink_to(venv, target_is_directory=True)
    return project


@pytest.fixture
def quickstart(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    """The repository's root project, the quickstart, Pulumi.yaml and program as they are."""
    return new_stack(pulumi_tools, user_venv, emu, tmp_path, root_project(tmp_path, user_venv), copy=False)


@pytest.fixture
def declared(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    """A program declaring what `stack.declare(...)` last wrote: BlockedNumbers and Blocklists."""
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "declared")
    stack.declare()
    return stack


def npm(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*NPM, *args], cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"npm {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def sdk_tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdk/nodejs built with its lock file and strict tsc, packed: what `make nodejs-sdk` makes (built once a run,
    shared by the xdist workers)."""
    return built_once(tmp_path_factory, "nodejs-sdk", build_sdk_tarball)


def build_sdk_tarball(dist: Path) -> Path:
    built = subprocess.run(
        [str(REPO / "scripts" / "build-nodejs-sdk.sh"), str(dist)], capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    return Path(built.stdout.strip().splitlines()[-1])


def readme_install_line(tarball: Path) -> list[str]:
    """The README's `npm install` of the SDK, its tarball where this run built it."""
    readme = (REPO / "README.md").read_text()
    (line,) = [line for line in readme.splitlines() if line.startswith("npm install ./dist/")]
    words = line.split("#")[0].split()
    assert Path(words[2]).name == tarball.name, "the README names another tarball than make nodejs-sdk builds"
    return [words[1], str(tarball)]


@pytest.fixture(scope="session")
def node_project(tmp_path_factory: pytest.TempPathFactory, sdk_tarball: Path) -> Path:
    """The TypeScript example's locked packages (`npm ci`), and the SDK installed from its tarball as the README says:
    installed once a run, for every TypeScript project to link its node_modules to (read it, never write into it)."""

    def install(project: Path) -> Path:
        for name in ("package.json", "package-lock.json", "tsconfig.json"):
            shutil.copy(TYPESCRIPT / name, project / name)
        npm(project, "ci")
        npm(project, *readme_install_line(sdk_tarball))
        return project

    return built_once(tmp_path_factory, "node-project", install)


def link_node_modules(project: Path, node_project: Path) -> None:
    (project / "node_modules").symlink_to(node_project / "node_modules", target_is_directory=True)


def error_line(output: str, resource: str = "zoom:phone:BlockedNumber (robocaller)", lines: int = 1) -> str:
    """The line the engine's Diagnostics show under `error:` for `resource`, which shows at most `lines` lines.

    A program whose resources depend on one another fails on the first: its error is the one the test reads. A
    refresh reads every resource at once, and the first to fail may be any of them."""
    diagnostics = output.split("Diagnostics:", 1)[1].splitlines()
    start = diagnostics.index(f"  {resource}:")
    line = diagnostics[start + 1].strip()
    assert line.startswith("error: "), line
    assert "" in diagnostics[start + 2 : start + 2 + lines], f"more than {lines} lines of error"
    return line.removeprefix("error: ")


def posts(emu: Emulator) -> int:
    return sum(call["method"] == "POST" for call in emu.admin.api_calls())


def calls(emu: Emulator) -> list[tuple[str, str]]:
    """Each API call (no token request) as (method, path), oldest first."""
    return [(call["method"], call["path"]) for call in emu.admin.api_calls()]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fault suite's table, as the README's reliability section shows it, when that suite ran."""
    from tests.cli_e2e.faults import REPAIRS
    from tests.cli_e2e.test_faults_cli import OUTCOMES

    if not OUTCOMES:
        return
    terminalreporter.write_line("")
    terminalreporter.write_line(
        "| fault | runs | converged | entries lost | duplicated | orphaned | wrong ids in state |"
    )
    terminalreporter.write_line("|---|---:|---:|---:|---:|---:|---:|")
    for fault in dict.fromkeys(outcome.fault for outcome in OUTCOMES):
        runs = [outcome for outcome in OUTCOMES if outcome.fault == fault]
        clean = sum((o.lost, o.duplicated, o.orphaned, o.wrong_ids) == (0, 0, 0, 0) for o in runs)
        totals = [sum(getattr(o, name) for o in runs) for name in ("lost", "duplicated", "orphaned", "wrong_ids")]
        terminalreporter.write_line(f"| {fault} | {len(runs)} | {clean} | " + " | ".join(map(str, totals)) + " |")
    terminalreporter.write_line(f"runs whose recovery needed the file backend's empty .attrs removed: {len(REPAIRS)}")
