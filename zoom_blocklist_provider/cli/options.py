"""The options `export` and `doctor` share to reach an account: flags over the `ZOOM_*` variables.

There is deliberately no flag for the client secret: it is read only from ZOOM_CLIENT_SECRET, so it stays out of
shell history and process listings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import click

from ..core.settings import ACCOUNT_ID, API_URL, CLIENT_ID, CLOUD, OAUTH_URL, Key, Setting, ZoomSettings, load_settings

F = TypeVar("F", bound=Callable[..., object])
FLAG_KEYS = (ACCOUNT_ID, CLIENT_ID, CLOUD, API_URL, OAUTH_URL)


def flag(key: Key) -> str:
    """The command-line flag of a setting, e.g. `--account-id`."""
    return "--" + key.name.replace("_", "-")


_OPTIONS = (
    click.option("--account-id", default=None, help="Zoom account id (default: ZOOM_ACCOUNT_ID)."),
    click.option("--client-id", default=None, help="Server-to-Server OAuth client id (default: ZOOM_CLIENT_ID)."),
    click.option(
        "--cloud", type=click.Choice(["commercial", "gov"]), default=None, help="Zoom cloud (default: ZOOM_CLOUD)."
    ),
    click.option("--api-url", default=None, help="API base URL, e.g. the emulator's (default: ZOOM_API_URL)."),
    click.option("--oauth-url", default=None, help="Token URL (default: ZOOM_OAUTH_URL)."),
)


def account_options(command: F) -> F:
    """Add --account-id, --client-id, --cloud, --api-url and --oauth-url to a command."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def settings_from(environ: Mapping[str, str], options: Mapping[str, str | None]) -> ZoomSettings:
    """The environment's settings, each flag given overriding its variable (and named as the source)."""
    values = dict(load_settings({}, environ).values)
    for key in FLAG_KEYS:
        value = options.get(key.name)
        if value:
            values[key.name] = Setting(value, flag(key))
    return ZoomSettings(values)
