"""One pull request's previews through the real CLI, made once a run and read by the review and policy tests.

A stack of both doors' BlockedNumbers and Blocklists is applied against the emulator; then, with nothing changed,
it is previewed under the policy pack with every rule mandatory; then the program changes in every way a pull
request can (entries created, updated, replaced and deleted, Blocklist entries added, changed and removed, through
both doors, breaking each rule once) and is previewed as `pulumi preview --json` prints it plain, and as streamed
events under the pack with every rule advisory, then mandatory; `up` under the mandatory pack follows, with the
emulator's request log cleared first. Before all that, the same stack is previewed with a Blocklist of 1,000 entries
in place of everything else. Each output is a file of the build folder; tests only read them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cli_e2e.conftest import PROGRAMS, Result, Stack, new_stack
from tests.cli_e2e.once import built_once
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

STREAM = {"PULUMI_ENABLE_STREAMING_JSON_PREVIEW": "true"}
RULES = ("comment-ticket", "prefix-min-digits", "unblock-limit", "emergency-ticket")
SETTINGS = {"unblock-limit": {"maxEntries": 5, "maxPercent": 40}}
BIG = 1_000

BASELINE: dict[str, Any] = {
    "native": {
        "numbers": {
            "robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"},
            "old-vendor": {"phone_number": "+44 20 7946 0000", "block_type": "outbound", "comment": "CHG-2240"},
            "scam": {"phone_number": "+1 907 555 0104", "comment": "INC-5120"},
            "drill": {
                "phone_number": "+44 999",
                "match_type": "prefix",
                "block_type": "outbound",
                "allow_emergency": True,
                "comment": "CHG-7001: emergency drill line",
            },
        },
        "lists": {
            "spam": [
                {"phone_number": "+1 907 555 0101", "comment": "INC-4907"},
                {"phone_number": "+1 907 555 0102", "comment": "INC-5012"},
                {"phone_number": "+1 900", "match_type": "prefix", "block_type": "outbound", "comment": "CHG-2201"},
            ]
        },
    },
    "dynamic": {
        "numbers": {
            "fax-line": {"phone_number": "+1 907 555 0110", "comment": "INC-6001"},
            "old-fax": {"phone_number": "+1 907 555 0111", "comment": "INC-6002"},
            "spoofer": {"phone_number": "+1 907 555 0112", "comment": "INC-6003"},
        },
        "lists": {
            "dyn-spam": [
                {"phone_number": "+1 907 555 0120", "comment": "INC-6010"},
                {"phone_number": "+1 907 555 0121", "comment": "INC-6011"},
                {"phone_number": "+1 907 555 0122", "comment": "INC-6012"},
            ]
        },
    },
}
CHANGE: dict[str, Any] = {
    "native": {
        "numbers": {
            "robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411, INC-4502", "status": "inactive"},
            # old-vendor deleted
            "scam": {"phone_number": "+1 907 555 0104", "block_type": "threat", "comment": "INC-5120"},
            "drill": BASELINE["native"]["numbers"]["drill"],
            "emergency": {
                "phone_number": "+1 911",
                "match_type": "prefix",
                "block_type": "outbound",
                "allow_emergency": True,
            },
        },
        "lists": {
            "spam": [
                {"phone_number": "+1 907 555 0101"},  # loses its comment
                # +1 907 555 0102 removed
                {"phone_number": "+1 900", "match_type": "prefix", "block_type": "outbound", "comment": "CHG-2201"},
                {"phone_number": "+44", "match_type": "prefix", "comment": "INC-5301"},
            ]
        },
    },
    "dynamic": {
        "numbers": {
            "fax-line": {"phone_number": "+1 907 555 0110", "comment": "spoofs the fax line"},
            # old-fax deleted
            "spoofer": {"phone_number": "+1 907 555 0112", "block_type": "threat", "comment": "INC-6003"},
            "dyn-new": {"phone_number": "+44 7700 900123", "block_type": "outbound", "comment": "INC-6020"},
        },
        "lists": {
            "dyn-spam": [
                {"phone_number": "+1 907 555 0120", "comment": "INC-6010", "status": "inactive"},
                # +1 907 555 0121 removed
                {"phone_number": "+1 907 555 0122", "comment": "INC-6012"},
                {"phone_number": "+1 907 555 0123", "comment": "INC-6013"},
            ]
        },
    },
}


@dataclass(frozen=True)
class PullRequest:
    """The build folder: each preview's output, and each command's exit code and output, by name."""

    folder: Path

    def text(self, name: str) -> str:
        return (self.folder / name).read_text()

    def result(self, name: str) -> dict[str, Any]:
        result: dict[str, Any] = json.loads((self.folder / f"{name}.result.json").read_text())
        return result

    def path(self, name: str) -> Path:
        return self.folder / name


@pytest.fixture(scope="session")
def pull_request(tmp_path_factory: pytest.TempPathFactory, pulumi_tools: Path, user_venv: Path) -> PullRequest:
    return PullRequest(built_once(tmp_path_factory, "pull-request", lambda root: build(root, pulumi_tools, user_venv)))


def pack_config(root: Path, level: str) -> Path:
    """Every rule at `level`, with the test's limits."""
    config = root / f"policies-{level}.json"
    config.write_text(json.dumps({rule: {"enforcementLevel": level, **SETTINGS.get(rule, {})} for rule in RULES}))
    return config


def build(root: Path, tools: Path, venv: Path) -> Path:
    out = root / "out"
    out.mkdir()
    pack = ["--policy-pack", str(venv / "bin" / "zoom-blocklist-policies"), "--policy-pack-config"]
    mandatory, advisory = pack_config(root, "mandatory"), pack_config(root, "advisory")
    with Emulator(EmulatorConfig()) as emu:
        stack = new_stack(tools, venv, emu, root / "pr", PROGRAMS / "both-doors", name="pr")
        # First, before anything is applied, the stack as it would be with a Blocklist of 1,000 entries.
        entries = [{"phone_number": f"+1 907 555 {i:04d}", "comment": f"INC-{7000 + i}"} for i in range(BIG)]
        stack.declare(native={"lists": {"big": entries}})
        keep(out, "big.json", stack, "preview", "--json")
        stack.declare(**BASELINE)
        stack.run("up", "--yes", "--skip-preview")
        keep(out, "nothing.jsonl", stack, "preview", "--json", *pack, str(mandatory), env=STREAM)
        stack.declare(**CHANGE)
        keep(out, "change.json", stack, "preview", "--json")
        keep(out, "advisory.jsonl", stack, "preview", "--json", *pack, str(advisory), env=STREAM)
        keep(out, "mandatory.jsonl", stack, "preview", "--json", *pack, str(mandatory), env=STREAM, ok=False)
        emu.admin.clear_requests()
        keep(out, "up.txt", stack, "up", "--yes", *pack, str(mandatory), ok=False)
        (out / "requests.json").write_text(json.dumps(emu.admin.requests()))
    return out


def keep(out: Path, name: str, stack: Stack, *args: str, env: dict[str, str] | None = None, ok: bool = True) -> Result:
    """`pulumi <args>` with `env` added; its stdout in out/<name>, its exit code and output beside."""
    saved = dict(stack.env)
    stack.env.update(env or {})
    try:
        result = stack.run(*args, ok=ok)
    finally:
        stack.env.clear()
        stack.env.update(saved)
    (out / name).write_text(result.stdout)
    summary = {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}
    (out / f"{name}.result.json").write_text(json.dumps(summary))
    return result
