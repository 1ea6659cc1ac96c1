"""Zoom's Server-to-Server OAuth as the emulator plays it: token endpoint, bearer checks, scopes, rate limit.

It answers the way Zoom's token endpoint and API gateway do (codes 4700-4741 on the token endpoint, 124 for
a bad or expired token, 4711 for a missing scope, 429 past the per-account rate). It never logs or echoes a
secret.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import EmulatorConfig
from .reply import Reply, json_reply, zoom_error


@dataclass
class Token:
    account_id: str
    scopes: tuple[str, ...]
    expires_at: float  # time.monotonic() seconds


def _token_error(status: int, code: int, error: str, reason: str) -> Reply:
    # Zoom's OAuth errors come as {"reason", "error"} or {"code", "message"}; carrying all four lets a
    # client read either shape.
    return json_reply(status, {"code": code, "message": reason, "reason": reason, "error": error})


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(header[len("Basic ") :], validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, colon, client_secret = decoded.partition(":")
    return (client_id, client_secret) if colon else None


class Authority:
    """Issues tokens for the one configured account and checks them on every API call."""

    def __init__(self, config: EmulatorConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._tokens: dict[str, Token] = {}

    def issue(self, authorization: str | None, params: dict[str, str]) -> Reply:
        """POST /oauth/token: params merge the query string and the form body, as Zoom accepts either."""
        credentials = _basic_credentials(authorization)
        if credentials is None:
            return _token_error(400, 4706, "invalid_request", "Client ID or client secret is missing.")
        client_id, client_secret = credentials
        if not (
            secrets.compare_digest(client_id, self._config.client_id)
            and secrets.compare_digest(client_secret, self._config.client_secret)
        ):
            return _token_error(401, 4702, "invalid_client", "Invalid client_id or client_secret")
        grant_type = params.get("grant_type")
        if grant_type != "account_credentials":
            return _token_error(400, 4705, "unsupported_grant_type", f"Unsupported grant type: {grant_type}")
        account_id = params.get("account_id")
        if not account_id:
            return _token_error(400, 4700, "invalid_request", "Missing account_id.")
        if account_id != self._config.account_id:
            return _token_error(400, 4735, "invalid_request", "Invalid account_id.")
        value = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            # Tokens expired long ago can go; recent ones stay so they answer "expired", not "invalid".
            horizon = now - max(self._config.token_ttl, 3600)
            self._tokens = {k: t for k, t in self._tokens.items() if t.expires_at > horizon}
            self._tokens[value] = Token(account_id, self._config.scopes, now + self._config.token_ttl)
        return json_reply(
            200,
            {
                "access_token": value,
                "token_type": "bearer",
                "expires_in": self._config.token_ttl,
                "scope": " ".join(self._config.scopes),
            },
        )

    def check(self, authorization: str | None, scopes: tuple[str, ...]) -> tuple[Reply | None, str]:
        """(None, account) when the bearer token is valid and holds one of `scopes`, else (refusal, "")."""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            value = ""
        with self._lock:
            token = self._tokens.get(value)
        if token is None:
            return zoom_error(401, 124, "Invalid access token."), ""
        if token.expires_at <= time.monotonic():
            return zoom_error(401, 124, "Access token is expired."), ""
        if not any(scope in token.scopes for scope in scopes):
            message = f"Invalid access token, does not contain scopes:[{scopes[0]}]."
            return zoom_error(400, 4711, message), ""
        return None, token.account_id

    def issued(self) -> list[str]:
        """Every token value still remembered, for tests that scan output for leaked tokens (admin path only)."""
        with self._lock:
            return list(self._tokens)

    def expire_all(self) -> None:
        with self._lock:
            now = time.monotonic()
            for token in self._tokens.values():
                token.expires_at = min(token.expires_at, now)


class RateLimiter:
    """A token bucket per account and rate-limit label, as Zoom counts Light and Medium calls apart: `rate`
    requests/s sustained for Light calls and half that for Medium ones (Zoom's ratio on every plan), bursts up to
    one second's worth."""

    def __init__(self, rate: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock  # tests stop it to see a burst as one moment, however slow the machine
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # (account, label) -> (tokens, last refill)

    def limit(self, category: str) -> float | None:
        """Requests/s allowed for a label ("Light" or "Medium"); None when no rate is set."""
        if self.rate is None:
            return None
        return self.rate / 2 if category == "Medium" else self.rate

    def take(self, account: str, category: str = "Light") -> tuple[bool, int]:
        """(allowed, remaining whole requests this second); always allowed when no rate is set."""
        rate = self.limit(category)
        if rate is None:
            return True, 0
        capacity = max(rate, 1.0)
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get((account, category), (capacity, now))
            tokens = min(capacity, tokens + (now - last) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[(account, category)] = (tokens, now)
        return allowed, int(tokens)

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()
