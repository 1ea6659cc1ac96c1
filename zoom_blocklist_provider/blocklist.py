"""Many blocked numbers and prefixes as one Pulumi dynamic resource, applied as fast as the rate limit allows.

In order: the provider (check, diff, create, read, update, delete) and the resource (Blocklist). One Blocklist owns
every entry it declares, keyed by number, match type and block type ("+19075550100/phoneNumber/inbound"), and
applies a change to them concurrently on the provider process's worker pool (`apply.py`). The provider object holds
nothing (it is pickled into the state); check and diff never call Zoom.

A dynamic provider cannot hand the engine partial state from a failed create or update, so a failure raises after
the calls that could go on have gone on, and the next run converges: it takes over, by key, the entries the set
declares that already hold exactly the declared values (those an earlier run created), and asks for adopt: True
on any that hold something else.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

from . import runtime
from .apply import FINISH_DELETE, FINISH_UP, Failure, Outcome, conflict_failures, raise_failures, run_all
from .blocked_number import BlockedNumberArgs
from .entryset import ENTRIES, IDS, check_entries, entry_value, live_entries, plan, spec_of
from .errors import ConflictError, NotFoundError
from .files import read_blocklist
from .properties import PROVIDER_KEY, is_unknown
from .runtime import CachingClient
from .settings import KEYS
from .spec import BlockedNumberSpec


class BlocklistProvider(ResourceProvider):
    """Creates, reads, updates and deletes a set of Zoom Phone blocked-list entries."""

    def configure(self, req: ConfigureRequest) -> None:
        # The engine hands over the whole stack config, secrets unwrapped: keep it in this process only.
        runtime.configure({key.config: req.config.get(key.config) for key in KEYS})

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        # Normalize every entry into the keyed map and report every problem at once, per entries[i].field; no I/O.
        failures = [
            CheckFailure(name, f"unknown property {name!r}: Blocklist takes entries")
            for name in sorted(set(news) - {ENTRIES, PROVIDER_KEY})
        ]
        checked = check_entries(news.get(ENTRIES))
        for warning in checked.warnings:
            pulumi.log.warn(warning)  # stderr of the provider process, shown with the operation's diagnostics
        return CheckResult({ENTRIES: checked.entries}, failures + checked.failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        # Key by key; never a replacement: any change, block type to or from threat included, is made in place.
        new = news.get(ENTRIES)
        changes = True if is_unknown(new) else bool(plan(olds.get(ENTRIES) or {}, new or {}))
        return DiffResult(changes=changes, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        # POST every entry; a 409 is settled once all calls are done (take over, adopt, or report).
        wanted: dict[str, Any] = props.get(ENTRIES) or {}
        client = runtime.client()
        posted = run_all(lambda key: client.create(spec_of(key, wanted[key])), sorted(wanted))
        outcome = _settle_conflicts(client, posted, wanted)
        raise_failures("create", len(wanted), outcome, FINISH_UP)
        return CreateResult(f"blocklist-{uuid.uuid4().hex[:12]}", _outputs(wanted, outcome.results))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        # One listing for the whole set (shared with every other read of the run); gone entries drop out.
        declared: dict[str, Any] = props.get(ENTRIES) or {}
        entries, ids = live_entries(runtime.listing(), props.get(IDS) or {}, declared)
        return ReadResult(id_, {ENTRIES: entries, IDS: ids}, inputs={ENTRIES: entries})

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        # DELETE removed keys first (a number may move between keys), then PATCH changed and POST added together.
        old_ids: dict[str, str] = olds.get(IDS) or {}
        wanted: dict[str, Any] = news.get(ENTRIES) or {}
        steps = plan(olds.get(ENTRIES) or {}, wanted)
        total = len(steps.added) + len(steps.changed) + len(steps.removed)
        client = runtime.client()
        removed = run_all(lambda key: _delete(client, old_ids[key]), [k for k in steps.removed if k in old_ids])
        if removed.failures:
            removed.skipped += len(steps.added) + len(steps.changed)
            raise_failures("update", total, removed, FINISH_UP)
        ids = {key: value for key, value in old_ids.items() if key in wanted}

        def change(key: str) -> str:
            if key in steps.changed and key in ids:
                return _patch(client, ids[key], key, wanted[key], steps.changed[key])
            return client.create(spec_of(key, wanted[key]))

        written = _settle_conflicts(client, run_all(change, [*steps.changed, *steps.added]), wanted)
        written.skipped += removed.skipped
        raise_failures("update", total, written, FINISH_UP)
        return UpdateResult(_outputs(wanted, {**ids, **written.results}))

    def delete(self, _id: str, props: dict[str, Any]) -> None:
        # DELETE every entry; one already removed in the portal is the outcome we wanted.
        ids: dict[str, str] = props.get(IDS) or {}
        client = runtime.client()
        outcome = run_all(lambda key: _delete(client, ids[key]), sorted(ids))
        raise_failures("delete", len(ids), outcome, FINISH_DELETE)


def _outputs(wanted: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
    return {ENTRIES: dict(wanted), IDS: {key: ids[key] for key in sorted(wanted) if key in ids}}


def _delete(client: CachingClient, entry_id: str) -> None:
    try:
        client.delete(entry_id)
    except NotFoundError:
        pulumi.log.debug(f"blocked-list entry {entry_id} was already gone from Zoom")


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


def _settle_conflicts(client: CachingClient, outcome: Outcome, wanted: Mapping[str, Any]) -> Outcome:
    """Resolve every 409 of `outcome` with one listing: take over, adopt (and patch), or keep as a failure."""
    conflicts = [failure for failure in outcome.failures if isinstance(failure.error, ConflictError)]
    if not conflicts:
        return outcome
    same, adopted, refused = conflict_failures(conflicts, runtime.listing(), wanted)

    def take(key: str) -> str:
        existing, declared = adopted[key], wanted[key]
        live = {"status": existing.status.value, "comment": existing.comment}
        client.update(existing.id, {name: declared[name] for name in live if live[name] != declared[name]})
        return existing.id

    patched = run_all(take, sorted(adopted))
    others = [failure for failure in outcome.failures if not isinstance(failure.error, ConflictError)]
    failures: list[Failure] = sorted(others + refused + patched.failures, key=lambda failure: failure.key)
    results = {**outcome.results, **{key: entry.id for key, entry in same.items()}, **patched.results}
    return Outcome(results, failures, outcome.skipped + patched.skipped)


class Blocklist(Resource, module="zoom", name="Blocklist"):
    """Many numbers and prefixes blocked in Zoom Phone as one resource (type `pulumi-python:dynamic/zoom:Blocklist`).

    `entries` takes dicts (or BlockedNumberArgs) with the fields of a BlockedNumber: phone_number, match_type,
    block_type, status, comment, country, adopt and allow_emergency. Its output `entries` is a map keyed by
    "<number>/<match type>/<block type>", so a preview shows just the entries added, removed or changed.
    """

    # A map once applied; typed Any because a preview under mocks hands back the declared list as it was written.
    entries: pulumi.Output[Any]

    def __init__(
        self,
        resource_name: str,
        entries: Sequence[Any] | pulumi.Output[Sequence[Any]] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        declared = entries if isinstance(entries, pulumi.Output) else [_declared(entry) for entry in entries]
        super().__init__(BlocklistProvider(), resource_name, {ENTRIES: declared}, opts)

    @classmethod
    def from_file(
        cls,
        resource_name: str,
        path: str | os.PathLike[str],
        *,
        adopt: bool | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> Blocklist:
        """A Blocklist of every entry of a CSV or YAML blocklist file (see `files.py`); a bad file raises first.

        `adopt` applies to every entry whose own adopt cell is empty.
        """
        entries = []
        for entry in read_blocklist(path):
            chosen = adopt if entry.adopt is None else entry.adopt
            flags = {"adopt": chosen} if chosen is not None else {}
            if entry.allow_emergency:
                flags["allow_emergency"] = True
            entries.append({**_spec_fields(entry.spec), **flags})
        return cls(resource_name, entries, opts)


def _declared(entry: Any) -> Any:
    if isinstance(entry, BlockedNumberArgs):
        return {name: value for name, value in entry.properties().items() if value is not None}
    return dict(entry) if isinstance(entry, Mapping) else entry


def _spec_fields(spec: BlockedNumberSpec) -> dict[str, Any]:
    key_fields = {"phone_number": spec.phone_number, "match_type": spec.match_type.value}
    return {**key_fields, "block_type": spec.block_type.value, **entry_value(spec, {})}
