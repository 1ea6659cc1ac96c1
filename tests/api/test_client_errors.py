"""Every error class from a real response of the emulator, on one line, without a token or a secret."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import requests

from tests.api.client_support import client_for, fresh_process, spec
from zoom_blocklist_provider.core.errors import (
    ConfigurationError,
    ConflictError,
    InvalidRequestError,
    PermissionDeniedError,
    ServerError,
    ZoomConnectionError,
    ZoomError,
    ZoomResponseError,
)
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints, ZoomPhoneClient
from zoom_blocklist_provider.zoom.auth import TokenSource


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def client(credentials: Credentials, endpoints: Endpoints) -> ZoomPhoneClient:
    return client_for(credentials, endpoints, retry_budget=0.0)


def raw(emu: Emulator, status: int, body: object, content_type: str = "application/json", **where: str) -> None:
    text = body if isinstance(body, str) else json.dumps(body)
    emu.admin.fault(kind="raw", status=status, body=text, content_type=content_type, **where)


def without_tracking(error: ZoomError) -> str:
    return str(error).replace(f" (tracking id {error.tracking_id})", "")


def test_a_bad_country_is_an_invalid_request(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry_id = client.create(spec())
    with pytest.raises(InvalidRequestError) as raised:
        client.update(entry_id, {"country": "ZZ"})
    assert (
        without_tracking(raised.value) == f"update blocked number {entry_id}: HTTP 400, Zoom code 300: Invalid country."
    )


def test_a_number_already_blocked_is_a_conflict(emu: Emulator, client: ZoomPhoneClient) -> None:
    client.create(spec())
    with pytest.raises(ConflictError) as raised:
        client.create(spec())
    assert raised.value.status == 409


def test_a_missing_scope_names_the_scope_to_add(emu: Emulator, client: ZoomPhoneClient) -> None:
    message = "Invalid access token, does not contain scopes:[phone:delete:blocked_list:admin]."
    raw(emu, 400, {"code": 4711, "message": message})
    with pytest.raises(PermissionDeniedError) as raised:
        client.delete("abc")
    assert str(raised.value) == (
        f"delete blocked number abc: HTTP 400, Zoom code 4711: {message} (tracking id "
        f"{raised.value.tracking_id}). Add the scope "
        "phone:delete:blocked_list:admin to the Server-to-Server OAuth app in the Zoom App Marketplace"
    )


def test_zoom_phone_not_enabled_is_permission_denied(emu: Emulator, client: ZoomPhoneClient) -> None:
    raw(emu, 403, {"message": "Zoom Phone has not been enabled for this account"})
    with pytest.raises(PermissionDeniedError) as raised:
        list(client.list())
    assert raised.value.hint == "assign Zoom Phone to the account (a Pro or higher plan with a Zoom Phone license)"


def test_a_5xx_on_get_past_the_budget_is_a_server_error(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="status", status=500, method="GET")
    with pytest.raises(ServerError) as raised:
        client.get("abc")
    assert (raised.value.status, raised.value.code) == (500, 500)


def test_an_html_page_from_a_proxy_is_a_response_error(emu: Emulator, client: ZoomPhoneClient) -> None:
    raw(emu, 502, "<html>\n<body><h1>502 Bad Gateway</h1></body>\n</html>", "text/html")
    with pytest.raises(ZoomResponseError) as raised:
        client.get("abc")
    assert without_tracking(raised.value) == (
        "get blocked number abc: HTTP 502: the answer is not Zoom's JSON: 52 bytes of text/html: "
        "'<html> <body><h1>502 Bad Gateway</h1></body> </html>'"
    )


def test_malformed_json_is_a_response_error_with_a_short_excerpt(emu: Emulator, client: ZoomPhoneClient) -> None:
    raw(emu, 200, '{"blocked_list": [' + "x" * 300)
    with pytest.raises(ZoomResponseError) as raised:
        list(client.list())
    assert without_tracking(raised.value) == (
        "list blocked numbers: HTTP 200: the answer is not Zoom's JSON: 318 bytes of application/json: "
        f"'{{\"blocked_list\": [{'x' * 82}...'"
    )


def test_a_created_entry_without_an_id_is_a_response_error(emu: Emulator, client: ZoomPhoneClient) -> None:
    raw(emu, 201, {}, method="POST")
    with pytest.raises(ZoomResponseError) as raised:
        client.create(spec())
    assert without_tracking(raised.value) == (
        "create blocked number +19075550100: HTTP 201: Zoom confirmed the entry without its id. Zoom may have "
        "blocked the number before the failure: if the next attempt finds it already blocked, that entry is this "
        "one (adopt it rather than delete it)"
    )


def test_an_unknown_enum_value_is_a_response_error(emu: Emulator, client: ZoomPhoneClient) -> None:
    entry = {"id": "abc", "phone_number": "+19075550100", "match_type": "area", "block_type": "inbound"}
    raw(emu, 200, {**entry, "status": "active"})
    with pytest.raises(ZoomResponseError) as raised:
        client.get("abc")
    assert without_tracking(raised.value).startswith(
        "get blocked number abc: HTTP 200: Zoom sent an entry this client cannot read: match_type: "
    )


def test_an_unreachable_url_is_a_connection_error_naming_it(credentials: Credentials, emu: Emulator) -> None:
    client = client_for(credentials, Endpoints("http://127.0.0.1:1/v2", emu.oauth_url), retry_budget=0.0)
    with pytest.raises(ZoomConnectionError) as raised:
        client.get("abc")
    assert str(raised.value) == (
        "get blocked number abc: could not reach http://127.0.0.1:1/v2/phone/blocked_list/abc: [Errno 111] "
        "Connection refused. Check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or ZOOM_API_URL / "
        "ZOOM_OAUTH_URL)"
    )


def test_a_timeout_is_a_connection_error(emu: Emulator, credentials: Credentials, endpoints: Endpoints) -> None:
    # The token is fetched beforehand, without the short timeout: only the GET may run out of time.
    TokenSource(credentials, endpoints.oauth_url, session=requests.Session(), timeout=5.0).token()
    client = client_for(credentials, endpoints, timeout=0.2, retry_budget=0.0)
    emu.admin.fault(kind="delay", delay_ms=1000, method="GET")
    with pytest.raises(ZoomConnectionError) as raised:
        client.get("abc")
    assert raised.value.message == f"no answer from {endpoints.api_url}/phone/blocked_list/abc within 0.2 s"
    # The next test's reset waits for the slow GET only once the emulator holds it (has taken the fault): a loaded
    # machine may start its handler after the client gave up, and it must not land in the next test.
    while emu.admin.pending_faults():
        pass


def test_an_empty_secret_is_a_configuration_error(endpoints: Endpoints) -> None:
    with pytest.raises(ConfigurationError) as raised:
        ZoomPhoneClient(Credentials("acct", "client", ""), endpoints)
    assert str(raised.value).startswith("reading Zoom credentials: missing client_secret. Check zoom:accountId")


def test_an_endpoint_that_is_not_a_url_is_a_configuration_error(credentials: Credentials) -> None:
    with pytest.raises(ConfigurationError) as raised:
        ZoomPhoneClient(credentials, Endpoints("api.zoom.us/v2", "https://zoom.us/oauth/token"))
    assert raised.value.message == "the Zoom API URL 'api.zoom.us/v2' is not an http(s) URL"


def test_no_token_or_secret_in_logs_or_errors(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = client_for(credentials, endpoints, retry_budget=0.0)
    raw(emu, 403, {"message": "Zoom Phone has not been enabled for this account"})
    with pytest.raises(ZoomError) as raised:
        client.create(spec())
    token = TokenSource(credentials, endpoints.oauth_url, session=requests.Session(), timeout=5.0).token().value
    texts = [record.getMessage() for record in caplog.records] + [str(raised.value), repr(raised.value)]
    assert caplog.records
    assert [text for text in texts if token in text or credentials.client_secret in text or "Bearer" in text] == []
