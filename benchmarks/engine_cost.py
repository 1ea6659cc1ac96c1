"""What the engine itself spends on N native BlockedNumbers, with Zoom taken out of the way: checkpoints kept or not.

The emulator answers at once and limits nothing, and the stack's zoom:rateLimit is far above what the run reaches,
so no row waits on Zoom: what is left is the CLI, the YAML language host, the provider process and the engine's
steps and checkpoints. Each row is one real `pulumi up --yes --skip-preview` (then `destroy`) of a YAML program
declaring N `zoom:phone:BlockedNumber`s, on a file backend of its own, with:

- wall seconds;
- the CPU seconds of the `pulumi` process itself (the engine, the snapshot manager, the file backend), read from
  /proc/<pid>/stat just before it exits;
- the CPU seconds of every process it started and reaped (the language host, the provider plugin).

Compared with benchmarks/ratios.py (300 ms, 40/s), this says how much of a run over the floor is the engine's own.
A script, not a test: it asserts nothing and prints a Markdown table. Linux only (/proc).

    .venv/bin/python benchmarks/engine_cost.py                  # 1,000 entries: about 3 minutes
    .venv/bin/python benchmarks/engine_cost.py --sizes 100 1000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cli_scale import cli_env, config_args, pulumi_tools
from driver import emulator
from languages import yaml_program

TICKS = os.sysconf("SC_CLK_TCK")
UNLIMITED = 1_000_000.0  # requests/s: the client's own pacing never waits
NO_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true", "PULUMI_EXPERIMENTAL": "true"}
GZIP = {"PULUMI_DIY_BACKEND_GZIP": "true"}
SETTINGS: dict[str, dict[str, str]] = {
    "checkpoints kept, every default": {},
    "PULUMI_DIY_BACKEND_GZIP=true": GZIP,
    "PULUMI_SKIP_CHECKPOINTS=true": NO_CHECKPOINTS,
}


@dataclass
class Spent:
    wall: float
    engine_cpu: float
    children_cpu: float


def own_cpu(pid: int) -> float | None:
    """The process's own CPU seconds (not its children's), or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # After the command's closing parenthesis: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / TICKS


def run(tools: Path, project: Path, env: dict[str, str], *args: str) -> Spent:
    """`pulumi <args>`: its own CPU sampled until it exits (within 20 ms of its end), everything's from wait4."""
    with tempfile.TemporaryFile("w+") as output:
        began = time.perf_counter()
        process = subprocess.Popen(
            [str(tools / "pulumi"), *args, "--non-interactive"], cwd=project, env=env, stdout=output, stderr=output
        )
        own = [0.0]

        def sample() -> None:
            while (found := own_cpu(process.pid)) is not None and process.returncode is None:
                own[0] = found
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        # wait4 counts the process and every descendant it reaped: the language host, the plugin.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - began
        sampler.join()
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"pulumi {' '.join(args)} failed:\n{output.read()[-3000:]}")
    everything = usage.ru_utime + usage.ru_stime
    return Spent(wall, own[0], everything - own[0])


def measure(tools: Path, url: str, size: int, settings: dict[str, str]) -> tuple[Spent, Spent]:
    with tempfile.TemporaryDirectory() as scratch:
        project, backend = Path(scratch) / "project", Path(scratch) / "backend"
        project.mkdir()
        backend.mkdir()
        yaml_program(project, size)
        env = cli_env(tools, Path(scratch) / "home", backend)
        config = [arg.replace("rateLimit=40", f"rateLimit={UNLIMITED:g}") for arg in config_args(url)]
        for setup in (["stack", "init", "bench"], ["config", "set-all", *config]):
            subprocess.run([str(tools / "pulumi"), *setup], cwd=project, env=env, check=True, capture_output=True)
        env.update(settings)
        up = run(tools, project, env, "up", "--yes", "--skip-preview")
        destroy = run(tools, project, env, "destroy", "--yes", "--skip-preview")
        return up, destroy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    options = parser.parse_args()
    tools = pulumi_tools()
    print("emulator at 0 ms, no rate limit; YAML program; up and destroy --skip-preview\n")
    print("| N | setting | up s | engine CPU s | host + plugin CPU s | destroy s | engine CPU s |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with emulator(0, UNLIMITED) as url:
        for size in options.sizes:
            for name, settings in SETTINGS.items():
                up, destroy = measure(tools, url, size, settings)
                print(
                    f"| {size:,} | {name} | {up.wall:.1f} | {up.engine_cpu:.1f} | {up.children_cpu:.1f} "
                    f"| {destroy.wall:.1f} | {destroy.engine_cpu:.1f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
