"""The four rules of the policy pack, over plain entries: each finding one line naming the resource, the entry and
the fix.

Pure functions with no Pulumi and no I/O, so each rule is tested on its own; `pack.py` hands them the entries
the engine analyzes, and the stack's state before the update for the unblock limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..review.entries import BLOCKLIST, Entry
from ..review.text import count

COMMENT_TICKET = "comment-ticket"
PREFIX_MIN_DIGITS = "prefix-min-digits"
UNBLOCK_LIMIT = "unblock-limit"
EMERGENCY_TICKET = "emergency-ticket"
SHOWN_ENTRIES = 3  # the unblocked entries a finding names before it says how many more


@dataclass(frozen=True)
class Resource:
    """A resource of either door, as a finding names it: its name and whether it is a Blocklist."""

    name: str
    kind: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"

    def entry(self, entry: Entry) -> str:
        """The entry, as the fix must find it: within a Blocklist, by its key."""
        what = f"prefix {entry.number}" if entry.is_prefix else entry.number
        return (
            f"{self}: entry {what} ({entry.block_type})"
            if self.kind == BLOCKLIST
            else f"{self} ({what}, {entry.block_type})"
        )


def comment_ticket(resource: Resource, entries: Mapping[str, Entry], pattern: str) -> list[str]:
    """Every entry's comment carries a ticket reference matching `pattern`."""
    return [
        f"{resource.entry(entry)} has {_comment(entry)}: no ticket reference matching {pattern}; "
        "put the ticket that asked for the block in its comment"
        for entry in _sorted(entries)
        if not re.search(pattern, entry.comment)
    ]


def prefix_min_digits(resource: Resource, entries: Mapping[str, Entry], min_digits: int) -> list[str]:
    """No prefix shorter than `min_digits` digits (the calling code counts): a short prefix blocks a region."""
    return [
        f"{resource.entry(entry)} is {count(len(entry.number.lstrip('+')), 'digit')} long, shorter than {min_digits}; "
        f"write the longer prefix you mean, or block the numbers one by one"
        for entry in _sorted(entries)
        if entry.is_prefix and len(entry.number.lstrip("+")) < min_digits
    ]


def emergency_ticket(resource: Resource, entries: Mapping[str, Entry], pattern: str) -> list[str]:
    """allowEmergency only with a ticket reference matching `pattern` in the entry's comment."""
    return [
        f"{resource.entry(entry)} sets allowEmergency and has {_comment(entry)}: no ticket reference matching "
        f"{pattern}; put the ticket that approved blocking an emergency number in its comment, or drop allowEmergency"
        for entry in _sorted(entries)
        if entry.allow_emergency and not re.search(pattern, entry.comment)
    ]


@dataclass(frozen=True)
class Unblocked:
    """One resource's entries that the update unblocks: held before, and no longer held by it after."""

    urn: str
    resource: Resource
    entries: tuple[Entry, ...]
    gone: bool  # the resource itself is deleted (or renamed: the engine deletes the old name)


def unblocked(
    before: Mapping[str, tuple[Resource, Mapping[str, Entry]]], after: Mapping[str, Mapping[str, Entry] | None]
) -> list[Unblocked]:
    """What each resource unblocks, comparing the stack's state before (by URN) with what it plans after (None where
    the preview cannot know a resource's entries yet: they are judged at `up`)."""
    found = []
    for urn, (resource, held) in sorted(before.items()):
        if urn in after and after[urn] is None:
            continue
        kept = after.get(urn) or {}
        gone = tuple(entry for key, entry in sorted(held.items()) if key not in kept)
        if gone:
            found.append(Unblocked(urn, resource, gone, urn not in after))
    return found


def unblock_limit(found: list[Unblocked], held: int, max_entries: int | None, max_percent: float | None) -> list[str]:
    """No update unblocks more than `max_entries` entries, or more than `max_percent` % of the `held` entries the
    stack holds: one finding per resource that unblocks any, when the update as a whole is over a limit."""
    total = sum(len(item.entries) for item in found)
    share = 100 * total / held if held else 0.0
    over = [
        *([f"maxEntries {max_entries:,}"] if max_entries is not None and total > max_entries else []),
        *([f"maxPercent {max_percent:g}%"] if max_percent is not None and held and share > max_percent else []),
    ]
    if not over:
        return []
    whole = f"the update unblocks {total:,} of the stack's {held:,} entries ({share:.0f}%), over {' and '.join(over)}"
    return [f"{item.resource} {_what(item)}; {whole}: {_fix(item)}" for item in found]


def _what(item: Unblocked) -> str:
    names = ", ".join(_short(entry) for entry in item.entries[:SHOWN_ENTRIES])
    more = len(item.entries) - SHOWN_ENTRIES
    names += f" and {count(more, 'more')}" if more > 0 else ""
    return f"{'is deleted, unblocking' if item.gone else 'unblocks'} {names}"


def _fix(item: Unblocked) -> str:
    if item.gone:
        name = item.resource.name
        return f"if {name} was renamed, give it an alias so nothing is unblocked; else unblock in smaller steps"
    return "unblock in smaller steps"


def _short(entry: Entry) -> str:
    return f"{'prefix ' if entry.is_prefix else ''}{entry.number} ({entry.block_type})"


def _comment(entry: Entry) -> str:
    return f"comment {entry.comment!r}" if entry.comment else "no comment"


def _sorted(entries: Mapping[str, Entry]) -> list[Entry]:
    return [entries[key] for key in sorted(entries)]
