"""The `zoom-blocklist` command line: `emulator` serves a local Zoom Phone API, `export` writes a live account's
blocked list as code that adopts it, `doctor` checks a setup.

Each command lives in its own module; this one wires them together. Nothing here may print a client secret or a
token.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

import click

from ..emulator import Emulator, EmulatorConfig
from ..emulator.config import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_HOST,
    DEFAULT_TOKEN_TTL,
)
from ..emulator.state import StateFileError
from .doctor import doctor
from .export import export

DEFAULT_PORT = 8787


@click.group(context_settings={"max_content_width": 110})
def main() -> None:
    """Manage Zoom Phone blocked numbers as infrastructure as code."""


@main.command()
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
def emulator(
    *,
    host: str,
    port: int,
    account_id: str,
    client_id: str,
    client_secret: str,
    token_ttl: int,
    latency_ms: int,
    rate_limit: float | None,
    state_file: str | None,
) -> None:
    """Serve a local Zoom Phone API (token endpoint, blocked list, admin path) until SIGINT or SIGTERM."""
    config = EmulatorConfig(
        host=host,
        port=port,
        account_id=account_id,
        client_id=client_id,
        client_secret=client_secret,
        token_ttl=token_ttl,
        latency_ms=latency_ms,
        rate_limit=rate_limit,
        state_file=state_file,
    )
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        running = Emulator(config).start()
    except StateFileError as problem:
        raise click.ClickException(str(problem)) from None
    except OSError as problem:
        raise click.ClickException(f"cannot listen on {host}:{port}: {problem.strerror}") from None
    try:
        click.echo(f"Zoom emulator listening on {running.url}")
        sys.stdout.flush()
        stop.wait()
    finally:
        running.stop()


main.add_command(doctor)
main.add_command(export)

if __name__ == "__main__":
    main()
