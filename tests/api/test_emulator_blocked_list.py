"""The five blocked-list calls on the emulator: Zoom's paths, shapes, status codes and quirks.

Every success body is validated against the response schema of its operation in Zoom's OpenAPI document;
error bodies, which the document does not describe, are compared with API.md's exact text.
"""

from __future__ import annotations

from typing import Any

import openapi_schema_validator
import pytest
import requests

from zoom_blocklist_provider.emulator import Emulator

ENTRY_KEYS = ["block_type", "comment", "id", "match_type", "phone_number", "status"]


def _url(emu: Emulator, entry_id: str = "") -> str:
    return f"{emu.api_url}/phone/blocked_list" + (f"/{entry_id}" if entry_id else "")


def _validate(openapi: dict[str, Any], path: str, method: str, status: int, body: object) -> None:
    operation = openapi["paths"][path][method]["responses"][str(status)]
    schema = operation["content"]["application/json"]["schema"]
    openapi_schema_validator.validate(body, schema, cls=openapi_schema_validator.OAS30Validator)


def _create(api: requests.Session, emu: Emulator, **fields: str) -> str:
    response = api.post(_url(emu), json={"phone_number": "+19075550100", **fields})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_create_answers_201_with_id(api: requests.Session, emu: Emulator, openapi: dict[str, Any]) -> None:
    response = api.post(_url(emu), json={"phone_number": "+19075550100", "comment": "spam"})
    assert response.status_code == 201
    assert list(response.json()) == ["id"]
    assert len(response.json()["id"]) == 22
    _validate(openapi, "/phone/blocked_list", "post", 201, response.json())


def test_get_returns_every_field_but_country(api: requests.Session, emu: Emulator, openapi: dict[str, Any]) -> None:
    entry_id = _create(api, emu, country="US", comment="spam", block_type="outbound", status="inactive")
    response = api.get(_url(emu, entry_id))
    assert response.status_code == 200
    assert response.json() == {
        "id": entry_id,
        "phone_number": "+19075550100",
        "match_type": "phoneNumber",
        "block_type": "outbound",
        "status": "inactive",
        "comment": "spam",
    }
    _validate(openapi, "/phone/blocked_list/{blockedListId}", "get", 200, response.json())


def test_country_is_stored_but_never_read(api: requests.Session, emu: Emulator) -> None:
    entry_id = _create(api, emu, country="us")
    assert "country" not in api.get(_url(emu, entry_id)).json()
    assert emu.admin.entries()[0]["country"] == "US"


def test_create_applies_zoom_defaults(api: requests.Session, emu: Emulator) -> None:
    entry = api.get(_url(emu, _create(api, emu))).json()
    assert (entry["match_type"], entry["block_type"], entry["status"]) == ("phoneNumber", "inbound", "active")
    assert "comment" not in entry


@pytest.mark.parametrize(
    ("written", "country", "match_type", "read"),
    [
        ("(907) 555-0100", "US", "phoneNumber", "+19075550100"),
        ("1-907-555-0100", None, "phoneNumber", "+19075550100"),
        ("+1 907.555.0100", None, "phoneNumber", "+19075550100"),
        ("020 7946 0000", "GB", "phoneNumber", "+442079460000"),
        ("112", "DE", "phoneNumber", "112"),
        ("907", "US", "prefix", "+1907"),
        ("+61", None, "prefix", "+61"),
    ],
)
def test_read_gives_e164_whatever_was_written(
    api: requests.Session, emu: Emulator, written: str, country: str | None, match_type: str, read: str
) -> None:
    body = {"phone_number": written, "match_type": match_type, **({"country": country} if country else {})}
    entry_id = api.post(_url(emu), json=body).json()["id"]
    assert api.get(_url(emu, entry_id)).json()["phone_number"] == read


def test_patch_answers_204_with_empty_body_and_no_content_type(api: requests.Session, emu: Emulator) -> None:
    entry_id = _create(api, emu)
    response = api.patch(_url(emu, entry_id), json={"status": "inactive", "comment": "kept"})
    assert (response.status_code, response.content) == (204, b"")
    assert "Content-Type" not in response.headers
    assert api.get(_url(emu, entry_id)).json()["status"] == "inactive"


def test_patch_keeps_the_id_and_renormalizes(api: requests.Session, emu: Emulator) -> None:
    entry_id = _create(api, emu)
    api.patch(_url(emu, entry_id), json={"phone_number": "907-555-0199", "country": "US"})
    assert api.get(_url(emu, entry_id)).json()["phone_number"] == "+19075550199"


def test_delete_answers_204_and_the_entry_is_gone(api: requests.Session, emu: Emulator) -> None:
    entry_id = _create(api, emu)
    response = api.delete(_url(emu, entry_id))
    assert (response.status_code, response.content, response.headers.get("Content-Type")) == (204, b"", None)
    assert emu.admin.entries() == []


def test_create_duplicate_answers_409(api: requests.Session, emu: Emulator) -> None:
    _create(api, emu)
    response = api.post(_url(emu), json={"phone_number": "1 (907) 555-0100"})
    assert response.status_code == 409
    assert response.json() == {"code": 409, "message": "Blocked number already exists."}


def test_same_number_with_other_block_type_is_no_duplicate(api: requests.Session, emu: Emulator) -> None:
    _create(api, emu)
    assert api.post(_url(emu), json={"phone_number": "+19075550100", "block_type": "outbound"}).status_code == 201


def test_patch_that_makes_a_duplicate_answers_409(api: requests.Session, emu: Emulator) -> None:
    _create(api, emu)
    other = _create(api, emu, block_type="outbound")
    response = api.patch(_url(emu, other), json={"block_type": "inbound"})
    assert response.status_code == 409
    assert response.json() == {"code": 409, "message": "Blocked number already exists."}


def test_get_missing_id_answers_400_code_400(api: requests.Session, emu: Emulator) -> None:
    response = api.get(_url(emu, "nope"))
    assert response.status_code == 400
    assert response.json() == {"code": 400, "message": "Blocked number (Id: nope) does not exist."}


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_change_missing_id_answers_400_code_300(api: requests.Session, emu: Emulator, method: str) -> None:
    response = api.request(method, _url(emu, "nope"), json={"status": "active"})
    assert response.status_code == 400
    assert response.json() == {
        "code": 300,
        "message": "Validation Failed. Blocked number (Id: nope) does not exist.",
    }


def test_bad_country_answers_invalid_country(api: requests.Session, emu: Emulator) -> None:
    response = api.post(_url(emu), json={"phone_number": "+19075550100", "country": "ZZ"})
    assert response.status_code == 400
    assert response.json() == {"code": 300, "message": "Invalid country."}


def test_enum_values_are_case_sensitive(api: requests.Session, emu: Emulator) -> None:
    response = api.post(_url(emu), json={"phone_number": "+19075550100", "block_type": "Inbound"})
    assert response.status_code == 400
    reason = "must be one of inbound, outbound, threat, not 'Inbound'"
    assert response.json() == {
        "code": 300,
        "message": f"Validation Failed. block_type: {reason}",
        "errors": [{"field": "block_type", "message": reason}],
    }


def test_create_accepts_threat(api: requests.Session, emu: Emulator) -> None:
    entry_id = _create(api, emu, block_type="threat")
    assert api.get(_url(emu, entry_id)).json()["block_type"] == "threat"


def test_patch_refuses_threat(api: requests.Session, emu: Emulator) -> None:
    response = api.patch(_url(emu, _create(api, emu)), json={"block_type": "threat"})
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert response.json()["errors"] == [
        {"field": "block_type", "message": "must be one of inbound, outbound, not 'threat'"}
    ]


@pytest.mark.parametrize(("field", "limit"), [("phone_number", 50), ("comment", 255), ("country", 50)])
def test_max_lengths_answer_400_code_300(api: requests.Session, emu: Emulator, field: str, limit: int) -> None:
    response = api.post(_url(emu), json={"phone_number": "+19075550100", field: "1" * (limit + 1)})
    assert response.status_code == 400
    assert response.json()["message"] == f"Validation Failed. {field}: length must be at most {limit}"


def test_create_without_phone_number_is_refused(api: requests.Session, emu: Emulator) -> None:
    response = api.post(_url(emu), json={"comment": "nothing to block"})
    assert response.status_code == 400
    assert response.json()["message"] == "Validation Failed. phone_number: is required"


def test_letters_are_no_phone_number(api: requests.Session, emu: Emulator) -> None:
    response = api.post(_url(emu), json={"phone_number": "CALL-NOW"})
    assert response.status_code == 400
    assert response.json()["message"] == "Validation Failed. phone_number: 'CALL-NOW' is not a phone number or prefix"


def test_body_that_is_not_json_is_refused(api: requests.Session, emu: Emulator) -> None:
    response = api.post(_url(emu), data=b"phone_number=1", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"code": 300, "message": "Request Body should be a valid JSON object."}


def test_every_response_has_its_own_tracking_id(api: requests.Session, emu: Emulator) -> None:
    responses = [api.get(_url(emu)), api.get(_url(emu, "nope")), api.get(f"{emu.url}/v2/unknown")]
    tracking_ids = {response.headers["x-zm-trackingid"] for response in responses}
    assert len(tracking_ids) == 3


def test_unknown_path_answers_404(api: requests.Session, emu: Emulator) -> None:
    response = api.get(f"{emu.url}/v2/phone/blocked_lists")
    assert response.status_code == 404
    assert response.json() == {"code": 404, "message": "No API at /v2/phone/blocked_lists."}


def test_api_calls_are_logged_with_query_and_status(api: requests.Session, emu: Emulator) -> None:
    api.get(_url(emu), params={"page_size": "5"})
    [call] = emu.admin.api_calls()
    assert {k: call[k] for k in ("method", "path", "query", "status")} == {
        "method": "GET",
        "path": "/v2/phone/blocked_list",
        "query": {"page_size": "5"},
        "status": 200,
    }
