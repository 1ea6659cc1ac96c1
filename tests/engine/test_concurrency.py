"""200 resources at once through the provider server, 8 steps in flight: all tracked, none twice."""

from __future__ import annotations

import pytest

from tests.engine.harness import Engine, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

CREATED = {f"n{index:03}": {"phone_number": f"+1907555{index:04}", "comment": "INC-1"} for index in range(200)}
CHANGED = {name: {**inputs, "comment": "INC-2", "status": "inactive"} for name, inputs in CREATED.items()}


@pytest.fixture(scope="module")
def server(fast_server: ProviderServer) -> ProviderServer:
    return fast_server


def test_200_concurrent_creates_are_all_tracked_once(engine: Engine, emu: Emulator) -> None:
    # The first creates take a while, so the provider's other workers are sure to send theirs meanwhile.
    emu.admin.fault(kind="delay", method="POST", delay_ms=50, times=8)
    assert engine.up_concurrently(CREATED, workers=8) == {name: "create" for name in CREATED}
    assert [call["method"] for call in emu.admin.api_calls()] == ["POST"] * 200
    assert emu.app.peak_in_flight >= 2  # Zoom really saw the steps overlap
    assert_matches_declaration(emu, engine, CREATED)


def test_200_concurrent_updates_keep_every_id(engine: Engine, emu: Emulator) -> None:
    engine.up_concurrently(CREATED, workers=8)
    ids = {name: tracked.id for name, tracked in engine.state.items()}
    assert engine.up_concurrently(CHANGED, workers=8) == {name: "update" for name in CHANGED}
    assert {name: tracked.id for name, tracked in engine.state.items()} == ids
    assert_matches_declaration(emu, engine, CHANGED)


def test_200_concurrent_deletes_leave_nothing(engine: Engine, emu: Emulator) -> None:
    engine.up_concurrently(CREATED, workers=8)
    assert engine.up_concurrently({}, workers=8) == {name: "delete" for name in CREATED}
    assert_matches_declaration(emu, engine, {})
