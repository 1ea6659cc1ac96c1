"""One blocked number or prefix: check, diff, create, read, update and delete, for both doors.

Property bags are plain dicts under the snake_case names of `BlockedNumberSpec` plus the flags `adopt` and
`allow_emergency` (each door converts its own names); a value not known yet is `core.entries.UNKNOWN`. check and
diff never call Zoom; the other steps take the `Account` to call. In order: check, diff, create, read, update,
delete, then the import of an entry known only by its id.
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
from ..core.spec import BlockedEntry, BlockedNumberSpec, BlockType, SpecErrors
from ..zoom import ZoomPhoneClient
from .accounts import IMPORT_CACHE_SECONDS, Account

log = logging.getLogger("zoom_blocklist_provider")
GONE_HINT = "the entry was deleted in Zoom since the last refresh: run `pulumi refresh`, then `pulumi up` recreates it"
IMPORT_HINT = (
    "nothing was imported; check the id (`zoom-blocklist export --format ids` lists the account's ids) and that the "
    "provider's zoom:accountId is the account that holds it"
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


def check(news: Mapping[str, Any]) -> Checked:
    # Normalize every field and report every problem at once, per property; then the safety rails. No I/O.
    failures = unexpected_property_failures(news, INPUT_FIELDS)
    checked, entry_failures = check_entry(news)
    adopt, adopt_failures = check_flag(news, "adopt")
    allow, allow_failures = check_flag(news, "allow_emergency")
    failures += entry_failures + adopt_failures + allow_failures
    warnings: list[str] = []
    if not entry_failures and not allow_failures:
        safety_failures, warnings = check_safety(checked, allow)
        failures += safety_failures
    return Checked({**checked, "adopt": adopt, "allow_emergency": allow}, failures, warnings)


def diff(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Diff:
    # Compare normalized values; only a move to or from "threat" cannot be patched.
    changed = changed_fields(olds, news)
    old_type, new_type = olds.get("block_type"), news.get("block_type")
    threat = BlockType.THREAT.value
    if "block_type" in changed and threat in (old_type, new_type) and not is_unknown(new_type):
        return Diff(changed, ["block_type"], REPLACE_REASON.format(old=repr(old_type), new=repr(new_type)))
    return Diff(changed, [])


def create(account: Account, props: Mapping[str, Any], *, adopt_hint: str) -> tuple[str, dict[str, Any]]:
    # POST; a 409 becomes a takeover with adopt, or an error saying how to adopt (`adopt_hint`, in the door's words).
    spec = spec_of(props)
    client = account.client()
    try:
        entry_id = client.create(spec)
    except ConflictError as conflict:
        entry_id = _take_over(client, spec, conflict, adopt=bool(props.get("adopt")), adopt_hint=adopt_hint)
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
    return {**entry_outputs(spec), **flags(news)}


def delete(account: Account, entry_id: str) -> None:
    # DELETE; an entry already removed in the portal is the outcome we wanted.
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


def _take_over(
    client: ZoomPhoneClient, spec: BlockedNumberSpec, conflict: ConflictError, *, adopt: bool, adopt_hint: str
) -> str:
    """After a 409: the existing entry's id, when it is ours to manage; else the conflict, saying how to adopt.

    Ours: an entry holding exactly what this resource declares (Zoom's key, and the same status and comment), which
    is what an interrupted run of this stack created before its state could record the id; or any entry with
    this key, when the resource says adopt. Anything else (an edit by hand, another stack's entry with its own
    comment) is refused.
    """
    existing = client.find(*spec.key())
    if existing is None:
        raise conflict
    key = "/".join(spec.key())
    if existing.status == spec.status and existing.comment == spec.comment:
        log.info(
            "took over blocked-list entry %s (%s): it holds exactly what this resource declares, as a create this "
            "stack made before an interruption leaves it",
            existing.id,
            key,
        )
        return existing.id
    if not adopt:
        raise conflict.with_hint(
            f"{spec.phone_number} ({spec.match_type.value}, {spec.block_type.value}) is already blocked in Zoom "
            f"as entry {existing.id} (status {existing.status.value}, comment {existing.comment!r}); "
            f"{adopt_hint} on this BlockedNumber to manage that entry, or delete it in the Zoom portal"
        )
    values = spec.model_dump(mode="json")
    drifted = {name: values[name] for name in ("status", "comment") if getattr(existing, name) != getattr(spec, name)}
    client.update(existing.id, drifted)
    log.info("took over blocked-list entry %s (%s, adopt): patched %s", existing.id, key, ", ".join(sorted(drifted)))
    return existing.id
