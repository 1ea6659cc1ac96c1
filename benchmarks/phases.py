"""Where a small stack's commands spend their time, through the real CLI: the fixed cost every command pays.

For each stack (dynamic and native BlockedNumbers, at each --sizes), against an emulator at --latency-ms and 40/s,
each row is one real `pulumi` command, timed (wall) and its CPU counted (the command's and every process it started,
which a shared machine disturbs far less than wall time). The rows that isolate one part:

- `pulumi version`: the CLI's own start;
- preview of the same program declaring nothing: the CLI, the backend, the language host and the program, no
  provider (the engine starts a provider only for a resource that needs it);
- preview of the stack: the above plus the provider process's start and one Check per entry (no Zoom call);
- up, a no-op preview, refresh --skip-preview, destroy: the above plus the engine's steps and Zoom's calls.

The provider process's start alone (exec to first answer) is benchmarks/door_start.py. A script, not a test: it
prints a Markdown table.

    .venv/bin/python benchmarks/phases.py                       # 10 and 100 entries: about 3 minutes
    .venv/bin/python benchmarks/phases.py --sizes 10 --kinds zoom:phone:BlockedNumber
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from cli_scale import RATE, CliStack, pulumi_tools
from driver import emulator

KINDS = ("BlockedNumber", "zoom:phone:BlockedNumber")


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(stack: CliStack, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of `pulumi <args>` and everything it started (the engine reaps its plugins)."""
    cpu = cpu_of_children()
    began = time.perf_counter()
    stack.run(*args)
    return time.perf_counter() - began, cpu_of_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    options = parser.parse_args()
    tools = pulumi_tools()
    print(f"emulator at {options.latency_ms} ms and {RATE:g}/s; floor: writes / {RATE:g} per second\n")
    print("| stack | command | s | CPU s | floor s |\n|---|---|---:|---:|---:|")
    with emulator(options.latency_ms, RATE) as url:
        for kind in options.kinds:
            for size in options.sizes:
                name = f"{kind} {size}"
                with tempfile.TemporaryDirectory() as scratch:
                    stack = CliStack(Path(scratch), tools, url, kind, size, None)
                    writes = f"{size / RATE:.2f}"
                    stack.size = 0
                    stack.declare(0)
                    for command, args in (("pulumi version", ["version"]), ("preview, nothing declared", ["preview"])):
                        wall, cpu = timed(stack, *args)
                        print(f"| {name} | {command} | {wall:.1f} | {cpu:.1f} | - |", flush=True)
                    stack.size = size
                    stack.declare(0)
                    for command, args, floor in (
                        ("preview (new stack)", ["preview"], "-"),
                        ("up --skip-preview", ["up", "--yes", "--skip-preview"], writes),
                        ("preview (no change)", ["preview", "--expect-no-changes"], "-"),
                        ("refresh --skip-preview", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"], "-"),
                        ("destroy --skip-preview", ["destroy", "--yes", "--skip-preview"], writes),
                    ):
                        wall, cpu = timed(stack, *args)
                        print(f"| {name} | {command} | {wall:.1f} | {cpu:.1f} | {floor} |", flush=True)


if __name__ == "__main__":
    main()
