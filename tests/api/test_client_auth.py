"""Server-to-Server OAuth: one token per account and process, refreshed before expiry and once on code 124."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
import requests

from tests.api.client_support import client_for, fresh_process, token_requests
from tests.faketime import FakeTime
from zoom_blocklist_provider.core.errors import AuthenticationError
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.zoom import Credentials, Endpoints
from zoom_blocklist_provider.zoom.auth import TokenSource


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def emulator_with_2s_tokens() -> Iterator[Emulator]:
    with Emulator(EmulatorConfig(token_ttl=2)) as running:
        yield running


def in_threads(count: int, work: Callable[[], object]) -> None:
    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_a_run_of_50_calls_asks_for_one_token(emu: Emulator, credentials: Credentials, endpoints: Endpoints) -> None:
    client = client_for(credentials, endpoints)
    for _ in range(50):
        assert list(client.list()) == []
    assert token_requests(emu) == 1


def test_clients_and_threads_of_one_account_share_one_token(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    in_threads(8, lambda: list(client_for(credentials, endpoints).list()))
    assert token_requests(emu) == 1
    assert len(emu.admin.api_calls()) == 8


def test_an_expired_token_is_replaced_once_and_the_call_succeeds(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    client = client_for(credentials, endpoints)
    list(client.list())
    emu.admin.expire_tokens()
    assert list(client.list()) == []
    assert token_requests(emu) == 2


def test_four_threads_refused_with_code_124_cause_one_refresh(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    client = client_for(credentials, endpoints)
    list(client.list())
    emu.admin.expire_tokens()
    in_threads(4, lambda: list(client.list()))
    assert token_requests(emu) == 2


def test_a_token_is_refreshed_a_minute_before_it_expires(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    fake = FakeTime(start=1000.0)
    client = client_for(credentials, endpoints, clock=fake.clock, sleep=fake.sleep)
    list(client.list())
    fake.now += 3600 - 61
    list(client.list())
    assert token_requests(emu) == 1
    fake.now += 1
    list(client.list())
    assert token_requests(emu) == 2


def test_a_short_lived_token_is_used_for_nine_tenths_of_its_life(
    emulator_with_2s_tokens: Emulator, credentials: Credentials
) -> None:
    emu = emulator_with_2s_tokens
    fake = FakeTime(start=1000.0)
    client = client_for(credentials, Endpoints(emu.api_url, emu.oauth_url), clock=fake.clock, sleep=fake.sleep)
    for _ in range(10):
        list(client.list())
        fake.now += 0.17
    assert (token_requests(emu), len(emu.admin.api_calls())) == (1, 10)
    fake.now = 1001.85  # past 1.8 s after the fetch
    list(client.list())
    assert token_requests(emu) == 2


def test_the_token_keeps_the_granted_scopes(emu: Emulator, credentials: Credentials, endpoints: Endpoints) -> None:
    source = TokenSource(credentials, endpoints.oauth_url, session=requests.Session(), timeout=5.0)
    assert source.token().scopes == frozenset(EmulatorConfig().scopes)


def test_a_wrong_secret_names_both_credential_settings(emu: Emulator, endpoints: Endpoints) -> None:
    client = client_for(Credentials("emulator-account", "emulator-client", "wrong-secret"), endpoints)
    with pytest.raises(AuthenticationError) as raised:
        client.get("any-id")
    assert str(raised.value) == (
        "get an access token for account emulator-account: HTTP 401, Zoom code 4702: Invalid client_id or "
        "client_secret. Check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"
    )


def test_credentials_repr_hides_the_secret() -> None:
    assert repr(Credentials("acct", "client", "s3cret")) == "Credentials(account_id='acct', client_id='client')"
