"""A set of blocked numbers: check, diff, create, read, update and delete, for both doors.

One set owns every entry it declares, keyed by number, match type and block type ("+19075550100/phoneNumber/
inbound", see `core.entry_set`), and applies a change to them concurrently on the account's worker pool
(`apply.py`). Property bags are plain dicts: `entries` (the keyed map once checked) and `__ids` (key -> Zoom id).

A failed create or update raises after the calls that could go on have gone on, and the next run converges: it
takes over, by key, the entries the set declares that already hold exactly the declared values (those an earlier
run created), and asks for adopt on any that hold something else.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.adoption import SELECTION_SYNTAX, NotDeclarable, declared_spec, describe, selection
from ..core.entries import CheckFailure, is_unknown
from ..core.entry_set import ENTRIES, IDS, Plan, check_entries, entry_value, key_of, live_entries, plan, spec_of
from ..core.errors import ConflictError, NotFoundError, ZoomError
from ..core.safety import emergency_problem
from ..core.spec import BlockedNumberSpec
from .accounts import Account, CachingClient
from .apply import FINISH_DELETE, FINISH_UP, Failure, Outcome, conflict_failures, raise_failures, run_all
from .blocked_number import Checked

log = logging.getLogger("zoom_blocklist_provider")


@dataclass(frozen=True)
class SetDiff:
    """Whether the set changes (None: not known until its entries are), and the entries added, changed, removed."""

    changes: bool | None
    plan: Plan


def check(news: Mapping[str, Any], *, known: Sequence[str] = (ENTRIES,)) -> Checked:
    # Normalize every entry into the keyed map and report every problem at once, per entries[i].field; no I/O.
    failures = [
        CheckFailure(name, f"unknown property {name!r}: Blocklist takes entries")
        for name in sorted(set(news) - set(known))
    ]
    checked = check_entries(news.get(ENTRIES))
    return Checked({ENTRIES: checked.entries}, failures + checked.failures, checked.warnings)


def diff(olds: Mapping[str, Any], news: Mapping[str, Any]) -> SetDiff:
    # Key by key; never a replacement: any change, block type to or from threat included, is made in place.
    new = news.get(ENTRIES)
    if is_unknown(new):
        return SetDiff(None, Plan([], {}, []))
    steps = plan(olds.get(ENTRIES) or {}, new or {})
    return SetDiff(bool(steps), steps)


def create(account: Account, props: Mapping[str, Any], *, adopt_hint: str) -> tuple[str, dict[str, Any]]:
    # POST every entry; a 409 is settled once all calls are done (take over, adopt, or report).
    wanted: dict[str, Any] = props.get(ENTRIES) or {}
    client = account.client()
    posted = run_all(account.executor(), lambda key: client.create(spec_of(key, wanted[key])), sorted(wanted))
    outcome = _settle_conflicts(account, posted, wanted, adopt_hint)
    raise_failures("create", len(wanted), outcome, FINISH_UP)
    return f"blocklist-{uuid.uuid4().hex[:12]}", outputs(wanted, outcome.results)


def read(account: Account, props: Mapping[str, Any]) -> dict[str, Any]:
    # One listing for the whole set (shared with every other read of the run); gone entries drop out.
    declared: dict[str, Any] = props.get(ENTRIES) or {}
    entries, ids = live_entries(account.listing(), props.get(IDS) or {}, declared)
    return {ENTRIES: entries, IDS: ids}


def update(account: Account, olds: Mapping[str, Any], news: Mapping[str, Any], *, adopt_hint: str) -> dict[str, Any]:
    # DELETE removed keys first (a number may move between keys), then PATCH changed and POST added together.
    old_ids: dict[str, str] = olds.get(IDS) or {}
    wanted: dict[str, Any] = news.get(ENTRIES) or {}
    steps = plan(olds.get(ENTRIES) or {}, wanted)
    total = len(steps.added) + len(steps.changed) + len(steps.removed)
    client = account.client()
    pool = account.executor()
    removed = run_all(pool, lambda key: _delete(client, old_ids[key]), [k for k in steps.removed if k in old_ids])
    if removed.failures:
        removed.skipped += len(steps.added) + len(steps.changed)
        raise_failures("update", total, removed, FINISH_UP)
    ids = {key: value for key, value in old_ids.items() if key in wanted}

    def change(key: str) -> str:
        if key in steps.changed and key in ids:
            return _patch(client, ids[key], key, wanted[key], steps.changed[key])
        return client.create(spec_of(key, wanted[key]))

    written = _settle_conflicts(account, run_all(pool, change, [*steps.changed, *steps.added]), wanted, adopt_hint)
    written.skipped += removed.skipped
    raise_failures("update", total, written, FINISH_UP)
    return outputs(wanted, {**ids, **written.results})


def delete(account: Account, props: Mapping[str, Any]) -> None:
    # DELETE every entry; one already removed in the portal is the outcome we wanted.
    ids: dict[str, str] = props.get(IDS) or {}
    client = account.client()
    outcome = run_all(account.executor(), lambda key: _delete(client, ids[key]), sorted(ids))
    raise_failures("delete", len(ids), outcome, FINISH_DELETE)


def import_set(account: Account, import_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    # A set known only by its import id (`pulumi import zoom:phone:Blocklist <name> -- all`): the entries of the
    # account the id selects, from one listing, as the set's outputs and as the entries a program lists to declare
    # them. An entry the provider cannot declare as Zoom holds it is left out with a warning, as export does.
    chosen = selection(import_id)
    if chosen is None:
        raise ZoomError(
            f"{import_id!r} names no set of entries: a Blocklist's import id is {SELECTION_SYNTAX}",
            operation="import Blocklist",
            hint="nothing was imported",
        )
    entries: dict[str, Any] = {}
    ids: dict[str, str] = {}
    declared: list[dict[str, Any]] = []
    for entry in sorted(chosen.select(account.listing().values()), key=key_of):
        try:
            spec = declared_spec(entry)
        except NotDeclarable as why:
            log.warning("import Blocklist %s: left out %s: %s", import_id, describe(entry), why)
            continue
        flags = {"allow_emergency": emergency_problem(spec) is not None}
        entries[key_of(spec)] = entry_value(spec, flags)
        ids[key_of(spec)] = entry.id
        declared.append(_declaration(spec, flags["allow_emergency"]))
    if not entries:
        account_id = account.settings.credentials().account_id
        raise NotFoundError(
            f"Zoom account {account_id} holds no {chosen.wanted()} that the provider can declare",
            operation="import Blocklist",
            entry=import_id,
            hint="nothing was imported; a Blocklist's import id is " + SELECTION_SYNTAX,
        )
    return {ENTRIES: entries, IDS: ids}, declared


def _declaration(spec: BlockedNumberSpec, allow_emergency: bool) -> dict[str, Any]:
    """One entry as a program lists it: the number, and each other field only where it is not the default, so the
    code `pulumi import` prints for thousands of entries stays short."""
    values = spec.model_dump(mode="json")
    written = {"phone_number": values["phone_number"]}
    defaults = {"match_type": "phoneNumber", "block_type": "inbound", "status": "active", "comment": ""}
    written.update({name: values[name] for name, default in defaults.items() if values[name] != default})
    return {**written, **({"allow_emergency": True} if allow_emergency else {})}


def outputs(wanted: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
    return {ENTRIES: dict(wanted), IDS: {key: ids[key] for key in sorted(wanted) if key in ids}}


def _delete(client: CachingClient, entry_id: str) -> None:
    try:
        client.delete(entry_id)
    except NotFoundError:
        log.debug("blocked-list entry %s was already gone from Zoom", entry_id)


def _patch(client: CachingClient, entry_id: str, key: str, value: Mapping[str, Any], fields: Sequence[str]) -> str:
    # Country is write-only: a removed one needs no call. An entry deleted in the portal is declared: create it.
    body = {name: value[name] for name in fields if value.get(name) is not None}
    if not body:
        return entry_id
    try:
        client.update(entry_id, body)
    except NotFoundError:
        return client.create(spec_of(key, value))
    return entry_id


def _settle_conflicts(account: Account, outcome: Outcome, wanted: Mapping[str, Any], adopt_hint: str) -> Outcome:
    """Resolve every 409 of `outcome` with one listing: take over, adopt (and patch), or keep as a failure."""
    conflicts = [failure for failure in outcome.failures if isinstance(failure.error, ConflictError)]
    if not conflicts:
        return outcome
    client = account.client()
    same, adopted, refused = conflict_failures(conflicts, account.listing(), wanted, adopt_hint)

    def take(key: str) -> str:
        existing, declared = adopted[key], wanted[key]
        live = {"status": existing.status.value, "comment": existing.comment}
        client.update(existing.id, {name: declared[name] for name in live if live[name] != declared[name]})
        return existing.id

    patched = run_all(account.executor(), take, sorted(adopted))
    for key, entry in sorted(same.items()):
        log.info("took over blocked-list entry %s (%s): it holds exactly what the set declares", entry.id, key)
    others = [failure for failure in outcome.failures if not isinstance(failure.error, ConflictError)]
    failures: list[Failure] = sorted(others + refused + patched.failures, key=lambda failure: failure.key)
    results = {**outcome.results, **{key: entry.id for key, entry in same.items()}, **patched.results}
    return Outcome(results, failures, outcome.skipped + patched.skipped)
