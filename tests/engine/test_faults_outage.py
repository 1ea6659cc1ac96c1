"""Zoom going away in the middle of an `up`: the failing step names the URL, and the next `up` converges."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.engine.conftest import stack_config
from tests.engine.harness import Engine, ProviderCallError, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

PROGRAM = {f"n{index:02}": {"phone_number": f"+1907555{index:04}", "comment": "INC-4411"} for index in range(10)}
FIRST_HALF = [f"n{index:02}" for index in range(5)]


@dataclass
class StopsMidRun(Engine):
    """An engine whose `up` stops Zoom just before it applies `stop_before`."""

    stop_before: str = ""
    stop: Callable[[], None] = lambda: None

    def apply(self, name: str, inputs: Mapping[str, Any]) -> str:
        if name == self.stop_before:
            self.stop()
        return super().apply(name, inputs)


def stop_holding_the_port(zoom: Emulator) -> socket.socket:
    """Stop Zoom and keep its port bound (not listening), as a stopped server leaves it: connections to it are
    refused, and no other socket can take the port before Zoom comes back on it. (Left unbound, a connection to the
    port could be given it as its own source port and connect to itself, or it could be taken by a client.)"""
    port = zoom.port
    zoom.stop()
    held = socket.socket()
    held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past the closed connections in TIME_WAIT
    held.bind(("127.0.0.1", port))
    return held


def refused(what: str, failure: ProviderCallError) -> bool:
    """The last line of the traceback is exactly this connection error (the errno differs between systems)."""
    pattern = (
        re.escape(f"zoom_blocklist_provider.core.errors.ZoomConnectionError: {what}: ")
        + r"\[Errno \d+\] Connection refused\. "
        + re.escape("Check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or ZOOM_API_URL / ZOOM_OAUTH_URL)")
    )
    return re.fullmatch(pattern, failure.last_line) is not None


@pytest.fixture
def outage(tmp_path: Path) -> Iterator[tuple[Emulator, ProviderServer]]:
    """An emulator of its own, saving to a state file, and a provider server with a one-second retry budget."""
    zoom = Emulator(EmulatorConfig(state_file=str(tmp_path / "zoom.json"))).start()
    server = ProviderServer(log=tmp_path / "provider.log")
    server.configure({**stack_config(zoom), "zoom:rateLimit": "1000", "zoom:retryBudget": "1"})
    yield zoom, server
    server.close()
    zoom.stop()


def test_zoom_stopped_mid_up_fails_naming_the_url_and_the_next_up_converges(
    outage: tuple[Emulator, ProviderServer], tmp_path: Path
) -> None:
    zoom, server = outage
    url, port = zoom.api_url, zoom.port
    held: list[socket.socket] = []
    engine = StopsMidRun(server, stop_before="n05", stop=lambda: held.append(stop_holding_the_port(zoom)))
    with pytest.raises(ProviderCallError) as failure:
        engine.up(PROGRAM)
    assert refused(f"create blocked number +19075550005: could not reach {url}/phone/blocked_list", failure.value)
    assert sorted(engine.state) == FIRST_HALF
    held.pop().close()
    engine.stop_before = ""  # Zoom stays up from now on
    with Emulator(EmulatorConfig(port=port, state_file=str(tmp_path / "zoom.json"))) as restarted:
        steps = engine.up(PROGRAM)
        assert steps == {name: "same" if name in FIRST_HALF else "create" for name in PROGRAM}
        assert_matches_declaration(restarted, engine, PROGRAM)


def test_refresh_while_zoom_is_down_names_the_url_and_keeps_the_state(outage: tuple[Emulator, ProviderServer]) -> None:
    zoom, server = outage
    engine = Engine(server)
    engine.up(PROGRAM)
    url = zoom.api_url
    with stop_holding_the_port(zoom), pytest.raises(ProviderCallError) as failure:
        engine.refresh()
    assert refused(f"list blocked numbers: could not reach {url}/phone/blocked_list", failure.value)
    assert sorted(engine.state) == sorted(PROGRAM)
