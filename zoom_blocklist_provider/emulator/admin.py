"""EmulatorAdmin: the HTTP client of the emulator's /_emulator/ path, for tests and benchmarks.

It talks HTTP only, so it steers an emulator in this process and one started with `zoom-blocklist emulator`
alike. It must never be used against Zoom itself: the admin path exists only on the emulator.
"""

from __future__ import annotations

import threading
from typing import Any, cast

from requests import HTTPError, Response, Session

ADMIN = "/_emulator"


class EmulatorAdmin:
    """Reads the request log and entries, queues faults, edits entries out of band, expires tokens."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._session = Session()
        # Loopback only: an HTTP(S)_PROXY from the environment must not capture these calls.
        self._session.trust_env = False
        self._lock = threading.Lock()

    def requests(self) -> list[dict[str, Any]]:
        """Every logged request, oldest first: {"method", "path", "query", "status", "time"}."""
        return cast(list[dict[str, Any]], self._call("GET", "/requests").json())

    def api_calls(self) -> list[dict[str, Any]]:
        """The logged requests without the token requests."""
        return [call for call in self.requests() if call["path"] != "/oauth/token"]

    def clear_requests(self) -> None:
        """Empty the request log only: entries, faults and tokens stay, so a test counts what follows."""
        self._call("DELETE", "/requests")

    def reset(self) -> None:
        """Clear entries, queued ids, the request log, queued faults and rate-limit counters; issued tokens stay
        valid, and seeded ids start over."""
        self._call("POST", "/reset")

    def fault(self, **fault: object) -> None:
        """Queue one fault, e.g. fault(kind="status", status=429, retry_after="iso", method="GET").

        Kinds: status (Zoom's error body), raw (any status, body and content type), delay, drop (closed unanswered),
        drop_after (carried out, then closed unanswered), expire_tokens (every token expires, then the request is
        answered). processed=True makes a status or raw fault carry the request out before answering.
        """
        self._call("POST", "/faults", fault)

    def chaos(self, rate: float, *, seed: int = 0, faults: list[dict[str, object]] | None = None) -> None:
        """Fault a seeded random share `rate` of the API requests no queued fault takes, each with one of `faults`.

        rate 0 switches chaos off; so does reset().
        """
        self._call("POST", "/chaos", {"rate": rate, "seed": seed, "faults": faults or []})

    def issued_tokens(self) -> list[str]:
        """Every access token the emulator issued and still remembers: what a leak scan looks for. Never log it."""
        return cast(list[str], self._call("GET", "/tokens").json())

    def pending_faults(self) -> int:
        """How many queued faults have not fired their `times` yet."""
        return int(self._call("GET", "/faults").json()["pending"])

    def entries(self) -> list[dict[str, Any]]:
        """Every stored entry with every field, country included; not logged."""
        return cast(list[dict[str, Any]], self._call("GET", "/entries").json())

    def add_entry(self, **fields: object) -> str:
        """Create an entry out of band, as someone in the web portal would; returns its id.

        `id="-Gq..."` gives the entry exactly that id; without it the entry takes the next id to issue.
        """
        return str(self._call("POST", "/entries", fields).json()["id"])

    def issue_ids(self, *ids: str) -> None:
        """The next entries created, through the API or add_entry, get these ids in order (reset() forgets them)."""
        self._call("POST", "/ids", {"ids": list(ids)})

    def queued_ids(self) -> list[str]:
        """The ids issue_ids() queued that no entry has taken yet."""
        return cast(list[str], self._call("GET", "/ids").json())

    def edit_entry(self, entry_id: str, **fields: object) -> None:
        """Change an entry out of band; unlike the API's PATCH, block_type may become "threat"."""
        self._call("PATCH", f"/entries/{entry_id}", fields)

    def delete_entry(self, entry_id: str) -> None:
        self._call("DELETE", f"/entries/{entry_id}")

    def expire_tokens(self) -> None:
        """Every token issued so far answers 401 code 124 "Access token is expired." from now on."""
        self._call("POST", "/expire-tokens")

    def _call(self, method: str, path: str, payload: dict[str, object] | None = None) -> Response:
        with self._lock:
            response = self._session.request(method, f"{self.url}{ADMIN}{path}", json=payload, timeout=self.timeout)
        if response.status_code >= 400:
            raise HTTPError(
                f"emulator admin {method} {path}: HTTP {response.status_code}: {response.text}",
                response=response,
            )
        return response
