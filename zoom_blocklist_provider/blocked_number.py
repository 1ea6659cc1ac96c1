"""One blocked number or prefix in Zoom Phone, as a Pulumi dynamic resource.

In order: the arguments (BlockedNumberArgs), the provider (check, diff, create, read, update, delete) and the
resource (BlockedNumber). The provider object is pickled into every state file, so it holds nothing: settings and
clients live in `runtime`, inside the provider process. check and diff never call Zoom.
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

from . import runtime
from .errors import ConflictError, NotFoundError
from .properties import (
    FLAG_FIELDS,
    INPUT_FIELDS,
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
from .settings import KEYS
from .spec import BlockedNumberSpec, BlockType
from .zoom import ZoomPhoneClient

ADOPT_DESCRIPTION = (
    "Take over an entry that already exists in Zoom with the same phone_number, match_type and block_type "
    "(patching its status and comment to the declared ones) instead of failing. Has no effect once created."
)

ALLOW_EMERGENCY_DESCRIPTION = (
    "Allow an entry that would block an emergency number of its country, which check otherwise refuses: a short "
    "code such as '911' or '112', the same behind its calling code ('+1911', '+44999'), or a prefix or unassigned "
    "number that dials one ('+19112'). Blocking calls to emergency services can stop people reaching help; blocking "
    "calls from them can stop callbacks. Never sent to Zoom; default False."
)

GONE_HINT = "the entry was deleted in Zoom since the last refresh: run `pulumi refresh`, then `pulumi up` recreates it"


FLAG_DESCRIPTIONS = {"adopt": ADOPT_DESCRIPTION, "allow_emergency": ALLOW_EMERGENCY_DESCRIPTION}


def _describe(name: str) -> str:
    if name in FLAG_DESCRIPTIONS:
        return FLAG_DESCRIPTIONS[name]
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
    """Creates, reads, updates and deletes one Zoom Phone blocked-list entry."""

    def configure(self, req: ConfigureRequest) -> None:
        # The engine hands over the whole stack config, secrets unwrapped: keep it in this process only.
        runtime.configure({key.config: req.config.get(key.config) for key in KEYS})

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        # Normalize every field and report every problem at once, per property; then the safety rails. No I/O.
        failures = unexpected_property_failures(news, INPUT_FIELDS)
        checked, entry_failures = check_entry(news)
        adopt, adopt_failures = check_flag(news, "adopt")
        allow, allow_failures = check_flag(news, "allow_emergency")
        failures += entry_failures + adopt_failures + allow_failures
        if not entry_failures and not allow_failures:
            safety_failures, warnings = check_safety(checked, allow)
            failures += safety_failures
            for warning in warnings:
                # Without an engine connection (the provider process has none) this goes to stderr, which the
                # engine shows with the operation's diagnostics.
                pulumi.log.warn(warning)
        return CheckResult({**checked, "adopt": adopt, "allow_emergency": allow}, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        # Compare normalized values; only a move to or from "threat" cannot be patched.
        changed = changed_fields(olds, news)
        old_type, new_type = olds.get("block_type"), news.get("block_type")
        threat = BlockType.THREAT.value
        replaces = (
            ["block_type"]
            if "block_type" in changed and threat in (old_type, new_type) and not is_unknown(new_type)
            else []
        )
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=bool(replaces))

    def create(self, props: dict[str, Any]) -> CreateResult:
        # POST; a 409 becomes a takeover with adopt=True, or an error saying how to adopt.
        spec = spec_of(props)
        client = runtime.client()
        try:
            entry_id = client.create(spec)
        except ConflictError as conflict:
            entry_id = _take_over(client, spec, conflict, adopt=bool(props.get("adopt")))
        return CreateResult(entry_id, {**entry_outputs(spec), **_flags(props)})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        # GET; gone leaves state, otherwise live values become both outputs and inputs so drift shows.
        try:
            entry = runtime.read_entry(id_)
        except NotFoundError:
            return ReadResult(None, {})
        live = live_outputs(entry, props)
        return ReadResult(id_, live, inputs=dict(live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        # PATCH with only the fields that changed; country is write-only, so a removed one needs no call.
        spec = spec_of(news)
        values = spec.model_dump(mode="json")
        body = {name: values[name] for name in changed_fields(olds, news) if values.get(name) is not None}
        if body:
            try:
                runtime.client().update(id_, body)
            except NotFoundError as gone:
                raise gone.with_hint(GONE_HINT) from None
        return UpdateResult({**entry_outputs(spec), **_flags(news)})

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        # DELETE; an entry already removed in the portal is the outcome we wanted.
        try:
            runtime.client().delete(id_)
        except NotFoundError:
            pulumi.log.debug(f"blocked-list entry {id_} was already gone from Zoom")


def _flags(props: dict[str, Any]) -> dict[str, bool]:
    return {name: bool(props.get(name)) for name in FLAG_FIELDS}


def _take_over(client: ZoomPhoneClient, spec: BlockedNumberSpec, conflict: ConflictError, *, adopt: bool) -> str:
    existing = client.find(*spec.key())
    if existing is None:
        raise conflict
    if not adopt:
        raise conflict.with_hint(
            f"{spec.phone_number} ({spec.match_type.value}, {spec.block_type.value}) is already blocked in Zoom "
            f"as entry {existing.id}; set adopt=True on this BlockedNumber to manage that entry, "
            "or delete it in the Zoom portal"
        )
    values = spec.model_dump(mode="json")
    drifted = {name: values[name] for name in ("status", "comment") if getattr(existing, name) != getattr(spec, name)}
    if drifted:
        client.update(existing.id, drifted)
    return existing.id


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
        super().__init__(BlockedNumberProvider(), resource_name, args.properties(), opts)
