"""Text from a pull request, shown in Markdown as it was written.

Comments and resource names come from the change under review, so they may hold anything Markdown would act on: a
link, an image fetched from anywhere, an @mention that notifies someone, a '|' that breaks a table. An inline code
span shows its text literally (GitHub links and mentions nothing inside one); inside a table a '|' still ends the
cell, so there it is escaped as '\\|', which GitHub's tables take as part of the span.
"""

from __future__ import annotations

import re


def code(text: str, *, in_table: bool = False) -> str:
    """`text` as an inline code span: fenced by more backticks than it holds in a row, and padded where needed."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or text.startswith(" ") else text
    shown = f"{fence}{padded}{fence}"
    return shown.replace("|", "\\|") if in_table else shown


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 entry', '1,000 entries'."""
    return f"{number:,} {one if number == 1 else (many or one + 's')}"
