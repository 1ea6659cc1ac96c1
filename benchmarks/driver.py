"""Plumbing for the scale benchmark: an emulator subprocess, one provider process per command, concurrent engine steps.

Each Pulumi command (preview, up, refresh, destroy) starts its own provider process, so each benchmark operation
does too: that is what "one token per run" and the read cache's lifetime mean. Engine steps run on 4 threads, as
the SDK's provider server served at most 4 calls at once before our provider widened it (dynamic/server_pool.py);
the CLI benchmarks (cli_scale.py) show the widened server under the engine's own --parallel. Calls are counted in
the emulator's request log, memory is the provider process's VmHWM. This module measures; it asserts nothing.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi.runtime import proto

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))


from tests.engine.harness import Engine, ProviderServer, Tracked  # noqa: E402
from zoom_blocklist_provider.emulator.admin import EmulatorAdmin  # noqa: E402

ENGINE_CALLS = 4  # the SDK's provider server's own thread pool
CALL_DEADLINE = 3600.0  # the engine sets none; a Blocklist of 10,000 takes over 4 minutes per call at 40/s
Program = Mapping[str, Mapping[str, Any]]


@contextmanager
def emulator(latency_ms: int, rate_limit: float) -> Iterator[str]:
    """`zoom-blocklist emulator` in its own process (its own CPU), with latency and a rate limit; yields its URL."""
    command = [sys.executable, "-m", "zoom_blocklist_provider.cli", "emulator", "--port", "0"]
    command += ["--latency-ms", str(latency_ms), "--rate-limit", f"{rate_limit:g}"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("Zoom emulator listening on "):
            raise SystemExit(f"the emulator did not start: {line!r}")
        yield line.strip().rsplit(" ", 1)[1]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


@dataclass
class Measure:
    """One operation: wall time, API calls by method, token requests, 429s, provider peak memory."""

    seconds: float = 0.0
    calls: dict[str, int] = field(default_factory=dict)
    tokens: int = 0
    throttled: int = 0
    peak_kib: int = 0

    @property
    def api_calls(self) -> int:
        return sum(self.calls.values())


def peak_kib(pid: int) -> int:
    """The process's peak resident set (VmHWM) in KiB, read from /proc (psutil is not installed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class PatientServer(ProviderServer):
    """The tests' provider server with the engine's patience: a set's one Create may run for minutes."""

    deadline = CALL_DEADLINE


class Bench:
    """A stack against one emulator: state carried from command to command, each command in a fresh process."""

    def __init__(self, url: str, rate_limit: float, provider_blob: str | None, log: Path) -> None:
        self.admin = EmulatorAdmin(url)
        self.config = {
            "zoom:accountId": "emulator-account",
            "zoom:clientId": "emulator-client",
            "zoom:clientSecret": "emulator-secret",
            "zoom:apiUrl": f"{url}/v2",
            "zoom:oauthUrl": f"{url}/oauth/token",
            "zoom:rateLimit": f"{rate_limit:g}",
        }
        self.blob = provider_blob
        self.log = log
        self.state: dict[str, Tracked] = {}

    @contextmanager
    def command(self) -> Iterator[tuple[Engine, Measure]]:
        """One Pulumi command: a fresh provider process, measured from first call to last."""
        server = PatientServer(log=self.log)
        server.configure(self.config)
        engine = Engine(server, state=self.state)
        if self.blob is not None:
            engine.provider_blob = self.blob
        measure = Measure()
        start = len(self.admin.requests())
        began = time.perf_counter()
        try:
            yield engine, measure
            measure.seconds = time.perf_counter() - began
            measure.peak_kib = peak_kib(server.process.pid)
        finally:
            server.close()
        for request in self.admin.requests()[start:]:
            if request["path"].endswith("/oauth/token"):
                measure.tokens += 1
                continue
            measure.calls[request["method"]] = measure.calls.get(request["method"], 0) + 1
            measure.throttled += request["status"] == 429

    def preview(self, program: Program) -> Measure:
        with self.command() as (engine, measure):
            steps = _parallel(program, lambda name: engine.plan(name, engine.check(name, program[name])))
        _expect(steps, {"same"}, "preview")
        return measure

    def up(self, program: Program) -> Measure:
        with self.command() as (engine, measure):
            _parallel(program, lambda name: engine.apply(name, program[name]))
            gone = [name for name in self.state if name not in program]
            _parallel(gone, lambda name: engine.server.delete(name, self.state[name].id, self.state.pop(name).outputs))
        return measure

    def refresh(self) -> Measure:
        with self.command() as (engine, measure):
            steps = _parallel(list(self.state), lambda name: self._read(engine, name))
        _expect(steps, {"same"}, "refresh")
        return measure

    def destroy(self) -> Measure:
        return self.up({})

    def _read(self, engine: Engine, name: str) -> str:
        old = self.state[name]
        id_, outputs, inputs = engine.server.read(name, old.id, old.outputs, old.inputs)
        reply = engine.server.diff(name, id_, outputs, old.inputs)
        self.state[name] = Tracked(id_, inputs if inputs is not None else old.inputs, outputs)
        return "drift" if reply.changes == proto.DiffResponse.DIFF_SOME else "same"


def _parallel(names: Iterator[str] | Mapping[str, Any] | list[str], step: Callable[[str], Any]) -> dict[str, Any]:
    with ThreadPoolExecutor(max_workers=ENGINE_CALLS) as pool:
        futures = {name: pool.submit(step, name) for name in names}
        return {name: future.result() for name, future in futures.items()}


def _expect(steps: Mapping[str, Any], allowed: set[str], what: str) -> None:
    unexpected = {name: step for name, step in steps.items() if step not in allowed}
    if unexpected:
        raise SystemExit(f"{what} did not come back clean: {dict(list(unexpected.items())[:5])}")
