"""The retry decision, the wait before each retry, Retry-After in its three forms, and the budgeted loop."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import pytest

from tests.faketime import FakeTime
from zoom_blocklist_provider.core.errors import (
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    ZoomConnectionError,
    ZoomError,
    ZoomResponseError,
)
from zoom_blocklist_provider.zoom.retry import (
    Decision,
    Retrier,
    RetryPolicy,
    parse_retry_after,
    should_retry,
    sleep_time,
)

NOW = datetime(2020, 5, 31, tzinfo=timezone.utc).timestamp()


def rate_limited(limit_type: str | None = "QPS", retry_after: float | None = None) -> RateLimitedError:
    error = RateLimitedError("slow down", status=429)
    error.limit_type, error.retry_after = limit_type, retry_after
    return error


def dropped() -> ZoomConnectionError:
    return ZoomConnectionError("could not reach http://x/v2", url="http://x/v2")


def retrier(fake: FakeTime, budget: float = 60.0) -> Retrier:
    return Retrier(RetryPolicy(budget=budget), clock=fake.clock, sleep=fake.sleep, uniform=lambda low, high: high)


def failing(*errors: ZoomError, then: str = "ok") -> Callable[[], str]:
    queue = list(errors)

    def attempt() -> str:
        if queue:
            raise queue.pop(0)
        return then

    return attempt


@pytest.mark.parametrize(
    ("method", "error", "decision"),
    [
        ("GET", ServerError("x", status=500), Decision.RETRY),
        ("PATCH", dropped(), Decision.RETRY),
        ("DELETE", ServerError("x", status=503), Decision.RETRY),
        ("POST", ServerError("x", status=500), Decision.LOOKUP_FIRST),
        ("POST", dropped(), Decision.LOOKUP_FIRST),
        ("POST", ZoomConnectionError("refused", url="http://x/v2", sent=False), Decision.RETRY),
        ("POST", rate_limited(), Decision.RETRY),
        ("GET", rate_limited(None), Decision.RETRY),
        ("GET", rate_limited("Daily-limit"), Decision.STOP),
        ("GET", NotFoundError("x", status=404), Decision.STOP),
        ("POST", ConflictError("x", status=409), Decision.STOP),
        ("GET", ZoomResponseError("html", status=502), Decision.RETRY),
        ("POST", ZoomResponseError("html", status=503), Decision.LOOKUP_FIRST),
        ("GET", ZoomResponseError("html", status=200), Decision.STOP),
    ],
)
def test_should_retry_decides_per_method_and_error(method: str, error: ZoomError, decision: Decision) -> None:
    assert should_retry(method, error) is decision


def test_sleep_time_is_full_jitter_up_to_the_capped_exponential() -> None:
    calls: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        calls.append((low, high))
        return 0.0

    for attempt in (0, 3, 10):
        sleep_time(attempt, ServerError("x"), RetryPolicy(base=0.5, cap=10.0), uniform)
    assert calls == [(0.0, 0.5), (0.0, 4.0), (0.0, 10.0)]


def test_sleep_time_honors_retry_after_without_jitter() -> None:
    assert sleep_time(0, rate_limited(retry_after=7.0), RetryPolicy(), lambda low, high: 99.0) == 7.0


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Sun, 31 May 2020 00:00:30 GMT", 30.0),
        ("2020-05-31T00:00:30Z", 30.0),
        ("2020-05-31T00:00:30+00:00", 30.0),
        ("2020-05-30T23:00:00Z", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after_reads_seconds_http_dates_and_iso_timestamps(
    header: str | None, seconds: float | None
) -> None:
    assert parse_retry_after(header, NOW) == seconds


def test_retrier_retries_with_growing_waits_until_success() -> None:
    fake = FakeTime()
    result = retrier(fake).run("GET", failing(ServerError("a"), dropped(), ServerError("c")))
    assert (result, fake.sleeps) == ("ok", [0.5, 1.0, 2.0])


def test_retrier_raises_the_last_error_when_the_next_wait_passes_the_budget() -> None:
    fake = FakeTime()
    with pytest.raises(ServerError) as raised:
        retrier(fake, budget=2.0).run("GET", failing(ServerError("first"), ServerError("second"), ServerError("3")))
    assert (str(raised.value), fake.sleeps) == ("3", [0.5, 1.0])


def test_retrier_waits_what_retry_after_asks() -> None:
    fake = FakeTime()
    assert retrier(fake).run("GET", failing(rate_limited(retry_after=3.0))) == "ok"
    assert fake.sleeps == [3.0]


def test_retrier_fails_fast_on_the_daily_limit() -> None:
    fake = FakeTime()
    with pytest.raises(RateLimitedError):
        retrier(fake).run("GET", failing(rate_limited("Daily-limit", retry_after=5.0)))
    assert fake.sleeps == []


def test_retrier_returns_what_the_lookup_finds_after_an_ambiguous_post() -> None:
    lookups: list[float] = []

    def lookup(end: float) -> str:
        lookups.append(end)
        return "id-1"

    result = retrier(FakeTime()).run("POST", failing(dropped()), lookup=lookup)
    assert (result, lookups) == ("id-1", [60.0])


def test_retrier_posts_again_when_the_lookup_finds_nothing() -> None:
    fake = FakeTime()
    assert retrier(fake).run("POST", failing(ServerError("x"), then="id-2"), lookup=lambda end: None) == "id-2"


def test_retrier_never_reposts_without_a_lookup() -> None:
    with pytest.raises(ZoomConnectionError):
        retrier(FakeTime()).run("POST", failing(dropped()))
