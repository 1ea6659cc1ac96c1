"""What a provider process holds that the pickled provider must not: its settings and its Zoom clients.

The engine pickles the provider object into every state file (`__provider`), so the object itself stays empty.
`configure()` records the stack config here, once per provider process, and the first API call builds one client per
(API URL, account id, client id) from it, shared by every resource and worker thread of the process. Nothing here
runs during preview: check and diff never ask for a client.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from .settings import ZoomSettings, load_settings
from .spec import BlockedEntry
from .zoom import ZoomPhoneClient

_lock = threading.Lock()
_config: dict[str, object] | None = None
_clients: dict[tuple[str, str, str], ZoomPhoneClient] = {}


def configure(config: Mapping[str, object]) -> None:
    """Remember the stack config of this provider process (only the `zoom:` namespace)."""
    global _config  # noqa: PLW0603 - one provider process has one stack config
    with _lock:
        _config = {key: value for key, value in config.items() if key.startswith("zoom:")}


def settings() -> ZoomSettings:
    """The stack config given to `configure()`, falling back to the environment for each key."""
    with _lock:
        config = dict(_config or {})
    return load_settings(config)


def client() -> ZoomPhoneClient:
    """The process's client for the configured account; raises ConfigurationError when credentials are missing."""
    current = settings()
    credentials = current.credentials()
    endpoints = current.endpoints()
    rate = current.rate_limit()
    key = (endpoints.api_url, credentials.account_id, credentials.client_id)
    with _lock:
        existing = _clients.get(key)
        if existing is None:
            existing = ZoomPhoneClient(credentials, endpoints, light_rate=rate, medium_rate=rate / 2)
            _clients[key] = existing
        return existing


def read_entry(entry_id: str) -> BlockedEntry:
    """The live entry for a refresh; raises NotFoundError when it is gone."""
    return client().get(entry_id)


def reset() -> None:
    """Forget the stack config and every client (tests, and a CLI that reconfigures)."""
    global _config  # noqa: PLW0603
    with _lock:
        _config = None
        _clients.clear()
