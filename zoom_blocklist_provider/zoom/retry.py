"""When to send a Zoom request again, how long to wait first, and the loop that does it within a time budget.

The decision lives in `should_retry` and the wait in `sleep_time`, so tests pin each alone; `Retrier` only
loops. It must never send a POST twice after an ambiguous failure without a lookup first (DESIGN rule 6).
"""

from __future__ import annotations

import enum
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TypeVar

from zoom_blocklist_provider.core.errors import (
    RateLimitedError,
    ServerError,
    ZoomConnectionError,
    ZoomError,
    ZoomResponseError,
)

__all__ = [
    "IDEMPOTENT",
    "Decision",
    "Retrier",
    "RetryPolicy",
    "parse_retry_after",
    "should_retry",
    "sleep_time",
]

log = logging.getLogger("zoom_blocklist_provider")
T = TypeVar("T")
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})
_SECONDS = re.compile(r"\d+(\.\d+)?")


class Decision(enum.Enum):
    """What to do after a failed attempt."""

    STOP = "stop"  # raise the error
    RETRY = "retry"  # send the same request again after the wait
    LOOKUP_FIRST = "lookup first"  # the request may have been processed: look before sending it again


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base * 2**n)) seconds."""

    budget: float = 60.0  # seconds from the first attempt; a wait that would pass it is not taken
    base: float = 0.5
    cap: float = 10.0


def should_retry(method: str, error: ZoomError) -> Decision:
    """The one retry decision: 429 (but not the daily limit), 5xx and connection failures are transient.

    A 429 or a connection never made was not processed, so even a POST is sent again. A 5xx or a connection
    lost may have been processed, so an idempotent call is sent again and a POST only after looking for what it
    would create.
    """
    status = error.status
    if isinstance(error, RateLimitedError):
        return Decision.STOP if error.limit_type == "Daily-limit" else Decision.RETRY
    if isinstance(error, ZoomResponseError) and status == 429:
        return Decision.RETRY
    if isinstance(error, ZoomConnectionError) and not error.sent:
        return Decision.RETRY  # never connected, so nothing was processed: even a POST goes again as it is
    transient = isinstance(error, (ZoomConnectionError, ServerError)) or (
        isinstance(error, ZoomResponseError) and status is not None and status >= 500
    )
    if not transient:
        return Decision.STOP
    return Decision.RETRY if method.upper() in IDEMPOTENT else Decision.LOOKUP_FIRST


def sleep_time(attempt: int, error: ZoomError, policy: RetryPolicy, uniform: Callable[[float, float], float]) -> float:
    """Seconds to wait before attempt `attempt + 1`: Zoom's Retry-After when given, else full jitter."""
    if isinstance(error, RateLimitedError) and error.retry_after is not None:
        return max(0.0, error.retry_after)
    return uniform(0.0, min(policy.cap, policy.base * 2**attempt))


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta seconds, an HTTP date or an ISO-8601 timestamp.

    `now` is the wall-clock time (time.time()); a moment past means no wait. None when absent or unreadable.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if _SECONDS.fullmatch(text):
        return float(text)
    moment: datetime | None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is None:
        try:
            # Python 3.10's fromisoformat does not read a trailing "Z", which is how Zoom writes UTC.
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, moment.timestamp() - now)


class Retrier:
    """Runs one attempt after another until success, a STOP decision, or a wait that would pass the budget."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        uniform: Callable[[float, float], float] = random.uniform,
    ) -> None:
        self.policy = policy
        self.clock = clock
        self.sleep = sleep
        self.uniform = uniform

    def deadline(self) -> float:
        """The moment, on `clock`, at which a run started now stops waiting."""
        return self.clock() + self.policy.budget

    def run(
        self,
        method: str,
        attempt: Callable[[], T],
        *,
        deadline: float | None = None,
        lookup: Callable[[float], T | None] | None = None,
    ) -> T:
        """Call `attempt` until it returns; `lookup(deadline)` finds the result of an ambiguous attempt."""
        end = self.deadline() if deadline is None else deadline
        tries = 0
        while True:
            try:
                return attempt()
            except ZoomError as error:
                decision = should_retry(method, error)
                if decision is Decision.STOP or (decision is Decision.LOOKUP_FIRST and lookup is None):
                    raise
                wait = sleep_time(tries, error, self.policy, self.uniform)
                if self.clock() + wait > end:
                    raise
                log.debug("retrying %s in %.3f s after: %s", method, wait, error)
                self.sleep(wait)
                if decision is Decision.LOOKUP_FIRST and lookup is not None:
                    found = lookup(end)
                    if found is not None:
                        return found
                tries += 1
