"""A whole account under Pulumi's own import, through the real `pulumi` CLI: what `zoom-blocklist export --format
pulumi-import` and `pulumi import --file` cost for N entries, and that the printed program then plans no change.

An emulator runs with --latency-ms and --rate-limit 40 (as cli_scale.py); the stack's zoom:rateLimit is 40 too. It
holds N entries (added through its admin path, every other id beginning with '-' or '_'), and an empty YAML project
imports them all: once with `pulumi import --file --yes` (a preview pass, then the import, each in its own provider
process), then on fresh stacks with `--skip-preview`, with and without the file backend's checkpoints. The YAML
code the first prints goes into Pulumi.yaml and `pulumi preview --expect-no-changes` must pass. Last, one
`zoom:phone:Blocklist` takes every entry over from the import id `all`, and its printed code plans no change too.
Each row counts in the emulator's log what the command cost; the floor is one listing a pass: pages x latency.

    .venv/bin/python benchmarks/cli_import.py                 # 1,000 entries at 300 ms: a few minutes
    .venv/bin/python benchmarks/cli_import.py --size 200 --latency-ms 0
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from cli_scale import HEADER, LIST_PAGE, RATE, Row, cli_env, config_args, pulumi_tools, run_pulumi
from driver import PROJECT, emulator

from zoom_blocklist_provider.emulator.admin import EmulatorAdmin

PROGRAM = PROJECT / "tests" / "cli_e2e" / "programs" / "native-import"


def zoom_id(n: int) -> str:
    return f"{'-_'[n % 2]}Imported{n:05d}{'k' * 8}"


class ImportStack:
    """An empty YAML project in a scratch folder with its own PULUMI_HOME and file backend."""

    def __init__(self, scratch: Path, tools: Path, url: str) -> None:
        self.tools = tools
        self.url = url
        self.project = scratch / "project"
        shutil.copytree(PROGRAM, self.project)
        (scratch / "backend").mkdir()
        self.env = cli_env(tools, scratch / "home", scratch / "backend")
        self.run("stack", "init", "bench")
        self.run("config", "set-all", *config_args(url))

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        return run_pulumi(self.tools, self.project, {**self.env, **(env or {})}, *args)

    def export(self, path: Path) -> None:
        env = {**self.env, "ZOOM_API_URL": f"{self.url}/v2", "ZOOM_OAUTH_URL": f"{self.url}/oauth/token"}
        env.update(ZOOM_ACCOUNT_ID="emulator-account", ZOOM_CLIENT_ID="emulator-client")
        env.update(ZOOM_CLIENT_SECRET="emulator-secret", ZOOM_RATE_LIMIT=f"{RATE:g}")
        command = [str(PROJECT / ".venv" / "bin" / "zoom-blocklist"), "export", "--format", "pulumi-import"]
        subprocess.run([*command, "--output", str(path)], env=env, capture_output=True, text=True, check=True)


def measured(admin: EmulatorAdmin, label: str, command: str, floor: float, work: object) -> tuple[Row, object]:
    start = len(admin.requests())
    began = time.perf_counter()
    result = work() if callable(work) else None
    seconds = time.perf_counter() - began
    log = admin.requests()[start:]
    calls = Counter(r["method"] for r in log if not r["path"].endswith("/oauth/token"))
    tokens = sum(r["path"].endswith("/oauth/token") for r in log)
    row = Row(label, command, seconds, calls, tokens, sum(r["status"] == 429 for r in log), floor)
    print(row.markdown(), flush=True)
    return row, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="entries in the account")
    parser.add_argument("--latency-ms", type=int, default=300, help="emulator latency per request")
    options = parser.parse_args()
    tools = pulumi_tools()
    version = subprocess.run([str(tools / "pulumi"), "version"], capture_output=True, text=True, check=True)
    print(f"pulumi {version.stdout.strip()}, file backend; emulator at {options.latency_ms} ms and {RATE:g}/s\n")
    print(HEADER, flush=True)
    listing = math.ceil(options.size / LIST_PAGE) * max(options.latency_ms / 1000, 2 / RATE)
    label = f"zoom:phone:BlockedNumber {options.size:,}"
    with emulator(options.latency_ms, RATE) as url, tempfile.TemporaryDirectory() as scratch:
        admin = EmulatorAdmin(url)
        for n in range(options.size):
            admin.add_entry(phone_number=f"+1907{2000000 + n:07d}", comment=f"INC-{n}", id=zoom_id(n))
        first = ImportStack(Path(scratch) / "first", tools, url)
        path = first.project / "import.json"
        measured(admin, label, "zoom-blocklist export --format pulumi-import", listing, lambda: first.export(path))
        _, printed = measured(
            admin,
            label,
            "pulumi import --file --yes",
            2 * listing,
            lambda: first.run("import", "--file", str(path), "--yes"),
        )
        code = yaml.safe_load(str(printed).split("will take effect.", 1)[1])
        if len(code["resources"]) != options.size:
            raise SystemExit(f"the import printed {len(code['resources'])} resources, not {options.size}")
        project = yaml.safe_load((first.project / "Pulumi.yaml").read_text())
        (first.project / "Pulumi.yaml").write_text(yaml.safe_dump({**project, "resources": code["resources"]}))
        measured(admin, label, "preview --expect-no-changes", 0, lambda: first.run("preview", "--expect-no-changes"))
        second = ImportStack(Path(scratch) / "second", tools, url)
        measured(
            admin,
            label,
            "pulumi import --file --yes --skip-preview",
            listing,
            lambda: second.run("import", "--file", str(path), "--yes", "--skip-preview"),
        )
        third = ImportStack(Path(scratch) / "third", tools, url)
        unchecked = {"PULUMI_SKIP_CHECKPOINTS": "true", "PULUMI_EXPERIMENTAL": "true"}
        measured(
            admin,
            label,
            "pulumi import --file --yes --skip-preview, no checkpoints",
            listing,
            lambda: third.run("import", "--file", str(path), "--yes", "--skip-preview", env=unchecked),
        )
        fourth = ImportStack(Path(scratch) / "fourth", tools, url)
        blocklist = f"zoom:phone:Blocklist of {options.size:,}"
        _, printed = measured(
            admin,
            blocklist,
            "pulumi import zoom:phone:Blocklist everything --yes -- all",
            2 * listing,
            lambda: fourth.run("import", "zoom:phone:Blocklist", "everything", "--yes", "--", "all"),
        )
        code = yaml.safe_load(str(printed).split("will take effect.", 1)[1])
        if len(code["resources"]["everything"]["properties"]["entries"]) != options.size:
            raise SystemExit("the Blocklist's import printed another number of entries")
        project = yaml.safe_load((fourth.project / "Pulumi.yaml").read_text())
        (fourth.project / "Pulumi.yaml").write_text(yaml.safe_dump({**project, "resources": code["resources"]}))
        measured(
            admin, blocklist, "preview --expect-no-changes", 0, lambda: fourth.run("preview", "--expect-no-changes")
        )
        writes = admin.requests()
        if any(r["method"] in ("POST", "PATCH", "DELETE") and "/oauth/" not in r["path"] for r in writes):
            raise SystemExit("an import wrote to Zoom")


if __name__ == "__main__":
    main()
