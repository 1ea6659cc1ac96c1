"""The one shape every emulator answer takes before it is written to the socket, and Zoom's error body.

Pure data: it never touches a socket or the store, so every feature module can build answers the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

JSON = "application/json;charset=UTF-8"


@dataclass
class Reply:
    """An HTTP answer: status, body bytes, content type (None for Zoom's bare 204) and extra headers."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, payload: object, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(payload).encode(), JSON, dict(headers or {}))


def zoom_error(
    status: int,
    code: int,
    message: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """Zoom's error body: {"code", "message"} and, for validation failures, the per-field "errors" list."""
    payload: dict[str, object] = {"code": code, "message": message}
    if errors:
        payload["errors"] = errors
    return json_reply(status, payload, headers)


def no_content() -> Reply:
    # Zoom's 204 carries neither a body nor a Content-Type; clients that parse it as JSON must break here too.
    return Reply(204)
