"""The process-wide limiter: spaced schedules per label, shared per account, thread-safe."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from zoom_blocklist_provider.core.errors import ConfigurationError
from zoom_blocklist_provider.zoom import ratelimit
from zoom_blocklist_provider.zoom.ratelimit import LIGHT, MEDIUM, Schedule, limiter_for


@pytest.fixture(autouse=True)
def _idle_accounts() -> Iterator[None]:
    ratelimit.clear_limiters()
    yield
    ratelimit.clear_limiters()


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def starts(schedule: Schedule, fake: FakeTime, calls: int) -> list[float]:
    moments = []
    for _ in range(calls):
        schedule.acquire()
        moments.append(fake.now)
    return moments


def test_schedule_holds_the_configured_rate_over_any_one_second_window() -> None:
    fake = FakeTime()
    moments = starts(Schedule(20.0, clock=fake.clock, sleep=fake.sleep), fake, 100)
    busiest = max(sum(1 for m in moments if start <= m < start + 1.0 - 1e-9) for start in moments)
    assert busiest == 20
    assert moments[-1] == pytest.approx(99 / 20)


def test_schedule_lets_an_idle_caller_through_without_waiting() -> None:
    fake = FakeTime()
    schedule = Schedule(10.0, clock=fake.clock, sleep=fake.sleep)
    schedule.acquire()
    fake.now += 5.0
    assert schedule.acquire() == 0.0


def test_schedule_gives_concurrent_callers_distinct_slots() -> None:
    # A frozen clock and a no-op sleep: each of the 40 callers must reserve its own slot, none the same.
    schedule = Schedule(10.0, clock=lambda: 0.0, sleep=lambda seconds: None)
    waits: list[float] = []
    lock = threading.Lock()

    def caller() -> None:
        for _ in range(10):
            wait = schedule.acquire()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=caller) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([i / 10 for i in range(40)])


def test_light_and_medium_calls_have_separate_schedules() -> None:
    fake = FakeTime()
    limiter = limiter_for("http://x/v2", "acct", light_rate=20.0, medium_rate=10.0, clock=fake.clock, sleep=fake.sleep)
    assert [
        limiter.acquire(LIGHT),
        limiter.acquire(MEDIUM),
        limiter.acquire(LIGHT),
        limiter.acquire(MEDIUM),
    ] == [
        0.0,
        0.0,
        pytest.approx(0.05),
        pytest.approx(0.1 - 0.05),
    ]


def test_limiter_is_shared_per_account_and_takes_the_latest_rates() -> None:
    first = limiter_for("http://x/v2", "acct", light_rate=20.0, medium_rate=10.0)
    again = limiter_for("http://x/v2", "acct", light_rate=40.0, medium_rate=20.0)
    other = limiter_for("http://x/v2", "other")
    assert again is first
    assert other is not first
    assert (first.light.rate, first.medium.rate) == (40.0, 20.0)


def test_a_rate_of_zero_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as raised:
        Schedule(0.0)
    assert str(raised.value) == "a rate limit must be more than 0 requests per second, not 0.0"
