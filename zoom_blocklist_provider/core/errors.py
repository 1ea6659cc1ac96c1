"""Every error the Zoom client raises, and the one table that maps an HTTP error response to its class.

```
ZoomError(Exception)                           operation, entry, status, code, message, tracking_id, hint
 ├── ConfigurationError(ZoomError, ValueError)   missing credentials or bad endpoint settings (no HTTP)
 ├── ZoomConnectionError(ZoomError)              could not reach the URL (names it), timeouts included
 ├── BlocklistError(ZoomError)                  some entries of a Blocklist failed: each one, and how to finish
 ├── ZoomResponseError(ZoomError)                a response Zoom would never send: malformed JSON, an HTML
 │                                               page, a created entry without an id, an unknown enum value
 └── ZoomAPIError(ZoomError)                     an HTTP error response, classed by `error_class_for`
      ├── AuthenticationError                    401, token endpoint errors (codes 4700-4741)
      ├── PermissionDeniedError                  403, or a message naming a missing scope (code 4711)
      ├── NotFoundError                          Zoom's own "no such entry": 404, or 400 code 300/400/404,
      │                                          saying the id does not exist (only this means gone)
      ├── PathNotFoundError                      any other 404: the URL reaches no API (a wrong apiUrl)
      ├── ConflictError                          409
      ├── InvalidRequestError                    any other 4xx (400 "Invalid country.", 422)
      ├── RateLimitedError                       429, with retry_after (seconds) and limit_type
      └── ServerError                            5xx
```

BugError(Exception) is apart from the tree: any other exception, which is a bug of the package, said on one line.

`str(error)` is one line that tells the whole story:
`<operation> <entry>: HTTP <status>, Zoom code <code>: <message> (tracking id <id>). <hint>`.
This module must never hold or print an access token or a client secret: callers pass only Zoom's message.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "CREDENTIALS_HINT",
    "TABLE",
    "AuthenticationError",
    "BlocklistError",
    "BugError",
    "ConfigurationError",
    "ConflictError",
    "InvalidRequestError",
    "NotFoundError",
    "PathNotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "Rule",
    "ServerError",
    "ZoomAPIError",
    "ZoomConnectionError",
    "ZoomError",
    "ZoomResponseError",
    "api_error",
    "error_class_for",
]

CREDENTIALS_HINT = (
    "check zoom:accountId / zoom:clientId / zoom:clientSecret in the stack config "
    "(or ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET in the environment)"
)
_URL_HINT = "check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or ZOOM_API_URL / ZOOM_OAUTH_URL)"
_SCOPE_HINT = "add the scope {scope} to the Server-to-Server OAuth app in the Zoom App Marketplace"
_PATH_HINT = (
    "the URL reaches no API: check zoom:apiUrl (or ZOOM_API_URL), which ends in /v2, like Zoom's https://api.zoom.us/v2"
)
_PHONE_HINT = "assign Zoom Phone to the account (a Pro or higher plan with a Zoom Phone license)"
_SCOPE_PATTERN = re.compile(r"\b[a-z_]+:[a-z_]+(?::[a-z_]+)*\b")
_WHITESPACE = re.compile(r"\s+")


E = TypeVar("E", bound="ZoomError")


class ZoomError(Exception):
    """Base of every error from the Zoom client; the attributes hold the parts `str()` joins into one line."""

    def __init__(
        self,
        message: str,
        *,
        operation: str = "",
        entry: str | None = None,
        status: int | None = None,
        code: int | None = None,
        tracking_id: str | None = None,
        hint: str = "",
    ) -> None:
        self.message = _WHITESPACE.sub(" ", message).strip()
        self.operation = operation
        self.entry = entry
        self.status = status
        self.code = code
        self.tracking_id = tracking_id
        self.hint = hint
        super().__init__(self.message)

    def __str__(self) -> str:
        head = " ".join(part for part in (self.operation, self.entry) if part)
        facts = ", ".join(
            part
            for part in (
                f"HTTP {self.status}" if self.status is not None else "",
                f"Zoom code {self.code}" if self.code is not None else "",
            )
            if part
        )
        text = "".join(
            (
                f"{head}: " if head else "",
                f"{facts}: " if facts else "",
                self.message,
                f" (tracking id {self.tracking_id})" if self.tracking_id else "",
            )
        )
        if self.hint:  # a sentence of its own, so it starts with a capital
            text = f"{text}{'' if text.endswith('.') else '.'} {self.hint[:1].upper()}{self.hint[1:]}"
        return _WHITESPACE.sub(" ", text).strip()

    def with_hint(self: E, hint: str) -> E:
        """A copy of this error with another hint (a caller that knows more about the fix)."""
        changed = copy.copy(self)
        changed.hint = hint
        return changed

    def __reduce__(self) -> tuple[object, ...]:
        # BaseException rebuilds a copy or an unpickled error as cls(*args), which fails for subclasses with
        # required keyword arguments (ZoomConnectionError's url): rebuild from the attributes instead.
        return (_restore, (type(self), self.args, dict(self.__dict__)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


def _restore(cls: type[E], args: tuple[object, ...], attributes: dict[str, object]) -> E:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(attributes)
    return error


class ConfigurationError(ZoomError, ValueError):
    """Credentials or endpoint settings are missing or malformed; raised before any HTTP request."""


class ZoomConnectionError(ZoomError):
    """The URL could not be reached, or did not answer in time."""

    def __init__(
        self, message: str, *, url: str, operation: str = "", entry: str | None = None, sent: bool = True
    ) -> None:
        self.url = url
        self.sent = sent  # False: no connection was made, so the request cannot have been carried out
        super().__init__(message, operation=operation, entry=entry, hint=_URL_HINT)


class BlocklistError(ZoomError):
    """Some entries of a Blocklist could not be changed: the counts, each failure, and how to finish, on one line."""


class BugError(Exception):
    """An exception the package did not expect: a bug, reported on one line with the way to see its traceback."""

    @classmethod
    def of(cls, error: BaseException, doing: str) -> BugError:
        kind = type(error).__name__
        return cls(
            f"{doing}: unexpected {kind}: {error}. This is a bug in zoom-blocklist-provider: set zoom:debug to true "
            "(`pulumi config set zoom:debug true`, or ZOOM_DEBUG=true) to see where, and report it with that "
            "traceback"
        )


class ZoomResponseError(ZoomError):
    """A response Zoom would never send: the client cannot read it, so it says what it got instead."""


class ZoomAPIError(ZoomError):
    """Zoom answered with an HTTP error status and (usually) its JSON error body."""


class AuthenticationError(ZoomAPIError):
    """The access token or the credentials behind it were refused."""


class PermissionDeniedError(ZoomAPIError):
    """The credentials are valid but the app lacks a scope, or the account lacks Zoom Phone."""


class NotFoundError(ZoomAPIError):
    """Zoom says the entry does not exist (any more): callers treat this as gone, not as a failure."""


class PathNotFoundError(ZoomAPIError):
    """HTTP 404 without Zoom's "does not exist": the URL reaches no API (an apiUrl without /v2); never a gone entry."""


class ConflictError(ZoomAPIError):
    """The number is already blocked with this match type and block type."""


class InvalidRequestError(ZoomAPIError):
    """Zoom refused the request's content, e.g. `Invalid country.`."""


class RateLimitedError(ZoomAPIError):
    """HTTP 429: `retry_after` is the wait in seconds Zoom asked for; `limit_type` is QPS or Daily-limit."""

    retry_after: float | None = None
    limit_type: str | None = None


class ServerError(ZoomAPIError):
    """HTTP 5xx: Zoom failed; idempotent calls are retried."""


@dataclass(frozen=True)
class Rule:
    """One row of the table: statuses, Zoom codes (None = any) and message pattern (None = any) -> class."""

    statuses: range
    codes: frozenset[int] | None
    pattern: str | None
    cls: type[ZoomAPIError]
    example: str  # a message this row matches; the table test sends it

    def matches(self, status: int, code: int | None, message: str) -> bool:
        return (
            status in self.statuses
            and (self.codes is None or code in self.codes)
            and (self.pattern is None or re.search(self.pattern, message, re.IGNORECASE) is not None)
        )


_ANY_ERROR = range(400, 600)


def _only(status: int) -> range:
    return range(status, status + 1)


# Order matters: the first matching row wins. Scope problems come before 401 because Zoom reports a missing
# scope as "Invalid access token, does not contain scopes" (code 4711), which is not a credential problem.
TABLE: tuple[Rule, ...] = (
    Rule(_only(404), None, r"does not exist", NotFoundError, "Blocked number (Id: X) does not exist."),
    Rule(
        _only(400),
        frozenset({300, 400, 404}),
        r"does not exist",
        NotFoundError,
        "Validation Failed. Blocked number (Id: X) does not exist.",
    ),
    Rule(_only(404), None, None, PathNotFoundError, "No API at /phone/blocked_list."),
    Rule(
        _ANY_ERROR,
        frozenset({4711}),
        None,
        PermissionDeniedError,
        "Invalid access token, does not contain scopes:[phone:read:admin].",
    ),
    Rule(
        range(400, 500),
        None,
        r"does not contain scope|missing scope|scopes?:",
        PermissionDeniedError,
        "Missing scope: phone:write:blocked_list:admin",
    ),
    Rule(_only(401), None, None, AuthenticationError, "Access token is expired."),
    Rule(range(400, 500), frozenset(range(4700, 4742)), None, AuthenticationError, "Invalid client_id or secret"),
    Rule(_only(403), None, None, PermissionDeniedError, "Zoom Phone has not been enabled for this account"),
    Rule(_only(409), None, None, ConflictError, "Blocked number already exists."),
    Rule(_only(429), None, None, RateLimitedError, "You have reached the maximum per-second rate limit."),
    Rule(range(400, 500), None, None, InvalidRequestError, "Invalid country."),
    Rule(range(500, 600), None, None, ServerError, "Internal server error."),
)


def error_class_for(status: int, code: int | None, message: str) -> type[ZoomAPIError]:
    """The class for an error response: the first row of TABLE that matches, ZoomAPIError for none."""
    for rule in TABLE:
        if rule.matches(status, code, message):
            return rule.cls
    return ZoomAPIError


_HINTS: dict[type[ZoomAPIError], str] = {
    AuthenticationError: CREDENTIALS_HINT,
    PathNotFoundError: _PATH_HINT,
    RateLimitedError: "the per-second rate limit held past the retry budget: lower the request rate",
    ServerError: "Zoom failed; try again later and quote the tracking id to Zoom support if it persists",
}


def _hint(cls: type[ZoomAPIError], code: int | None, message: str, scope: str | None) -> str:
    if cls is PermissionDeniedError:
        if "not been enabled" in message.lower():
            return _PHONE_HINT
        named = _SCOPE_PATTERN.search(message)
        missing = named.group(0) if named else scope
        return _SCOPE_HINT.format(scope=missing) if missing else ""
    if cls is AuthenticationError and code == 124:
        return f"a fresh access token was refused too: check the app is activated; {CREDENTIALS_HINT}"
    return _HINTS.get(cls, "")


def api_error(
    status: int,
    code: int | None,
    message: str,
    *,
    operation: str,
    entry: str | None = None,
    tracking_id: str | None = None,
    scope: str | None = None,
    retry_after: float | None = None,
    limit_type: str | None = None,
    reset_hint: str = "",
) -> ZoomAPIError:
    """Build the error for one HTTP error response; `scope` is the one the operation needs, for the hint."""
    cls = error_class_for(status, code, message)
    hint = _hint(cls, code, message, scope)
    if cls is RateLimitedError and limit_type == "Daily-limit":
        message = f"the account's daily rate limit is reached: {message}"
        hint = reset_hint
    error = cls(
        message,
        operation=operation,
        entry=entry,
        status=status,
        code=code,
        tracking_id=tracking_id,
        hint=hint,
    )
    if isinstance(error, RateLimitedError):
        error.retry_after = retry_after
        error.limit_type = limit_type
    return error
