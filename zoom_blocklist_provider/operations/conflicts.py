"""What a create does when Zoom answers 409 (the entry is already blocked): take it over only when the user said so,
else fail with a message that tells the likely causes apart. Shared by BlockedNumber and Blocklist, for both doors.

An entry that looks exactly like the declaration proves nothing: it may be a renamed resource's, the portal's or
another stack's, and taking it over lets the old holder's deletion unblock it. So a create takes an existing entry
only with `adopt` (or, for one command after a run that skipped checkpoints, ZOOM_ADOPT_IDENTICAL=true, and then only
an identical one). An interrupted run's creates are proven by the engine's pending operations instead, which
`zoom-blocklist recover` turns into the resources that hold them. What the message can say of the entry's owner
comes from this command's own calls (`ownership.py`), never from the entry's content.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.spec import BlockedEntry
from .ownership import record

log = logging.getLogger("zoom_blocklist_provider")
RECOVER = "zoom-blocklist recover"
ADOPT_IDENTICAL = "ZOOM_ADOPT_IDENTICAL"


@dataclass(frozen=True)
class Words:
    """How a door's users write the fixes a message gives."""

    adopt: str  # "set adopt to true"
    replace_first: str = ""  # how to make `pulumi up --replace` delete first, where it does not by default
    import_entry: str = ""  # how to take an entry over by its id, where the door can


@dataclass(frozen=True)
class Taking:
    """An existing entry a create takes over: with adopt (patching status and comment), or identical."""

    entry: BlockedEntry
    patch: dict[str, str]
    why: str  # "adopt" or ADOPT_IDENTICAL


def decide(existing: BlockedEntry, declared: Mapping[str, str], *, adopt: bool, adopt_identical: bool) -> Taking | None:
    """Whether a create takes `existing` over, and what it then patches; None when it may not."""
    live = {"status": existing.status.value, "comment": existing.comment}
    patch = {name: declared[name] for name in live if live[name] != declared[name]}
    if adopt:
        return Taking(existing, patch, "adopt")
    if adopt_identical and not patch:
        return Taking(existing, {}, ADOPT_IDENTICAL)
    return None


def announce(taking: Taking, key: str) -> None:
    """Say what a take-over did, beside the resource; a patched entry may be another stack's, so that warns."""
    entry = taking.entry
    if taking.why == ADOPT_IDENTICAL:
        log.warning(
            "took over blocked-list entry %s (%s) because %s is set: it holds exactly what is declared, which is "
            "what a create of a run that skipped checkpoints leaves; unset it once that run is healed",
            entry.id,
            key,
            ADOPT_IDENTICAL,
        )
    elif taking.patch:
        changes = ", ".join(
            f"{name} {getattr(entry, name).value if name == 'status' else entry.comment!r} -> {value!r}"
            for name, value in sorted(taking.patch.items())
        )
        log.warning(
            "adopted blocked-list entry %s (%s) and changed its %s: if another stack or resource declares this "
            "entry too, both now manage it, each run of either changes it back, and either's deletion unblocks it",
            entry.id,
            key,
            changes,
        )
    else:
        log.info("adopted blocked-list entry %s (%s) as it is", entry.id, key)


def described(existing: BlockedEntry) -> str:
    return f"entry {existing.id} (status {existing.status.value}, comment {existing.comment!r})"


def whose(existing: BlockedEntry, urn: str) -> str:
    """What this command's calls show of the entry's holder, as a clause; "" when they show nothing."""
    holder = record().holder(existing.id)
    if holder is None or (holder.urn == urn and holder.how != "took"):
        return ""
    if holder.how == "keeps":
        return f"{holder.name} of this stack holds it and still declares it"
    if holder.how == "releases":
        return f"{holder.name} of this stack gives it up in this `pulumi up`"
    return f"{holder.name} took it in this `pulumi up`"


def refusal(existing: BlockedEntry, *, urn: str, what: str, words: Words) -> str:
    """The whole hint of a create refused by a 409 it cannot prove its own: the entry, whose it is if this command
    showed that, and the fix of each likely cause."""
    found = f"Zoom already blocks it as {described(existing)}"
    holder = record().holder(existing.id)
    owner = whose(existing, urn)
    if owner and holder is not None and holder.how == "releases":
        return (
            f"{found}, and {owner}: to move it to {what} without unblocking it, {words.adopt} on {what} and make "
            f"{holder.name} depend on this resource (dependsOn), so that this one takes the entry before the other "
            "lets go of it"
        )
    if owner:
        return (
            f"{found}, and {owner}: Zoom keeps one entry per number, match type and block type, so declare it in one "
            "resource only"
        )
    return f"{found}, and nothing shows that {what} made it. {causes(what, words)}"


def causes(what: str, words: Words) -> str:
    """The likely causes of a 409 on create, each with its fix."""
    elsewhere = f"{words.adopt[:1].upper()}{words.adopt[1:]} on {what}"
    if words.import_entry:
        elsewhere += f" (or {words.import_entry})"
    replaced = (
        f"Replacing it with `pulumi up --replace`? {words.replace_first[:1].upper()}{words.replace_first[1:]}, since "
        "Pulumi creates the new entry before it deletes the old one and Zoom keeps one entry per number. "
        if words.replace_first
        else ""
    )
    return (
        "Renamed it, or moved it from another resource of this program? Add its old name as an alias (in YAML, its "
        f"old URN), or {words.adopt} on {what} for this `pulumi up` so that the old resource's deletion leaves the "
        "entry to it. "
        f"{replaced}Made in the Zoom portal or by another stack? {elsewhere} to manage that entry here. Left by an "
        f"interrupted `pulumi up` of this stack? Run `{RECOVER}`, then `pulumi up` again"
    )
