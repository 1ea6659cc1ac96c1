"""A set of blocked numbers: check, diff, create, read, update and delete, for both doors.

One set owns every entry it declares, keyed by number, match type and block type ("+19075550100/phoneNumber/
inbound", see `core.entry_set`), and applies a change to them concurrently on the account's worker pool
(`apply.py`). Property bags are plain dicts: `entries` (the keyed map once checked) and `__ids` (key -> Zoom id).

A create or update that fails part way raises `Incomplete`, which carries the set's outputs as far as it got (every
entry created, changed or deleted accounted for): the door records them in the state, so no later edit or destroy
orphans an entry, and the next run does the rest. A 409 is settled as a BlockedNumber's (`conflicts.py`): an
existing entry is taken over only with adopt, and `ownership.py` keeps a deletion from unblocking an entry another
resource of the command now holds.
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
from ..core.settings import adopt_identical
from ..core.spec import BlockedNumberSpec
from .accounts import Account, CachingClient
from .apply import FINISH_DELETE, FINISH_UP, Failure, Incomplete, Outcome, failures_error, raise_failures, run_all
from .blocked_number import DUPLICATE, Checked
from .conflicts import Words, announce, causes, decide, described, refusal, whose
from .ownership import UNNAMED, named, record

log = logging.getLogger("zoom_blocklist_provider")
ENTRY = "this entry of the Blocklist"


@dataclass(frozen=True)
class SetDiff:
    """Whether the set changes (None: not known until its entries are), and the entries added, changed, removed."""

    changes: bool | None
    plan: Plan


def check(news: Mapping[str, Any], *, known: Sequence[str] = (ENTRIES,), urn: str = UNNAMED) -> Checked:
    # Normalize every entry into the keyed map and report every problem at once, per entries[i].field; then whether
    # another resource of this command declares one of them. No I/O.
    failures = [
        CheckFailure(name, f"unknown property {name!r}: Blocklist takes entries")
        for name in sorted(set(news) - set(known))
    ]
    checked = check_entries(news.get(ENTRIES))
    keys = sorted(checked.entries) if isinstance(checked.entries, dict) else []
    twice = record().checked(urn, keys) if urn else {}
    failures += [
        CheckFailure(f"entries[{checked.indexes[key]}]", DUPLICATE.format(key=key, other=named(other)))
        for key, other in twice.items()
    ]
    return Checked({ENTRIES: checked.entries}, failures + checked.failures, checked.warnings)


def diff(olds: Mapping[str, Any], news: Mapping[str, Any], *, urn: str = UNNAMED) -> SetDiff:
    # Key by key; never a replacement: any change, block type to or from threat included, is made in place. The
    # entries the set keeps are recorded as its own for the rest of the command; those it removes, as given up.
    new = news.get(ENTRIES)
    if is_unknown(new):
        return SetDiff(None, Plan([], {}, []))
    steps = plan(olds.get(ENTRIES) or {}, new or {})
    ids: dict[str, str] = olds.get(IDS) or {}
    record().kept(urn, [entry_id for key, entry_id in ids.items() if key in (new or {})])
    record().released(urn, [ids[key] for key in steps.removed if key in ids])
    return SetDiff(bool(steps), steps)


def create(
    account: Account, props: Mapping[str, Any], *, words: Words, urn: str = UNNAMED
) -> tuple[str, dict[str, Any]]:
    # POST every entry; each 409 is settled once all calls are done (adopt, or refused with its likely causes).
    wanted: dict[str, Any] = props.get(ENTRIES) or {}
    set_id = f"blocklist-{uuid.uuid4().hex[:12]}"
    client = account.client()
    posted = run_all(account.executor(), lambda key: client.create(spec_of(key, wanted[key])), sorted(wanted))
    created = list(posted.results.values())
    written, finish = _settle_conflicts(account, posted, wanted, words, urn)
    result = outputs({key: wanted[key] for key in written.results}, written.results)
    _raise_incomplete("create", len(wanted), written, finish, set_id=set_id, result=result, created=created)
    return set_id, result


def read(account: Account, props: Mapping[str, Any]) -> dict[str, Any]:
    # One listing for the whole set (shared with every other read of the run); gone entries drop out.
    declared: dict[str, Any] = props.get(ENTRIES) or {}
    entries, ids = live_entries(account.listing(), props.get(IDS) or {}, declared)
    return {ENTRIES: entries, IDS: ids}


def update(
    account: Account,
    set_id: str,
    olds: Mapping[str, Any],
    news: Mapping[str, Any],
    *,
    words: Words,
    urn: str = UNNAMED,
) -> dict[str, Any]:
    # DELETE removed keys first (a number may move between keys), then PATCH changed and POST added together. What
    # was done so far is the set's state if any of it fails.
    old_entries: dict[str, Any] = dict(olds.get(ENTRIES) or {})
    old_ids: dict[str, str] = dict(olds.get(IDS) or {})
    wanted: dict[str, Any] = news.get(ENTRIES) or {}
    steps = plan(old_entries, wanted)
    total = len(steps.added) + len(steps.changed) + len(steps.removed)
    client = account.client()
    pool = account.executor()
    removed = run_all(pool, lambda key: _delete(client, old_ids.get(key), urn), steps.removed)
    entries = {key: value for key, value in old_entries.items() if key not in removed.results}
    ids = {key: value for key, value in old_ids.items() if key not in removed.results}
    if removed.failures:
        removed.skipped += len(steps.added) + len(steps.changed)
        _raise_incomplete("update", total, removed, FINISH_UP, set_id=set_id, result=outputs(entries, ids), created=[])

    def change(key: str) -> str:
        if key in steps.changed and key in ids:
            return _patch(client, ids[key], key, wanted[key], steps.changed[key])
        return client.create(spec_of(key, wanted[key]))

    keys = [*steps.changed, *steps.added]
    changed = run_all(pool, change, keys)
    created = [entry_id for key, entry_id in changed.results.items() if entry_id != ids.get(key)]
    written, finish = _settle_conflicts(account, changed, wanted, words, urn)
    written.skipped += removed.skipped
    entries.update({key: wanted[key] for key in written.results})
    ids.update(written.results)
    _raise_incomplete("update", total, written, finish, set_id=set_id, result=outputs(entries, ids), created=created)
    return outputs(wanted, ids)


def delete(account: Account, props: Mapping[str, Any], *, urn: str = UNNAMED) -> None:
    # DELETE every entry, but one another resource holds now; one already removed in the portal is done already.
    ids: dict[str, str] = props.get(IDS) or {}
    client = account.client()
    outcome = run_all(account.executor(), lambda key: _delete(client, ids[key], urn), sorted(ids))
    raise_failures("delete", len(ids), outcome, FINISH_DELETE)


def rollback(account: Account, created: Sequence[str]) -> None:
    """Delete again the entries a failed create or update of the set created (for a door that cannot record a
    partial state); a failure here is logged, since the error being reported matters more."""
    client = account.client()
    undone = run_all(account.executor(), lambda entry_id: _delete(client, entry_id, UNNAMED), list(created))
    for failure in undone.failures:
        log.warning("could not delete entry %s again after the failure: %s", failure.key, failure.error)


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


def _raise_incomplete(
    action: str, total: int, outcome: Outcome, finish: str, *, set_id: str, result: dict[str, Any], created: list[str]
) -> None:
    error = failures_error(action, total, outcome, finish)
    if error is not None and action == "create" and not outcome.results:
        # Nothing to record: the engine keeps what it had, the old set of a replacement among it.
        raise error
    if error is not None:
        raise Incomplete(error, set_id, result, created)


def _delete(client: CachingClient, entry_id: str | None, urn: str) -> None:
    if entry_id is None:
        return
    with record().deleting(urn, entry_id) as keeper:
        if keeper is not None:
            log.info("left blocked-list entry %s blocked: %s holds it now", entry_id, keeper.name)
            return
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


def _settle_conflicts(
    account: Account, outcome: Outcome, wanted: Mapping[str, Any], words: Words, urn: str
) -> tuple[Outcome, str]:
    """Resolve every 409 of `outcome` with one listing: adopt (and patch), or keep as a failure saying why; and the
    sentence that ends the error, with the likely causes when some refusal has no known owner."""
    conflicts = [failure for failure in outcome.failures if isinstance(failure.error, ConflictError)]
    if not conflicts:
        return outcome, FINISH_UP
    by_key = account.existing()
    identical = adopt_identical()
    takings = {}
    refused: list[Failure] = []
    unexplained = False
    for failure in conflicts:
        existing, declared = by_key.get(failure.key), wanted[failure.key]
        if existing is None:
            refused.append(failure)
            continue
        taking = decide(existing, declared, adopt=declared.get("adopt") is True, adopt_identical=identical)
        if taking is not None:
            takings[failure.key] = taking
            continue
        known = bool(whose(existing, urn))
        unexplained = unexplained or not known
        hint = f"Zoom already blocks it as {described(existing)}, and nothing shows that this Blocklist made it"
        if known:
            hint = refusal(existing, urn=urn, what=ENTRY, words=words)
        error = failure.error
        refused.append(Failure(failure.key, error.with_hint(hint) if isinstance(error, ZoomError) else error))
    client = account.client()

    def take(key: str) -> str:
        taking = takings[key]
        with record().taking(urn, taking.entry.id) as present:
            if not present:  # the resource that held it deleted it meanwhile, in this same command
                return client.create(spec_of(key, wanted[key]))
            client.update(taking.entry.id, taking.patch)
        announce(taking, key)
        return taking.entry.id

    taken = run_all(account.executor(), take, sorted(takings))
    others = [failure for failure in outcome.failures if not isinstance(failure.error, ConflictError)]
    failures = sorted(others + refused + taken.failures, key=lambda failure: failure.key)
    finish = f"{causes('these entries of the Blocklist', words)}. {FINISH_UP}" if unexplained else FINISH_UP
    return Outcome({**outcome.results, **taken.results}, failures, outcome.skipped + taken.skipped), finish
