"""Faults switched on through the admin path: the bad days of a real API, on demand and in order.

A fault names a method and path (exact, or a prefix ending in '*'), fires `times` times, and queued faults
fire first-in first-out. Chaos, when switched on, faults a seeded random share of the requests no queued fault
takes, each with one of its fault templates. This module decides what a fault answers; it never touches sockets,
the store or the log.
"""

from __future__ import annotations

import dataclasses
import datetime
import email.utils
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, fields
from http import HTTPStatus

from .reply import Reply, zoom_error

KINDS = ("status", "delay", "drop", "drop_after", "raw", "expire_tokens")
RETRY_AFTER_FORMS = ("seconds", "http-date", "iso")
RATE_LIMIT_TYPES = ("QPS", "Daily-limit")
QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = (
    "You have reached the maximum daily rate limit for this API. "
    "Refer to the response header for details on when you can make another request."
)
_NULLABLE = frozenset({"method", "path", "retry_after", "rate_limit_type"})
DAILY_LIMIT = 10000  # what X-RateLimit-Limit says for a daily-limit 429; Zoom's depends on the plan


@dataclass
class Fault:
    """One queued fault; see the module docstring and the contracts for what each field means."""

    kind: str
    method: str | None = None  # None: any method
    path: str | None = None  # None: any API call under /v2 (not the token endpoint; name it to fault it)
    times: int = 1
    status: int = 500
    retry_after: str | None = None  # None: no Retry-After header
    retry_after_seconds: int = 1
    rate_limit_type: str | None = "QPS"  # None: a bare 429 with no X-RateLimit-* headers, as some are
    delay_ms: int = 0
    body: str = ""  # for raw: "{authorization}" in it becomes the request's Authorization header, as echoing proxies do
    content_type: str = "text/html"
    processed: bool = False  # status and raw: the request is carried out first, then the fault's answer replaces Zoom's

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.path is None:
            return path.startswith("/v2/")
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path


def parse_fault(raw: object) -> Fault:
    """A Fault from the admin path's JSON body; ValueError naming the bad field otherwise."""
    if not isinstance(raw, Mapping):
        raise ValueError("a fault is a JSON object")
    known = {f.name for f in fields(Fault)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"unknown fault fields: {', '.join(unknown)}")
    if "kind" not in raw:
        raise ValueError(f"kind is required: one of {', '.join(KINDS)}")
    # null means "the default" except where null itself means something (any method, no header).
    fault = Fault(**{key: value for key, value in raw.items() if value is not None or key in _NULLABLE})
    _check_types(fault)
    if fault.kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {fault.kind!r}")
    if fault.retry_after is not None and fault.retry_after not in RETRY_AFTER_FORMS:
        raise ValueError(f"retry_after must be one of {', '.join(RETRY_AFTER_FORMS)} or null")
    if fault.rate_limit_type is not None and fault.rate_limit_type not in RATE_LIMIT_TYPES:
        raise ValueError(f"rate_limit_type must be one of {', '.join(RATE_LIMIT_TYPES)} or null")
    for name in ("times", "status", "retry_after_seconds", "delay_ms"):
        value = getattr(fault, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer")
    if fault.times < 1 or not 100 <= fault.status <= 599:
        raise ValueError("times must be at least 1 and status between 100 and 599")
    if fault.method is not None:
        fault.method = fault.method.upper()
    return fault


def _check_types(fault: Fault) -> None:
    for name in ("method", "path", "body", "content_type"):
        if getattr(fault, name) is not None and not isinstance(getattr(fault, name), str):
            raise ValueError(f"{name} must be a string")
    if not isinstance(fault.processed, bool):
        raise ValueError("processed must be true or false")


def retry_after_value(form: str, seconds: int, now: datetime.datetime | None = None) -> str:
    """Retry-After in each form Zoom has been seen to send: seconds, an HTTP date, or an ISO-8601 instant."""
    if form == "seconds":
        return str(seconds)
    when = (now or datetime.datetime.now(datetime.timezone.utc)) + datetime.timedelta(seconds=seconds)
    if form == "http-date":
        return email.utils.format_datetime(when, usegmt=True)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def rate_limited(category: str, limit: float, *, daily: bool = False, remaining: int = 0) -> Reply:
    """Zoom's 429 with its X-RateLimit-* headers; callers add Retry-After in the form they need."""
    headers = {
        "X-RateLimit-Category": category,
        "X-RateLimit-Type": "Daily-limit" if daily else "QPS",
        "X-RateLimit-Limit": f"{limit:g}",
        "X-RateLimit-Remaining": str(remaining),
    }
    return zoom_error(429, 429, DAILY_MESSAGE if daily else QPS_MESSAGE, headers=headers)


def fault_reply(fault: Fault, category: str, qps_limit: float, authorization: str = "") -> Reply:
    """The answer of a status or raw fault, in place of Zoom's (whether or not the request was carried out)."""
    if fault.kind == "raw":
        return Reply(fault.status, fault.body.replace("{authorization}", authorization).encode(), fault.content_type)
    if fault.status == 429:
        daily = fault.rate_limit_type == "Daily-limit"
        reply = rate_limited(category, DAILY_LIMIT if daily else qps_limit, daily=daily)
        if fault.rate_limit_type is None:
            reply.headers.clear()
    else:
        try:
            phrase = HTTPStatus(fault.status).phrase
        except ValueError:
            phrase = "Error"
        reply = zoom_error(fault.status, fault.status, f"{phrase}.")
    if fault.retry_after is not None:
        reply.headers["Retry-After"] = retry_after_value(fault.retry_after, fault.retry_after_seconds)
    return reply


@dataclass
class Chaos:
    """A share `rate` of the requests, drawn from a generator seeded with `seed`, get one of `faults`."""

    rate: float
    faults: list[Fault]
    generator: random.Random


def parse_chaos(raw: object) -> Chaos | None:
    """Chaos from the admin path's JSON body ({"rate", "seed", "faults"}); None when rate is 0 (chaos off)."""
    if not isinstance(raw, Mapping) or set(raw) - {"rate", "seed", "faults"}:
        raise ValueError("chaos is a JSON object with rate, seed and faults")
    rate, seed, templates = raw.get("rate", 0), raw.get("seed", 0), raw.get("faults", [])
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError("rate must be a number from 0 to 1")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError("seed must be an integer")
    if not isinstance(templates, list) or (rate and not templates):
        raise ValueError("faults must be a non-empty list of faults")
    if rate == 0:
        return None
    return Chaos(float(rate), [parse_fault(template) for template in templates], random.Random(seed))


class FaultQueue:
    """Queued faults, oldest first, then chaos; safe to use from every request thread at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._chaos: Chaos | None = None

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, method: str, path: str) -> Fault | None:
        """The oldest fault matching this request, used once (and dropped when its `times` run out)."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        del self._faults[index]
                    return fault
            if self._chaos is not None and self._chaos.generator.random() < self._chaos.rate:
                template = self._chaos.generator.choice(self._chaos.faults)
                return dataclasses.replace(template) if template.matches(method, path) else None
            return None

    def set_chaos(self, chaos: Chaos | None) -> None:
        with self._lock:
            self._chaos = chaos

    def pending(self) -> int:
        with self._lock:
            return len(self._faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._chaos = None
