"""The same stacks as scale.py, through the real `pulumi` CLI on a file backend: calls, tokens and time per command.

An emulator runs with --latency-ms and --rate-limit 40 (Zoom Business's Light limit); the stack's zoom:rateLimit is
40 too. Each stack (BlockedNumbers, or one Blocklist) goes through the commands a user runs, each a real `pulumi`
process, and each row counts in the emulator's log what that command cost:

- preview of the new stack (0 calls), `up --yes --skip-preview` (N POSTs), a no-op `preview`, `up --yes` changing the
  comment of every 10th entry (its preview pass included), `refresh --yes` (a preview pass and the refresh, each
  in its own provider process) and `refresh --yes --skip-preview`, and `destroy --yes --skip-preview`;
- for BlockedNumbers also the create and destroy with PULUMI_SKIP_CHECKPOINTS=true: the file backend rewrites the
  whole state after every step, which grows with the square of the stack, and this shows what that costs;
- floor: the rate limit's bound (changes / 40 per second; pages x latency for a refresh pass); x: s / floor.

The CLI comes from scripts/pulumi-tools.sh --find (run `make cli` first). A script, not a test: it asserts only that
the no-op preview and the refreshes come back clean. It prints a Markdown table.

    .venv/bin/python benchmarks/cli_scale.py --quick                 # 100 BlockedNumbers, a Blocklist of 1,000
    .venv/bin/python benchmarks/cli_scale.py                         # the README's rows at 300 ms: about 25 minutes
    .venv/bin/python benchmarks/cli_scale.py --sizes --set-sizes 10000
    .venv/bin/python benchmarks/cli_scale.py --native --sizes 1000 --set-sizes --parallel 0 64   # the native ones
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from driver import PROJECT, emulator

from zoom_blocklist_provider.emulator.admin import EmulatorAdmin

RATE = 40.0
LIST_PAGE = 100
PROGRAMS = PROJECT / "tests" / "cli_e2e" / "programs"
# Each kind of stack: the program that declares it, and whether it is one resource per entry.
KINDS = {
    "BlockedNumber": ("declared", True),
    "Blocklist": ("declared", False),
    "zoom:phone:BlockedNumber": ("native", True),
    "zoom:phone:Blocklist": ("native", False),
}


@dataclass
class Row:
    stack: str
    command: str
    seconds: float
    calls: Counter[str]
    tokens: int
    throttled: int
    floor: float

    def markdown(self) -> str:
        calls = " ".join(f"{count} {method}" for method, count in sorted(self.calls.items())) or "0"
        ratio = f"{self.seconds / self.floor:.2f}" if self.floor else "-"
        floor = f"{self.floor:.1f}" if self.floor else "-"
        return (
            f"| {self.stack} | {self.command} | {calls} | {self.tokens} | {self.throttled} | {self.seconds:.1f} "
            f"| {floor} | {ratio} |"
        )


HEADER = "| stack | command | calls | tokens | 429 | s | floor s | x floor |\n|---|---|---|---:|---:|---:|---:|---:|"


def pulumi_tools() -> Path:
    found = subprocess.run(
        [str(PROJECT / "scripts" / "pulumi-tools.sh"), "--find"], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        raise SystemExit(found.stderr.strip())
    return Path(found.stdout.strip().splitlines()[-1])


def number(index: int) -> str:
    return f"+1907{2000000 + index:07d}"  # exchanges 200-201 of Alaska's 907: possible numbers, none special


def cli_env(tools: Path, home: Path, backend: Path) -> dict[str, str]:
    """The environment of every `pulumi` command a benchmark runs: the project's .venv and the CLI first on PATH,
    a PULUMI_HOME and file backend of its own, no setting of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_"))}
    env.update(
        PATH=os.pathsep.join([str(PROJECT / ".venv" / "bin"), str(tools), env["PATH"]]),
        PULUMI_HOME=str(home),
        PULUMI_BACKEND_URL=f"file://{backend}",
        PULUMI_CONFIG_PASSPHRASE="",
        PULUMI_SKIP_UPDATE_CHECK="true",
        NO_PROXY="127.0.0.1,localhost",
    )
    return env


def config_args(url: str) -> list[str]:
    """`pulumi config set-all` arguments for the emulator's account at `url`, at the benchmark's rate limit."""
    config = {"apiUrl": f"{url}/v2", "oauthUrl": f"{url}/oauth/token", "accountId": "emulator-account"}
    config.update(clientId="emulator-client", rateLimit=f"{RATE:g}")
    return [*(f"--plaintext=zoom:{k}={v}" for k, v in config.items()), "--secret=zoom:clientSecret=emulator-secret"]


def entries(size: int, revision: int) -> list[dict[str, Any]]:
    return [
        {"phone_number": number(i), "comment": f"INC-{i}" + ("-rev" if revision and i % 10 == 0 else "")}
        for i in range(size)
    ]


def run_pulumi(tools: Path, project: Path, env: dict[str, str], *args: str) -> str:
    """`pulumi <args>` in `project`, its stdout; a failure ends the benchmark with what pulumi printed."""
    at = args.index("--") if "--" in args else len(args)  # --non-interactive before any `--`: ids follow it
    done = subprocess.run(
        [str(tools / "pulumi"), *args[:at], "--non-interactive", *args[at:]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"pulumi {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


class CliStack:
    """One stack of the declared-program in a scratch folder, its own PULUMI_HOME and file backend."""

    def __init__(self, scratch: Path, tools: Path, url: str, kind: str, size: int, parallel: int | None) -> None:
        self.tools = tools
        self.kind = kind
        self.size = size
        self.parallel = ["--parallel", str(parallel)] if parallel else []
        self.admin = EmulatorAdmin(url)
        program, self.per_entry = KINDS[kind]
        self.project = scratch / "examples" / program
        shutil.copytree(PROGRAMS / program, self.project)
        (scratch / ".venv").symlink_to(PROJECT / ".venv", target_is_directory=True)
        (scratch / "backend").mkdir()
        self.env = cli_env(tools, scratch / "home", scratch / "backend")
        self.run("stack", "init", "bench")
        self.run("config", "set-all", *config_args(url))

    def declare(self, revision: int) -> None:
        listed = entries(self.size, revision)
        declared = (
            {"numbers": {f"n{i}": entry for i, entry in enumerate(listed)}}
            if self.per_entry
            else {"lists": {"blocked": listed}}
        )
        (self.project / "declared.json").write_text(json.dumps(declared))

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        return run_pulumi(self.tools, self.project, {**self.env, **(env or {})}, *args)

    @contextmanager
    def measured(self, command: str, floor: float, rows: list[Row]) -> Iterator[None]:
        start = len(self.admin.requests())
        began = time.perf_counter()
        yield
        seconds = time.perf_counter() - began
        log = self.admin.requests()[start:]
        calls = Counter(r["method"] for r in log if not r["path"].endswith("/oauth/token"))
        tokens = sum(r["path"].endswith("/oauth/token") for r in log)
        name = f"{self.kind} {self.size:,}" + (f" --parallel {self.parallel[1]}" if self.parallel else "")
        row = Row(name, command, seconds, calls, tokens, sum(r["status"] == 429 for r in log), floor)
        print(row.markdown(), flush=True)
        rows.append(row)


def bench(
    scratch: Path, tools: Path, url: str, kind: str, size: int, latency_ms: int, parallel: int | None
) -> list[Row]:
    stack = CliStack(scratch, tools, url, kind, size, parallel)
    flags = stack.parallel
    stack.admin.reset()
    rows: list[Row] = []
    writes = size / RATE
    changed = math.ceil(size / 10) / RATE
    refresh_pass = math.ceil(size / LIST_PAGE) * max(latency_ms / 1000, 2 / RATE)
    unchecked = {"PULUMI_SKIP_CHECKPOINTS": "true", "PULUMI_EXPERIMENTAL": "true"}
    stack.declare(0)
    with stack.measured("preview (new stack)", 0, rows):
        stack.run("preview")
    with stack.measured("up --skip-preview", writes, rows):
        stack.run("up", "--yes", "--skip-preview", *flags)
    with stack.measured("preview (no change)", 0, rows):
        stack.run("preview", "--expect-no-changes")
    stack.declare(1)
    with stack.measured("up (10% changed)", changed, rows):
        stack.run("up", "--yes", *flags)
    with stack.measured("refresh", 2 * refresh_pass, rows):
        stack.run("refresh", "--yes", "--expect-no-changes", *flags)
    with stack.measured("refresh --skip-preview", refresh_pass, rows):
        stack.run("refresh", "--yes", "--skip-preview", "--expect-no-changes", *flags)
    with stack.measured("destroy --skip-preview", writes, rows):
        stack.run("destroy", "--yes", "--skip-preview", *flags)
    if stack.per_entry:
        with stack.measured("up --skip-preview, no checkpoints", writes, rows):
            stack.run("up", "--yes", "--skip-preview", *flags, env=unchecked)
        with stack.measured("destroy --skip-preview, no checkpoints", writes, rows):
            stack.run("destroy", "--yes", "--skip-preview", *flags, env=unchecked)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, default=300, help="emulator latency per request")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="BlockedNumber stack sizes")
    parser.add_argument("--set-sizes", type=int, nargs="*", default=[1000, 10000], help="Blocklist sizes")
    parser.add_argument("--quick", action="store_true", help="100 BlockedNumbers and a Blocklist of 1,000")
    parser.add_argument("--native", action="store_true", help="the native zoom:phone resources, not the dynamic ones")
    parser.add_argument("--parallel", type=int, nargs="*", default=[0], help="pulumi --parallel values; 0: default")
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.set_sizes = [100], [1000]
    prefix = "zoom:phone:" if options.native else ""
    tools = pulumi_tools()
    version = subprocess.run([str(tools / "pulumi"), "version"], capture_output=True, text=True, check=True)
    print(f"pulumi {version.stdout.strip()}, file backend; emulator at {options.latency_ms} ms and {RATE:g}/s\n")
    print(HEADER, flush=True)
    began = time.perf_counter()
    with emulator(options.latency_ms, RATE) as url:
        for kind, sizes in ((f"{prefix}BlockedNumber", options.sizes), (f"{prefix}Blocklist", options.set_sizes)):
            for size in sizes:
                for parallel in options.parallel:
                    with tempfile.TemporaryDirectory() as scratch:
                        bench(Path(scratch), tools, url, kind, size, options.latency_ms, parallel or None)
    print(f"\ntotal {time.perf_counter() - began:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
