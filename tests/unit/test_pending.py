"""What `zoom-blocklist recover` makes of a stack's pending operations: only what the engine's record and Zoom prove."""

from __future__ import annotations

from typing import Any

from zoom_blocklist_provider.cli.pending import SECRET_SIG, applied, plan
from zoom_blocklist_provider.core.spec import BlockedEntry

PROVIDER = "urn:pulumi:dev::p::pulumi:providers:zoom::default::1"
NUMBER = "urn:pulumi:dev::p::zoom:phone:BlockedNumber::{}"
LIST = "urn:pulumi:dev::p::zoom:phone:Blocklist::spam"
K1, K2 = "+19075550100/phoneNumber/inbound", "+19075550101/phoneNumber/inbound"


def entry(entry_id: str, key: str, comment: str = "INC-1", status: str = "active") -> BlockedEntry:
    number, match, block = key.split("/")
    fields = {"id": entry_id, "phone_number": number, "match_type": match, "block_type": block}
    return BlockedEntry.from_api({**fields, "status": status, "comment": comment})


def number_inputs(key: str, comment: Any = "INC-1") -> dict[str, Any]:
    number, match, block = key.split("/")
    return {"phoneNumber": number, "matchType": match, "blockType": block, "status": "active", "comment": comment}


def creating(urn: str, inputs: dict[str, Any], type_: str = "zoom:phone:BlockedNumber") -> dict[str, Any]:
    return {"type": "creating", "resource": {"urn": urn, "type": type_, "custom": True, "provider": PROVIDER,
                                             "inputs": inputs}}  # fmt: skip


def state(*operations: dict[str, Any], resources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"resources": resources or [], "pending_operations": list(operations)}


def test_a_pending_create_whose_entry_zoom_holds_as_sent_becomes_the_resource_holding_it() -> None:
    deployment = state(creating(NUMBER.format("a"), number_inputs(K1)))
    result = plan(deployment, deployment, {PROVIDER: {K1: entry("-x1", K1)}})
    assert [finding.line for finding in result.findings] == [
        f"{NUMBER.format('a')}: holds entry -x1 ({K1}), which the interrupted create made"
    ]
    written = applied(deployment, result)
    (added,) = written["resources"]
    assert (added["id"], added["outputs"], written["pending_operations"]) == ("-x1", number_inputs(K1), [])


def test_a_pending_create_is_cleared_when_zoom_holds_nothing_other_values_or_another_resources_entry() -> None:
    held = {"urn": NUMBER.format("old"), "type": "zoom:phone:BlockedNumber", "id": "_x2", "outputs": {}}
    deployment = state(
        creating(NUMBER.format("a"), number_inputs(K1)),
        creating(NUMBER.format("b"), number_inputs(K2)),
        creating(NUMBER.format("c"), number_inputs("+19075550102/phoneNumber/inbound")),
        resources=[held],
    )
    listing = {K1: entry("-x1", K1, comment="by hand"), K2: entry("_x2", K2)}
    result = plan(deployment, deployment, {PROVIDER: listing})
    assert [finding.line for finding in result.findings] == [
        f"{NUMBER.format('a')}: entry -x1 holds other values (status active, comment 'by hand') than the create "
        "sent, so it is not that create's: its pending create is cleared",
        f"{NUMBER.format('b')}: entry _x2 is held by {NUMBER.format('old')}: its pending create is cleared",
        f"{NUMBER.format('c')}: its create never reached Zoom: its pending create is cleared",
    ]
    assert applied(deployment, result) == state(resources=[held])


def test_a_replacement_that_deleted_first_leaves_with_its_recorded_replacement() -> None:
    old = {"urn": NUMBER.format("a"), "type": "zoom:phone:BlockedNumber", "id": "gone", "pendingReplacement": True}
    deployment = state(creating(NUMBER.format("a"), number_inputs(K1)), resources=[old])
    written = applied(deployment, plan(deployment, deployment, {PROVIDER: {K1: entry("x1", K1)}}))
    assert [(resource["id"], resource.get("pendingReplacement")) for resource in written["resources"]] == [("x1", None)]


def test_a_blocklist_records_the_entries_its_create_made_and_no_other() -> None:
    inputs = {"entries": {K1: {"status": "active", "comment": "INC-1"}, K2: {"status": "active", "comment": "INC-1"}}}
    deployment = state(creating(LIST, inputs, "zoom:phone:Blocklist"))
    result = plan(deployment, deployment, {PROVIDER: {K1: entry("x1", K1)}})
    assert result.findings[0].line == (
        f"{LIST}: holds 1 of its 2 entries; not recorded: {K2}: its create never reached Zoom"
    )
    (added,) = applied(deployment, result)["resources"]
    assert added["outputs"] == {"entries": {K1: inputs["entries"][K1]}, "ids": {K1: "x1"}}
    assert added["id"].startswith("blocklist-")


def test_a_blocklists_interrupted_update_adds_the_entries_it_created() -> None:
    entries = {K1: {"status": "active", "comment": "INC-1"}, K2: {"status": "active", "comment": "INC-1"}}
    current = {"urn": LIST, "type": "zoom:phone:Blocklist", "id": "blocklist-1", "provider": PROVIDER,
               "outputs": {"entries": {K1: entries[K1]}, "ids": {K1: "x1"}}}  # fmt: skip
    updating = {"type": "updating", "resource": {**current, "inputs": {"entries": entries}}}
    deployment = state(updating, resources=[current])
    result = plan(deployment, deployment, {PROVIDER: {K1: entry("x1", K1), K2: entry("x2", K2)}})
    (grown,) = applied(deployment, result)["resources"]
    assert grown["outputs"] == {"entries": entries, "ids": {K1: "x1", K2: "x2"}}


def test_pending_operations_of_other_kinds_and_providers_are_left_as_they_are() -> None:
    other = {"type": "creating", "resource": {"urn": "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
                                              "type": "aws:s3/bucket:Bucket", "provider": "aws", "inputs": {}}}  # fmt: skip
    updating = {"type": "updating", "resource": {"urn": NUMBER.format("a"), "type": "zoom:phone:BlockedNumber",
                                                 "provider": PROVIDER, "inputs": number_inputs(K1)}}  # fmt: skip
    deployment = state(other, updating)
    result = plan(deployment, deployment, {})
    assert (result.findings, applied(deployment, result)) == ([], deployment)


def test_secret_inputs_are_written_back_as_the_ciphertext_the_export_holds() -> None:
    ciphertext = {SECRET_SIG: "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:abc"}
    shown = {SECRET_SIG: "1b47061264138c4ac30d75fd1eb44270", "plaintext": '"INC-1"'}
    written, readable = (
        state(creating(NUMBER.format("a"), number_inputs(K1, comment=value))) for value in (ciphertext, shown)
    )
    (added,) = applied(written, plan(written, readable, {PROVIDER: {K1: entry("x1", K1)}}))["resources"]
    assert added["outputs"]["comment"] == ciphertext
