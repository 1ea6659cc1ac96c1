"""Retries against the emulator: Retry-After forms, the budget, the daily limit, and the ambiguous POST."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.client_support import client_for, fresh_process, spec
from tests.faketime import FakeTime
from zoom_blocklist_provider.core.errors import RateLimitedError, ServerError
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints, ZoomPhoneClient

LIST = "/v2/phone/blocked_list"


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime(start=1000.0)


@pytest.fixture
def client(credentials: Credentials, endpoints: Endpoints, fake: FakeTime) -> ZoomPhoneClient:
    # Sleeping is pinned: the largest jitter is taken and no retry really waits.
    return client_for(credentials, endpoints, clock=fake.clock, sleep=fake.sleep, uniform=lambda low, high: high)


def methods(emu: Emulator) -> list[str]:
    return [call["method"] for call in emu.admin.api_calls()]


def test_429_with_retry_after_in_seconds_waits_that_long(
    emu: Emulator, client: ZoomPhoneClient, fake: FakeTime
) -> None:
    emu.admin.fault(kind="status", status=429, retry_after="seconds", retry_after_seconds=30, method="GET")
    assert list(client.list()) == []
    assert (fake.sleeps, methods(emu)) == ([30.0], ["GET", "GET"])


@pytest.mark.parametrize("form", ["http-date", "iso"])
def test_429_with_retry_after_as_a_date_waits_until_then(
    emu: Emulator, client: ZoomPhoneClient, fake: FakeTime, form: str
) -> None:
    emu.admin.fault(kind="status", status=429, retry_after=form, retry_after_seconds=30, method="GET")
    assert list(client.list()) == []
    assert len(fake.sleeps) == 1
    assert 28.0 < fake.sleeps[0] <= 30.0  # the date has whole seconds
    assert methods(emu) == ["GET", "GET"]


def test_429_without_retry_after_backs_off_with_jitter(emu: Emulator, client: ZoomPhoneClient, fake: FakeTime) -> None:
    emu.admin.fault(kind="status", status=429, rate_limit_type=None, method="GET", times=2)
    assert list(client.list()) == []
    assert fake.sleeps == [0.5, 1.0]


def test_5xx_and_dropped_connections_are_retried_on_get(emu: Emulator, client: ZoomPhoneClient, fake: FakeTime) -> None:
    emu.admin.fault(kind="status", status=503, method="GET")
    emu.admin.fault(kind="drop", method="GET")
    assert list(client.list()) == []
    assert methods(emu) == ["GET", "GET", "GET"]


def test_when_the_budget_runs_out_the_last_error_is_raised(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints, fake: FakeTime
) -> None:
    client = client_for(
        credentials,
        endpoints,
        retry_budget=2.0,
        clock=fake.clock,
        sleep=fake.sleep,
        uniform=lambda lo, hi: hi,
    )
    emu.admin.fault(kind="status", status=503, method="GET", times=5)
    with pytest.raises(ServerError) as raised:
        client.get("abc")
    assert str(raised.value) == (
        f"get blocked number abc: HTTP 503, Zoom code 503: Service Unavailable. (tracking id "
        f"{raised.value.tracking_id}). Zoom failed; try again later and quote the tracking id to Zoom "
        "support if it persists"
    )
    assert (fake.sleeps, methods(emu)) == ([0.5, 1.0], ["GET", "GET", "GET"])


def test_the_daily_limit_fails_fast_saying_when_it_resets(
    emu: Emulator, client: ZoomPhoneClient, fake: FakeTime
) -> None:
    emu.admin.fault(kind="status", status=429, rate_limit_type="Daily-limit", retry_after="iso", method="GET")
    with pytest.raises(RateLimitedError) as raised:
        list(client.list())
    reset = raised.value.hint.removeprefix("it resets at ").split(";")[0]
    assert str(raised.value) == (
        "list blocked numbers: HTTP 429, Zoom code 429: the account's daily rate limit is reached: You have "
        "reached the maximum daily rate limit for this API. Refer to the response header for details on when "
        f"you can make another request. (tracking id {raised.value.tracking_id}). It resets at {reset}; "
        "until then Zoom refuses every call of this account"
    )
    assert (fake.sleeps, methods(emu)) == ([], ["GET"])


def test_an_ambiguous_post_is_looked_up_and_creates_one_entry(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="drop_after", method="POST", path=LIST)
    entry_id = client.create(spec())
    assert [entry["id"] for entry in emu.admin.entries()] == [entry_id]
    assert methods(emu) == ["POST", "GET"]


def test_a_5xx_post_not_found_by_the_lookup_is_posted_again(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="status", status=500, method="POST", path=LIST)
    entry_id = client.create(spec())
    assert [entry["id"] for entry in emu.admin.entries()] == [entry_id]
    assert methods(emu) == ["POST", "GET", "POST"]


def test_a_429_post_is_posted_again_without_a_lookup(emu: Emulator, client: ZoomPhoneClient, fake: FakeTime) -> None:
    emu.admin.fault(kind="status", status=429, retry_after="seconds", retry_after_seconds=2, method="POST")
    client.create(spec())
    assert (fake.sleeps, methods(emu)) == ([2.0], ["POST", "POST"])
