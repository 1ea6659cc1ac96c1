"""One blocked number or prefix: check, diff, create, read, update and delete, for both doors.

Property bags are plain dicts under the snake_case names of `BlockedNumberSpec` plus the flags `adopt` and
`allow_emergency` (each door converts its own names); a value not known yet is `core.entries.UNKNOWN`. check and
diff never call Zoom; the other steps take the `Account` to call. Each step names the resource's URN (UNNAMED where
the door cannot), so that this process's record of who holds what (`ownership.py`) can keep a deletion from
unblocking an entry another resource now holds. In order: check, diff, create, read, update, delete, then the
import of an entry known only by its id.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.entries import (
    FLAG_FIELDS,
    INPUT_FIELDS,
    CheckFailure,
    changed_fields,
    check_entry,
    check_flag,
    check_safety,
    entry_outputs,
    is_unknown,
    live_outputs,
    spec_of,
    unexpected_property_failures,
)
from ..core.errors import ConflictError, NotFoundError
from ..core.safety import emergency_problem
from ..core.settings import adopt_identical
from ..core.spec import BlockedEntry, BlockedNumberSpec, BlockType, SpecErrors
from .accounts import IMPORT_CACHE_SECONDS, Account
from .conflicts import Words, announce, decide, refusal
from .ownership import UNNAMED, named, record

log = logging.getLogger("zoom_blocklist_provider")
GONE_HINT = "the entry was deleted in Zoom since the last refresh: run `pulumi refresh`, then `pulumi up` recreates it"
IMPORT_HINT = (
    "nothing was imported; check the id (`zoom-blocklist export --format ids` lists the account's ids) and that the "
    "provider's zoom:accountId is the account that holds it"
)
UPDATE_CONFLICT_HINT = (
    "another entry of the account already blocks {key}: delete that entry (in the Zoom portal, or by removing the "
    "resource that holds it), or declare this resource with the number it had, then run `pulumi up` again"
)
DUPLICATE = (
    "{key} is declared by {other} too: Zoom keeps one entry per number, match type and block type, so declare it in "
    "one resource only"
)
REPLACE_REASON = (
    "block_type changes {old} to {new}: Zoom cannot update an entry to or from 'threat' in place, so the entry is "
    "deleted and then created again (Zoom refuses two entries for one number)"
)


@dataclass(frozen=True)
class Checked:
    """What check makes of a declaration: the normalized inputs, every problem, and warnings to show."""

    inputs: dict[str, Any]
    failures: list[CheckFailure]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Diff:
    """The entry fields whose value changes, those of them that force a replacement, and why."""

    changed: list[str]
    replaces: list[str]
    reason: str = ""


def check(news: Mapping[str, Any], *, urn: str = UNNAMED) -> Checked:
    # Normalize every field and report every problem at once, per property; then the safety rails; then whether
    # another resource of this command declares the same entry. No I/O.
    failures = unexpected_property_failures(news, INPUT_FIELDS)
    checked, entry_failures = check_entry(news)
    adopt, adopt_failures = check_flag(news, "adopt")
    allow, allow_failures = check_flag(news, "allow_emergency")
    failures += entry_failures + adopt_failures + allow_failures
    warnings: list[str] = []
    if not entry_failures and not allow_failures:
        safety_failures, warnings = check_safety(checked, allow)
        failures += safety_failures
    known = not failures and not any(is_unknown(value) for value in checked.values())
    key = "/".join(spec_of(checked).key()) if known else None
    twice = record().checked(urn, [key] if key else []) if urn else {}
    failures += [
        CheckFailure("phone_number", DUPLICATE.format(key=key, other=named(other))) for key, other in twice.items()
    ]
    return Checked({**checked, "adopt": adopt, "allow_emergency": allow}, failures, warnings)


def diff(olds: Mapping[str, Any], news: Mapping[str, Any], *, urn: str = UNNAMED, entry_id: str = "") -> Diff:
    # Compare normalized values; only a move to or from "threat" cannot be patched. An entry kept in place is
    # recorded as this resource's for the rest of the command.
    changed = changed_fields(olds, news)
    old_type, new_type = olds.get("block_type"), news.get("block_type")
    threat = BlockType.THREAT.value
    if "block_type" in changed and threat in (old_type, new_type) and not is_unknown(new_type):
        return Diff(changed, ["block_type"], REPLACE_REASON.format(old=repr(old_type), new=repr(new_type)))
    if entry_id:
        record().kept(urn, [entry_id])
    return Diff(changed, [])


def create(
    account: Account, props: Mapping[str, Any], *, words: Words, urn: str = UNNAMED
) -> tuple[str, dict[str, Any]]:
    # POST; a 409 becomes a take-over with adopt (recorded as this resource's for the rest of the command), or an
    # error that tells its likely causes apart (in the door's words).
    spec = spec_of(props)
    try:
        entry_id = account.client().create(spec)
    except ConflictError as conflict:
        entry_id = _settle(account, spec, conflict, adopt=props.get("adopt") is True, words=words, urn=urn)
    return entry_id, {**entry_outputs(spec), **flags(props)}


def read(account: Account, entry_id: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
    # From the account's listing (or a GET); None when the entry is gone, so the door drops it from state.
    try:
        entry = account.read_entry(entry_id)
    except NotFoundError:
        return None
    return live_outputs(entry, props)


def update(account: Account, entry_id: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, Any]:
    # PATCH with only the fields that changed; country is write-only, so a removed one needs no call.
    spec = spec_of(news)
    values = spec.model_dump(mode="json")
    body = {name: values[name] for name in changed_fields(olds, news) if values.get(name) is not None}
    if body:
        try:
            account.client().update(entry_id, body)
        except NotFoundError as gone:
            raise gone.with_hint(GONE_HINT) from None
        except ConflictError as taken:
            raise taken.with_hint(UPDATE_CONFLICT_HINT.format(key="/".join(spec.key()))) from None
    return {**entry_outputs(spec), **flags(news)}


def delete(account: Account, entry_id: str, *, urn: str = UNNAMED) -> None:
    # DELETE, unless another resource holds the entry now (it moved there in this command); an entry already
    # removed in the portal is the outcome we wanted.
    with record().deleting(urn, entry_id) as keeper:
        if keeper is not None:
            log.info("left blocked-list entry %s blocked: %s holds it now", entry_id, keeper.name)
            return
        try:
            account.client().delete(entry_id)
        except NotFoundError:
            log.debug("blocked-list entry %s was already gone from Zoom", entry_id)


def import_entry(account: Account, entry_id: str) -> dict[str, Any]:
    # An entry known only by its id (`pulumi import`, one or a thousand from --file): what Zoom holds, as the inputs
    # that declare it. Served from one listing of the account, as a refresh is (one list call per 100 entries, one
    # GET for an id not in it), kept for the whole import. A missing id stops the import: answering "gone" would
    # let the engine write an empty, protected resource.
    try:
        entry = account.read_entry(entry_id, window=IMPORT_CACHE_SECONDS)
    except NotFoundError:
        raise missing_entry(account, entry_id) from None
    return declared_inputs(entry)


def missing_entry(account: Account, entry_id: str) -> NotFoundError:
    """The one line an import of an id the account does not hold fails with: the id, the account, what to check."""
    account_id = account.settings.credentials().account_id
    return NotFoundError(
        f"Zoom account {account_id} holds no entry with this id",
        operation="import blocked-list entry",
        entry=entry_id,
        hint=IMPORT_HINT,
    )


def declared_inputs(entry: BlockedEntry) -> dict[str, Any]:
    """The inputs a program writes to declare `entry` exactly: its fields, and the flags at their defaults, but for
    allow_emergency on an emergency number Zoom already blocks (check would refuse the declaration without it)."""
    values = live_outputs(entry, {})
    try:
        emergency = emergency_problem(spec_of(values)) is not None
    except SpecErrors:  # a number check refuses anyway (a short code without its country): no flag helps it
        emergency = False
    return {**values, **dict.fromkeys(FLAG_FIELDS, False), "allow_emergency": emergency}


def flags(props: Mapping[str, Any]) -> dict[str, bool]:
    return {name: bool(props.get(name)) for name in FLAG_FIELDS}


def _settle(
    account: Account, spec: BlockedNumberSpec, conflict: ConflictError, *, adopt: bool, words: Words, urn: str
) -> str:
    """After a 409: the existing entry's id when the resource may take it over (adopt, or ZOOM_ADOPT_IDENTICAL and
    identical); else the conflict, with a hint that tells its likely causes apart."""
    key = "/".join(spec.key())
    existing = account.existing().get(key)
    if existing is None:
        raise conflict
    taking = decide(existing, spec.model_dump(mode="json"), adopt=adopt, adopt_identical=adopt_identical())
    if taking is None:
        raise conflict.with_hint(refusal(existing, urn=urn, what="this BlockedNumber", words=words))
    with record().taking(urn, existing.id) as present:
        if not present:  # the resource that held it deleted it meanwhile, in this same command
            return account.client().create(spec)
        account.client().update(existing.id, taking.patch)
    announce(taking, key)
    return existing.id
