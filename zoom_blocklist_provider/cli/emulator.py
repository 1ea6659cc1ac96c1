"""`zoom-blocklist emulator`: a local Zoom Phone API for hand use, and the portal user's side of it.

`zoom-blocklist emulator` serves until SIGINT or SIGTERM and prints, after its readiness line (the first line, which
scripts wait for), the `pulumi config set` lines and `ZOOM_*` exports that point a stack or a shell at it.
`emulator add` creates an entry as someone in the Zoom web portal would (out of band, outside any Pulumi state);
`emulator log` prints the requests it answered. Both talk to a running emulator over its admin path only.

A client secret given with --client-secret is never printed: the lines then prompt for it instead. The default one
is the emulator's public fake, shown by --help, and printed as is.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

import click
from requests import ConnectionError as RequestsConnectionError
from requests import HTTPError, Timeout

from ..emulator import Emulator, EmulatorAdmin, EmulatorConfig
from ..emulator.config import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_HOST,
    DEFAULT_TOKEN_TTL,
)
from ..emulator.state import StateFileError, UnusableIdError

T = TypeVar("T")
DEFAULT_PORT = 8787
DEFAULT_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"
URL_OPTION = click.option(
    "--url",
    default=DEFAULT_URL,
    show_default=True,
    envvar="ZOOM_EMULATOR_URL",
    help="The running emulator, as its first line printed it (default also: ZOOM_EMULATOR_URL).",
)


def pointing_lines(running: Emulator, config: EmulatorConfig) -> list[str]:
    """What a user runs to point a stack, or a shell, at `running`."""
    known = config.client_secret == DEFAULT_CLIENT_SECRET
    secret_set = f"pulumi config set --secret zoom:clientSecret{' ' + DEFAULT_CLIENT_SECRET if known else ''}"
    secret_export = (
        f"export ZOOM_CLIENT_SECRET={DEFAULT_CLIENT_SECRET}"
        if known
        else "read -rs ZOOM_CLIENT_SECRET && export ZOOM_CLIENT_SECRET  # the --client-secret you gave"
    )
    return [
        "Point a stack at it (in the project's folder, with the stack selected):",
        f"  pulumi config set zoom:apiUrl {running.api_url}",
        f"  pulumi config set zoom:oauthUrl {running.oauth_url}",
        f"  pulumi config set zoom:accountId {config.account_id}",
        f"  pulumi config set zoom:clientId {config.client_id}",
        f"  {secret_set}",
        "Or a shell (zoom-blocklist export and doctor, programs without zoom:* config):",
        f"  export ZOOM_API_URL={running.api_url}",
        f"  export ZOOM_OAUTH_URL={running.oauth_url}",
        f"  export ZOOM_ACCOUNT_ID={config.account_id}",
        f"  export ZOOM_CLIENT_ID={config.client_id}",
        f"  {secret_export}",
        "Add an entry as a portal user would, and read the request log:",
        f"  zoom-blocklist emulator add --url {running.url} +19075550199 --comment 'added in the portal'",
        f"  zoom-blocklist emulator log --url {running.url}",
    ]


@click.group(invoke_without_command=True)
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to listen on; 0 picks a free one."
)
@click.option("--account-id", default=DEFAULT_ACCOUNT_ID, show_default=True, help="Account the tokens are for.")
@click.option("--client-id", default=DEFAULT_CLIENT_ID, show_default=True, help="Client id the token endpoint accepts.")
@click.option(
    "--client-secret",
    default=DEFAULT_CLIENT_SECRET,
    show_default=True,
    help="Client secret the token endpoint accepts.",
)
@click.option(
    "--token-ttl",
    default=DEFAULT_TOKEN_TTL,
    show_default=True,
    type=click.IntRange(min=1),
    help="Token lifetime in seconds.",
)
@click.option(
    "--latency-ms",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Milliseconds added to every call.",
)
@click.option(
    "--rate-limit",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="Light requests/s per account before 429; Medium (list) calls get half (default: no limit).",
)
@click.option(
    "--state",
    "state_file",
    default=None,
    type=click.Path(dir_okay=False),
    help="JSON file the entries are loaded from and saved to on every change.",
)
@click.option(
    "--issue-id",
    "ids",
    multiple=True,
    metavar="ID",
    help="Give the next entry created this id (repeat for the ones after it, in order), e.g. --issue-id=-Gq3xV.",
)
@click.option(
    "--id-seed",
    default=None,
    type=int,
    help="Draw every other id from this seed: the same ids every run (default: at random, as Zoom's look).",
)
@click.pass_context
def emulator(ctx: click.Context, /, **options: Any) -> None:
    """Serve a local Zoom Phone API (token endpoint, blocked list, admin path) until SIGINT or SIGTERM.

    With a command (add, log), talk to one already running instead.
    """
    if ctx.invoked_subcommand is None:
        serve(EmulatorConfig(**options))


def serve(config: EmulatorConfig) -> None:
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        running = Emulator(config).start()
    except (StateFileError, UnusableIdError) as problem:
        raise click.ClickException(str(problem)) from None
    except OSError as problem:
        raise click.ClickException(f"cannot listen on {config.host}:{config.port}: {problem.strerror}") from None
    try:
        # The first line is the readiness line scripts wait for (scripts/demo.sh). The lines under it go out in the
        # same write, so whoever has read the readiness line knows the rest is written too (a SIGTERM right after
        # it loses none of them).
        click.echo("\n".join([f"Zoom emulator listening on {running.url}", *pointing_lines(running, config)]))
        sys.stdout.flush()
        stop.wait()
    finally:
        running.stop()


@emulator.command(short_help="Add an entry as a portal user would; print its id.")
@URL_OPTION
@click.argument("phone_number")
@click.option("--match-type", type=click.Choice(["phoneNumber", "prefix"]), default="phoneNumber", show_default=True)
@click.option(
    "--block-type", type=click.Choice(["inbound", "outbound", "threat"]), default="inbound", show_default=True
)
@click.option("--status", type=click.Choice(["active", "inactive"]), default="active", show_default=True)
@click.option("--comment", default=None, help="What the portal shows beside the entry.")
@click.option("--country", default=None, help="ISO country code, for a number written without '+'.")
@click.option("--id", "id", default=None, help="The entry's id (default: the next one to issue), e.g. --id=-Gq3xV.")
def add(url: str, phone_number: str, **fields: str | None) -> None:
    """Add PHONE_NUMBER to the blocked list as a portal user would (no Pulumi state knows it); print its id."""
    given = {name: value for name, value in fields.items() if value is not None}
    entry_id = _admin_call(url, lambda admin: admin.add_entry(phone_number=phone_number, **given))
    click.echo(entry_id)
    click.echo(f"Adopt it in a program with: pulumi import zoom:phone:BlockedNumber <name> -- {entry_id}", err=True)


@emulator.command(short_help="Print the requests it answered.")
@URL_OPTION
@click.option("--clear", is_flag=True, help="Empty the log after printing it, so the next call is counted alone.")
def log(url: str, clear: bool) -> None:
    """Print the requests the emulator answered, oldest first: time (UTC), method, path and query, status."""

    def read(admin: EmulatorAdmin) -> list[dict[str, Any]]:
        answered = admin.requests()
        if clear:
            admin.clear_requests()
        return answered

    for request in _admin_call(url, read):
        click.echo(log_line(request))


def log_line(request: dict[str, Any]) -> str:
    """One request as `HH:MM:SS.mmm METHOD /path?query STATUS`; `dropped` where no answer was sent."""
    stamp = time.strftime("%H:%M:%S", time.gmtime(request["time"])) + f".{int(request['time'] * 1000) % 1000:03d}"
    query = "&".join(f"{name}={value}" for name, value in request["query"].items())
    target = f"{request['path']}?{query}" if query else request["path"]
    status = "dropped" if request["status"] is None else str(request["status"])
    return f"{stamp} {request['method']:6} {target} {status}"


def _admin_call(url: str, call: Callable[[EmulatorAdmin], T]) -> T:
    """`call(admin)` against the emulator at `url`, its failures as one-line errors."""
    try:
        return call(EmulatorAdmin(url))
    except (RequestsConnectionError, Timeout):
        raise click.ClickException(
            f"no emulator answers at {url}: start one with `zoom-blocklist emulator`, or give --url as its first "
            "line printed it"
        ) from None
    except HTTPError as refused:
        answer = refused.response.json() if refused.response is not None else {}
        message = answer.get("message", str(refused)) if isinstance(answer, dict) else str(refused)
        raise click.ClickException(f"the emulator refused it: {message}") from None
