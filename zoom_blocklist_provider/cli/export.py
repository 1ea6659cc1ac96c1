"""`zoom-blocklist export`: write a live account's blocked list as code that brings every entry under management.

It lists the account (same settings as the provider: `ZOOM_*` in the environment, flags overriding them) and
writes each entry with adopt=True, sorted by its stable name (`files.resource_name`), as a Python program fragment
or as a CSV or YAML blocklist file for `load_blocklist`; or each entry's key and id (`ids`); or Pulumi's import file
(`pulumi-import`), which `pulumi import --file` takes to bring every entry under the native provider. Zoom never
returns country, so none is written. An entry the provider could not declare as Zoom stores it is written as a
comment (Python, YAML) or left out (CSV, ids, pulumi-import), and always named in a warning on stderr. This module
only reads from Zoom: it never creates, changes or deletes an
entry, and never takes the client secret from a flag or prints it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from ..core.adoption import LIVE_FIELDS, NotDeclarable, declared_spec, describe
from ..core.errors import ConfigurationError, ZoomError
from ..core.files import resource_name
from ..core.safety import emergency_problem
from ..core.settings import CLIENT_SECRET, ZoomSettings
from ..core.spec import BlockedEntry, BlockedNumberSpec
from ..zoom import ZoomPhoneClient
from .options import account_options, flag, settings_from

__all__ = ["FIELDS", "FORMATS", "Exported", "Skipped", "export", "plan_export", "render"]

FORMATS = ("python", "csv", "yaml", "ids", "pulumi-import")
IMPORT_TYPE = "zoom:phone:BlockedNumber"  # the native provider's type: Pulumi's import cannot take a dynamic one
FIELDS = LIVE_FIELDS


@dataclass(frozen=True)
class Exported:
    """An entry to write: its stable resource name, its normalized fields and Zoom's id."""

    name: str
    spec: BlockedNumberSpec
    entry_id: str

    def values(self) -> dict[str, str]:
        dumped = self.spec.model_dump(mode="json")
        return {name: str(dumped[name]) for name in FIELDS}

    def flags(self) -> dict[str, bool]:
        """adopt, and allow_emergency where Zoom already blocks an emergency number: else check would refuse it."""
        return {"adopt": True, **({"allow_emergency": True} if emergency_problem(self.spec) else {})}


@dataclass(frozen=True)
class Skipped:
    """An entry Zoom returned that the provider cannot declare as stored, and why."""

    entry: BlockedEntry
    reason: str

    def __str__(self) -> str:
        return f"{describe(self.entry)}: {self.reason}"


def plan_export(entries: Iterable[BlockedEntry]) -> tuple[list[Exported], list[Skipped]]:
    """What to write (sorted by name) and what to skip: every entry lands in exactly one of the two."""
    exported: dict[str, Exported] = {}
    skipped: list[Skipped] = []
    for entry in entries:
        try:
            spec = declared_spec(entry)
        except NotDeclarable as why:
            skipped.append(Skipped(entry, str(why)))
            continue
        name = resource_name(spec)
        if name in exported:
            skipped.append(Skipped(entry, f"Zoom returned a second entry for {name} ({exported[name].entry_id})"))
            continue
        exported[name] = Exported(name, spec, entry.id)
    return sorted(exported.values(), key=lambda item: item.name), skipped


def render(fmt: str, exported: Sequence[Exported], skipped: Sequence[Skipped], account_id: str) -> str:
    """The text of the export in one of FORMATS."""
    header = [
        f"Exported from Zoom account {account_id} by `zoom-blocklist export`.",
        "adopt=True takes over each entry as it is: the first `pulumi up` changes nothing.",
        *[f"Skipped {item}" for item in skipped],
    ]
    if fmt == "python":
        return _python(exported, header)
    if fmt == "yaml":
        return _yaml(exported, header)
    if fmt == "ids":
        return _ids(exported)
    if fmt == "pulumi-import":
        return _pulumi_import(exported)
    return _csv(exported)


def _python(exported: Sequence[Exported], header: list[str]) -> str:
    lines = _comments(header)
    if exported:  # no import without a use: the fragment must pass ruff as it is
        lines += ["", "from zoom_blocklist_provider import BlockedNumber"]
    for item in exported:
        fields = [f"    {name}={_python_str(value)}," for name, value in item.values().items()]
        flags = [f"    {name}=True," for name in item.flags()]
        lines += ["", "BlockedNumber(", f"    {_python_str(item.name)},", *fields, *flags, ")"]
    return "\n".join(lines) + "\n"


def _comments(header: list[str]) -> list[str]:
    # Wrapped to fit the line length linters allow (ruff's E501 at 88 or more), however long Zoom's reason is.
    return [
        f"# {part}"
        for line in header
        for part in textwrap.wrap(line, 86, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
    ]


def _python_str(text: str) -> str:
    # repr() is always a valid literal; double quotes where that needs no escape, as ruff format writes them.
    literal = repr(text)
    return f'"{literal[1:-1]}"' if literal.startswith("'") and '"' not in text else literal


def _yaml(exported: Sequence[Exported], header: list[str]) -> str:
    entries = [{**item.values(), **item.flags()} for item in exported]
    # Wide lines: a long comment stays on one line instead of being folded.
    body = yaml.safe_dump({"entries": entries}, sort_keys=False, allow_unicode=True, width=4096)
    return "\n".join(_comments(header)) + "\n" + body


def _csv(exported: Sequence[Exported]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    flags = ["adopt", *(["allow_emergency"] if any("allow_emergency" in item.flags() for item in exported) else [])]
    writer.writerow([*FIELDS, *flags])
    writer.writerows(
        [*item.values().values(), *("true" if item.flags().get(flag) else "" for flag in flags)] for item in exported
    )
    return out.getvalue()


def _ids(exported: Sequence[Exported]) -> str:
    """Zoom's id of each entry beside its key: what `pulumi import` and `refresh --import-pending-creates` take."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["phone_number", "match_type", "block_type", "id"])
    writer.writerows([*item.spec.key(), item.entry_id] for item in exported)
    return out.getvalue()


def _pulumi_import(exported: Sequence[Exported]) -> str:
    """Pulumi's import file: `pulumi import --file` takes every entry over under the name load_blocklist gives it.

    JSON holds no comments, so a skipped entry is only named on stderr.
    """
    resources = [{"type": IMPORT_TYPE, "name": item.name, "id": item.entry_id} for item in exported]
    return json.dumps({"resources": resources}, indent=2) + "\n"


def _client(settings: ZoomSettings) -> ZoomPhoneClient:
    missing = settings.missing_credentials()
    if missing:
        named = ", ".join(key.env if key is CLIENT_SECRET else f"{flag(key)} (or {key.env})" for key in missing)
        raise ConfigurationError(
            f"missing {named}",
            operation="reading Zoom credentials",
            hint="the client secret is read only from the environment variable ZOOM_CLIENT_SECRET, never from a flag",
        )
    rate = settings.rate_limit()
    return ZoomPhoneClient(settings.credentials(), settings.endpoints(), light_rate=rate, medium_rate=rate / 2)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help=(
        "What to write: a Python program fragment, a blocklist file for load_blocklist(), ids: each entry's key "
        "and Zoom id, or pulumi-import: Pulumi's import file for `pulumi import --file` (native provider)."
    ),
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@account_options
def export(*, fmt: str, output: Path | None, **account: str | None) -> None:
    """Write every blocked number of a live Zoom account as code that adopts it (adopt=True).

    Settings come from the environment as for the provider (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET,
    ZOOM_CLOUD, ZOOM_API_URL, ZOOM_OAUTH_URL, ZOOM_RATE_LIMIT); the flags override them. The client secret is read
    only from ZOOM_CLIENT_SECRET, never from a flag, so it stays out of shell history and process listings.
    Only reads from Zoom: nothing is created, changed or deleted.

    --format pulumi-import writes Pulumi's import file instead: `pulumi import --file FILE` then takes every entry
    over under the native provider (zoom:phone:BlockedNumber) in one command.
    """
    try:
        client = _client(settings_from(os.environ, account))
        exported, skipped = plan_export(client.list())
    except ZoomError as error:
        click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(1) from None
    for skip in skipped:
        click.echo(f"Warning: skipped {skip}", err=True)
    for item in exported:
        if fmt == "csv" and item.spec.comment != item.spec.comment.strip():
            # load_blocklist strips CSV cells, so the first up would PATCH the comment: say so rather than surprise.
            click.echo(
                f"Warning: {item.name}: a CSV blocklist drops the spaces around its comment, so the first `pulumi up` "
                "will update it; use --format yaml to keep them",
                err=True,
            )
    text = render(fmt, exported, skipped, client.credentials.account_id)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            click.echo(f"Error: cannot write {output}: {error.strerror}", err=True)
            raise click.exceptions.Exit(1) from None
    where = f" to {output}" if output else ""
    also = f"; {len(skipped)} skipped (see the warnings above)" if skipped else ""
    click.echo(f"Exported {len(exported)} entr{'y' if len(exported) == 1 else 'ies'}{where}{also}.", err=True)
    if fmt == "pulumi-import" and output is not None:
        click.echo(f"Take them over with: pulumi import --file {output}", err=True)
