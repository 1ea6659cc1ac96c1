"""A preview's steps as changes to entries: what each one blocks, unblocks, changes or replaces, and what in them
deserves a reviewer's second look.

A BlockedNumber's step is one entry's change. A Blocklist's update is compared key by key from its old and new
state, the comparison the native provider's detailed diff reports (the dynamic door's preview carries none: a
dynamic provider cannot send one): keys added are blocked, keys gone are unblocked, and a key whose Zoom fields
differ is changed. Only the fields Zoom stores make a change (the flags `adopt` and `allowEmergency` never do on
their own, as in the providers' own diff), but a flag that changes along with them is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entries import BLOCKLIST, TICKET, Entry, Unknown, entries_of, resource_kind
from .preview import Step
from .text import code

BLOCK, UNBLOCK, CHANGE, REPLACE = "block", "unblock", "change", "replace"
KINDS = (BLOCK, UNBLOCK, CHANGE, REPLACE)
ZOOM_FIELDS = ("number", "match_type", "block_type", "status", "comment", "country")
SHOWN_FIELDS = (*ZOOM_FIELDS, "allow_emergency")
# Each field as the native provider spells it, which is how the docs and the engine's diff name it.
FIELD_NAMES = {
    "number": "phoneNumber",
    "match_type": "matchType",
    "block_type": "blockType",
    "status": "status",
    "comment": "comment",
    "country": "country",
    "allow_emergency": "allowEmergency",
}
_THREAT_WHY = "Zoom cannot update an entry to or from threat in place, so it is deleted, then created again"


@dataclass(frozen=True)
class Change:
    """One entry's change: its kind, the resource holding it, its entry before and after, and which fields change."""

    kind: str
    resource: str
    resource_kind: str
    old: Entry | None
    new: Entry | None
    fields: tuple[str, ...] = ()
    why: str = ""

    @property
    def entry(self) -> Entry:
        """The entry as it will be (as it was, for an unblock)."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def where(self) -> str:
        return code(self.resource) + (" (Blocklist)" if self.resource_kind == BLOCKLIST else "")


@dataclass
class Changes:
    """Every entry's change, in a stable order, and the resources whose entries the preview cannot know yet."""

    changes: list[Change] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


def changes_of(steps: list[Step]) -> Changes:
    found = Changes()
    for step in steps:
        try:
            found.changes.extend(_step_changes(step))
        except Unknown:
            found.unknown.append(step.name)
    found.changes.sort(key=lambda change: (KINDS.index(change.kind), change.resource, change.entry.key))
    found.unknown.sort()
    return found


def _step_changes(step: Step) -> list[Change]:
    kind = resource_kind(step.type) or ""
    olds = entries_of(step.type, step.old) if step.old is not None else {}
    news = entries_of(step.type, step.new) if step.new is not None else {}

    def made(change_kind: str, old: Entry | None, new: Entry | None, why: str = "") -> Change:
        return Change(change_kind, step.name, kind, old, new, changed_fields(old, new), why)

    if step.op == "replace" and kind != BLOCKLIST:
        (old,), (new,) = olds.values(), news.values()
        return [made(REPLACE, old, new, replace_why(step.replace_reasons, old, new))]
    if step.op == "replace":
        why = replace_why(step.replace_reasons, None, None)
        return [made(REPLACE, olds.get(key), news[key], why) for key in news] + [
            made(UNBLOCK, olds[key], None) for key in olds.keys() - news.keys()
        ]
    if kind != BLOCKLIST and step.op == "update":
        (old,), (new,) = olds.values(), news.values()
        return [made(CHANGE, old, new)]
    changes = [made(BLOCK, None, news[key]) for key in news.keys() - olds.keys()]
    changes += [made(UNBLOCK, olds[key], None) for key in olds.keys() - news.keys()]
    for key in olds.keys() & news.keys():
        if any(getattr(olds[key], name) != getattr(news[key], name) for name in ZOOM_FIELDS):
            changes.append(made(CHANGE, olds[key], news[key]))
    return changes


def changed_fields(old: Entry | None, new: Entry | None) -> tuple[str, ...]:
    if old is None or new is None:
        return ()
    return tuple(name for name in SHOWN_FIELDS if getattr(old, name) != getattr(new, name))


def replace_why(reasons: tuple[str, ...], old: Entry | None, new: Entry | None) -> str:
    """Why the engine replaces the entry: each field that forces it, old → new, and what Zoom does about it."""
    parts = []
    for reason in reasons:
        name = next((ours for ours, theirs in FIELD_NAMES.items() if reason in (ours, theirs)), None)
        if name is not None and old is not None and new is not None:
            parts.append(f"{FIELD_NAMES[name]} {getattr(old, name)} → {getattr(new, name)}")
        else:
            parts.append(reason)
    said = ", ".join(parts) or "the provider asks for it"
    threat = old is not None and new is not None and "threat" in (old.block_type, new.block_type)
    return f"{said}: {_THREAT_WHY}" if threat else said


def second_looks(changes: Changes, ticket: str = TICKET) -> list[str]:
    """What a reviewer should look at twice, one line each."""
    lines = []
    for change in changes.changes:
        entry, named = change.entry, _named(change)
        if change.kind == UNBLOCK:
            continue
        if regions := entry.country_wide():
            lines.append(f"{named} blocks every number in {', '.join(regions)}")
        if entry.allow_emergency:
            reached = entry.emergency()
            said = f"reaches an emergency number: {reached}" if reached else "though it reaches no emergency number"
            lines.append(f"{named} sets allowEmergency, {said}")
        if change.kind == REPLACE:
            lines.append(f"{named} is replaced ({change.why}); the number is unblocked in between")
        if change.old is not None and change.old.comment and not entry.comment:
            lines.append(f"{named} loses its comment {code(change.old.comment)}")
        elif change.old is not None and change.old.tickets(ticket) and not re.search(ticket, entry.comment):
            lines.append(f"{named} loses its ticket reference: {code(change.old.comment)} → {code(entry.comment)}")
    lines += [
        f"{code(name)}: its entries are not in the preview (secret, or known only at `up`)" for name in changes.unknown
    ]
    return lines


def _named(change: Change) -> str:
    entry = change.entry
    what = "prefix" if entry.is_prefix else "number"
    return f"{what} {code(entry.number)} ({entry.block_type}) in {change.where}"
