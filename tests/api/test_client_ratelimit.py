"""The process-wide limiter holds the configured rate against the emulator, across clients of one account."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.api.client_support import client_for, fresh_process
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.errors import NotFoundError
from zoom_blocklist_provider.zoom import Credentials, Endpoints


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


def spans(emu: Emulator) -> float:
    times: list[float] = [call["time"] for call in emu.admin.api_calls()]
    return max(times) - min(times)


def test_light_calls_of_two_clients_hold_the_account_rate(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    clients = [client_for(credentials, endpoints, light_rate=40.0) for _ in range(2)]

    def work(index: int) -> None:
        for _ in range(10):
            with pytest.raises(NotFoundError):
                clients[index].get("missing")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 20 calls at 40/s start at least 19/40 s apart end to end; the ratio leaves room for a slow machine.
    assert 0.95 <= spans(emu) / (19 / 40) <= 3.0


def test_list_calls_are_medium_and_have_their_own_rate(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    client = client_for(credentials, endpoints, light_rate=10_000.0, medium_rate=20.0)
    for _ in range(11):
        list(client.list())
    assert 0.95 <= spans(emu) / (10 / 20) <= 3.0
