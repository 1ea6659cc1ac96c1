"""What the dynamic resources share between the SDK's provider server and `operations/`: values, failures, errors.

The server hands a provider the SDK's `Unknown` for a value not known yet; `operations/` speaks `UNKNOWN`, the
protocol's own form of it, which the server sends back to the engine as unknown. The server reports an exception
with `traceback.format_exc()`, which honours `sys.tracebacklimit`: `configure_errors` sets it to 0 unless
zoom:debug is on, and `one_line_errors` cuts an error's chain, so the engine shows the package's one line, not a
wall of frames. A bug (any other exception) says so on that line, and zoom:debug brings its traceback back.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pulumi
from pulumi.dynamic import CheckFailure, ConfigureRequest
from pulumi.output import Unknown

from ..core import entries
from ..core.errors import BugError, ConfigurationError, ZoomError
from ..core.settings import ACCOUNT_ID, KEYS, load_settings
from ..operations import accounts
from . import server_pool

_debug = False


def plain(value: Any) -> Any:
    """`value` with every SDK Unknown, however deep, as `UNKNOWN`."""
    if isinstance(value, Unknown):
        return entries.UNKNOWN
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def deleting_first(opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
    """`opts` with delete_before_replace True unless the program set it: Zoom keeps one entry per number, so a
    replacement must delete the old entry first, and `pulumi up --replace` asks no provider how to replace."""
    return pulumi.ResourceOptions.merge(pulumi.ResourceOptions(delete_before_replace=True), opts)


def account_failures() -> list[CheckFailure]:
    """A check failure (so preview plans nothing) when the account is set neither in the stack config nor in the
    environment, naming its key and variable; none when it is set (the client's id and secret matter only to calls,
    which a preview never makes)."""
    settings = accounts.settings()
    if settings.get(ACCOUNT_ID) is None:
        return [CheckFailure("", settings.set_nowhere(ACCOUNT_ID))]
    return []


def failures(found: Sequence[entries.CheckFailure]) -> list[CheckFailure]:
    return [CheckFailure(failure.property, failure.reason) for failure in found]


def configure(req: ConfigureRequest) -> None:
    """Keep the stack config in this process only (the engine hands it over whole, secrets unwrapped)."""
    config = {key.config: req.config.get(key.config) for key in KEYS}
    accounts.configure(config)
    try:
        debug = load_settings(config).debug()
    except ConfigurationError:
        debug = False  # the first call that needs the settings reports the bad value, on one line
    configure_errors(debug)
    logging.getLogger(__name__).debug(server_pool.widen(accounts.ENGINE_CALLS))


class _ToEngine(logging.Handler):
    """The package's log records as the provider's diagnostics: this process has no engine connection, so
    `pulumi.log` writes them to stderr, which the engine shows with the resource's output."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            pulumi.log.warn(message)
        elif record.levelno >= logging.INFO:
            pulumi.log.info(message)
        else:
            pulumi.log.debug(message)


_HANDLER = _ToEngine()


def configure_errors(debug: bool) -> None:
    """One line per error in the engine's output, or (debug) every error with its traceback."""
    global _debug  # noqa: PLW0603 - one provider process, one setting
    _debug = debug
    logger = logging.getLogger("zoom_blocklist_provider")
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    if _HANDLER not in logger.handlers:
        logger.addHandler(_HANDLER)
    if debug:
        if hasattr(sys, "tracebacklimit"):
            del sys.tracebacklimit
    else:
        sys.tracebacklimit = 0


@contextmanager
def one_line_errors(doing: str) -> Iterator[None]:
    """Let a ZoomError through without its chain; turn any other exception into a BugError saying what was done."""
    try:
        yield
    except ZoomError as error:
        if _debug:
            raise
        raise error from None
    except Exception as error:
        if _debug:
            raise
        raise BugError.of(error, doing) from None
