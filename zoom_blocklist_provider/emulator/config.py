"""How one emulator instance is set up: the account it plays, its credentials, its quirks switched on.

Plain data only. It must never import from the rest of zoom_blocklist_provider: the emulator plays Zoom's
side, and sharing a constant with the client would hide the very mismatches the emulator exists to catch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

READ_LIST_SCOPE = "phone:read:list_blocked_lists:admin"
READ_SCOPE = "phone:read:blocked_list:admin"
WRITE_SCOPE = "phone:write:blocked_list:admin"
UPDATE_SCOPE = "phone:update:blocked_list:admin"
DELETE_SCOPE = "phone:delete:blocked_list:admin"

GRANULAR_SCOPES = (READ_LIST_SCOPE, READ_SCOPE, WRITE_SCOPE, UPDATE_SCOPE, DELETE_SCOPE)
# Apps created before granular scopes carry these two instead; Zoom still honours them.
CLASSIC_READ_SCOPE = "phone:read:admin"
CLASSIC_WRITE_SCOPE = "phone:write:admin"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_ACCOUNT_ID = "emulator-account"
DEFAULT_CLIENT_ID = "emulator-client"
DEFAULT_CLIENT_SECRET = "emulator-secret"  # noqa: S105 - a well-known fake for local use, never a real secret
DEFAULT_TOKEN_TTL = 3600


@dataclass
class EmulatorConfig:
    """Everything an emulator needs before it listens; defaults match `zoom-blocklist emulator --help`."""

    host: str = DEFAULT_HOST
    port: int = 0  # 0 asks the OS for a free port; Emulator.url then names the real one
    account_id: str = DEFAULT_ACCOUNT_ID
    client_id: str = DEFAULT_CLIENT_ID
    # Fake, but a repr that shows a secret teaches the wrong habit to whoever copies it.
    client_secret: str = field(default=DEFAULT_CLIENT_SECRET, repr=False)
    token_ttl: int = DEFAULT_TOKEN_TTL  # seconds an issued access token lives
    latency_ms: int = 0  # added before answering every API and token request
    rate_limit: float | None = None  # requests/s per account; past it, 429 as Zoom answers
    state_file: str | None = None  # entries are loaded from it at start and saved to it on every change
    scopes: tuple[str, ...] = GRANULAR_SCOPES  # what issued tokens carry; drop one to see a scope refusal
    ids: tuple[str, ...] = ()  # issued in order to the first entries created, before any drawn id
    id_seed: int | None = None  # draw ids from this seed (the same every run and after each reset), not at random
