"""Helpers for the client's API tests: a fresh process state per test, a client with fast settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zoom_blocklist_provider.core.spec import BlockedNumberSpec, normalize
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints, ZoomPhoneClient, auth, ratelimit

FAST = {"light_rate": 10_000.0, "medium_rate": 10_000.0}


def fresh_process() -> Iterator[None]:
    """No cached token and idle limiters before and after a test: both are process-wide."""
    auth.clear_token_cache()
    ratelimit.clear_limiters()
    yield
    auth.clear_token_cache()
    ratelimit.clear_limiters()


def client_for(credentials: Credentials, endpoints: Endpoints, **options: Any) -> ZoomPhoneClient:
    return ZoomPhoneClient(credentials, endpoints, **{**FAST, **options})


def spec(number: str = "+19075550100", **fields: object) -> BlockedNumberSpec:
    return normalize({"phone_number": number, **fields})


def token_requests(emu: Emulator) -> int:
    return sum(1 for call in emu.admin.requests() if call["path"] == "/oauth/token")
