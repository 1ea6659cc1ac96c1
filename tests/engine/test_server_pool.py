"""The SDK's dynamic provider server, widened past its 4 threads by our provider once configured
(dynamic/server_pool.py): through the real `python -m pulumi.dynamic` of the pinned SDK, more than 4 creates reach
Zoom at once; anywhere else, the widening finds nothing to widen and says why."""

from __future__ import annotations

import pytest

from tests.engine.harness import Engine, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.dynamic import server_pool
from zoom_blocklist_provider.emulator import Emulator

DECLARED = {f"n{index}": {"phone_number": f"+1907555{index:04}", "comment": "INC-1"} for index in range(8)}


@pytest.fixture(scope="module")
def server(fast_server: ProviderServer) -> ProviderServer:
    # This module's own server process, the rate limit lifted: the widening happens once per process, at the first
    # call that configures our provider.
    return fast_server


def test_eight_steps_at_once_reach_zoom_at_once(engine: Engine, emu: Emulator) -> None:
    # Each POST is held long enough that all 8 steps' POSTs overlap, if the server lets 8 calls run at once.
    emu.admin.fault(kind="delay", method="POST", delay_ms=2000, times=8)
    assert engine.up_concurrently(DECLARED, workers=8) == {name: "create" for name in DECLARED}
    assert emu.app.peak_in_flight == 8  # the SDK's own pool would hold it at 4
    assert_matches_declaration(emu, engine, DECLARED)


def test_outside_the_sdk_server_the_widening_leaves_everything_as_it_is() -> None:
    assert server_pool.widen(64) == (
        "the dynamic provider server keeps its own thread pool: this process is not the SDK's pulumi.dynamic.__main__"
    )
