"""The emulator's parts wired together, and the answer to one Zoom request once faults are out of the way.

Order on an API call is Zoom's: route (404/405), bearer token (401 code 124), scope (400 code 4711),
rate limit (429), then the operation. It works on plain values, so it never reads a socket and never
imports outside emulator/.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl

from . import api
from .auth import Authority, RateLimiter
from .config import EmulatorConfig
from .faults import FaultQueue, rate_limited
from .reply import Reply
from .requestlog import RequestLog
from .state import Store

TOKEN_PATH = "/oauth/token"  # noqa: S105 - a URL path, not a password
IDLE_WAIT = 10.0  # seconds reset() and stop() wait for requests in flight; faults delay far less
CATEGORY_LIMITS = {"Light": 20.0, "Medium": 10.0}  # Pro plan, what a fault's 429 reports without --rate-limit


@dataclass
class Request:
    """What the emulator needs from an HTTP request; headers only as far as Zoom reads them."""

    method: str
    path: str
    query: dict[str, str]
    authorization: str | None
    content_type: str
    body: bytes


class App:
    """One emulated account: its entries, tokens, rate limit, queued faults and request log."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.store = Store(config.state_file, ids=config.ids, id_seed=config.id_seed)
        self.authority = Authority(config)
        self.limiter = RateLimiter(config.rate_limit)
        self.faults = FaultQueue()
        self.log = RequestLog()
        self._in_flight = 0
        self.peak_in_flight = 0  # the most API requests ever in flight at once since the last reset
        self._idle = threading.Condition()

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """Marks one API request in flight, from its fault and latency to its last change of the store."""
        with self._idle:
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float = IDLE_WAIT) -> bool:
        """Wait until no API request is in flight (a slow one a client gave up on); False if one outlasts timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def answer(self, request: Request) -> Reply:
        if request.path == TOKEN_PATH:
            if request.method != "POST":
                return api.not_found(request.path)
            return self.authority.issue(request.authorization, self._token_params(request))
        routed = api.route(request.method, request.path)
        if isinstance(routed, Reply):
            return routed
        operation, entry_id = routed
        refusal, account = self.authority.check(request.authorization, operation.scopes)
        if refusal is not None:
            return refusal
        allowed, _remaining = self.limiter.take(account, operation.category)
        limit = self.limiter.limit(operation.category)
        if not allowed and limit is not None:
            reply = rate_limited(operation.category, limit)
            reply.headers["Retry-After"] = "1"
            return reply
        return api.run(operation, self.store, entry_id, request.query, request.body)

    def category(self, method: str, path: str) -> str:
        """The rate-limit label Zoom gives this call ("Light" for anything that is not a Medium operation)."""
        routed = api.route(method, path)
        return "Light" if isinstance(routed, Reply) else routed[0].category

    def qps_limit(self, category: str) -> float:
        limit = self.limiter.limit(category)
        return limit if limit is not None else CATEGORY_LIMITS[category]

    def reset(self) -> None:
        # Issued tokens outlive a reset, as they outlive a wiped blocklist in Zoom: a test that resets between
        # cases must not see a token refresh it did not cause (expire_tokens() is the way to force one).
        # A delayed request of the previous case, its client long gone, must not land in the next one.
        self.wait_idle()
        self.peak_in_flight = 0
        self.store.reset()
        self.limiter.reset()
        self.faults.clear()
        self.log.clear()

    @staticmethod
    def _token_params(request: Request) -> dict[str, str]:
        # Zoom reads grant_type and account_id from the query string or the form body; the body wins.
        params = dict(request.query)
        form = request.content_type.startswith("application/x-www-form-urlencoded")
        if form or (not request.content_type and request.body):
            params.update(parse_qsl(request.body.decode("latin-1"), keep_blank_values=True))
        return params
