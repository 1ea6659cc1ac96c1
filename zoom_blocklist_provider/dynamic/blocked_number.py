"""One blocked number or prefix in Zoom Phone, as a Pulumi dynamic resource (type `pulumi-python:dynamic/zoom:...`).

In order: the arguments (BlockedNumberArgs), the provider (check, diff, create, read, update, delete, each a call
to `operations.blocked_number`) and the resource (BlockedNumber). The provider object is pickled into every state
file, so it holds nothing: settings and clients live in `operations.accounts`, inside the provider process. check
and diff never call Zoom. A replacement deletes first by default (`delete_before_replace`): Zoom keeps one entry
per number, and `pulumi up --replace` asks no provider before it creates.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
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

from ..core.spec import FLAG_DOCS, BlockedNumberSpec
from ..operations import accounts
from ..operations import blocked_number as operation
from ..operations.conflicts import Words
from .call import current_urn
from .door import account_failures, configure, deleting_first, failures, one_line_errors, plain

WORDS = Words(
    adopt="set adopt=True",
)


def _describe(name: str) -> str:
    if name in FLAG_DOCS:
        return FLAG_DOCS[name]
    return BlockedNumberSpec.model_fields[name].description or ""


@dataclass
class BlockedNumberArgs:
    """The arguments of a BlockedNumber; each field may be a plain value or a Pulumi Output."""

    phone_number: pulumi.Input[str]
    match_type: pulumi.Input[str] | None = None
    block_type: pulumi.Input[str] | None = None
    status: pulumi.Input[str] | None = None
    comment: pulumi.Input[str] | None = None
    country: pulumi.Input[str] | None = None
    adopt: pulumi.Input[bool] | None = None
    allow_emergency: pulumi.Input[bool] | None = None

    def properties(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


BlockedNumberArgs.__doc__ = (
    (BlockedNumberArgs.__doc__ or "")
    + "\n\n"
    + "\n".join(f"{field.name}: {_describe(field.name)}" for field in fields(BlockedNumberArgs))
)


class BlockedNumberProvider(ResourceProvider):
    """Creates, reads, updates and deletes one Zoom Phone blocked-list entry (through `operations.blocked_number`)."""

    # Pickled into every state file, and written again at every checkpoint: it holds no setting and no secret (a
    # test holds that), so it is stored as it is rather than encrypted (the SDK's default), which saves encrypting
    # and decrypting two copies per resource at every checkpoint of a stack of thousands.
    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        configure(req)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        with one_line_errors("check a BlockedNumber"):
            checked = operation.check(plain(news), urn=current_urn())
        for warning in checked.warnings:
            # Without an engine connection (the provider process has none) this goes to stderr, which the
            # engine shows with the operation's diagnostics.
            pulumi.log.warn(warning)
        return CheckResult(checked.inputs, account_failures() + failures(checked.failures))

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        with one_line_errors("diff a BlockedNumber"):
            found = operation.diff(plain(olds), plain(news), urn=current_urn(), entry_id=id_)
        return DiffResult(changes=bool(found.changed), replaces=found.replaces, delete_before_replace=True)

    def create(self, props: dict[str, Any]) -> CreateResult:
        with one_line_errors(f"create blocked number {props.get('phone_number')}"):
            entry_id, outs = operation.create(accounts.current(), props, words=WORDS, urn=current_urn())
        return CreateResult(entry_id, outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        # Live values become both outputs and inputs, so drift shows; gone (None) leaves the state.
        with one_line_errors(f"read blocked-list entry {id_}"):
            live = operation.read(accounts.current(), id_, props)
        if live is None:
            return ReadResult(None, {})
        return ReadResult(id_, live, inputs=dict(live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        with one_line_errors(f"update blocked-list entry {id_}"):
            return UpdateResult(operation.update(accounts.current(), id_, olds, news))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        with one_line_errors(f"delete blocked-list entry {id_}"):
            operation.delete(accounts.current(), id_, urn=current_urn())


class BlockedNumber(Resource, module="zoom", name="BlockedNumber"):
    """A phone number or prefix blocked in Zoom Phone (type `pulumi-python:dynamic/zoom:BlockedNumber`)."""

    phone_number: pulumi.Output[str]
    match_type: pulumi.Output[str]
    block_type: pulumi.Output[str]
    status: pulumi.Output[str]
    comment: pulumi.Output[str]
    country: pulumi.Output[str | None]
    adopt: pulumi.Output[bool]
    allow_emergency: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        args: BlockedNumberArgs | None = None,
        *,
        phone_number: pulumi.Input[str] | None = None,
        match_type: pulumi.Input[str] | None = None,
        block_type: pulumi.Input[str] | None = None,
        status: pulumi.Input[str] | None = None,
        comment: pulumi.Input[str] | None = None,
        country: pulumi.Input[str] | None = None,
        adopt: pulumi.Input[bool] | None = None,
        allow_emergency: pulumi.Input[bool] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        if args is None:
            if phone_number is None:
                raise TypeError(f"BlockedNumber {resource_name!r}: phone_number is required")
            args = BlockedNumberArgs(
                phone_number, match_type, block_type, status, comment, country, adopt, allow_emergency
            )
        super().__init__(BlockedNumberProvider(), resource_name, args.properties(), deleting_first(opts))
