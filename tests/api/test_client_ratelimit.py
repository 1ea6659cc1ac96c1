"""The process-wide limiter holds the configured rate against the emulator, across clients of one account."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from tests.api.client_support import client_for, fresh_process
from zoom_blocklist_provider.core.errors import NotFoundError
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom import Credentials, Endpoints


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


def last_call_after(emu: Emulator, started: float) -> float:
    """Seconds from `started` (time.time()) until the emulator answered the last call.

    Each call starts no earlier than its slot, and the first slot is no earlier than `started`, so the n-th call
    cannot be answered before (n - 1) / rate seconds: a lower bound that holds however slow the machine is. (A span
    measured between calls would also count the first call's latency, which a loaded machine makes longer.)
    """
    return max(float(call["time"]) for call in emu.admin.api_calls()) - started


def test_light_calls_of_two_clients_hold_the_account_rate(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    clients = [client_for(credentials, endpoints, light_rate=40.0) for _ in range(2)]

    def work(index: int) -> None:
        for _ in range(10):
            with pytest.raises(NotFoundError):
                clients[index].get("missing")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 20 calls at 40/s (each client alone would allow 10 in 9/40 s): the last starts 19/40 s after the first.
    assert last_call_after(emu, started) >= 19 / 40


def test_list_calls_are_medium_and_have_their_own_rate(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints
) -> None:
    client = client_for(credentials, endpoints, light_rate=10_000.0, medium_rate=20.0)
    started = time.time()
    for _ in range(11):
        list(client.list())
    assert last_call_after(emu, started) >= 10 / 20
