"""Server-to-Server OAuth: one access token per (token URL, account id, client id) per process.

Zoom reports spurious 401s when an app asks for many tokens at once, so the cache is module-level, a caller
that finds no fresh token fetches while the others wait for it, and a token is refreshed a minute before it
expires or once after Zoom calls it expired (401 code 124). This module must never log, print or put in an
error message a client secret or a token: `Credentials` and `AccessToken` hide them from repr.
"""

from __future__ import annotations

import base64
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from zoom_blocklist_provider.core.account import Credentials
from zoom_blocklist_provider.core.errors import (
    CREDENTIALS_HINT,
    AuthenticationError,
    ZoomError,
    ZoomResponseError,
    api_error,
)
from zoom_blocklist_provider.zoom.transport import connection_error, json_object, scrubbed, unreadable

__all__ = ["REFRESH_MARGIN", "AccessToken", "Credentials", "TokenSource", "clear_token_cache"]

log = logging.getLogger("zoom_blocklist_provider")
REFRESH_MARGIN = 60.0  # seconds before expiry at which a token is replaced...
REFRESH_SHARE = 0.1  # ...or this share of its lifetime, when that is shorter: a 2 s token is used for 1.8 s
OPERATION = "get an access token"


@dataclass(frozen=True, eq=False)
class AccessToken:
    """A bearer token, when it must be replaced (on the token source's clock) and the scopes Zoom granted."""

    value: str = field(repr=False)
    expires_at: float
    scopes: frozenset[str]
    lifetime: float = 3600.0

    @property
    def replace_at(self) -> float:
        """When a new token is fetched: REFRESH_MARGIN before expiry, or REFRESH_SHARE of a short lifetime."""
        return self.expires_at - min(REFRESH_MARGIN, self.lifetime * REFRESH_SHARE)


class _Slot:
    """The cached token of one (token URL, account, client); concurrent callers share one fetch."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.token: AccessToken | None = None


_slots: dict[tuple[str, str, str], _Slot] = {}
_slots_lock = threading.Lock()


def clear_token_cache() -> None:
    """Forget every cached token (tests, and a process that switches accounts)."""
    with _slots_lock:
        _slots.clear()


class TokenSource:
    """Hands out the cached token of its account, fetching one only when it is missing or about to expire."""

    def __init__(
        self,
        credentials: Credentials,
        oauth_url: str,
        *,
        session: requests.Session,
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.credentials = credentials
        self.oauth_url = oauth_url
        self.session = session
        self.timeout = timeout
        self.clock = clock

    def _slot(self) -> _Slot:
        key = (self.oauth_url, self.credentials.account_id, self.credentials.client_id)
        with _slots_lock:
            return _slots.setdefault(key, _Slot())

    def token(self) -> AccessToken:
        """The cached token while it is valid (up to its `replace_at`), else a new one."""
        slot = self._slot()
        with slot.lock:
            if slot.token is None or self.clock() >= slot.token.replace_at:
                slot.token = self._fetch()
            return slot.token

    def invalidate(self, token: AccessToken) -> None:
        """Drop `token` if it is still the cached one: of many callers refused with it, one refetches."""
        slot = self._slot()
        with slot.lock:
            if slot.token is token:
                slot.token = None

    def _fetch(self) -> AccessToken:
        entry = f"for account {self.credentials.account_id}"
        try:
            response = self.session.post(
                self.oauth_url,
                data={"grant_type": "account_credentials", "account_id": self.credentials.account_id},
                auth=(self.credentials.client_id, self.credentials.client_secret),
                headers={"Accept": "application/json"},
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise connection_error(error, self.oauth_url, self.timeout, OPERATION, entry) from None
        log.debug("POST %s -> %s", self.oauth_url, response.status_code)
        if response.status_code != 200:
            raise scrubbed(self._error(response, entry), *self._secrets())
        try:
            body = json_object(response) or {}
        except ValueError:
            body = {}
        value, expires_in, scope = (
            body.get("access_token"),
            body.get("expires_in", 3600),
            body.get("scope", ""),
        )
        if not (value and isinstance(value, str) and isinstance(expires_in, int) and isinstance(scope, str)):
            # The body holds a token when it is merely malformed: describe it without showing it.
            why = "the token endpoint answered HTTP 200 without a usable access_token, expires_in and scope in"
            raise ZoomResponseError(unreadable(response, why, show_body=False), operation=OPERATION, entry=entry)
        return AccessToken(value, self.clock() + expires_in, frozenset(scope.split()), float(expires_in))

    def _secrets(self) -> tuple[str, str]:
        """The secret and the Basic credential carrying it, as an echoing proxy would show them."""
        secret = self.credentials.client_secret
        basic = f"{self.credentials.client_id}:{secret}".encode("latin-1", errors="replace")
        return secret, base64.b64encode(basic).decode()

    def _error(self, response: requests.Response, entry: str) -> ZoomError:
        status = response.status_code
        try:
            body = json_object(response) or {}
        except ValueError:
            why = f"the token endpoint answered HTTP {status} with"
            shown = unreadable(response, why, hide=self._secrets())
            return ZoomResponseError(shown, operation=OPERATION, entry=entry, status=status)
        code = body.get("code")
        found = [body.get(key) for key in ("reason", "message", "error_description", "error")]
        message = next((str(text) for text in found if text), response.reason or "no message")
        code = code if isinstance(code, int) and not isinstance(code, bool) else None
        if 400 <= status < 500 and status != 429:
            return AuthenticationError(
                message,
                operation=OPERATION,
                entry=entry,
                status=status,
                code=code,
                hint=_credentials_hint(status, message),
            )
        return api_error(status, code, message, operation=OPERATION, entry=entry)


def _credentials_hint(status: int, message: str) -> str:
    lowered = message.lower()
    if status == 404:
        return "check zoom:oauthUrl (or ZOOM_OAUTH_URL): it is not Zoom's token endpoint"
    if "account" in lowered:
        return "check zoom:accountId (or ZOOM_ACCOUNT_ID)"
    if status == 401 or "client" in lowered:
        return "check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"
    return CREDENTIALS_HINT
