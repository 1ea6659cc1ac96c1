"""Every shape's apply and destroy against the rate-limit floor, through the real CLI: one table, and a chart.

Shapes: BlockedNumber (dynamic and native), each with every engine default, with the file backend's checkpoints
skipped, and with the settings docs/guides/performance.md recommends for a stack of zoom resources only (checkpoints
skipped, PULUMI_DIY_BACKEND_GZIP, PULUMI_PARALLEL=64); and a Blocklist (dynamic and native) with every default.
Each at every --sizes, a new stack in its own scratch folder, file backend. The emulator answers at --latency-ms
(300) and 40 requests/s; the stack's zoom:rateLimit is 40, so N writes cannot take less than N / 40 s (the floor).
Rows: `up --yes --skip-preview` of the new stack and `destroy --yes --skip-preview`, seconds and x the floor, and the
CPU seconds the `up` used (the CLI and every process it started: a shared machine disturbs it far less than the wall
time). `--chart` also draws the apply time against the entries, beside the floor, into a PNG
(docs/guides/performance.png is drawn this way).

`--backend-settings N` measures instead what the file backend's settings buy for N native BlockedNumbers
(checkpoints kept): each setting alone, all together, and checkpoints skipped, with the size of the state file and
of one resource in it.

A script, not a test: it asserts nothing. A 1,000-entry stack takes minutes per shape; on a shared machine, run it
when the machine is otherwise quiet, and say beside the figures that it was not.

    .venv/bin/python benchmarks/ratios.py --sizes 10 100                     # about 5 minutes
    .venv/bin/python benchmarks/ratios.py --chart docs/guides/performance.png  # 10, 100, 1,000: about 15 minutes
    .venv/bin/python benchmarks/ratios.py --backend-settings 1000             # about 15 minutes
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cli_scale import RATE, CliStack, pulumi_tools
from driver import emulator

NO_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true", "PULUMI_EXPERIMENTAL": "true"}
# What docs/guides/performance.md recommends for per-entry resources in a stack of zoom resources only: checkpoints
# skipped, the state compressed, and --parallel 64 (the engine's default is 4 per core: 8 calls in flight on 2 cores).
RECOMMENDED = {**NO_CHECKPOINTS, "PULUMI_DIY_BACKEND_GZIP": "true", "PULUMI_PARALLEL": "64"}
# Each shape: the kind of stack (cli_scale.KINDS) and the environment of its commands.
SHAPES: dict[str, tuple[str, dict[str, str]]] = {
    "BlockedNumber (dynamic)": ("BlockedNumber", {}),
    "BlockedNumber (dynamic), no checkpoints": ("BlockedNumber", NO_CHECKPOINTS),
    "zoom:phone:BlockedNumber": ("zoom:phone:BlockedNumber", {}),
    "zoom:phone:BlockedNumber, no checkpoints": ("zoom:phone:BlockedNumber", NO_CHECKPOINTS),
    "BlockedNumber (dynamic), recommended settings": ("BlockedNumber", RECOMMENDED),
    "zoom:phone:BlockedNumber, recommended settings": ("zoom:phone:BlockedNumber", RECOMMENDED),
    "Blocklist (dynamic)": ("Blocklist", {}),
    "zoom:phone:Blocklist": ("zoom:phone:Blocklist", {}),
}
# The file backend's settings, for --backend-settings: the environment and the flags of `up` and `destroy`.
NO_BACKUPS = {"PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS": "true"}
GZIP = {"PULUMI_DIY_BACKEND_GZIP": "true"}
NO_INTEGRITY = ["--disable-integrity-checking"]
SETTINGS: dict[str, tuple[dict[str, str], list[str]]] = {
    "checkpoints kept, every default": ({}, []),
    "PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS=true": (NO_BACKUPS, []),
    "--disable-integrity-checking": ({}, NO_INTEGRITY),
    "PULUMI_DIY_BACKEND_GZIP=true": (GZIP, []),
    "all three": ({**NO_BACKUPS, **GZIP}, NO_INTEGRITY),
    "PULUMI_SKIP_CHECKPOINTS=true (for comparison)": (NO_CHECKPOINTS, []),
}


@dataclass
class Measured:
    shape: str
    size: int
    up: float
    destroy: float
    cpu: float
    state_bytes: int
    resource_bytes: int

    @property
    def floor(self) -> float:
        return self.size / RATE

    def row(self) -> str:
        return (
            f"| {self.shape} | {self.size:,} | {self.floor:.2f} | {self.up:.1f} ({self.up / self.floor:.2f}) "
            f"| {self.destroy:.1f} ({self.destroy / self.floor:.2f}) | {self.cpu:.1f} |"
        )


def state_sizes(scratch: Path, stack: CliStack) -> tuple[int, int]:
    """The stack's state file in the backend (bytes as stored), and the largest zoom resource's JSON in it."""
    stored = [p for p in (scratch / "backend" / ".pulumi" / "stacks").rglob("bench.json*") if p.suffix != ".bak"]
    exported = json.loads(stack.run("stack", "export"))
    ours = [r for r in exported["deployment"].get("resources") or [] if "zoom" in r["type"]]
    largest = max((len(json.dumps(r, separators=(",", ":"))) for r in ours), default=0)
    return sum(p.stat().st_size for p in stored if not p.name.endswith(".attrs")), largest


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(
    scratch: Path, tools: Path, url: str, shape: str, kind: str, size: int, env: dict[str, str], flags: list[str]
) -> Measured:
    stack = CliStack(scratch, tools, url, kind, size, None)
    stack.declare(0)
    cpu = cpu_of_children()
    began = time.perf_counter()
    stack.run("up", "--yes", "--skip-preview", *flags, env=env)
    up = time.perf_counter() - began
    up_cpu = cpu_of_children() - cpu
    state, one = state_sizes(scratch, stack)
    began = time.perf_counter()
    stack.run("destroy", "--yes", "--skip-preview", *flags, env=env)
    return Measured(shape, size, up, time.perf_counter() - began, up_cpu, state, one)


def chart(measured: list[Measured], path: Path, latency_ms: int) -> None:
    import matplotlib  # a dev dependency, needed only for the chart

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(8, 5), dpi=100)
    sizes = sorted({m.size for m in measured})
    axes.plot(sizes, [size / RATE for size in sizes], "k--", label=f"floor ({RATE:g} requests/s)")
    for shape in SHAPES:
        points = sorted((m.size, m.up) for m in measured if m.shape == shape)
        if points:
            axes.plot(*zip(*points, strict=True), marker="o", label=shape)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("entries")
    axes.set_ylabel("pulumi up --skip-preview, s")
    axes.set_title(f"Apply time through the real CLI, Zoom at {latency_ms} ms a call and {RATE:g}/s")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--chart", type=Path, help="also draw apply time against entries into this PNG")
    parser.add_argument("--backend-settings", type=int, metavar="N", help="the file backend's settings at N instead")
    options = parser.parse_args()
    tools = pulumi_tools()
    print(f"emulator at {options.latency_ms} ms and {RATE:g}/s, file backend, the engine's defaults\n")
    measured: list[Measured] = []
    with emulator(options.latency_ms, RATE) as url:
        if options.backend_settings:
            size = options.backend_settings
            columns = "N | floor s | up s (x) | destroy s (x) | up CPU s | state bytes | one resource"
            print(f"| zoom:phone:BlockedNumber | {columns} |\n|---|---:|---:|---|---|---:|---:|---:|")
            for setting, (env, flags) in SETTINGS.items():
                with tempfile.TemporaryDirectory() as scratch:
                    kind = "zoom:phone:BlockedNumber"
                    found = measure(Path(scratch), tools, url, setting, kind, size, env, flags)
                print(f"{found.row()} {found.state_bytes:,} | {found.resource_bytes:,} |", flush=True)
            return
        print("| shape | N | floor s | up s (x) | destroy s (x) | up CPU s |\n|---|---:|---:|---|---|---:|")
        for size in options.sizes:
            for shape in options.shapes:
                kind, env = SHAPES[shape]
                with tempfile.TemporaryDirectory() as scratch:
                    found = measure(Path(scratch), tools, url, shape, kind, size, env, [])
                measured.append(found)
                print(found.row(), flush=True)
    if options.chart:
        chart(measured, options.chart, options.latency_ms)
        print(f"\nchart: {options.chart}")


if __name__ == "__main__":
    main()
