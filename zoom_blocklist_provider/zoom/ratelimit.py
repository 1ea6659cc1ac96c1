"""A process-wide limiter per Zoom account: every client in the process stays under the account's limit.

Zoom counts requests per account and per rate-limit label (Light, Medium), whichever app or client sends them;
so the limiters live in a module-level registry keyed by (API URL, account id), one spaced schedule per label.
This module never sends anything and never sleeps except through the injected `sleep`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from zoom_blocklist_provider.core.errors import ConfigurationError

__all__ = ["LIGHT", "MEDIUM", "AccountLimiter", "Schedule", "clear_limiters", "limiter_for"]

LIGHT = "Light"
MEDIUM = "Medium"


class Schedule:
    """At most `rate` request starts per second, spaced 1/rate apart: no burst crosses the limit."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._lock = threading.Lock()
        self._next = float("-inf")
        self.clock = clock
        self.sleep = sleep
        self.rate = rate

    @property
    def rate(self) -> float:
        return self._rate

    @rate.setter
    def rate(self, value: float) -> None:
        if not value > 0:
            raise ConfigurationError(f"a rate limit must be more than 0 requests per second, not {value}")
        self._rate = value

    def acquire(self) -> float:
        """Wait for the next free slot (each caller reserves its own) and return the seconds waited."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next)
            self._next = start + 1.0 / self._rate
        wait = start - now
        if wait > 0:
            self.sleep(wait)
        return wait


@dataclass(frozen=True)
class AccountLimiter:
    """One schedule per rate-limit label of one account."""

    light: Schedule
    medium: Schedule

    def acquire(self, label: str) -> float:
        return (self.medium if label == MEDIUM else self.light).acquire()


_registry: dict[tuple[str, str], AccountLimiter] = {}
_registry_lock = threading.Lock()


def limiter_for(
    api_url: str,
    account_id: str,
    *,
    light_rate: float = 20.0,
    medium_rate: float = 10.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> AccountLimiter:
    """The account's limiter, created on first use; the rates given last apply to all its clients."""
    with _registry_lock:
        limiter = _registry.get((api_url, account_id))
        if limiter is None:
            limiter = AccountLimiter(
                Schedule(light_rate, clock=clock, sleep=sleep),
                Schedule(medium_rate, clock=clock, sleep=sleep),
            )
            _registry[(api_url, account_id)] = limiter
        else:
            limiter.light.rate = light_rate
            limiter.medium.rate = medium_rate
        return limiter


def clear_limiters() -> None:
    """Forget every account's limiter (tests use this to start each case from an idle account)."""
    with _registry_lock:
        _registry.clear()
