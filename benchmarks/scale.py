"""API calls, tokens, wall time and memory of BlockedNumber and Blocklist stacks from 10 to 10,000 entries.

For each latency, an emulator runs with --latency-ms and --rate-limit (40/s, Zoom Business's Light limit), and the
provider is configured with the same zoom:rateLimit. Each stack goes through five commands, each in a fresh provider
process driven over gRPC as the engine drives it (4 calls at once): a first `up` (create N), a no-op `preview`, an
`up` changing the comment of every 10th entry, a `refresh`, and a `destroy`. It prints one table row per command:

- calls: API requests in the emulator's log; ideal: 1 per change, 0 for a preview, one listing page per 100 entries
  for a refresh; tokens: token requests (ideal 1 per command that calls the API); 429: throttled answers;
- s: wall time; floor: the rate limit's bound (changes / rate for writes; pages x max(latency, 1/list rate) for a
  refresh, whose pages are sequential); x: s / floor; MiB: the provider process's peak resident memory (VmHWM).

A script, not a test: it asserts nothing but that previews and refreshes come back clean.

    .venv/bin/python benchmarks/scale.py --quick                                # about 35 seconds
    .venv/bin/python benchmarks/scale.py                                        # everything: about 27 minutes
    .venv/bin/python benchmarks/scale.py --latency-ms 100 --set-sizes 10 100 1000   # about 3 minutes
    .venv/bin/python benchmarks/scale.py --latency-ms 300                       # about 15 minutes
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from driver import Bench, Measure, Program, emulator
from pulumi.dynamic.dynamic import serialize_provider

from zoom_blocklist_provider.dynamic.blocklist import BlocklistProvider

RATE = 40.0
LIST_PAGE = 100


@dataclass
class Row:
    kind: str
    size: int
    latency_ms: int
    operation: str
    measure: Measure
    ideal: int
    floor: float


def number(index: int) -> str:
    return f"+1907{2000000 + index:07d}"  # exchanges 200-201 of Alaska's 907: possible numbers, none special


def entries(size: int, revision: int) -> list[dict[str, Any]]:
    # Revision 1 changes the comment of every 10th entry: the update every stack goes through.
    return [
        {"phone_number": number(i), "comment": f"INC-{i}" + ("-rev" if revision and i % 10 == 0 else "")}
        for i in range(size)
    ]


def per_entry(size: int, revision: int) -> Program:
    return {f"n{i}": entry for i, entry in enumerate(entries(size, revision))}


def one_set(size: int, revision: int) -> Program:
    return {"blocked": {"entries": entries(size, revision)}}


def run_stack(
    kind: str, build: Callable[[int, int], Program], blob: str | None, size: int, latency_ms: int, url: str, log: Path
) -> list[Row]:
    bench = Bench(url, RATE, blob, log)
    bench.admin.reset()
    changed = math.ceil(size / 10)
    pages = math.ceil(size / LIST_PAGE)
    page_floor = pages * max(latency_ms / 1000, 2 / RATE)
    plan = [
        ("create", lambda: bench.up(build(size, 0)), size, size / RATE),
        ("preview", lambda: bench.preview(build(size, 0)), 0, 0.0),
        ("update", lambda: bench.up(build(size, 1)), changed, changed / RATE),
        ("refresh", bench.refresh, pages, page_floor),
        ("destroy", bench.destroy, size, size / RATE),
    ]
    rows = []
    for operation, run, ideal, floor in plan:
        row = Row(kind, size, latency_ms, operation, run(), ideal, floor)
        print(format_row(row), flush=True)
        rows.append(row)
    return rows


HEADER = (
    "| resource | N | latency | command | calls | ideal | calls/ideal | tokens | 429 | s | floor s | x floor | MiB |\n"
    "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def format_row(row: Row) -> str:
    m = row.measure
    by_method = " ".join(f"{count} {method}" for method, count in sorted(m.calls.items())) or "0"
    ratio = f"{m.api_calls / row.ideal:.2f}" if row.ideal else ("0 calls" if not m.api_calls else "over")
    times = f"{m.seconds / row.floor:.2f}" if row.floor else "-"
    floor = f"{row.floor:.1f}" if row.floor else "-"
    return (
        f"| {row.kind} | {row.size:,} | {row.latency_ms} ms | {row.operation} | {by_method} | {row.ideal:,} | {ratio} "
        f"| {m.tokens} | {m.throttled} | {m.seconds:.1f} | {floor} | {times} | {m.peak_kib / 1024:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, nargs="+", default=[100, 300], help="emulator latencies")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000], help="BlockedNumber stack sizes")
    parser.add_argument("--set-sizes", type=int, nargs="*", default=[10, 100, 1000, 10000], help="Blocklist sizes")
    parser.add_argument("--quick", action="store_true", help="latency 100 ms; 10 and 50 entries; sets of 10 and 200")
    options = parser.parse_args()
    if options.quick:
        options.latency_ms, options.sizes, options.set_sizes = [100], [10, 50], [10, 200]
    blob = serialize_provider(BlocklistProvider())
    began = time.perf_counter()
    print(f"rate limit {RATE:g}/s (emulator --rate-limit and zoom:rateLimit); engine calls at once: 4\n")
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "provider.log"
        for latency in options.latency_ms:
            with emulator(latency, RATE) as url:
                for size in options.sizes:
                    run_stack("BlockedNumber", per_entry, None, size, latency, url, log)
                for size in options.set_sizes:
                    run_stack("Blocklist", one_set, blob, size, latency, url, log)
    print(f"\ntotal {time.perf_counter() - began:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
