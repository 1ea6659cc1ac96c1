"""How long the zoom plugin takes to start: the release's bundle beside the console script in .venv.

Each run execs the plugin as the engine does (no arguments, no ZOOM_* settings) and times two moments: the port on
its first stdout line, and the answer to its first real calls (CheckConfig, Configure, then the Check of one
BlockedNumber, which loads pydantic and phonenumbers' data). Every plugin runs with and without
PYTHONDONTWRITEBYTECODE=1 (these machines set it, and then a virtualenv that uv filled compiles every module it
imports, at every start). The bundle is the plugin tarball unpacked into a scratch folder (`make dist` builds it).
A script, not a test; it prints a Markdown table of medians and fastest starts.

    .venv/bin/python benchmarks/plugin_start.py --tarball dist/pulumi-resource-zoom-v0.1.0-linux-amd64.tar.gz
    .venv/bin/python benchmarks/plugin_start.py --tarball <file> --runs 21
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import grpc
from google.protobuf import struct_pb2
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc

PROJECT = Path(__file__).resolve().parents[1]
URN = "urn:pulumi:bench::start::{type}::{name}"
CONFIG = {"accountId": "bench-account", "clientId": "bench-client", "apiUrl": "http://127.0.0.1:9/v2"}


def struct(values: dict[str, object]) -> struct_pb2.Struct:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(rpc.serialize_properties(values, {}))
    finally:
        loop.close()


def one_start(plugin: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from exec to the port line and to the first Check's answer, and the CPU seconds the start took (user
    and system, to the answer: the plugin idles after it), which a loaded machine moves far less than the others."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    news = struct(CONFIG)
    check = struct({"phoneNumber": "+1 (907) 555-0100", "comment": "INC-4821"})
    started = time.perf_counter()
    process = subprocess.Popen([str(plugin)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    try:
        port = int(process.stdout.readline())
        listening = time.perf_counter() - started
        threading.Thread(target=process.stdout.read, daemon=True).start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            provider = URN.format(type="pulumi:providers:zoom", name="default")
            stub.CheckConfig(proto.CheckRequest(urn=provider, olds=struct({}), news=news), timeout=60)
            variables = {f"zoom:{key}": value for key, value in CONFIG.items()}
            stub.Configure(proto.ConfigureRequest(variables=variables, args=news, acceptSecrets=True), timeout=60)
            urn = URN.format(type="zoom:phone:BlockedNumber", name="robocaller")
            reply = stub.Check(proto.CheckRequest(urn=urn, olds=struct({}), news=check), timeout=60)
            answered = time.perf_counter() - started
        if reply.failures:
            raise SystemExit(f"{plugin}: Check failed: {reply.failures}")
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return listening, answered, cpu


def variants(script: Path, bundle: Path, scratch: Path) -> dict[tuple[str, str], tuple[Path, dict[str, str]]]:
    """Each plugin with and without PYTHONDONTWRITEBYTECODE=1. The console script's bytecode goes to a cache folder
    of this run (PYTHONPYCACHEPREFIX), so what .venv happens to hold already does not count: with the variable set
    it compiles every module at every start, as from a virtualenv uv filled; unset, it reads what it wrote at the
    warm-up start, as from one whose bytecode was compiled at install."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_", "PYTHON"))}
    found = {}
    for dont_write in ("1", "unset"):
        env = {**base, "PYTHONPYCACHEPREFIX": str(scratch / f"pycache-{dont_write}")}
        if dont_write == "1":
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        found[f"console script ({script.name} in .venv)", dont_write] = (script, env)
    for dont_write in ("1", "unset"):
        env = {**base, "PYTHONDONTWRITEBYTECODE": "1"} if dont_write == "1" else dict(base)
        found["bundle (the tarball's pulumi-resource-zoom)", dont_write] = (bundle / "pulumi-resource-zoom", env)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, required=True, help="the plugin tarball `make dist` wrote")
    parser.add_argument("--script", type=Path, default=PROJECT / ".venv" / "bin" / "pulumi-resource-zoom")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    # On a shared machine the median moves with the load: the fastest start is the plugin's own cost.
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        with tarfile.open(options.tarball) as archive:
            archive.extractall(scratch / "bundle", filter="tar")
        runs = variants(options.script, scratch / "bundle", scratch)
        for plugin, env in runs.values():
            one_start(plugin, env)  # warms the page cache and, where it may, writes the bytecode cache
        # Round after round, each plugin once: a load that comes and goes on a shared machine hits all alike.
        times: dict[tuple[str, str], list[tuple[float, float, float]]] = {key: [] for key in runs}
        for _ in range(options.runs):
            for key, (plugin, env) in runs.items():
                times[key].append(one_start(plugin, env))
    print(f"seconds from exec, median (fastest) of {options.runs} starts after one warm-up; load average before and")
    print(f"after: {load}, {' '.join(f'{n:.2f}' for n in os.getloadavg())}\n")
    print("| plugin | PYTHONDONTWRITEBYTECODE | port printed | first Check answered | CPU seconds |")
    print("|---|---|---:|---:|---:|")
    for (label, dont_write), measured in times.items():
        cells = []
        for i in (0, 1, 2):
            column = [t[i] for t in measured]
            cells.append(f"{statistics.median(column):.2f} ({min(column):.2f})")
        print(f"| {label} | {dont_write} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
