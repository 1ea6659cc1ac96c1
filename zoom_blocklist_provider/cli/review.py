"""`zoom-blocklist review`: the Markdown summary of what `pulumi preview --json` plans, for a pull request.

It reads the preview from a file or standard input and writes Markdown to standard output. It never calls Zoom and
needs no credential: everything it shows is in the engine's own account of the preview.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

import click

from ..review import TICKET, NotAPreview, Options, changes_of, read_preview, summary

GITHUB_COMMENT_MAX = 65_536


@click.command()
@click.argument("preview", type=click.File("r", encoding="utf-8"), default="-")
@click.option(
    "--collapse-over",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Fold a table of more rows than this into a section the reader opens.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1_000),
    default=65_000,
    show_default=True,
    help=(
        f"Leave rows out, saying how many, to stay within this many characters (a GitHub comment holds "
        f"{GITHUB_COMMENT_MAX:,}; a job summary 1,048,576)."
    ),
)
@click.option("--full-list-url", default=None, help="Where a reader finds every row when some are left out.")
@click.option(
    "--ticket-pattern",
    default=TICKET,
    show_default=True,
    help="A ticket reference in a comment (a regular expression): an entry that loses its own is flagged.",
)
def review(preview: TextIO, collapse_over: int, max_chars: int, full_list_url: str | None,
           ticket_pattern: str) -> None:  # fmt: skip
    """Summarize PREVIEW, what `pulumi preview --json` printed (a file, or - for standard input), as Markdown.

    Counts first (to block, to unblock, to change, to replace), then what deserves a second look, the policy
    packs' findings (when the preview streamed the engine's events: PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true),
    and one table a kind. Reads the engine's account only: no call to Zoom, no credential.
    """
    try:
        re.compile(ticket_pattern)
    except re.error as error:
        raise click.BadParameter(
            f"{ticket_pattern!r} is no regular expression ({error})", param_hint="--ticket-pattern"
        ) from None
    name = getattr(preview, "name", "-")
    where = "standard input" if name in ("-", "<stdin>") else name
    try:
        read = read_preview(preview.read())
    except NotAPreview as error:
        click.echo(
            f"Error: reading {where}: {error}; give review what `pulumi preview --json` printed, "
            "e.g. pulumi preview --json > preview.json",
            err=True,
        )
        raise click.exceptions.Exit(1) from None
    options = Options(collapse_over, max_chars, full_list_url, ticket_pattern)
    sys.stdout.write(summary(read, changes_of(read.steps), options))
