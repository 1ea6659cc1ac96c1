"""Send one HTTP request to Zoom and read its answer: a JSON body, an empty success, or the matching error.

The innermost layer of the client: no retries, no rate limiting, no token handling. It must never log a
header, a token or a request body, nor show more of an unreadable response than a short sanitized excerpt.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

from zoom_blocklist_provider.core.errors import (
    ZoomAPIError,
    ZoomConnectionError,
    ZoomError,
    ZoomResponseError,
    api_error,
)
from zoom_blocklist_provider.zoom.ratelimit import LIGHT
from zoom_blocklist_provider.zoom.retry import parse_retry_after

__all__ = ["REDACTED", "Reply", "Request", "Transport", "connection_error", "excerpt", "json_object", "scrubbed"]

log = logging.getLogger("zoom_blocklist_provider")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]+")
_OBJECT_ADDRESS = re.compile(r"<[^<>]* at 0x[0-9a-f]+>:?\s*")
EXCERPT_LENGTH = 100
REDACTED = "[redacted]"
E = TypeVar("E", bound=ZoomError)


@dataclass(frozen=True)
class Request:
    """One call to the API, with what an error message needs: operation, entry, the scope it requires."""

    operation: str
    method: str
    url: str
    entry: str | None = None
    params: Mapping[str, str | int] | None = None
    json: Mapping[str, object] | None = None
    label: str = LIGHT  # Zoom's rate-limit label for the call
    scope: str | None = None


@dataclass(frozen=True)
class Reply:
    """A successful response: its status, its JSON object (None without a body) and Zoom's tracking id."""

    status: int
    body: dict[str, object] | None
    tracking_id: str | None


def excerpt(text: str) -> str:
    """The start of a body, on one printable line, short enough for an error message."""
    flat = " ".join(_UNPRINTABLE.sub(" ", text).split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[:EXCERPT_LENGTH] + "..."


def _hidden(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def scrubbed(error: E, *secrets: str) -> E:
    """`error` with each secret in its message replaced: a proxy or gateway that echoes the request (headers
    included) into its error page must not carry a token or a client secret into an error message."""
    message = _hidden(error.message, secrets)
    if message != error.message:
        error.message = message
        error.args = (message,)
    return error


def json_object(response: requests.Response) -> dict[str, object] | None:
    """The JSON object of a response, None for an empty body; ValueError when it is not a JSON object."""
    if not response.content:
        return None
    body = response.json()
    if not isinstance(body, dict):
        raise ValueError("not a JSON object")
    return body


def unreadable(response: requests.Response, why: str, *, show_body: bool = True, hide: tuple[str, ...] = ()) -> str:
    """The message for a response the client cannot read: its content type and the start of its body.

    Each string in `hide` (a token, a secret) is replaced in the whole body before the excerpt cuts it, so no
    part of one survives at the cut.
    """
    content_type = response.headers.get("Content-Type") or "no content type"
    if not response.content:
        return f"{why}: an empty body ({content_type})"
    shown = f": {excerpt(_hidden(response.text, hide))!r}" if show_body else ""
    return f"{why}: {len(response.content)} bytes of {content_type}{shown}"


def connection_error(
    error: requests.RequestException, url: str, timeout: float, operation: str, entry: str | None
) -> ZoomConnectionError:
    """A ZoomConnectionError naming the URL and, briefly, why (innermost cause, no object addresses)."""
    if isinstance(error, requests.Timeout):
        message = f"no answer from {url} within {timeout:g} s"
    else:
        cause: BaseException = error
        while cause.__context__ is not None and not isinstance(cause, ConnectionResetError):
            cause = cause.__context__
        reason = _OBJECT_ADDRESS.sub("", str(cause) or type(cause).__name__)
        message = f"could not reach {url}: {excerpt(reason)}"
    return ZoomConnectionError(message, url=url, operation=operation, entry=entry, sent=not _never_sent(error))


def _never_sent(error: requests.RequestException) -> bool:
    """True when no connection was made (refused, unresolvable, connect timeout): the request surely did nothing."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reasons = [getattr(arg, "reason", None) for arg in error.args]
    return any(isinstance(reason, NewConnectionError | NameResolutionError) for reason in reasons)


class Transport:
    """Sends a Request with a bearer token and turns the response into a Reply or a ZoomError."""

    def __init__(self, session: requests.Session, timeout: float, *, wall: Callable[[], float] = time.time) -> None:
        self.session = session
        self.timeout = timeout
        self.wall = wall

    def send(self, request: Request, token: str) -> Reply:
        try:
            response = self.session.request(
                request.method,
                request.url,
                params=request.params,
                json=request.json,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            log.debug("%s %s -> %s", request.method, urlsplit(request.url).path, type(error).__name__)
            raise connection_error(error, request.url, self.timeout, request.operation, request.entry) from None
        tracking_id = response.headers.get("x-zm-trackingid")
        log.debug(
            "%s %s -> %s (tracking id %s)",
            request.method,
            urlsplit(request.url).path,
            response.status_code,
            tracking_id,
        )
        try:
            return self.read(request, response, tracking_id, hide=(token,))
        except ZoomError as error:
            raise scrubbed(error, token) from None

    def read(
        self, request: Request, response: requests.Response, tracking_id: str | None, *, hide: tuple[str, ...] = ()
    ) -> Reply:
        status = response.status_code
        if status == 204:  # no body and often no Content-Type: never parse it
            return Reply(status, None, tracking_id)
        try:
            body = json_object(response)
        except ValueError:
            raise self.unreadable(request, response, "the answer is not Zoom's JSON", tracking_id, hide) from None
        if 200 <= status < 300:
            return Reply(status, body, tracking_id)
        if status < 400 or body is None:
            raise self.unreadable(request, response, "the answer is not one Zoom sends", tracking_id, hide)
        raise self.error(request, response, body, tracking_id)

    def unreadable(
        self,
        request: Request,
        response: requests.Response,
        why: str,
        tracking_id: str | None,
        hide: tuple[str, ...] = (),
    ) -> ZoomResponseError:
        return ZoomResponseError(
            unreadable(response, why, hide=hide),
            operation=request.operation,
            entry=request.entry,
            status=response.status_code,
            tracking_id=tracking_id,
        )

    def error(
        self,
        request: Request,
        response: requests.Response,
        body: Mapping[str, object],
        tracking_id: str | None,
    ) -> ZoomAPIError:
        code = body.get("code")
        message = body.get("message")
        text = message if isinstance(message, str) and message else (response.reason or "no message")
        details = body.get("errors")
        if isinstance(details, list) and details:
            text += " (" + "; ".join(_detail(item) for item in details) + ")"
        retry_after_header = response.headers.get("Retry-After")
        reset = f"it resets at {retry_after_header}" if retry_after_header else "it resets once a day"
        return api_error(
            response.status_code,
            code if isinstance(code, int) and not isinstance(code, bool) else None,
            text,
            operation=request.operation,
            entry=request.entry,
            tracking_id=tracking_id,
            scope=request.scope,
            retry_after=parse_retry_after(retry_after_header, self.wall()),
            limit_type=response.headers.get("X-RateLimit-Type"),
            reset_hint=f"{reset}; until then Zoom refuses every call of this account",
        )


def _detail(item: object) -> str:
    if isinstance(item, Mapping):
        return f"{item.get('field', '?')}: {item.get('message', '')}"
    return str(item)
