"""The log of every request the emulator answered, for tests and benchmarks to count calls.

Admin requests never enter it. Appends and snapshots take one lock, so concurrent handler threads never lose
or half-write an entry. It records method, path, query and status only: never a header, token or body.
"""

from __future__ import annotations

import threading
import time


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, object]] = []

    def add(self, method: str, path: str, query: dict[str, str], status: int | None) -> None:
        """One answered request; status None means the connection was dropped without an answer."""
        entry: dict[str, object] = {
            "method": method,
            "path": path,
            "query": query,
            "status": status,
            "time": time.time(),
        }
        with self._lock:
            self._entries.append(entry)

    def snapshot(self) -> list[dict[str, object]]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
