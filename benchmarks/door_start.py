"""How long a provider process takes from exec to its first answer: the fixed cost every Pulumi command pays.

The engine starts a provider process afresh for every command (twice for a refresh), and waits for its first answer
before any step. This starts each door as the engine does, from the project's .venv, and times exec -> port line ->
first Check answered, and the process's CPU time:

- native: `.venv/bin/pulumi-resource-zoom` (the console script the engine finds on PATH), in an empty folder;
- dynamic: `.venv/bin/python -u -m pulumi.dynamic` (what the CLI's pulumi-resource-pulumi-python runs), sent
  Configure and then a Check carrying our pickled provider, so the time includes unpickling (importing) our package.

Each is timed --runs times with PYTHONDONTWRITEBYTECODE=1 (set on these machines, many CI runners and containers)
and without it, and the median printed as a Markdown table. With it unset, the first run may write bytecode that
the later ones use; the median hides that one run. A script, not a test: it asserts nothing.

    .venv/bin/python benchmarks/door_start.py
    .venv/bin/python benchmarks/door_start.py --runs 9
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import grpc
from driver import PROJECT
from pulumi.runtime import proto
from pulumi.runtime.proto import provider_pb2_grpc

from tests.engine.harness import PROVIDER_BLOB, to_struct

VENV_BIN = PROJECT / ".venv" / "bin"
NATIVE_URN = "urn:pulumi:bench::start::zoom:phone:BlockedNumber::n0"
DYNAMIC_URN = "urn:pulumi:bench::start::pulumi-python:dynamic/zoom:BlockedNumber::n0"


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def first_answer(
    command: list[str], env: dict[str, str], cwd: Path, requests: list[tuple[str, object]]
) -> tuple[float, float]:
    """Seconds from exec of `command` until the last of `requests` is answered, and the CPU seconds the process used
    in all (which other processes on a shared machine disturb far less than the wall time)."""
    cpu_before = cpu_of_children()
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().decode().strip())
        threading.Thread(target=process.stdout.read, daemon=True).start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            for method, request in requests:
                getattr(stub, method)(request, timeout=60)
        wall = time.perf_counter() - began
    finally:
        process.terminate()
        process.wait(timeout=10)
    return wall, cpu_of_children() - cpu_before


def native(env: dict[str, str], cwd: Path) -> tuple[float, float]:
    news = to_struct({"phoneNumber": "+19072000000", "comment": "INC-0"})
    check = proto.CheckRequest(urn=NATIVE_URN, olds=to_struct({}), news=news)
    return first_answer([str(VENV_BIN / "pulumi-resource-zoom")], env, cwd, [("Check", check)])


def dynamic(env: dict[str, str], cwd: Path) -> tuple[float, float]:
    configure = proto.ConfigureRequest(args=to_struct({}), acceptSecrets=False)
    news = to_struct({"__provider": PROVIDER_BLOB, "phone_number": "+19072000000", "comment": "INC-0"})
    check = proto.CheckRequest(urn=DYNAMIC_URN, olds=to_struct({}), news=news)
    command = [str(VENV_BIN / "python"), "-u", "-m", "pulumi.dynamic"]
    return first_answer(command, env, cwd, [("Configure", configure), ("Check", check)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="starts per row; the median is printed")
    options = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "PYTHON"))}
    print(f"median of {options.runs} starts, exec to first Check answered\n")
    print("| door | PYTHONDONTWRITEBYTECODE | s | CPU s |\n|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for door, start in (("native", native), ("dynamic", dynamic)):
            for label, extra in (("1", {"PYTHONDONTWRITEBYTECODE": "1"}), ("unset", {})):
                env = {**base, **extra}
                # The dynamic server unpickles our class by reference: the package must be importable there.
                cwd = PROJECT if door == "dynamic" else Path(scratch)
                runs = [start(env, cwd) for _ in range(options.runs)]
                wall = statistics.median(run[0] for run in runs)
                cpu = statistics.median(run[1] for run in runs)
                print(f"| {door} | {label} | {wall:.2f} | {cpu:.2f} |", flush=True)
    print(f"\n{sys.executable}", file=sys.stderr)


if __name__ == "__main__":
    main()
