"""Expected failures read as the package's one line in `pulumi up`'s output, never as a Python traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import PROGRAMS, Stack, new_stack
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.emulator.config import GRANULAR_SCOPES, WRITE_SCOPE

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
ROBOCALLER = {"phone_number": "+19075550100", "comment": "INC-4411"}
TRACKING = r"\(tracking id v=2\.0;clid=emulator;rid=EMU_[0-9a-f]{32}\)"


def failed_up(stack: Stack, *, setting: tuple[str, str] | None = None) -> str:
    """The error lines of an `up` that fails; none of it may be a traceback."""
    if setting:
        stack.run("config", "set", *setting)
    stack.declare(numbers={"robocaller": ROBOCALLER})
    failed = stack.run("up", "--yes", "--skip-preview", ok=False)
    assert "Traceback" not in failed.output
    return failed.stdout


@pytest.fixture
def stack(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    return new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "declared", {"retryBudget": "1"})


def test_cli_wrong_credentials_are_one_line(stack: Stack) -> None:
    shown = failed_up(stack, setting=("zoom:clientId", "not-the-client"))
    assert (
        "    error: zoom_blocklist_provider.core.errors.AuthenticationError: get an access token for account "
        "emulator-account: HTTP 401, Zoom code 4702: Invalid client_id or client_secret"
    ) in shown


def test_cli_a_bad_setting_is_one_line(stack: Stack) -> None:
    shown = failed_up(stack, setting=("zoom:rateLimit", "fast"))
    assert (
        "    error: zoom_blocklist_provider.core.errors.ConfigurationError: reading the Zoom rate limit: zoom:rateLimit "
        "is 'fast' (stack config zoom:rateLimit). Set it to the account's Light requests per second: 20 on Pro, 40 "
        "on Business and up\n"
    ) in shown


def test_cli_429s_beyond_the_retry_budget_are_one_line(stack: Stack, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, method="POST", times=1000, retry_after="seconds")
    shown = failed_up(stack)
    assert re.search(
        r"    error: zoom_blocklist_provider\.core\.errors\.RateLimitedError: create blocked number \+19075550100: "
        r"HTTP 429, Zoom code 429: .*\n",
        shown,
    )


def test_cli_5xx_beyond_the_retries_is_one_line(stack: Stack, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=503, method="POST", times=1000)
    shown = failed_up(stack)
    assert re.search(
        r"    error: zoom_blocklist_provider\.core\.errors\.ServerError: create blocked number \+19075550100: HTTP 503, "
        r"Zoom code \d+: .*\n",
        shown,
    )


def test_cli_a_missing_scope_is_one_line(pulumi_tools: Path, user_venv: Path, tmp_path: Path) -> None:
    scopes = tuple(scope for scope in GRANULAR_SCOPES if scope != WRITE_SCOPE)
    with Emulator(EmulatorConfig(scopes=scopes)) as narrow:
        stack = new_stack(pulumi_tools, user_venv, narrow, tmp_path, PROGRAMS / "declared")
        shown = failed_up(stack)
    assert re.search(
        r"    error: zoom_blocklist_provider\.core\.errors\.PermissionDeniedError: create blocked number \+19075550100: "
        rf"HTTP 400, Zoom code 4711: .*{WRITE_SCOPE}.*{TRACKING}\. Add the scope {WRITE_SCOPE} to the "
        r"Server-to-Server OAuth app in the Zoom App Marketplace\n",
        shown,
    )
