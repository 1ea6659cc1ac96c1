"""Zoom's bad days through the provider server: 429s in each form, the daily limit, and 5xx on every operation.

Every test ends with Zoom holding exactly what the stack declares: one entry per resource, no duplicate, no orphan.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.conftest import stack_config
from tests.engine.harness import Engine, ProviderCallError, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

LIST = "/v2/phone/blocked_list"
ITEM = LIST + "/*"
ROBOCALLER = {"robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}}
CHANGED = {"robocaller": {"phone_number": "+19075550100", "comment": "INC-4412", "status": "inactive"}}


@pytest.fixture(scope="module")
def server(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    running = ProviderServer(log=tmp_path_factory.mktemp("provider") / "provider.log")
    running.configure({**stack_config(emulator), "zoom:rateLimit": "1000", "zoom:retryBudget": "5"})
    yield running
    running.close()


def calls(emu: Emulator) -> list[str]:
    return [f"{call['method']} {call['status']}" for call in emu.admin.api_calls()]


@pytest.mark.parametrize("form", ["seconds", "http-date", "iso"])
def test_429_with_retry_after_is_waited_out_and_posted_once_more(engine: Engine, emu: Emulator, form: str) -> None:
    # A date has whole seconds, so one second ahead may be anything up to a second: only "seconds" is timed here
    # (tests/api/test_client_retry.py pins each form's wait on a fake clock).
    seconds = 1 if form == "seconds" else 0
    emu.admin.fault(kind="status", status=429, method="POST", retry_after=form, retry_after_seconds=seconds)
    started = time.monotonic()
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert time.monotonic() - started >= seconds
    assert calls(emu) == ["POST 429", "POST 201"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_burst_of_429s_without_retry_after_backs_off_until_through(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, method="POST", rate_limit_type=None, times=2)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == ["POST 429", "POST 429", "POST 201"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_daily_limit_fails_fast_with_one_request_and_says_when_it_resets(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, method="POST", rate_limit_type="Daily-limit", retry_after="iso")
    with pytest.raises(ProviderCallError) as failure:
        engine.up(ROBOCALLER)
    assert re.fullmatch(
        re.escape(
            "zoom_blocklist_provider.core.errors.RateLimitedError: create blocked number +19075550100: HTTP 429, "
            "Zoom code 429: the account's daily rate limit is reached: You have reached the maximum daily rate "
            "limit for this API. Refer to the response header for details on when you can make another request. "
            "(tracking id v=2.0;clid=emulator;rid=EMU_"
        )
        + r"[0-9a-f]{32}\)\. It resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; until then Zoom refuses every call of "
        r"this account",
        failure.value.last_line,
    )
    assert calls(emu) == ["POST 429"]
    assert_matches_declaration(emu, engine, {})


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_on_create_is_looked_up_then_posted_once(engine: Engine, emu: Emulator, status: int) -> None:
    emu.admin.fault(kind="status", status=status, method="POST", path=LIST)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == [f"POST {status}", "GET 200", "POST 201"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_after_zoom_created_the_entry_is_found_not_posted_again(engine: Engine, emu: Emulator, status: int) -> None:
    emu.admin.fault(kind="status", status=status, method="POST", path=LIST, processed=True)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == [f"POST {status}", "GET 200"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_on_read_is_retried_by_refresh(engine: Engine, emu: Emulator, status: int) -> None:
    engine.up(ROBOCALLER)
    emu.admin.fault(kind="status", status=status, method="GET")  # a refresh reads from a listing, or GETs
    assert engine.refresh() == {"robocaller": "same"}
    assert calls(emu)[1:] == [f"GET {status}", "GET 200"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_on_update_is_retried_in_place(engine: Engine, emu: Emulator, status: int) -> None:
    engine.up(ROBOCALLER)
    emu.admin.fault(kind="status", status=status, method="PATCH", path=ITEM, processed=status == 502)
    assert engine.up(CHANGED) == {"robocaller": "update"}
    assert calls(emu)[1:] == [f"PATCH {status}", "PATCH 204"]
    assert_matches_declaration(emu, engine, CHANGED)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_on_delete_is_retried_and_gone_counts_as_done(engine: Engine, emu: Emulator, status: int) -> None:
    engine.up(ROBOCALLER)
    emu.admin.fault(kind="status", status=status, method="DELETE", path=ITEM, processed=status == 502)
    engine.destroy()
    assert calls(emu)[1:] == [f"DELETE {status}", "DELETE 400" if status == 502 else "DELETE 204"]
    assert_matches_declaration(emu, engine, {})


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_on_the_listing_of_an_adopt_is_retried(engine: Engine, emu: Emulator, status: int) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="by hand")
    emu.admin.fault(kind="status", status=status, method="GET", path=LIST)
    program = {"robocaller": {**ROBOCALLER["robocaller"], "adopt": True}}
    assert engine.up(program) == {"robocaller": "create"}
    assert calls(emu) == ["POST 409", f"GET {status}", "GET 200", "PATCH 204"]
    assert engine.state["robocaller"].id == existing
    assert_matches_declaration(emu, engine, program)


def test_a_retry_budget_that_is_not_seconds_is_refused_naming_the_setting(emu: Emulator, tmp_path: Path) -> None:
    refusing = ProviderServer(log=tmp_path / "provider.log")
    try:
        refusing.configure({**stack_config(emu), "zoom:retryBudget": "soon"})
        with pytest.raises(ProviderCallError) as failure:
            Engine(refusing).up(ROBOCALLER)
    finally:
        refusing.close()
    assert failure.value.last_line == (
        "zoom_blocklist_provider.core.errors.ConfigurationError: reading zoom:retryBudget: zoom:retryBudget is 'soon' "
        "(stack config zoom:retryBudget). Set it to a number of seconds more than 0 (the default is 60)"
    )
