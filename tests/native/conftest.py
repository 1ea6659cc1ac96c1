"""A native plugin per test module, configured as the default provider of a stack pointing at the emulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from tests.native.harness import NativeEngine, NativeServer
from zoom_blocklist_provider.emulator import Emulator


def provider_config(emulator: Emulator, **more: object) -> dict[str, object]:
    """The provider's inputs: the stack's zoom:* config without its namespace."""
    return {
        "accountId": ACCOUNT_ID,
        "clientId": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "apiUrl": emulator.api_url,
        "oauthUrl": emulator.oauth_url,
        "rateLimit": 1000,
        **more,
    }


@pytest.fixture(scope="module")
def plugin(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NativeServer]:
    running = NativeServer(log=tmp_path_factory.mktemp("native") / "plugin.log")
    assert running.start(provider_config(emulator)) == {}
    yield running
    running.close()


@pytest.fixture
def native(plugin: NativeServer, emu: Emulator) -> NativeEngine:
    return NativeEngine(plugin)
