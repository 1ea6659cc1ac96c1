"""ZoomPhoneClient: the five blocked-list calls of one Zoom account, plus find().

Built of thin layers with one job each: authenticate (token, one retry on an expired token) -> retry
(backoff within a budget; a lookup before re-sending an ambiguous POST) -> rate-limit (the account's
process-wide limiter) -> send one request (transport). It never imports Pulumi and never retries a POST
without looking first.
"""

from __future__ import annotations

import builtins
import random
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar
from urllib.parse import quote

import requests

from zoom_blocklist_provider.core.account import COMMERCIAL, Endpoints
from zoom_blocklist_provider.core.errors import AuthenticationError, ConflictError, ZoomError, ZoomResponseError
from zoom_blocklist_provider.core.spec import BlockedEntry, BlockedNumberSpec
from zoom_blocklist_provider.zoom.auth import Credentials, TokenSource
from zoom_blocklist_provider.zoom.ratelimit import MEDIUM, limiter_for
from zoom_blocklist_provider.zoom.retry import Decision, Retrier, RetryPolicy, should_retry
from zoom_blocklist_provider.zoom.transport import Reply, Request, Transport, excerpt

__all__ = ["AMBIGUOUS_HINT", "PAGE_SIZE", "ZoomPhoneClient"]

T = TypeVar("T")
E = TypeVar("E", bound=ZoomError)
PAGE_SIZE = 100  # Zoom's maximum: the fewest Medium calls per listing
_PATH = "/phone/blocked_list"
AMBIGUOUS_HINT = (
    "Zoom may have blocked the number before the failure: if the next attempt finds it already blocked, "
    "that entry is this one (adopt it rather than delete it)"
)


class ZoomPhoneClient:
    """The blocked-list API of one account; safe to share between threads."""

    def __init__(
        self,
        credentials: Credentials,
        endpoints: Endpoints = COMMERCIAL,
        *,
        light_rate: float = 20.0,
        medium_rate: float = 10.0,
        timeout: float = 30.0,
        retry_budget: float = 60.0,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        uniform: Callable[[float, float], float] = random.uniform,
    ) -> None:
        self.credentials = credentials.checked()
        self.endpoints = endpoints.checked()
        session = session or requests.Session()
        self._tokens = TokenSource(credentials, self.endpoints.oauth_url, session=session, timeout=timeout, clock=clock)
        self._retrier = Retrier(RetryPolicy(budget=retry_budget), clock=clock, sleep=sleep, uniform=uniform)
        self._limiter = limiter_for(
            self.endpoints.api_url,
            credentials.account_id,
            light_rate=light_rate,
            medium_rate=medium_rate,
            clock=clock,
            sleep=sleep,
        )
        self._transport = Transport(session, timeout, wall=wall)

    def __repr__(self) -> str:
        return f"ZoomPhoneClient({self.endpoints.api_url!r}, account {self.credentials.account_id!r})"

    # The five calls and find().

    def list(self, *, skip_unreadable: bool = False) -> Iterator[BlockedEntry]:
        """Every entry of the account, page after page (page_size 100) until the next_page_token is empty; with
        skip_unreadable, without the entries this client cannot read (a block type Zoom added later)."""
        return self._entries(None, skip_unreadable=skip_unreadable)

    def get(self, entry_id: str) -> BlockedEntry:
        """One entry; NotFoundError when it does not exist."""
        request = self._request("get blocked number", "GET", entry_id, "phone:read:blocked_list:admin")
        reply = self._call(request)
        return _entry(request, reply, reply.body)

    def create(self, spec: BlockedNumberSpec) -> str:
        """Block a number and return the new entry's id; ConflictError when Zoom already blocks it."""
        request = Request(
            "create blocked number",
            "POST",
            self.endpoints.api_url + _PATH,
            entry=spec.phone_number,
            json=spec.api_body(),
            scope="phone:write:blocked_list:admin",
        )
        deadline = self._retrier.deadline()
        ambiguous = False  # an earlier attempt may have created the entry without our hearing of it

        def lookup(end: float) -> str | None:
            try:
                found = self._find(spec.key(), end)
            except ZoomError as error:  # reported as the create it serves, naming the URL that failed
                raise _renamed(error, request) from None
            return found.id if found else None

        def once(token: str) -> str:
            nonlocal ambiguous
            try:
                return _created_id(request, self._send(request, token))
            except ConflictError:
                # After an ambiguous attempt the 409 is most likely our own entry, which the lookup missed
                # (a listing lagging behind, or a slow request processed after we gave up on it).
                found = lookup(deadline) if ambiguous else None
                if found is None:
                    raise
                return found
            except ZoomResponseError as error:
                # Zoom said yes (2xx) but not which entry: it exists, so find it rather than leave it untracked.
                created = error.status is not None and 200 <= error.status < 300
                ambiguous = ambiguous or created or should_retry("POST", error) is Decision.LOOKUP_FIRST
                found = lookup(deadline) if created else None
                if found is None:
                    raise
                return found
            except ZoomError as error:
                ambiguous = ambiguous or should_retry("POST", error) is Decision.LOOKUP_FIRST
                raise

        def post(token: str) -> str:
            return self._retrier.run("POST", lambda: once(token), deadline=deadline, lookup=lookup)

        try:
            return self._authenticated(post)
        except ZoomError as error:
            if not ambiguous:
                raise
            hint = f"{error.hint.rstrip('.')}; {AMBIGUOUS_HINT}" if error.hint else AMBIGUOUS_HINT
            raise error.with_hint(hint) from None

    def update(self, entry_id: str, fields: Mapping[str, str]) -> None:
        """Change only the given fields of an entry (PATCH); its id stays."""
        if fields:
            scope = "phone:update:blocked_list:admin"
            self._call(self._request("update blocked number", "PATCH", entry_id, scope, dict(fields)))

    def delete(self, entry_id: str) -> None:
        """Remove an entry; NotFoundError when it does not exist."""
        self._call(self._request("delete blocked number", "DELETE", entry_id, "phone:delete:blocked_list:admin"))

    def find(self, phone_number: str, match_type: str, block_type: str) -> BlockedEntry | None:
        """The entry with this number (E.164, as Zoom returns it), match type and block type, if any."""
        return self._find((phone_number, match_type, block_type), None)

    # Helpers of the calls.

    def _request(
        self, operation: str, method: str, entry_id: str, scope: str, body: Mapping[str, object] | None = None
    ) -> Request:
        url = f"{self.endpoints.api_url}{_PATH}/{quote(entry_id, safe='')}"
        return Request(operation, method, url, entry=entry_id, json=body, scope=scope)

    def _find(self, key: tuple[str, str, str], deadline: float | None) -> BlockedEntry | None:
        # An entry this client cannot read (a block type Zoom added later, made in the portal) is not the one a
        # lookup looks for, and must not make every create and adopt of the account fail.
        entries = self._entries(deadline, skip_unreadable=True)
        return next((entry for entry in entries if entry.key() == key), None)

    def _entries(self, deadline: float | None, *, skip_unreadable: bool = False) -> Iterator[BlockedEntry]:
        page_token = ""
        seen: builtins.set[str] = set()
        while True:
            params: dict[str, str | int] = {"page_size": PAGE_SIZE}
            if page_token:
                params["next_page_token"] = page_token
            request = Request(
                "list blocked numbers",
                "GET",
                self.endpoints.api_url + _PATH,
                params=params,
                label=MEDIUM,
                scope="phone:read:list_blocked_lists:admin",
            )
            reply = self._call(request, deadline)
            body = reply.body or {}
            items = body.get("blocked_list") or []
            if not isinstance(items, builtins.list):
                raise _bad(request, reply, f"blocked_list is {type(items).__name__}, not a list")
            for item in items:
                try:
                    entry = _entry(request, reply, item)
                except ZoomResponseError:
                    if not skip_unreadable:
                        raise
                    continue
                yield entry
            next_token = body.get("next_page_token") or ""
            if not isinstance(next_token, str) or next_token in seen:
                raise _bad(request, reply, f"next_page_token {excerpt(repr(next_token))} repeats or is not a string")
            if not next_token:
                return
            seen.add(next_token)
            page_token = next_token

    # The layers: authenticate -> retry -> rate-limit -> send.

    def _call(self, request: Request, deadline: float | None = None) -> Reply:
        def retried(token: str) -> Reply:
            return self._retrier.run(request.method, lambda: self._send(request, token), deadline=deadline)

        return self._authenticated(retried)

    def _authenticated(self, call: Callable[[str], T]) -> T:
        """Run `call` with the account's token; on 401 code 124 drop that token and run it once more."""
        token = self._tokens.token()
        try:
            return call(token.value)
        except AuthenticationError as error:
            if error.code != 124:
                raise
            self._tokens.invalidate(token)
        return call(self._tokens.token().value)

    def _send(self, request: Request, token: str) -> Reply:
        self._limiter.acquire(request.label)
        return self._transport.send(request, token)


def _renamed(error: E, request: Request) -> E:
    renamed = error.with_hint(error.hint)
    renamed.operation, renamed.entry = request.operation, request.entry
    return renamed


def _bad(request: Request, reply: Reply, message: str) -> ZoomResponseError:
    return ZoomResponseError(
        message,
        operation=request.operation,
        entry=request.entry,
        status=reply.status,
        tracking_id=reply.tracking_id,
    )


def _entry(request: Request, reply: Reply, item: object) -> BlockedEntry:
    if not isinstance(item, Mapping):
        raise _bad(request, reply, f"an entry is {type(item).__name__}, not a JSON object")
    try:
        return BlockedEntry.from_api(item)
    except ValueError as error:  # spec.SpecErrors, listing every field it cannot read
        raise _bad(request, reply, f"Zoom sent an entry this client cannot read: {error}") from None


def _created_id(request: Request, reply: Reply) -> str:
    entry_id = (reply.body or {}).get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise _bad(request, reply, "Zoom confirmed the entry without its id")
    return entry_id
