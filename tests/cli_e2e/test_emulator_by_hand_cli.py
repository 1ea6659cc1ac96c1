"""The emulator as a user runs it by hand (docs/guides/emulator.md): the lines it prints, pasted as they are, point
the root project's stack at it; `emulator log` then shows what `pulumi up` called, and an entry `emulator add`
makes is what the printed exports let `zoom-blocklist export` see."""

from __future__ import annotations

import shlex
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import Stack, cli_env, root_project

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]


@pytest.fixture
def printed(user_venv: Path, tmp_path: Path) -> Iterator[list[str]]:
    """`zoom-blocklist emulator --port 0` from the user's virtualenv: the lines it printed after its first."""
    command = [
        str(user_venv / "bin" / "zoom-blocklist"),
        "emulator",
        "--port",
        "0",
        "--state",
        str(tmp_path / "e.json"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    try:
        assert process.stdout.readline().startswith("Zoom emulator listening on http://127.0.0.1:")
        yield [process.stdout.readline().strip() for _ in range(15)]
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)


def run(venv: Path, line: str, env: dict[str, str]) -> str:
    """One printed `zoom-blocklist ...` line, run from the user's virtualenv."""
    words = shlex.split(line)
    done = subprocess.run(
        [str(venv / "bin" / words[0]), *words[1:]], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_cli_the_printed_lines_point_a_stack_at_the_emulator(
    pulumi_tools: Path, user_venv: Path, tmp_path: Path, printed: list[str]
) -> None:
    home, backend = tmp_path / "home", tmp_path / "backend"
    backend.mkdir()
    stack = Stack(
        pulumi_tools, root_project(tmp_path, user_venv), cli_env(pulumi_tools, user_venv, home, backend), home, backend
    )
    stack.run("stack", "init", "by-hand")
    for line in (line for line in printed if line.startswith("pulumi config set")):
        stack.run(*shlex.split(line)[1:])
    stack.run("up", "--yes")
    add_line, log_line = printed[-2:]
    log = run(user_venv, log_line, stack.env).splitlines()
    assert [line.split(" ", 1)[1].split() for line in log] == [
        ["POST", "/oauth/token", "200"],
        *[["POST", "/v2/phone/blocked_list", "201"]] * 5,
    ]
    entry_id = run(user_venv, add_line, stack.env).strip()
    exports = dict(line.removeprefix("export ").split("=", 1) for line in printed if line.startswith("export "))
    exported = run(user_venv, "zoom-blocklist export --format csv", {**stack.env, **exports}).splitlines()
    assert (len(exported), exported[4]) == (1 + 6, "+19075550199,phoneNumber,inbound,active,added in the portal,true")
    assert stack.run("refresh", "--yes", "--run-program").returncode == 0
    assert entry_id not in {resource["id"] for resource in stack.resources().values()}  # the portal's, not the stack's
