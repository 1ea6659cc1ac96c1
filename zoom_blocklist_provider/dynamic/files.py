"""A blocklist file declared as BlockedNumbers: one per entry, named after what it blocks (see `core.files`)."""

from __future__ import annotations

import os

import pulumi

from ..core.files import read_blocklist
from .blocked_number import BlockedNumber


def load_blocklist(
    path: str | os.PathLike[str],
    *,
    name_prefix: str = "",
    adopt: bool | None = None,
    opts: pulumi.ResourceOptions | None = None,
) -> list[BlockedNumber]:
    """Declare one BlockedNumber per entry of the file, named `name_prefix` + its stable name.

    `adopt` applies to every entry whose own adopt is empty; `opts` is given to every resource. Nothing is declared
    unless the whole file is valid.
    """
    return [
        BlockedNumber(
            f"{name_prefix}{entry.name}",
            phone_number=entry.spec.phone_number,
            match_type=entry.spec.match_type.value,
            block_type=entry.spec.block_type.value,
            status=entry.spec.status.value,
            comment=entry.spec.comment,
            country=entry.spec.country,
            adopt=adopt if entry.adopt is None else entry.adopt,
            allow_emergency=entry.allow_emergency,
            opts=opts,
        )
        for entry in read_blocklist(path)
    ]
