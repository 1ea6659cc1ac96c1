"""Which of Zoom's entries the provider can take over exactly as Zoom holds them, and which entries a Blocklist's
import id names. Shared by `zoom-blocklist export` and the import of a Blocklist, so both skip the same entries for
the same reasons. Pure: no I/O, no Pulumi.

A Blocklist's import id (`pulumi import zoom:phone:Blocklist <name> -- <id>`) is one of:

- `all`: every entry of the account;
- `comment-starts-with:<text>`: every entry whose comment starts with <text> (case-sensitive, taken as written
  after the colon, spaces included), e.g. `comment-starts-with:INC-`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .spec import BlockedEntry, BlockedNumberSpec, MatchType, SpecErrors, normalize

ALL = "all"
COMMENT_PREFIX = "comment-starts-with:"
SELECTION_SYNTAX = f"`{ALL}` (every entry) or `{COMMENT_PREFIX}<text>` (every entry whose comment starts with <text>)"
LIVE_FIELDS = ("phone_number", "match_type", "block_type", "status", "comment")  # country is write-only in Zoom


class NotDeclarable(ValueError):
    """An entry the provider cannot declare exactly as Zoom stores it; the message says why and what to do."""


def declared_spec(entry: BlockedEntry) -> BlockedNumberSpec:
    """The spec that declares `entry` exactly as Zoom holds it, or NotDeclarable."""
    try:
        spec = normalize(entry.model_dump(mode="json", include=set(LIVE_FIELDS)))
    except SpecErrors as errors:
        raise NotDeclarable(f"{errors}; {_fix(entry)}") from None
    if spec.phone_number != entry.phone_number:
        # Adopting looks the entry up by the normalized number: with another form it would block a second one.
        reason = f"Zoom stores '{entry.phone_number}', which the provider writes as '{spec.phone_number}'"
        raise NotDeclarable(f"{reason}; delete it in the Zoom portal and declare the number")
    return spec


def _fix(entry: BlockedEntry) -> str:
    if entry.match_type is MatchType.PHONE_NUMBER and entry.phone_number.isdecimal():
        return "Zoom does not return country, so declare this short code by hand with its country"
    return "fix or delete it in the Zoom portal, or leave it unmanaged"


def describe(entry: BlockedEntry) -> str:
    """`entry <id> ('<number>', <match type>, <block type>)`, as export's warnings name an entry."""
    return f"entry {entry.id} ('{entry.phone_number}', {entry.match_type.value}, {entry.block_type.value})"


@dataclass(frozen=True)
class Selection:
    """The entries a Blocklist's import id names: every one, or those whose comment starts with a text."""

    comment_prefix: str | None

    def matches(self, entry: BlockedEntry) -> bool:
        return self.comment_prefix is None or entry.comment.startswith(self.comment_prefix)

    def select(self, entries: Iterable[BlockedEntry]) -> list[BlockedEntry]:
        return [entry for entry in entries if self.matches(entry)]

    def wanted(self) -> str:
        """What was asked for, in words: "entry" or "entry whose comment starts with 'INC-'"."""
        if self.comment_prefix is None:
            return "entry"
        return f"entry whose comment starts with {self.comment_prefix!r}"


def selection(import_id: str) -> Selection | None:
    """The Selection an import id names, or None when it follows neither form of SELECTION_SYNTAX."""
    if import_id == ALL:
        return Selection(None)
    if import_id.startswith(COMMENT_PREFIX) and len(import_id) > len(COMMENT_PREFIX):
        return Selection(import_id[len(COMMENT_PREFIX) :])
    return None
