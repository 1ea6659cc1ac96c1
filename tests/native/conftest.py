"""A native plugin per test module, configured as the default provider of a stack pointing at the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


def started_plugin(emulator: Emulator, log: Path) -> Iterator[NativeServer]:
    """A plugin process configured for the emulator's account, closed when the fixture that yields it ends."""
    running = NativeServer(log=log)
    assert running.start(provider_config(emulator)) == {}
    yield running
    running.close()


def calls(emu: Emulator) -> list[str]:
    """The API calls the emulator received, as "METHOD /path"."""
    return [f"{call['method']} {call['path']}" for call in emu.admin.api_calls()]


@pytest.fixture(scope="module")
def plugin(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NativeServer]:
    yield from started_plugin(emulator, tmp_path_factory.mktemp("native") / "plugin.log")


@pytest.fixture
def native(plugin: NativeServer, emu: Emulator) -> NativeEngine:
    return NativeEngine(plugin)
