"""The troubleshooting guide's table of errors quotes what the CLI prints: each quoted line (`...` and `<...>` standing
for the parts that vary) is found in the output of a real `pulumi up` of a native YAML program against the emulator
set up to fail that way. A row the suite cannot bring about through the CLI is named below with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import REPO, Stack, new_stack
from tests.cli_e2e.registries import free_port
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
GUIDE = REPO / "docs" / "guides" / "troubleshooting.md"
PROGRAM = """\
name: troubleshooting
runtime: yaml
resources:
  robocaller:
    type: zoom:phone:BlockedNumber
    properties:
      phoneNumber: "+1 (907) 555-0100"
      comment: INC-4411
"""
JSON = "application/json"
# What brings each row's error about, by the words that begin its quote.
SETUPS: dict[str, Callable[[Stack, Emulator], None]] = {
    "pulumi:providers:zoom resource": lambda stack, emu: stack.run("config", "rm", "zoom:accountId"),
    "reading Zoom credentials": lambda stack, emu: [
        stack.run("config", "rm", key) for key in ("zoom:clientId", "zoom:clientSecret")
    ],
    "get an access token": lambda stack, emu: stack.run("config", "set", "zoom:clientId", "not-the-client"),
    "create blocked number +19075550100: HTTP 403": lambda stack, emu: emu.admin.fault(
        kind="raw",
        status=403,
        method="POST",
        content_type=JSON,
        body='{"code": 403, "message": "Zoom Phone has not been enabled for this account"}',
    ),
    "create blocked number +19075550100: HTTP 409": lambda stack, emu: emu.admin.add_entry(
        phone_number="+19075550100", comment="added in the portal"
    ),
    "create blocked number +19075550100: HTTP 429, Zoom code 429: the account's daily": lambda stack, emu: (
        emu.admin.fault(kind="status", status=429, method="POST", rate_limit_type="Daily-limit")
    ),
    "create blocked number +19075550100: HTTP 429, Zoom code 429: You have reached": lambda stack, emu: emu.admin.fault(
        kind="status", status=429, method="POST", times=1000, retry_after="seconds"
    ),
    "create blocked number +19075550100: HTTP 503": lambda stack, emu: emu.admin.fault(
        kind="status", status=503, method="POST", times=1000
    ),
    "create blocked number +19075550100: could not reach": lambda stack, emu: stack.run(
        "config", "set", "zoom:apiUrl", f"http://127.0.0.1:{free_port()}/v2"
    ),
    "create blocked number +19075550100: HTTP 404": lambda stack, emu: stack.run(
        "config", "set", "zoom:apiUrl", emu.api_url.removesuffix("/v2")
    ),
    "create blocked number +19075550100: HTTP 200: the answer is not Zoom's JSON": lambda stack, emu: emu.admin.fault(
        kind="raw", status=200, method="POST", body="<html><body>Proxy sign-in</body></html>"
    ),
}
NOT_RUN = {
    "does not contain scopes": "a missing scope needs an emulator started with fewer scopes: tests/cli_e2e/"
    "test_errors_cli.py holds the same line from the dynamic resources",
    "Invalid country.": "every code the provider's check lets through is one the emulator knows",
    "does not exist": "an entry deleted in the portal between two runs: tests/native hold the error over gRPC",
    "Another entry of the account": "a second up that changes a number: tests/native hold the error over gRPC",
    "This is a bug in zoom-blocklist-provider": "it takes a bug",
}


def quotes() -> list[str]:
    """The first column of the guide's table of errors: what the CLI prints after `error: `."""
    text = GUIDE.read_text().split("## Errors and their fixes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    return [row.split("`", 2)[1] for row in rows]


def pattern(quote: str) -> re.Pattern[str]:
    parts = re.split(r"(\.\.\.|<[a-z ]+>)", quote)
    return re.compile("error: " + "".join(".*?" if part in ("...",) or part.startswith("<") else re.escape(part)
                                          for part in parts if part))  # fmt: skip


@pytest.fixture
def stack(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    (tmp_path / "troubleshooting").mkdir()
    (tmp_path / "troubleshooting" / "Pulumi.yaml").write_text(PROGRAM)
    return new_stack(
        pulumi_tools, user_venv, emu, tmp_path, tmp_path / "troubleshooting", {"retryBudget": "1"}, copy=False
    )


def test_every_row_of_the_error_table_is_brought_about_here_or_says_why_not() -> None:
    rows = quotes()
    covered = {row: [start for start in SETUPS if row.startswith(start)] for row in rows}
    missing = [row for row, starts in covered.items() if not starts and not any(word in row for word in NOT_RUN)]
    assert (len(rows), missing) == (len(SETUPS) + len(NOT_RUN), [])


@pytest.mark.parametrize("start", list(SETUPS))
def test_cli_prints_the_error_the_troubleshooting_table_quotes(start: str, stack: Stack, emu: Emulator) -> None:
    (quote,) = [row for row in quotes() if row.startswith(start)]
    SETUPS[start](stack, emu)
    failed = stack.run("up", "--yes", "--skip-preview", ok=False)
    printed = [line.strip() for line in failed.stdout.splitlines() if line.strip().startswith("error: ")]
    assert [line for line in printed if pattern(quote).fullmatch(line)], (quote, printed)
