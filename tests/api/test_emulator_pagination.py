"""Listing on the emulator pages as Zoom does: page_size default 30, at most 100, opaque next_page_token."""

from __future__ import annotations

from typing import Any

import openapi_schema_validator
import requests

from zoom_blocklist_provider.emulator import Emulator


def _fill(emu: Emulator, count: int) -> list[str]:
    return [emu.admin.add_entry(phone_number=f"+1907555{n:04d}") for n in range(count)]


def _list(api: requests.Session, emu: Emulator, **query: str) -> dict[str, Any]:
    response = api.get(f"{emu.api_url}/phone/blocked_list", params=query)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_list_body_matches_the_openapi_schema(api: requests.Session, emu: Emulator, openapi: dict[str, Any]) -> None:
    _fill(emu, 2)
    body = _list(api, emu)
    schema = openapi["paths"]["/phone/blocked_list"]["get"]["responses"]["200"]["content"]["application/json"]
    openapi_schema_validator.validate(body, schema["schema"], cls=openapi_schema_validator.OAS30Validator)
    assert sorted(body) == ["blocked_list", "next_page_token", "page_size", "total_records"]


def test_250_entries_come_in_three_pages_of_100(api: requests.Session, emu: Emulator) -> None:
    ids = _fill(emu, 250)
    pages = [_list(api, emu, page_size="100")]
    while pages[-1]["next_page_token"]:
        pages.append(_list(api, emu, page_size="100", next_page_token=pages[-1]["next_page_token"]))
    assert [len(page["blocked_list"]) for page in pages] == [100, 100, 50]
    assert [page["total_records"] for page in pages] == [250, 250, 250]
    assert [entry["id"] for page in pages for entry in page["blocked_list"]] == ids
    assert pages[-1]["next_page_token"] == ""


def test_page_size_defaults_to_30(api: requests.Session, emu: Emulator) -> None:
    _fill(emu, 31)
    body = _list(api, emu)
    assert (len(body["blocked_list"]), body["page_size"]) == (30, 30)
    assert body["next_page_token"] != ""


def test_page_size_above_100_is_clamped_to_100(api: requests.Session, emu: Emulator) -> None:
    _fill(emu, 120)
    body = _list(api, emu, page_size="300")
    assert (len(body["blocked_list"]), body["page_size"]) == (100, 100)


def test_empty_list_has_empty_token(api: requests.Session, emu: Emulator) -> None:
    assert _list(api, emu) == {"blocked_list": [], "next_page_token": "", "page_size": 30, "total_records": 0}


def test_entry_deleted_between_pages_does_not_shift_the_next_page(api: requests.Session, emu: Emulator) -> None:
    ids = _fill(emu, 4)
    first = _list(api, emu, page_size="2")
    emu.admin.delete_entry(ids[0])
    second = _list(api, emu, page_size="2", next_page_token=first["next_page_token"])
    assert [entry["id"] for entry in second["blocked_list"]] == ids[2:]


def test_next_page_token_can_be_asked_again_when_an_answer_was_lost(api: requests.Session, emu: Emulator) -> None:
    ids = _fill(emu, 4)
    token = _list(api, emu, page_size="2")["next_page_token"]
    again = [_list(api, emu, page_size="2", next_page_token=token)["blocked_list"] for _ in range(2)]
    assert [[entry["id"] for entry in page] for page in again] == [ids[2:], ids[2:]]


def test_unknown_next_page_token_is_refused(api: requests.Session, emu: Emulator) -> None:
    response = api.get(f"{emu.api_url}/phone/blocked_list", params={"next_page_token": "made-up"})
    assert response.status_code == 400
    assert response.json() == {"code": 300, "message": "Invalid next page token."}


def test_page_size_that_is_not_a_number_is_refused(api: requests.Session, emu: Emulator) -> None:
    response = api.get(f"{emu.api_url}/phone/blocked_list", params={"page_size": "many"})
    assert response.status_code == 400
    assert response.json()["message"] == "Validation Failed. page_size: 'many' is not an integer"
