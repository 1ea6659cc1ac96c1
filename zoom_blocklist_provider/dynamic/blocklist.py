"""Many blocked numbers and prefixes as one Pulumi dynamic resource, applied as fast as the rate limit allows.

In order: the provider (check, diff, create, read, update, delete, each a call to `operations.blocklist`) and the
resource (Blocklist). One Blocklist owns every entry it declares, keyed by number, match type and block type
("+19075550100/phoneNumber/inbound"). The provider object holds nothing (it is pickled into the state); check and
diff never call Zoom.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

from ..core.entries import PROVIDER_KEY
from ..core.entry_set import ENTRIES, entry_value
from ..core.files import read_blocklist
from ..core.spec import BlockedNumberSpec
from ..operations import accounts
from ..operations import blocklist as operation
from ..operations.apply import Incomplete
from ..operations.conflicts import Words
from .blocked_number import BlockedNumberArgs
from .call import current_urn, report_partial_state
from .door import account_failures, configure, deleting_first, failures, one_line_errors, plain

WORDS = Words(
    adopt='set "adopt": True',
)


class BlocklistProvider(ResourceProvider):
    """Creates, reads, updates and deletes a set of Zoom Phone blocked-list entries (through `operations.blocklist`)."""

    # Pickled into every state file, and written again at every checkpoint: it holds no setting and no secret (a
    # test holds that), so it is stored as it is rather than encrypted (the SDK's default), which saves encrypting
    # and decrypting two copies per resource at every checkpoint of a stack of thousands.
    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        configure(req)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        with one_line_errors("check a Blocklist"):
            urn = current_urn()
            checked = operation.check(plain(news), known=(ENTRIES, PROVIDER_KEY), urn=urn)
        for warning in checked.warnings:
            pulumi.log.warn(warning)  # stderr of the provider process, shown with the operation's diagnostics
        return CheckResult(checked.inputs, account_failures() + failures(checked.failures))

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        with one_line_errors("diff a Blocklist"):
            found = operation.diff(plain(olds), plain(news), urn=current_urn())
        changes = True if found.changes is None else found.changes
        return DiffResult(changes=changes, replaces=[], delete_before_replace=True)

    def create(self, props: dict[str, Any]) -> CreateResult:
        with one_line_errors("create a Blocklist"):
            account = accounts.current()
            try:
                set_id, outs = operation.create(account, props, words=WORDS, urn=current_urn())
            except Incomplete as failed:
                _leave_in_state(account, failed, failed.set_id, props)
                raise failed.error from None
        return CreateResult(set_id, outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        with one_line_errors(f"read Blocklist {id_}"):
            outs = operation.read(accounts.current(), props)
        return ReadResult(id_, outs, inputs={ENTRIES: outs[ENTRIES]})

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        with one_line_errors(f"update Blocklist {id_}"):
            account = accounts.current()
            try:
                return UpdateResult(operation.update(account, id_, olds, news, words=WORDS, urn=current_urn()))
            except Incomplete as failed:
                _leave_in_state(account, failed, id_, news)
                raise failed.error from None

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        with one_line_errors(f"delete Blocklist {id_}"):
            operation.delete(accounts.current(), props, urn=current_urn())


def _leave_in_state(account: accounts.Account, failed: Incomplete, set_id: str, props: dict[str, Any]) -> None:
    """Have the engine record what a failed create or update did; where the SDK's server cannot carry that, delete
    again what it created, so that no entry is left blocked that no state records."""
    outputs = {**failed.outputs, PROVIDER_KEY: props[PROVIDER_KEY]}
    if not report_partial_state(set_id, outputs, str(failed)):
        operation.rollback(account, failed.created)


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
        super().__init__(BlocklistProvider(), resource_name, {ENTRIES: declared}, deleting_first(opts))

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
