"""`zoom-blocklist doctor`: check a setup the way a support engineer would, one line per check with its fix.

Credentials present (and where each came from), API and OAuth URLs on one cloud, a fresh token, the granted
scopes covering the five calls, one page of the list. Settings come from the environment (`ZOOM_*`) and flags,
the client secret from the environment only, so it never lands in shell history. This module must never print a
client secret or an access token: every line is also scrubbed of both before it is written.
"""

from __future__ import annotations

import enum
import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import click
import requests

from ..core.errors import ZoomError
from ..core.settings import ACCOUNT_ID, API_URL, CLIENT_ID, CLIENT_SECRET, CLOUD, OAUTH_URL, Key, Setting, ZoomSettings
from ..zoom import Credentials, Endpoints, ZoomPhoneClient
from ..zoom.auth import AccessToken, TokenSource, clear_token_cache
from ..zoom.client import PAGE_SIZE
from .options import account_options, flag, settings_from

__all__ = [
    "CHECKS",
    "SCOPES",
    "Findings",
    "Result",
    "Status",
    "check_credentials",
    "check_endpoints",
    "check_list",
    "check_scopes",
    "check_token",
    "doctor",
    "render",
    "run_checks",
    "scrub",
]

TIMEOUT = 10.0  # seconds per request: a support check should answer quickly or say why not
GRANULAR_HELP = (
    "add {them} to the Server-to-Server OAuth app's scopes in the Zoom App Marketplace and reactivate the app"
)


@dataclass(frozen=True)
class Operation:
    """One blocked-list call and the scopes that allow it: its granular scope, or the classic one."""

    name: str
    granular: str
    classic: str


# Per ../shared/zoom/API.md. Kept here rather than imported from the emulator, which plays Zoom's side.
SCOPES = (
    Operation("list", "phone:read:list_blocked_lists:admin", "phone:read:admin"),
    Operation("get", "phone:read:blocked_list:admin", "phone:read:admin"),
    Operation("create", "phone:write:blocked_list:admin", "phone:write:admin"),
    Operation("update", "phone:update:blocked_list:admin", "phone:write:admin"),
    Operation("delete", "phone:delete:blocked_list:admin", "phone:write:admin"),
)


class Status(enum.Enum):
    """How a check ended; only OK counts as passing, so a WARN also makes the exit code 1."""

    OK = "ok"
    WARN = "WARN"  # probably wrong, worth fixing; later checks still run
    FAIL = "FAIL"
    SKIP = "skip"  # an earlier failure leaves nothing to check


@dataclass(frozen=True)
class Result:
    """What one check found: `detail` says what was seen, `fix` what to change (empty when it passed)."""

    name: str
    status: Status
    detail: str
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.status is Status.OK


@dataclass
class Findings:
    """The settings and what earlier checks established; a check that cannot work without a finding skips."""

    settings: ZoomSettings
    timeout: float = TIMEOUT
    credentials: Credentials | None = None
    endpoints: Endpoints | None = None
    token: AccessToken | None = None
    session: requests.Session = field(default_factory=requests.Session)


def render(result: Result) -> str:
    """One line: status, check name, what was found, and for a failure the fix."""
    fix = f"  -> fix: {result.fix}" if result.fix else ""
    return f"{result.status.value:<6}{result.name:<14}{result.detail}{fix}"


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _line_and_hint(error: ZoomError) -> tuple[str, str]:
    """The error's one line without its hint, and the hint, which the doctor prints as the fix."""
    # Not error.with_hint(""): copying a ZoomConnectionError fails (its __init__ wants `url`).
    hint = error.hint
    error.hint = ""
    try:
        return str(error), hint
    finally:
        error.hint = hint


def _origin(setting: Setting | None, key: Key) -> str:
    if setting:
        return f"from {setting.source}"
    # The secret has no flag on purpose: a flag would put it in shell history and `ps` output.
    return f"missing (no {key.env})" if key is CLIENT_SECRET else f"missing (no {flag(key)}, no {key.env})"


def check_credentials(found: Findings) -> Result:
    """Account id, client id and client secret are each set; says where each came from, never the secret."""
    account, client, secret = (found.settings.get(key) for key in (ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET))
    secret_text = f"client secret set ({secret.source})" if secret else f"client secret {_origin(None, CLIENT_SECRET)}"
    detail = f"account id {_origin(account, ACCOUNT_ID)}, client id {_origin(client, CLIENT_ID)}, {secret_text}"
    missing = found.settings.missing_credentials()
    if missing:
        exports = _and([f"{key.env}=..." for key in missing])
        stack = _and(
            [f"`pulumi config set {'--secret ' if key is CLIENT_SECRET else ''}{key.config} ...`" for key in missing]
        )
        fix = f"export {exports} in this shell; for the provider, {stack} (or the same variables)"
        return Result("credentials", Status.FAIL, detail, fix)
    found.credentials = found.settings.credentials()
    return Result("credentials", Status.OK, detail)


def _cloud_of(host: str) -> str | None:
    for domain, cloud in (("zoomgov.com", "ZoomGov"), ("zoom.us", "commercial Zoom")):
        if host == domain or host.endswith("." + domain):
            return cloud
    return None


def _url_origin(settings: ZoomSettings, key: Key) -> str:
    setting, cloud = settings.get(key), settings.get(CLOUD)
    if setting:
        return setting.source
    return f"cloud {cloud.value}, {cloud.source}" if cloud else "cloud commercial, the default"


def check_endpoints(found: Findings) -> Result:
    """The API and OAuth URLs are usable and on one cloud (or one host); no request is sent."""
    try:
        endpoints = found.settings.endpoints().checked()
    except ZoomError as error:
        return Result("endpoints", Status.FAIL, *_line_and_hint(error))
    found.endpoints = endpoints
    api_host = (urlsplit(endpoints.api_url).hostname or "").lower()
    oauth_host = (urlsplit(endpoints.oauth_url).hostname or "").lower()
    api_cloud, oauth_cloud = _cloud_of(api_host), _cloud_of(oauth_host)
    urls = f"API {endpoints.api_url} and OAuth {endpoints.oauth_url}"
    if api_cloud and api_cloud == oauth_cloud:
        return Result("endpoints", Status.OK, f"{urls} are both {api_cloud}")
    if api_cloud and oauth_cloud:
        detail = (
            f"API {endpoints.api_url} ({_url_origin(found.settings, API_URL)}) is {api_cloud} but OAuth "
            f"{endpoints.oauth_url} ({_url_origin(found.settings, OAUTH_URL)}) is {oauth_cloud}"
        )
        fix = (
            "use one cloud: --cloud gov (zoom:cloud / ZOOM_CLOUD) for a ZoomGov account, commercial otherwise, "
            "and unset zoom:apiUrl / zoom:oauthUrl (ZOOM_API_URL / ZOOM_OAUTH_URL) or point both at that cloud"
        )
        return Result("endpoints", Status.FAIL, detail, fix)
    if api_host == oauth_host:  # the emulator, or a proxy that carries both
        return Result("endpoints", Status.OK, f"{urls} are on one host ({api_host})")
    fix = (
        "point zoom:apiUrl and zoom:oauthUrl (ZOOM_API_URL / ZOOM_OAUTH_URL, or --api-url / --oauth-url) at the "
        "same host, or drop both and use --cloud gov or commercial"
    )
    return Result("endpoints", Status.WARN, f"{urls} are on different hosts ({api_host}, {oauth_host})", fix)


def check_token(found: Findings) -> Result:
    """A fresh token from the token endpoint, with the real TokenSource; its error line when refused."""
    if found.credentials is None or found.endpoints is None:
        missing = "credentials" if found.credentials is None else "usable endpoints"
        return Result("token", Status.SKIP, f"no {missing} to ask with (see above)")
    # A cached token would hide a secret rotated or revoked since; the doctor is its own process, so it
    # can drop the cache, and the list check then reuses the fresh token.
    clear_token_cache()
    source = TokenSource(found.credentials, found.endpoints.oauth_url, session=found.session, timeout=found.timeout)
    try:
        found.token = source.token()
    except ZoomError as error:
        line, hint = _line_and_hint(error)
        fix = hint or "check the credentials and that the app is activated in the Zoom App Marketplace"
        return Result("token", Status.FAIL, line, fix)
    minutes = round((found.token.expires_at - time.monotonic()) / 60)
    detail = f"issued by {found.endpoints.oauth_url} for account {found.credentials.account_id}, valid {minutes} min"
    return Result("token", Status.OK, detail)


def check_scopes(found: Findings) -> Result:
    """The granted scopes allow list, get, create, update and delete (granular or classic scopes)."""
    if found.token is None:
        return Result("scopes", Status.SKIP, "no token to read the granted scopes from (see the token line)")
    granted = found.token.scopes
    missing = [op.granular for op in SCOPES if op.granular not in granted and op.classic not in granted]
    if missing:
        them = "it" if len(missing) == 1 else "them"
        return Result("scopes", Status.FAIL, "missing " + ", ".join(missing), GRANULAR_HELP.format(them=them))
    kinds = {"granular" if op.granular in granted else "classic" for op in SCOPES}
    kind = "granular and classic" if len(kinds) == 2 else kinds.pop()
    return Result("scopes", Status.OK, f"list, get, create, update and delete allowed ({kind} scopes)")


def check_list(found: Findings) -> Result:
    """One page of the blocked list through ZoomPhoneClient, the provider's own client."""
    if found.token is None or found.credentials is None or found.endpoints is None:
        return Result("list", Status.SKIP, "no token to call the API with (see the token line)")
    # No retry budget: the doctor reports what one attempt gets, a 429 or a refused connection included.
    client = ZoomPhoneClient(
        found.credentials, found.endpoints, timeout=found.timeout, retry_budget=0.0, session=found.session
    )
    try:
        count = sum(1 for _ in itertools.islice(client.list(), PAGE_SIZE))
    except ZoomError as error:
        line, hint = _line_and_hint(error)
        url = found.endpoints.api_url
        fix = hint or f"check that {url} is Zoom's API base URL, ending in /v2 (zoom:apiUrl / ZOOM_API_URL / --api-url)"
        return Result("list", Status.FAIL, line, fix)
    more = " (a full first page; more may follow)" if count == PAGE_SIZE else ""
    noun = "entry" if count == 1 else "entries"
    return Result("list", Status.OK, f"list works: {count} {noun}{more} at {found.endpoints.api_url}")


Check = Callable[[Findings], Result]
CHECKS: tuple[Check, ...] = (check_credentials, check_endpoints, check_token, check_scopes, check_list)


def run_checks(found: Findings, checks: tuple[Check, ...] = CHECKS) -> Iterator[Result]:
    """Each check in order, yielded as soon as it is done so a slow request shows where it is."""
    for check in checks:
        yield check(found)


def scrub(line: str, found: Findings) -> str:
    """The line without the secret or the token, in case an endpoint echoed one back in its message."""
    secret = found.settings.get(CLIENT_SECRET)
    for value in filter(None, (secret.value if secret else "", found.token.value if found.token else "")):
        line = line.replace(value, "***")
    return line


@click.command()
@account_options
def doctor(**account: str | None) -> None:
    """Check credentials, endpoints, token, scopes and a list call; exit 0 only when every check is ok.

    The client secret is read from ZOOM_CLIENT_SECRET only, and never printed.
    """
    found = Findings(settings_from(os.environ, account))
    all_ok = True
    with found.session:
        for result in run_checks(found):
            click.echo(scrub(render(result), found))
            all_ok = all_ok and result.ok
    raise SystemExit(0 if all_ok else 1)
