"""Creates whose outcome the client did not hear: never a duplicate, never an untracked entry, never a leaked token."""

from __future__ import annotations

import pickle
import socket
from collections.abc import Iterator

import pytest

from tests.api.client_support import client_for, fresh_process, spec
from tests.faketime import FakeTime
from zoom_blocklist_provider.core.errors import ServerError, ZoomConnectionError, ZoomResponseError
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints, ZoomPhoneClient

LIST = "/v2/phone/blocked_list"
# A listing that lags behind a create, as eventually consistent list endpoints do.
EMPTY_LIST = '{"blocked_list": [], "next_page_token": "", "page_size": 100, "total_records": 0}'
JSON = "application/json;charset=UTF-8"


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def client(credentials: Credentials, endpoints: Endpoints) -> ZoomPhoneClient:
    # Waits are pinned to the longest jitter on a fake clock: a budget of 2 s allows three attempts, instantly.
    fake = FakeTime(start=1000.0)
    return client_for(credentials, endpoints, retry_budget=2.0, clock=fake.clock, sleep=fake.sleep, uniform=max)


def calls(emu: Emulator) -> list[tuple[str, int | None]]:
    return [(call["method"], call["status"]) for call in emu.admin.api_calls()]


def test_a_409_after_an_unanswered_post_is_our_own_entry(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="drop_after", method="POST", path=LIST)
    emu.admin.fault(kind="raw", method="GET", path=LIST, status=200, body=EMPTY_LIST, content_type=JSON)
    entry_id = client.create(spec())
    assert [entry["id"] for entry in emu.admin.entries()] == [entry_id]
    assert calls(emu) == [("POST", 201), ("GET", 200), ("POST", 409), ("GET", 200)]


def test_a_201_without_an_id_is_looked_up(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="raw", method="POST", status=201, body="{}", content_type=JSON, processed=True)
    entry_id = client.create(spec())
    assert [entry["id"] for entry in emu.admin.entries()] == [entry_id]
    assert calls(emu) == [("POST", 201), ("GET", 200)]


def test_a_201_without_an_id_and_nothing_found_says_it_may_exist(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="raw", method="POST", status=201, body='{"id": 12345}', content_type=JSON)
    with pytest.raises(ZoomResponseError) as raised:
        client.create(spec())
    assert str(raised.value) == (
        "create blocked number +19075550100: HTTP 201: Zoom confirmed the entry without its id (tracking id "
        f"{raised.value.tracking_id}). Zoom may have blocked the number before the failure: if the next attempt "
        "finds it already blocked, that entry is this one (adopt it rather than delete it)"
    )


def test_a_refused_connection_is_retried_without_a_lookup(emu: Emulator, credentials: Credentials) -> None:
    # The token comes from the emulator; the API's port is bound but not listening, so every connection is refused
    # at once and no other socket can take the port meanwhile (a stopped server's port could be reused).
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        endpoints = Endpoints(f"http://127.0.0.1:{closed.getsockname()[1]}/v2", emu.oauth_url)
        client = client_for(credentials, endpoints, retry_budget=0.3)
        with pytest.raises(ZoomConnectionError) as raised:
            client.create(spec())
    assert str(raised.value).startswith(
        f"create blocked number +19075550100: could not reach {endpoints.api_url}/phone/blocked_list: "
    )
    assert (raised.value.url, raised.value.sent) == (endpoints.api_url + "/phone/blocked_list", False)
    assert "Zoom may have blocked" not in str(raised.value)


def test_a_connection_error_survives_copy_and_pickle() -> None:
    error = ZoomConnectionError("could not reach http://zoom.test", url="http://zoom.test", operation="get")
    assert (error.with_hint("retry").hint, error.with_hint("retry").url) == ("retry", "http://zoom.test")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_a_failed_lookup_is_reported_as_the_create(emu: Emulator, client: ZoomPhoneClient) -> None:
    emu.admin.fault(kind="drop", method="POST", path=LIST)
    emu.admin.fault(kind="status", status=503, method="GET", path=LIST, times=100)
    with pytest.raises(ServerError) as raised:
        client.create(spec())
    assert str(raised.value).startswith("create blocked number +19075550100: HTTP 503, Zoom code 503: ")
    assert str(raised.value).endswith(
        "; Zoom may have blocked the number before the failure: if the next attempt "
        "finds it already blocked, that entry is this one (adopt it rather than delete it)"
    )


def test_a_token_echoed_by_a_proxy_never_reaches_the_error(emu: Emulator, client: ZoomPhoneClient) -> None:
    page = "<html>502 Bad Gateway. Request headers: Authorization: {authorization}</html>"
    emu.admin.fault(kind="raw", method="GET", status=502, body=page, times=100)
    with pytest.raises(ZoomResponseError) as raised:
        client.get("abc")
    assert "Authorization: Bearer [redacted]</html>" in str(raised.value)
    assert [token for token in emu.admin.issued_tokens() if token in str(raised.value)] == []


def test_a_secret_echoed_by_the_token_endpoint_never_reaches_the_error(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    page = "<html>400 Bad Request: Authorization: {authorization} (client secret " + credentials.client_secret + ")"
    emu.admin.fault(kind="raw", path="/oauth/token", status=400, body=page)
    with pytest.raises(ZoomResponseError) as raised:
        list(client_for(credentials, endpoints).list())
    assert "Authorization: Basic [redacted] (client secret [redacted])" in str(raised.value)
