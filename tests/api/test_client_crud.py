"""The five blocked-list calls and find() against the emulator over a real socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.client_support import client_for, fresh_process, spec
from zoom_blocklist_provider.core.errors import NotFoundError
from zoom_blocklist_provider.core.spec import BlockedEntry, BlockType, MatchType, Status
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints, ZoomPhoneClient


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def client(credentials: Credentials, endpoints: Endpoints) -> ZoomPhoneClient:
    return client_for(credentials, endpoints)


def test_create_then_get_returns_the_entry_in_e164(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry_id = client.create(spec("+1 (907) 555-0100", comment="spam", country="US"))
    assert client.get(entry_id) == BlockedEntry(
        id=entry_id,
        phone_number="+19075550100",
        match_type=MatchType.PHONE_NUMBER,
        block_type=BlockType.INBOUND,
        status=Status.ACTIVE,
        comment="spam",
    )
    assert emu.admin.entries()[0]["country"] == "US"


def test_update_patches_only_the_given_fields(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry_id = client.create(spec(comment="before"))
    client.update(entry_id, {"status": "inactive"})
    entry = client.get(entry_id)
    assert (entry.status, entry.comment) == (Status.INACTIVE, "before")


def test_update_with_no_fields_sends_nothing(emu: Emulator, client: ZoomPhoneClient) -> None:
    client.update("any-id", {})
    assert emu.admin.api_calls() == []


def test_delete_removes_the_entry(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry_id = client.create(spec())
    client.delete(entry_id)
    assert emu.admin.entries() == []


def test_get_of_a_deleted_entry_is_not_found(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry_id = emu.admin.add_entry(phone_number="+19075550100", match_type="phoneNumber", block_type="inbound")
    emu.admin.delete_entry(entry_id)
    with pytest.raises(NotFoundError) as raised:
        client.get(entry_id)
    assert raised.value.message == f"Blocked number (Id: {entry_id}) does not exist."


def test_delete_of_a_missing_entry_is_not_found(emu: Emulator, client: ZoomPhoneClient) -> None:
    with pytest.raises(NotFoundError) as raised:
        client.delete("gone-id")
    assert (raised.value.status, raised.value.code) == (400, 300)


def test_list_follows_next_page_token_across_250_entries(emu: Emulator, client: ZoomPhoneClient) -> None:
    for n in range(250):
        emu.admin.add_entry(phone_number=f"+1907555{n:04d}", match_type="phoneNumber", block_type="inbound")
    numbers = [entry.phone_number for entry in client.list()]
    assert sorted(numbers) == [f"+1907555{n:04d}" for n in range(250)]
    calls = emu.admin.api_calls()
    assert [call["query"].get("page_size") for call in calls] == ["100", "100", "100"]
    assert [bool(call["query"].get("next_page_token")) for call in calls] == [False, True, True]


def test_list_of_an_empty_account_is_one_call(emu: Emulator, client: ZoomPhoneClient) -> None:
    assert list(client.list()) == []
    assert len(emu.admin.api_calls()) == 1


def test_find_matches_number_match_type_and_block_type(emu: Emulator, client: ZoomPhoneClient) -> None:
    client.create(spec(block_type="outbound"))
    wanted = client.create(spec())
    found = client.find("+19075550100", "phoneNumber", "inbound")
    assert found is not None
    assert found.id == wanted
    assert client.find("+19075550100", "prefix", "inbound") is None
