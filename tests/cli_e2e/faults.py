"""What the fault suite does to a stack, as its docs say a user does: interrupt a `pulumi up`, and recover.

`interrupted_up` breaks a run at a moment the emulator's log shows; `recover`, `consenting` and `up_unlocked` are the
documented recovery of docs/guides/interrupted-deployments.md (`pulumi cancel` where a killed CLI left the stack
locked, the file backend's emptied metadata file removed where a kill left one, `zoom-blocklist recover`, or
ZOOM_ADOPT_IDENTICAL for the `up` after a run that recorded nothing).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

from tests.cli_e2e.conftest import Result, Stack
from zoom_blocklist_provider.emulator import Emulator


def interrupted_up(
    stack: Stack, when: Callable[[], bool], then: Callable[[subprocess.Popen[str]], None], command: str = "up"
) -> None:
    """`pulumi up` (or `command`) until `when()` holds, then `then(process)`; every process it started is gone
    on return."""
    command_line = [str(stack.tools / "pulumi"), command, "--yes", "--skip-preview", "--non-interactive"]
    process = subprocess.Popen(
        command_line, cwd=stack.project, env=stack.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not when():
            assert process.poll() is None, "pulumi up finished before the fault could strike"
            assert time.monotonic() < deadline, "the fault's moment never came"
            time.sleep(0.02)  # polling the emulator's log for the moment to strike, not waiting for readiness
        then(process)
        process.wait(timeout=120)
    finally:
        # What a machine that went away leaves: no process of this run, the plugins' included (the engine starts
        # each in a process group of its own, all in this run's session).
        subprocess.run(["pkill", "-KILL", "-s", str(process.pid)], check=False)
        process.wait(timeout=30)


def calls_of(emu: Emulator, method: str) -> int:
    return sum(call["method"] == method and call["status"] is not None for call in emu.admin.api_calls())


REPAIRS: list[str] = []  # the faults whose recovery needed the file backend's metadata repaired (README)


def repair_metadata(stack: Stack, result: Result) -> bool:
    """The local file backend writes a metadata file (`<stack>.json.attrs`) beside the state in place: a CLI killed
    at that moment leaves it empty, and every command then fails with `failed to load checkpoint: EOF`. The README's
    fix: remove the empty file (the state itself is whole). True when it was needed."""
    if "failed to load checkpoint: EOF" not in result.output:
        return False
    empty = [path for path in (stack.backend / ".pulumi" / "stacks").rglob("*.attrs") if path.stat().st_size == 0]
    assert empty, result.output
    for path in empty:
        path.unlink()
    REPAIRS.append(stack.project.name)
    return True


def unlock(stack: Stack) -> None:
    """`pulumi cancel`, as the README says to when a killed CLI left the backend locked."""
    cancelled = stack.run("cancel", "--yes", ok=None)
    if cancelled.returncode != 0 and repair_metadata(stack, cancelled):
        cancelled = stack.run("cancel", "--yes", ok=None)
    assert cancelled.returncode == 0 or "no update is in progress" in cancelled.output, cancelled.output


def zoom_blocklist(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    """`zoom-blocklist <args>` in the project's folder, as its user runs it: the same shell as `pulumi`."""
    return subprocess.run(
        ["zoom-blocklist", *args], cwd=stack.project, env=stack.env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def recover(stack: Stack) -> str:
    """The documented recovery: `zoom-blocklist recover --yes`, after `pulumi cancel` when the killed CLI left the
    stack locked (and the file backend's empty metadata file removed, when the kill left one). What it printed."""
    recovered = zoom_blocklist(stack, "recover", "--yes")
    if recovered.returncode != 0 and repair_metadata(stack, Result((), 1, recovered.stdout, recovered.stderr)):
        recovered = zoom_blocklist(stack, "recover", "--yes")
    if recovered.returncode != 0:
        assert "the stack is currently locked" in recovered.stderr, recovered.stderr
        unlock(stack)
        recovered = zoom_blocklist(stack, "recover", "--yes")
    assert recovered.returncode == 0, recovered.stderr
    return recovered.stdout


def consenting(stack: Stack) -> None:
    """What the guide says after a run that left no pending operation (checkpoints skipped, a killed provider): the
    next `up` takes over the entries identical to their declaration."""
    stack.env["ZOOM_ADOPT_IDENTICAL"] = "true"


def recover_or_consent(stack: Stack, checkpoints: str) -> None:
    """`zoom-blocklist recover` after a run that kept checkpoints; consent after one that skipped them."""
    if checkpoints == "skipped":
        consenting(stack)
    else:
        recover(stack)


def up_unlocked(stack: Stack, command: str = "up") -> None:
    """`pulumi up` (or `command`); `pulumi cancel` first when it says a killed CLI left the stack locked, as the
    guide says."""
    ran = stack.run(command, "--yes", "--skip-preview", ok=None)
    if ran.returncode != 0 and repair_metadata(stack, ran):
        ran = stack.run(command, "--yes", "--skip-preview", ok=None)
    if ran.returncode != 0:
        assert "the stack is currently locked" in ran.output, ran.output
        unlock(stack)
        stack.run(command, "--yes", "--skip-preview")
