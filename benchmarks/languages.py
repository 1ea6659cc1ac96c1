"""The same --size (100) native BlockedNumbers from TypeScript, Python, Go and YAML, through the real CLI: time and
calls.

Each program declares --size `zoom:phone:BlockedNumber`s against an emulator at --latency-ms (default 300) and 40
requests/s, and goes through `pulumi up --yes --skip-preview`, a no-op `pulumi preview` and `pulumi destroy --yes
--skip-preview`, each a real `pulumi` process on a file backend. Rows: seconds, API calls, and x the rate-limit
floor (size / 40 per second). The Node.js SDK is built and packed first (scripts/build-nodejs-sdk.sh), and the
TypeScript project installs it as the README says. Go runs through the Automation API, as Go programs run here (no
Go language host): examples/automation-go, built first, applies a CSV of the same entries (its `up` is the Automation
API's, which runs `pulumi up --skip-preview` and then reads the stack's outputs and last update, as every Automation
API tool does; its config comes from the ZOOM_* variables). A script, not a test; it prints a Markdown table.

    .venv/bin/python benchmarks/languages.py                 # about 90 seconds
    .venv/bin/python benchmarks/languages.py --parallel 64
    .venv/bin/python benchmarks/languages.py --size 1000 --parallel 64 --languages YAML Python [--no-checkpoints]
    .venv/bin/python benchmarks/languages.py --size 1000 --languages YAML --recommended
    .venv/bin/python benchmarks/languages.py --size 1000 --languages YAML Python Go --recommended
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cli_scale import RATE, cli_env, config_args, number, pulumi_tools
from driver import PROJECT, emulator

from zoom_blocklist_provider.emulator.admin import EmulatorAdmin

LANGUAGES = ("TypeScript", "Python", "Go", "YAML")
TOOL = "blocklist-apply"


def yaml_program(folder: Path, size: int) -> None:
    lines = ["name: bench-yaml", "runtime: yaml", "resources:"]
    for i in range(size):
        lines += [f"  n{i}:", "    type: zoom:phone:BlockedNumber", "    properties:"]
        lines += [f'      phoneNumber: "{number(i)}"', f'      comment: "INC-{i}"']
    (folder / "Pulumi.yaml").write_text("\n".join(lines) + "\n")


def python_program(folder: Path, size: int) -> None:
    (folder / "Pulumi.yaml").write_text(
        "name: bench-python\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
        f"    virtualenv: {PROJECT / '.venv'}\n"
    )
    (folder / "__main__.py").write_text(
        "import pulumi_zoom as zoom\n\n"
        f"for i in range({size}):\n"
        '    zoom.phone.BlockedNumber(f"n{i}", phone_number=f"+1907{2000000 + i:07d}", comment=f"INC-{i}")\n'
    )


def typescript_program(folder: Path, size: int, tarball: Path) -> None:
    example = PROJECT / "examples" / "native-typescript"
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        shutil.copy(example / name, folder / name)
    (folder / "Pulumi.yaml").write_text("name: bench-typescript\nruntime: nodejs\n")
    (folder / "index.ts").write_text(
        'import * as zoom from "@zoom-blocklist-provider/zoom";\n\n'
        f"for (let i = 0; i < {size}; i++) {{\n"
        '    const digits = String(2000000 + i).padStart(7, "0");\n'
        "    new zoom.phone.BlockedNumber(`n${i}`, { phoneNumber: `+1907${digits}`, comment: `INC-${i}` });\n"
        "}\n"
    )
    npm = ["npm", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run([*npm, "ci"], cwd=folder, check=True, capture_output=True)
    subprocess.run([*npm, "install", str(tarball)], cwd=folder, check=True, capture_output=True)


def go_program(folder: Path, size: int) -> None:
    """examples/automation-go built into `folder`, and a blocklist CSV of the same entries for it."""
    go_env = {**os.environ, "GOFLAGS": "-mod=readonly", "GOTOOLCHAIN": "local"}
    subprocess.run(
        ["go", "build", "-o", str(folder / TOOL), "."], cwd=PROJECT / "examples" / "automation-go", env=go_env,
        check=True,
    )  # fmt: skip
    lines = ["phone_number,comment", *(f"{number(i)},INC-{i}" for i in range(size))]
    (folder / "blocklist.csv").write_text("\n".join(lines) + "\n")


def tool_env(env: dict[str, str], url: str, parallel: int) -> dict[str, str]:
    """The Go tool's environment: its provider's settings as the ZOOM_* variables, as config_args sets them."""
    settings = dict(arg.split("zoom:", 1)[1].split("=", 1) for arg in config_args(url))
    names = {"apiUrl": "API_URL", "oauthUrl": "OAUTH_URL", "accountId": "ACCOUNT_ID", "clientId": "CLIENT_ID"}
    names.update(rateLimit="RATE_LIMIT", clientSecret="CLIENT_SECRET")
    tool = {**env, **{f"ZOOM_{names[key]}": value for key, value in settings.items()}}
    if parallel:
        tool["PULUMI_PARALLEL"] = str(parallel)
    return tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--parallel", type=int, default=0, help="pulumi --parallel; 0: the CLI's default")
    parser.add_argument(
        "--no-checkpoints", action="store_true", help="PULUMI_SKIP_CHECKPOINTS=true (with PULUMI_EXPERIMENTAL=true)"
    )
    parser.add_argument(
        "--recommended",
        action="store_true",
        help="the settings docs/guides/performance.md recommends for a stack of zoom resources only: checkpoints "
        "skipped, PULUMI_DIY_BACKEND_GZIP=true and PULUMI_PARALLEL=64",
    )
    parser.add_argument("--size", type=int, default=100, help="BlockedNumbers in each program")
    parser.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    options = parser.parse_args()
    folder_of_tools = pulumi_tools()
    flags = ["--parallel", str(options.parallel)] if options.parallel else []
    size = options.size
    floor = size / RATE
    print(f"{size} zoom:phone:BlockedNumbers, emulator at {options.latency_ms} ms and {RATE:g}/s, floor {floor:.1f} s")
    print("\n| language | command | calls | s | x floor |\n|---|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch, emulator(options.latency_ms, RATE) as url:
        admin = EmulatorAdmin(url)

        def typescript(folder: Path, size: int) -> None:
            built = subprocess.run(
                [str(PROJECT / "scripts" / "build-nodejs-sdk.sh"), f"{scratch}/dist"], capture_output=True, text=True,
                check=True,
            )  # fmt: skip
            typescript_program(folder, size, Path(built.stdout.strip().splitlines()[-1]))

        makers: dict[str, Callable[[Path, int], None]] = {
            "TypeScript": typescript,
            "Python": python_program,
            "Go": go_program,
            "YAML": yaml_program,
        }
        for language in options.languages:
            folder = Path(scratch) / language
            folder.mkdir()
            makers[language](folder, size)
            env = cli_env(folder_of_tools, Path(scratch) / f"home-{language}", folder)
            if options.no_checkpoints or options.recommended:
                env.update(PULUMI_SKIP_CHECKPOINTS="true", PULUMI_EXPERIMENTAL="true")
            if options.recommended:
                env.update(PULUMI_DIY_BACKEND_GZIP="true", PULUMI_PARALLEL="64")

            def pulumi(*args: str, env: dict[str, str] = env, folder: Path = folder, language: str = language) -> None:
                done = subprocess.run(
                    [str(folder_of_tools / "pulumi"), *args, "--non-interactive"], cwd=folder, env=env,
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    raise SystemExit(f"{language}: pulumi {' '.join(args)} failed:\n{done.stdout[-2000:]}")

            go_env = tool_env(env, url, options.parallel)

            def tool(*args: str, env: dict[str, str] = go_env, folder: Path = folder) -> None:
                done = subprocess.run(
                    [str(folder / TOOL), "-stack", "bench", "-file", str(folder / "blocklist.csv"), *args],
                    cwd=folder, env=env, capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    raise SystemExit(f"Go: {TOOL} {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")

            steps = (
                ("up --skip-preview", ["up", "--yes", "--skip-preview", *flags], floor),
                ("preview (no change)", ["preview", "--expect-no-changes"], 0.0),
                ("destroy --skip-preview", ["destroy", "--yes", "--skip-preview", *flags], floor),
            )
            run: Callable[..., None] = pulumi
            if language == "Go":  # the Automation API's up, preview and destroy; the tool makes its stack itself
                steps = (("up (Automation API)", [], floor), ("preview (no change)", ["-preview"], 0.0))
                steps += (("destroy (Automation API)", ["-destroy"], floor),)
                run = tool
                tool("-destroy")  # makes the stack, outside the timed commands as `stack init` is for the others
            else:
                pulumi("stack", "init", "bench")
                pulumi("config", "set-all", *config_args(url))
            admin.reset()
            for command, args, bound in steps:
                start = len(admin.requests())
                began = time.perf_counter()
                run(*args)
                seconds = time.perf_counter() - began
                log = [r for r in admin.requests()[start:] if not r["path"].endswith("/oauth/token")]
                counted = " ".join(f"{n} {m}" for m, n in sorted(Counter(r["method"] for r in log).items())) or "0"
                times = f"{seconds / bound:.2f}" if bound else "-"
                print(f"| {language} | {command} | {counted} | {seconds:.1f} | {times} |", flush=True)


if __name__ == "__main__":
    main()
