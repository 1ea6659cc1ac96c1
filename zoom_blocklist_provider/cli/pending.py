"""What `zoom-blocklist recover` makes of a stack's pending operations: which resource each one proves holds which
entry, and the deployment that records it. Pure: it reads a `pulumi stack export` and Zoom's entries, and returns.

An interrupted `pulumi up` leaves in the state (with checkpoints) a pending operation for each create it started
and never saw finish: the resource's URN and the inputs it sent. That record is the proof that this stack asked
Zoom for exactly that entry. An entry Zoom now holds under the same key (number, match type and block type) is
the create's own when it also holds exactly the status and comment the create sent, and no other resource of the
stack holds it; such an entry becomes the resource's, as `pulumi refresh --import-pending-creates` should have
made it. Every other pending create is cleared: its create never reached Zoom (the next `up` makes it), or the
entry is something else's (the next `up` says whose it may be). A Blocklist's pending update records the entries
it created the same way. Nothing else of the state changes.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.spec import BlockedEntry

SECRET_SIG = "4dabf18193072939515e22adb298388d"  # noqa: S105 - Pulumi's marker of a secret value, not a secret
NUMBERS = ("zoom:phone:BlockedNumber", "pulumi-python:dynamic/zoom:BlockedNumber")
LISTS = ("zoom:phone:Blocklist", "pulumi-python:dynamic/zoom:Blocklist")
Listing = Mapping[str, BlockedEntry]  # an account's entries by key
CLEARED = "its pending create is cleared"


@dataclass(frozen=True)
class Names:
    """How one resource type names its properties: the native provider's camelCase or the dynamic door's."""

    phone_number: str
    match_type: str
    block_type: str
    ids: str


NATIVE = Names("phoneNumber", "matchType", "blockType", "ids")
DYNAMIC = Names("phone_number", "match_type", "block_type", "__ids")


def names(type_: str) -> Names:
    return NATIVE if type_.startswith("zoom:") else DYNAMIC


@dataclass
class Finding:
    """What one pending operation proves: a line to print, and the state's change (a resource to add or change)."""

    urn: str
    line: str
    added: dict[str, Any] | None = None  # a resource record to append
    changed: dict[str, Any] | None = None  # new outputs for the resource the operation updates


@dataclass
class Plan:
    """Every finding, and the pending operations it settles (their index in the deployment)."""

    findings: list[Finding] = field(default_factory=list)
    settled: list[int] = field(default_factory=list)


def plain(value: Any) -> Any:
    """A value of `pulumi stack export --show-secrets`, secret or not."""
    if isinstance(value, dict) and SECRET_SIG in value:
        return json.loads(value["plaintext"])
    return value


def is_secret(value: Any) -> bool:
    return isinstance(value, dict) and SECRET_SIG in value


def ours(operation: Mapping[str, Any]) -> bool:
    """A pending create of a zoom resource, or a pending update of a Blocklist (which may have created entries)."""
    kind, type_ = operation.get("type"), operation["resource"]["type"]
    return (kind == "creating" and type_ in (*NUMBERS, *LISTS)) or (kind == "updating" and type_ in LISTS)


def holders(deployment: Mapping[str, Any]) -> dict[str, str]:
    """Every entry id a resource of the state holds -> that resource's URN (an entry already deleted by a replacement
    that deletes first is held by none)."""
    held: dict[str, str] = {}
    for resource in deployment.get("resources") or []:
        if resource.get("pendingReplacement"):
            continue
        if resource["type"] in NUMBERS and resource.get("id"):
            held[resource["id"]] = resource["urn"]
        elif resource["type"] in LISTS:
            ids = plain((resource.get("outputs") or {}).get(names(resource["type"]).ids)) or {}
            held.update(dict.fromkeys(ids.values(), resource["urn"]))
    return held


def entry_key(values: Mapping[str, Any], spelled: Names) -> str:
    return "/".join(str(plain(values[name])) for name in (spelled.phone_number, spelled.match_type, spelled.block_type))


def judge(key: str, sent: Mapping[str, Any], listing: Listing, held: Mapping[str, str], urn: str) -> str | BlockedEntry:
    """The entry a create of `key` that sent `sent` made, or why none is proven."""
    entry = listing.get(key)
    if entry is None:
        return "its create never reached Zoom"
    holder = held.get(entry.id)
    if holder is not None and holder != urn:
        return f"entry {entry.id} is held by {holder}"
    wanted = (plain(sent.get("status")) or "active", plain(sent.get("comment")) or "")
    if (entry.status.value, entry.comment) != wanted:
        live = f"status {entry.status.value}, comment {entry.comment!r}"
        return f"entry {entry.id} holds other values ({live}) than the create sent, so it is not that create's"
    return entry


def plan(deployment: Mapping[str, Any], shown: Mapping[str, Any], listings: Mapping[str, Listing]) -> Plan:
    """What each pending operation of ours proves. `deployment` is the export as written (secrets encrypted),
    `shown` the same with --show-secrets, `listings` each provider reference's entries by key."""
    result = Plan()
    held = holders(shown)
    operations = deployment.get("pending_operations") or []
    for index, (operation, readable) in enumerate(zip(operations, shown.get("pending_operations") or [], strict=True)):
        if not ours(readable):
            continue
        resource, urn = readable["resource"], readable["resource"]["urn"]
        listing = listings[resource["provider"]]
        if resource["type"] in NUMBERS:
            finding = _number(operation["resource"], resource, listing, held)
        elif readable["type"] == "creating":
            finding = _new_list(operation["resource"], resource, listing, held)
        else:
            finding = _grown_list(deployment, shown, resource, listing, held)
        result.findings.append(finding)
        result.settled.append(index)
        if finding.added is not None:
            held.update(_ids_of(finding.added, urn))
    return result


def _number(
    written: Mapping[str, Any], resource: Mapping[str, Any], listing: Listing, held: Mapping[str, str]
) -> Finding:
    urn, inputs = resource["urn"], resource.get("inputs") or {}
    key = entry_key(inputs, names(resource["type"]))
    found = judge(key, inputs, listing, held, urn)
    if isinstance(found, str):
        return Finding(urn, f"{urn}: {found}: {CLEARED}")
    record = {**copy.deepcopy(dict(written)), "id": found.id, "outputs": copy.deepcopy(written.get("inputs") or {})}
    return Finding(urn, f"{urn}: holds entry {found.id} ({key}), which the interrupted create made", added=record)


def _new_list(
    written: Mapping[str, Any], resource: Mapping[str, Any], listing: Listing, held: Mapping[str, str]
) -> Finding:
    urn, spelled = resource["urn"], names(resource["type"])
    declared: dict[str, Any] = plain((resource.get("inputs") or {}).get("entries")) or {}
    made, missing = _made(declared, listing, held, urn)
    if not made:
        return Finding(urn, f"{urn}: none of its {len(declared)} entries is proven its own{missing}; {CLEARED}")
    entries = (written.get("inputs") or {}).get("entries")
    if is_secret(entries) and len(made) < len(declared):
        return Finding(urn, f"{urn}: its entries are secret, so only all of them can be recorded: {CLEARED}")
    outputs = {**copy.deepcopy(dict(written.get("inputs") or {}))}
    outputs["entries"] = entries if is_secret(entries) else {key: declared[key] for key in sorted(made)}
    outputs[spelled.ids] = {key: made[key].id for key in sorted(made)}
    record = {**copy.deepcopy(dict(written)), "id": f"blocklist-{uuid.uuid4().hex[:12]}", "outputs": outputs}
    return Finding(urn, f"{urn}: holds {len(made)} of its {len(declared)} entries{missing}", added=record)


def _grown_list(
    deployment: Mapping[str, Any], shown: Mapping[str, Any], resource: Mapping[str, Any], listing: Listing,
    held: Mapping[str, str],
) -> Finding:  # fmt: skip
    urn, spelled = resource["urn"], names(resource["type"])
    current = _live_resource(shown, urn)
    if current is None:
        return Finding(urn, f"{urn}: not in the state: its pending update is cleared")
    outputs = current.get("outputs") or {}
    ids: dict[str, str] = plain(outputs.get(spelled.ids)) or {}
    declared: dict[str, Any] = plain((resource.get("inputs") or {}).get("entries")) or {}
    made, missing = _made({key: value for key, value in declared.items() if key not in ids}, listing, held, urn)
    if not made:
        return Finding(urn, f"{urn}: its interrupted update created no entry this shows: its pending update is cleared")
    written = _live_resource(deployment, urn) or {}
    if is_secret((written.get("outputs") or {}).get("entries")):
        return Finding(urn, f"{urn}: its entries are secret and cannot be added to: its pending update is cleared")
    grown = copy.deepcopy(dict(written.get("outputs") or {}))
    grown["entries"] = {**plain(grown.get("entries")), **{key: declared[key] for key in made}}
    grown[spelled.ids] = {**ids, **{key: entry.id for key, entry in made.items()}}
    return Finding(urn, f"{urn}: holds {len(made)} more entries its interrupted update created{missing}", changed=grown)


def _made(
    declared: Mapping[str, Any], listing: Listing, held: Mapping[str, str], urn: str
) -> tuple[dict[str, BlockedEntry], str]:
    made: dict[str, BlockedEntry] = {}
    others: list[str] = []
    for key, value in sorted(declared.items()):
        found = judge(key, value, listing, held, urn)
        if isinstance(found, str):
            others.append(f"{key}: {found}")
        else:
            made[key] = found
    return made, ("; not recorded: " + "; ".join(others) if others else "")


def _live_resource(deployment: Mapping[str, Any], urn: str) -> dict[str, Any] | None:
    return next(
        (
            resource
            for resource in deployment.get("resources") or []
            if resource["urn"] == urn and not resource.get("delete") and not resource.get("pendingReplacement")
        ),
        None,
    )


def _ids_of(resource: Mapping[str, Any], urn: str) -> dict[str, str]:
    if resource["type"] in NUMBERS:
        return {resource["id"]: urn}
    ids = plain((resource.get("outputs") or {}).get(names(resource["type"]).ids)) or {}
    return dict.fromkeys(ids.values(), urn)


def applied(deployment: Mapping[str, Any], result: Plan) -> dict[str, Any]:
    """`deployment` with the plan's resources recorded and the pending operations it settled removed; a resource
    that a replacement deleted first (pendingReplacement) leaves with its recorded replacement."""
    changed = copy.deepcopy(dict(deployment))
    added = [finding.added for finding in result.findings if finding.added is not None]
    replaced = {record["urn"] for record in added}
    grown = {finding.urn: finding.changed for finding in result.findings if finding.changed is not None}
    resources = []
    for resource in changed.get("resources") or []:
        if resource["urn"] in replaced and resource.get("pendingReplacement"):
            continue
        current = resource.get("delete") or resource.get("pendingReplacement")
        outputs = grown.get(resource["urn"]) if not current else None
        resources.append(resource if outputs is None else {**resource, "outputs": outputs})
    changed["resources"] = resources + added
    operations = changed.get("pending_operations") or []
    changed["pending_operations"] = [op for index, op in enumerate(operations) if index not in result.settled]
    return changed
