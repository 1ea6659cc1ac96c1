"""A provider server per test module, configured with stack config that points at the emulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.engine.harness import Engine, ProviderServer
from zoom_blocklist_provider.emulator import Emulator


def stack_config(emulator: Emulator) -> dict[str, str]:
    return {
        "zoom:accountId": ACCOUNT_ID,
        "zoom:clientId": CLIENT_ID,
        "zoom:clientSecret": CLIENT_SECRET,
        "zoom:apiUrl": emulator.api_url,
        "zoom:oauthUrl": emulator.oauth_url,
    }


@pytest.fixture(scope="module")
def server(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    running = ProviderServer(log=tmp_path_factory.mktemp("provider") / "provider.log")
    running.configure(stack_config(emulator))
    yield running
    running.close()


@pytest.fixture(scope="module")
def fast_server(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    """A provider server with the rate limit lifted, for tests that make hundreds of calls and count them."""
    running = ProviderServer(log=tmp_path_factory.mktemp("provider") / "provider.log")
    running.configure({**stack_config(emulator), "zoom:rateLimit": "1000"})
    yield running
    running.close()


@pytest.fixture
def engine(server: ProviderServer, emu: Emulator) -> Engine:
    return Engine(server)
