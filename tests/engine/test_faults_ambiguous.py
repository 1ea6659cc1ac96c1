"""Writes whose answer never came back: a dropped connection, or latency past the client's timeout.

Zoom may or may not have made the change; either way the run ends with exactly one entry, tracked in state.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.engine.conftest import stack_config
from tests.engine.harness import Engine, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

LIST = "/v2/phone/blocked_list"
ITEM = LIST + "/*"
TIMEOUT_MS = 400
ROBOCALLER = {"robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}}
CHANGED = {"robocaller": {"phone_number": "+19075550100", "comment": "INC-4412"}}
EMPTY_LIST = '{"blocked_list": [], "next_page_token": "", "page_size": 100, "total_records": 0}'


@pytest.fixture(scope="module")
def server(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    running = ProviderServer(log=tmp_path_factory.mktemp("provider") / "provider.log")
    config = {"zoom:rateLimit": "1000", "zoom:retryBudget": "5", "zoom:timeout": str(TIMEOUT_MS / 1000)}
    running.configure({**stack_config(emulator), **config})
    yield running
    running.close()


def calls(emu: Emulator) -> list[str]:
    return [f"{call['method']} {call['status']}" for call in emu.admin.api_calls()]


def test_create_answered_by_a_dropped_connection_ends_with_one_tracked_entry(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="drop_after", method="POST", path=LIST)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == ["POST 201", "GET 200"]  # made, unanswered, found: never posted twice
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_create_dropped_before_zoom_saw_it_is_posted_once_more(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="drop", method="POST", path=LIST)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == ["POST None", "GET 200", "POST 201"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_create_whose_lookup_misses_it_takes_the_409_as_its_own(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="drop_after", method="POST", path=LIST)
    emu.admin.fault(kind="raw", method="GET", path=LIST, status=200, body=EMPTY_LIST, content_type="application/json")
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert calls(emu) == ["POST 201", "GET 200", "POST 409", "GET 200"]
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_update_and_delete_answered_by_dropped_connections_converge(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    emu.admin.fault(kind="drop_after", method="PATCH", path=ITEM)
    assert engine.up(CHANGED) == {"robocaller": "update"}
    assert_matches_declaration(emu, engine, CHANGED)
    emu.admin.fault(kind="drop_after", method="DELETE", path=ITEM)
    engine.destroy()
    assert calls(emu)[-2:] == ["DELETE 204", "DELETE 400"]  # the retry finds it gone: done
    assert_matches_declaration(emu, engine, {})


def late(emu: Emulator, method: str) -> None:
    """The next `method` call is answered only after twice the client's timeout: the client gives up first."""
    emu.admin.fault(kind="delay", delay_ms=2 * TIMEOUT_MS, method=method)


def test_create_slower_than_the_client_timeout_ends_with_one_tracked_entry(engine: Engine, emu: Emulator) -> None:
    late(emu, "POST")
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert emu.app.wait_idle()  # the slow POST has landed (or lost to the second) before Zoom is compared
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_read_slower_than_the_client_timeout_is_retried(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    late(emu, "GET")
    assert engine.refresh() == {"robocaller": "same"}
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_update_slower_than_the_client_timeout_is_retried(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    late(emu, "PATCH")
    assert engine.up(CHANGED) == {"robocaller": "update"}
    assert emu.app.wait_idle()
    assert_matches_declaration(emu, engine, CHANGED)


def test_delete_slower_than_the_client_timeout_is_retried(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    late(emu, "DELETE")
    engine.destroy()
    assert emu.app.wait_idle()
    assert_matches_declaration(emu, engine, {})
