"""An access token that expires in the middle of a long run: one new token, and no operation fails."""

from __future__ import annotations

import pytest

from tests.engine.harness import Engine, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

PROGRAM = {f"n{index:03}": {"phone_number": f"+1907555{index:04}"} for index in range(100)}


@pytest.fixture(scope="module")
def server(fast_server: ProviderServer) -> ProviderServer:
    return fast_server


def token_requests(emu: Emulator) -> int:
    return sum(1 for call in emu.admin.requests() if call["path"] == "/oauth/token")


def expire_tokens_at_call(emu: Emulator, number: int) -> None:
    """Every issued token expires when the API call `number` (counted from now) arrives."""
    emu.admin.fault(kind="delay", delay_ms=0, times=number - 1)  # a fault that changes nothing, to count calls
    emu.admin.fault(kind="expire_tokens")


@pytest.fixture
def warm(engine: Engine, emu: Emulator) -> int:
    """The provider process holds a token already; returns the token requests so far."""
    engine.up({"warm": {"phone_number": "+19075550100"}})
    engine.destroy()
    return token_requests(emu)


def test_token_expiry_in_the_middle_of_100_creates_costs_one_token_request(
    engine: Engine, emu: Emulator, warm: int
) -> None:
    expire_tokens_at_call(emu, 51)
    assert engine.up(PROGRAM) == {name: "create" for name in PROGRAM}
    assert token_requests(emu) - warm == 1
    assert [call["status"] for call in emu.admin.api_calls()].count(401) == 1
    assert_matches_declaration(emu, engine, PROGRAM)


def test_token_expiry_in_the_middle_of_concurrent_creates_costs_one_token_request(
    engine: Engine, emu: Emulator, warm: int
) -> None:
    expire_tokens_at_call(emu, 51)
    assert engine.up_concurrently(PROGRAM, workers=8) == {name: "create" for name in PROGRAM}
    assert token_requests(emu) - warm == 1
    assert_matches_declaration(emu, engine, PROGRAM)


def test_token_expiry_in_the_middle_of_100_deletes_costs_one_token_request(
    engine: Engine, emu: Emulator, warm: int
) -> None:
    engine.up_concurrently(PROGRAM)
    expire_tokens_at_call(emu, 51)
    engine.destroy()
    assert token_requests(emu) - warm == 1
    assert_matches_declaration(emu, engine, {})
