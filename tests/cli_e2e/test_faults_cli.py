"""Interrupted deployments heal through the real CLI with the recovery docs/guides/interrupted-deployments.md gives.

Each test runs a real `pulumi up` against an emulator slow enough to interrupt (200 ms a call), breaks it a
quarter of the way in (SIGKILL of the CLI, of the provider process, the emulator stopped and started again, or
429s and 5xx throughout), runs the documented recovery (`pulumi cancel` when the backend is locked, then
`zoom-blocklist recover --yes`, which records the creates the engine's pending operations prove), then `pulumi up`,
and checks that Zoom holds every declared entry exactly once, the state exactly Zoom's ids, no pending operation, no
orphan, and that a preview plans nothing.

Each fault also runs with the file backend's checkpoints skipped (PULUMI_SKIP_CHECKPOINTS=true): the state is then
written only when a command ends, so a killed CLI loses every step of its run, pending operations included, and
nothing proves which entries in Zoom are its creates. The documented way back is explicit: the next `up` runs with
ZOOM_ADOPT_IDENTICAL=true, which takes over exactly the entries identical to their declaration. So does the `up`
after a killed provider process, whose failed creates the engine clears. By default the no-checkpoint variant runs
for the faults that need that consent (the CLI killed during creates, and during replacements);
ZOOM_FAULT_CHECKPOINTS=all runs every fault both ways (about twice the time of this module).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cli_e2e.conftest import BLOCKED_NUMBER, PROGRAMS, Stack, new_stack
from tests.cli_e2e.faults import (
    calls_of,
    consenting,
    interrupted_up,
    recover,
    recover_or_consent,
    unlock,
    up_unlocked,
)
from tests.conftest import CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NATIVE = "zoom:phone:BlockedNumber"
SIZE = 24
LATENCY_MS = 200
RUNS = int(os.environ.get("ZOOM_FAULT_RUNS", "1"))  # more, to fill the README's table: each fault that many times
EVERY_WAY = os.environ.get("ZOOM_FAULT_CHECKPOINTS") == "all"
NO_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true", "PULUMI_EXPERIMENTAL": "true"}


def checkpoint_modes(*, in_ci: bool) -> pytest.MarkDecorator:
    """Run the test with checkpoints kept, and skipped too where `in_ci` (or ZOOM_FAULT_CHECKPOINTS=all)."""
    return pytest.mark.parametrize("checkpoints", ["kept", "skipped"] if in_ci or EVERY_WAY else ["kept"])


@pytest.fixture(autouse=True, params=range(RUNS), ids=lambda run: f"run{run + 1}")
def _run(request: pytest.FixtureRequest) -> int:
    run: int = request.param
    return run


def numbers(comment: str = "INC", block_type: str = "inbound") -> dict[str, dict[str, str]]:
    return {
        f"n{i:02d}": {"phone_number": f"+1907200{i:04d}", "comment": f"{comment}-{i}", "block_type": block_type}
        for i in range(SIZE)
    }


@pytest.fixture
def slow(tmp_path: Path) -> Iterator[Emulator]:
    config = EmulatorConfig(latency_ms=LATENCY_MS, state_file=str(tmp_path / "zoom.json"))
    running = Emulator(config).start()
    yield running
    running.stop()


@pytest.fixture
def checkpoints() -> str:
    """kept (the engine's default) unless a test's `checkpoint_modes` says skipped."""
    return "kept"


@pytest.fixture
def stack(pulumi_tools: Path, user_venv: Path, slow: Emulator, tmp_path: Path, checkpoints: str) -> Stack:
    created = new_stack(pulumi_tools, user_venv, slow, tmp_path, PROGRAMS / "declared", {"rateLimit": "1000"})
    if checkpoints == "skipped":
        created.env.update(NO_CHECKPOINTS)
    created.declare()
    return created


def told(stack: Stack, fault: str) -> str:
    """The fault's line in the outcome table, saying when checkpoints were skipped."""
    return f"{fault}, checkpoints skipped" if stack.env.get("PULUMI_SKIP_CHECKPOINTS") == "true" else fault


@dataclass
class Outcome:
    """What one fault left once recovered: entries declared, lost, duplicated, orphaned, and wrong ids in state."""

    fault: str
    declared: int
    lost: int
    duplicated: int
    orphaned: int
    wrong_ids: int


OUTCOMES: list[Outcome] = []  # the table `pytest_terminal_summary` prints (tests/cli_e2e/conftest.py)


def assert_converged(
    stack: Stack, emu: Emulator, declared: dict[str, dict[str, Any]], fault: str, type_: str = BLOCKED_NUMBER
) -> None:
    up_unlocked(stack)
    stack.env.pop("ZOOM_ADOPT_IDENTICAL", None)
    entries = emu.admin.entries()
    keys = Counter((e["phone_number"], e["block_type"]) for e in entries)
    wanted = {(args["phone_number"], args.get("block_type", "inbound")): args for args in declared.values()}
    live = {(e["phone_number"], e["block_type"]): e for e in entries}
    state = stack.ids(type_)
    ids = {name: live.get((args["phone_number"], args.get("block_type", "inbound")), {}).get("id")
           for name, args in declared.items()}  # fmt: skip
    outcome = Outcome(
        told(stack, fault),
        len(wanted),
        lost=sum(key not in live or live[key]["comment"] != args["comment"] for key, args in wanted.items()),
        duplicated=sum(count - 1 for count in keys.values()),
        orphaned=sum(key not in wanted for key in live),
        wrong_ids=sum(state.get(name) != entry_id for name, entry_id in ids.items()) + len(set(state) - set(ids)),
    )
    OUTCOMES.append(outcome)
    assert (outcome.lost, outcome.duplicated, outcome.orphaned, outcome.wrong_ids) == (0, 0, 0, 0), outcome
    assert stack.export()["deployment"].get("pending_operations") in (None, [])
    stack.run("preview", "--expect-no-changes")


@checkpoint_modes(in_ci=True)
def test_cli_killed_during_creates_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    declared = numbers()
    stack.declare(numbers=declared)
    # Ids that look like flags, as Zoom's do once in 32: they reach the command line below.
    slow.admin.issue_ids(*(f"{'-_'[i % 2]}pending{i:02d}{'x' * 13}" for i in range(SIZE)))
    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE // 4, lambda p: p.send_signal(signal.SIGKILL))
    assert 0 < len(slow.admin.entries()) < SIZE
    if checkpoints == "skipped":
        assert stack.ids(BLOCKED_NUMBER) == {}  # the killed run recorded none of the entries it created
        consenting(stack)
    else:
        assert "which the interrupted create made" in recover(stack)
    assert_converged(stack, slow, declared, "the CLI killed during creates")


@checkpoint_modes(in_ci=False)
def test_cli_stopped_with_sigint_during_creates_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    declared = numbers()
    stack.declare(numbers=declared)
    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE // 4, lambda p: p.send_signal(signal.SIGINT))
    assert len(slow.admin.entries()) < SIZE
    # Ctrl-C: the CLI cancels, lets the calls in flight finish and records them; nothing to repair.
    assert stack.export()["deployment"].get("pending_operations") in (None, [])
    assert_converged(stack, slow, declared, "the CLI stopped with SIGINT (Ctrl-C) during creates")


@checkpoint_modes(in_ci=False)
def test_cli_killed_during_updates_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    stack.declare(numbers=numbers())
    stack.run("up", "--yes", "--skip-preview")
    declared = numbers(comment="CHG")
    stack.declare(numbers=declared)
    interrupted_up(stack, lambda: calls_of(slow, "PATCH") >= SIZE // 4, lambda p: p.send_signal(signal.SIGKILL))
    assert 0 < sum(e["comment"].startswith("CHG") for e in slow.admin.entries()) < SIZE
    recover_or_consent(stack, checkpoints)
    assert_converged(stack, slow, declared, "the CLI killed during in-place updates")


@checkpoint_modes(in_ci=True)
def test_cli_killed_during_replacements_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    stack.declare(numbers=numbers())
    stack.run("up", "--yes", "--skip-preview")
    declared = numbers(block_type="threat")
    stack.declare(numbers=declared)
    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE + SIZE // 4, lambda p: p.send_signal(signal.SIGKILL))
    assert 0 < sum(e["block_type"] == "threat" for e in slow.admin.entries()) < SIZE
    recover_or_consent(stack, checkpoints)
    assert_converged(stack, slow, declared, "the CLI killed during replacements")


@checkpoint_modes(in_ci=False)
def test_cli_killed_during_deletes_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    stack.declare(numbers=numbers())
    stack.run("up", "--yes", "--skip-preview")
    stack.declare()
    interrupted_up(stack, lambda: calls_of(slow, "DELETE") >= SIZE // 4, lambda p: p.send_signal(signal.SIGKILL))
    assert 0 < len(slow.admin.entries()) < SIZE
    recover_or_consent(stack, checkpoints)
    assert_converged(stack, slow, {}, "the CLI killed during deletes")


@checkpoint_modes(in_ci=False)
def test_cli_killed_during_destroy_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    stack.declare(numbers=numbers())
    stack.run("up", "--yes", "--skip-preview")
    interrupted_up(
        stack, lambda: calls_of(slow, "DELETE") >= SIZE // 4, lambda p: p.send_signal(signal.SIGKILL), "destroy"
    )
    assert 0 < len(slow.admin.entries()) < SIZE
    recover_or_consent(stack, checkpoints)
    up_unlocked(stack, "destroy")
    assert (slow.admin.entries(), stack.resources()) == ([], {})
    fault = told(stack, "the CLI killed during destroy")
    OUTCOMES.append(Outcome(fault, SIZE, lost=0, duplicated=0, orphaned=0, wrong_ids=0))


@checkpoint_modes(in_ci=False)
def test_provider_process_killed_mid_up_converges(stack: Stack, slow: Emulator, checkpoints: str) -> None:
    declared = numbers()
    stack.declare(numbers=declared)

    def kill_the_provider(process: subprocess.Popen[str]) -> None:
        found = subprocess.run(
            ["pgrep", "-s", str(process.pid), "-f", "pulumi.dynamic"], capture_output=True, text=True, check=False
        )
        pids = [int(pid) for pid in found.stdout.split()]
        assert pids, "no provider process to kill"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)

    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE // 4, kill_the_provider)
    assert len(slow.admin.entries()) < SIZE
    # The CLI lived on and cleared the creates that failed with the provider: nothing proves the ones whose POST
    # reached Zoom, so `recover` has nothing to record and says what to do instead.
    assert "ZOOM_ADOPT_IDENTICAL=true" in recover(stack)
    consenting(stack)
    assert_converged(stack, slow, declared, "the provider process killed during creates")


@checkpoint_modes(in_ci=False)
def test_the_emulator_stopped_and_started_again_mid_up_converges(
    stack: Stack, slow: Emulator, checkpoints: str
) -> None:
    declared = numbers()
    stack.declare(numbers=declared)
    port = slow.port

    def restart(process: subprocess.Popen[str]) -> None:
        slow.stop()
        time.sleep(1.0)  # Zoom away for a second: the outage itself, not a wait for anything
        slow.config.port = port
        slow.start()

    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE // 4, restart)
    assert_converged(stack, slow, declared, "the emulator stopped for a second and started again during creates")


@checkpoint_modes(in_ci=False)
@pytest.mark.parametrize(("status", "retry_after"), [(429, "seconds"), (503, None)])
def test_a_storm_of_429s_or_5xx_through_a_whole_up_converges(
    stack: Stack, slow: Emulator, status: int, retry_after: str | None, checkpoints: str
) -> None:
    declared = numbers()
    stack.declare(numbers=declared)
    fault: dict[str, object] = {"kind": "status", "status": status, "retry_after_seconds": 0}
    if retry_after:
        fault["retry_after"] = retry_after
    slow.admin.chaos(0.3, seed=7, faults=[fault])
    stack.run("up", "--yes", "--skip-preview")
    slow.admin.chaos(0)
    assert sum(call["status"] == status for call in slow.admin.api_calls()) > 0
    assert_converged(stack, slow, declared, f"{status}s for 30% of the calls through a whole up")


def test_native_creates_of_a_killed_cli_are_recorded_by_recover(
    pulumi_tools: Path, user_venv: Path, slow: Emulator, tmp_path: Path
) -> None:
    stack = new_stack(pulumi_tools, user_venv, slow, tmp_path, PROGRAMS / "native", {"rateLimit": "1000"})
    declared = {name: {k: v for k, v in args.items() if k != "block_type"} for name, args in numbers().items()}
    stack.declare(numbers=declared)
    # Ids that look like flags, as Zoom's do once in 32: recover hands them to `pulumi stack import` in a file.
    slow.admin.issue_ids(*(f"{'-_'[i % 2]}pending{i:02d}{'x' * 13}" for i in range(SIZE)))
    interrupted_up(stack, lambda: calls_of(slow, "POST") >= SIZE // 4, lambda p: p.send_signal(signal.SIGKILL))
    unlock(stack)
    pending = stack.export()["deployment"].get("pending_operations") or []
    assert pending, "the kill left no pending create"
    printed = recover(stack)
    made = {entry["phone_number"]: entry["id"] for entry in slow.admin.entries()}
    for operation in pending:
        urn, number = operation["resource"]["urn"], operation["resource"]["inputs"]["phoneNumber"]
        if number in made:
            line = (
                f"{urn}: holds entry {made[number]} ({number}/phoneNumber/inbound), which the interrupted create made"
            )
        else:
            line = f"{urn}: its create never reached Zoom: its pending create is cleared"
        assert line in printed.splitlines()
    # recover decrypts the providers' settings in memory only: the secret reaches neither its output nor the state.
    assert CLIENT_SECRET not in printed
    backend = [path for path in stack.backend.rglob("*") if path.is_file()]
    assert [path for path in backend if CLIENT_SECRET in path.read_text(errors="replace")] == []
    slow.admin.clear_requests()
    converged = {name: {**args, "block_type": "inbound"} for name, args in declared.items()}
    assert_converged(stack, slow, converged, "the CLI killed during creates (native)", NATIVE)
    assert sum(call["status"] == 409 for call in slow.admin.api_calls()) == 0
