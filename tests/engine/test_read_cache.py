"""A refresh costs pages, not entries: BlockedNumber reads come from one listing per provider process.

The snapshot is kept READ_CACHE_SECONDS (30 s) and made stale by every write of the process. Its one trade-off: an
edit made in the portal after the listing, within the window, shows at the next run (the next provider process),
just as an edit made right after a refresh would; within one run, each entry is read once anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.conftest import stack_config
from tests.engine.harness import Engine, ProviderServer, Tracked
from zoom_blocklist_provider.core.spec import BlockedEntry
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.emulator.config import GRANULAR_SCOPES, READ_LIST_SCOPE
from zoom_blocklist_provider.operations.accounts import IMPORT_CACHE_SECONDS, ListingCache

LIST = "/v2/phone/blocked_list"


@pytest.fixture
def engine(fast_server: ProviderServer, emu: Emulator) -> Engine:
    return Engine(fast_server)


def numbers(count: int) -> dict[str, dict[str, str]]:
    return {f"n{i}": {"phone_number": f"+1907555{i:04d}", "comment": f"entry {i}"} for i in range(count)}


def calls_since(emu: Emulator, start: int) -> list[str]:
    return [f"{call['method']} {call['path']}" for call in emu.admin.api_calls()[start:]]


def test_refresh_of_250_entries_costs_3_list_calls_and_no_get(engine: Engine, emu: Emulator) -> None:
    engine.up(numbers(250))
    start = len(emu.admin.api_calls())
    assert set(engine.refresh().values()) == {"same"}
    assert calls_since(emu, start) == [f"GET {LIST}"] * 3


def test_refresh_still_reports_drift_and_gone_exactly(engine: Engine, emu: Emulator) -> None:
    engine.up(numbers(3))
    emu.admin.edit_entry(engine.state["n0"].id, status="inactive")
    gone = engine.state["n1"].id
    emu.admin.delete_entry(gone)
    start = len(emu.admin.api_calls())
    assert engine.refresh() == {"n0": "drift", "n1": "gone", "n2": "same"}
    assert engine.state["n0"].outputs["status"] == "inactive"
    assert calls_since(emu, start) == [f"GET {LIST}", f"GET {LIST}/{gone}"]


def test_write_through_the_process_is_never_masked_by_the_listing(engine: Engine, emu: Emulator) -> None:
    engine.up(numbers(1))
    engine.refresh()
    engine.up({"n0": {**numbers(1)["n0"], "status": "inactive"}})
    assert engine.refresh() == {"n0": "same"}
    assert engine.state["n0"].outputs["status"] == "inactive"


def test_entry_created_after_the_listing_is_read_with_a_get(engine: Engine, emu: Emulator) -> None:
    engine.up(numbers(1))
    engine.refresh()
    later = emu.admin.add_entry(phone_number="+61298765432")
    declared = engine.check("later", {"phone_number": "+61298765432"})
    engine.state["later"] = Tracked(later, declared, declared)
    start = len(emu.admin.api_calls())
    assert engine.refresh()["later"] == "same"
    assert calls_since(emu, start) == [f"GET {LIST}/{later}"]


def test_four_concurrent_reads_share_one_listing(engine: Engine, emu: Emulator) -> None:
    engine.up(numbers(4))
    emu.admin.fault(kind="delay", delay_ms=300, method="GET", path=LIST)
    start = len(emu.admin.api_calls())
    read = engine.server.read
    threads = [threading.Thread(target=read, args=(n, t.id, t.outputs, t.inputs)) for n, t in engine.state.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls_since(emu, start) == [f"GET {LIST}"]


def test_portal_edit_after_the_listing_shows_at_the_next_run(engine: Engine, emu: Emulator, tmp_path: Path) -> None:
    engine.up(numbers(1))
    engine.refresh()
    emu.admin.edit_entry(engine.state["n0"].id, comment="edited after the listing")
    assert engine.refresh() == {"n0": "same"}  # the same run's snapshot, at most 30 s old
    next_run = ProviderServer(log=tmp_path / "provider.log")
    try:
        next_run.configure(stack_config(emu))
        assert Engine(next_run, state=engine.state).refresh() == {"n0": "drift"}
    finally:
        next_run.close()


def test_app_without_the_list_scope_refreshes_with_gets(tmp_path: Path) -> None:
    scopes = tuple(scope for scope in GRANULAR_SCOPES if scope != READ_LIST_SCOPE)
    with Emulator(EmulatorConfig(scopes=scopes)) as emu:
        server = ProviderServer(log=tmp_path / "provider.log")
        try:
            server.configure(stack_config(emu))
            engine = Engine(server)
            engine.up(numbers(2))
            assert engine.refresh() == {"n0": "same", "n1": "same"}
            assert [call["method"] for call in emu.admin.api_calls()[2:]] == ["GET", "GET", "GET"]
        finally:
            server.close()


def entry(entry_id: str, comment: str = "") -> BlockedEntry:
    return BlockedEntry(
        id=entry_id,
        phone_number="+19075550100",
        match_type="phoneNumber",
        block_type="inbound",
        status="active",
        comment=comment,
    )


def test_snapshot_older_than_the_window_is_fetched_again() -> None:
    now = [0.0]
    cache = ListingCache(window=30.0, clock=lambda: now[0])
    fetches = iter([[entry("a", "first")], [entry("a", "second")]])
    assert cache.entries(lambda: iter(next(fetches)))["a"].comment == "first"
    now[0] = 29.9
    assert cache.entries(lambda: iter(next(fetches)))["a"].comment == "first"
    now[0] = 30.0
    assert cache.entries(lambda: iter(next(fetches)))["a"].comment == "second"


def test_an_import_reads_from_a_snapshot_up_to_its_own_window() -> None:
    now = [0.0]
    cache = ListingCache(window=30.0, clock=lambda: now[0])
    fetches = iter([[entry("a", "first")], [entry("a", "second")]])
    assert cache.entries(lambda: iter(next(fetches)), IMPORT_CACHE_SECONDS)["a"].comment == "first"
    now[0] = IMPORT_CACHE_SECONDS - 0.1  # a refresh's reader would list again; an import's does not
    assert cache.entries(lambda: iter(next(fetches)), IMPORT_CACHE_SECONDS)["a"].comment == "first"
    now[0] = IMPORT_CACHE_SECONDS
    assert cache.entries(lambda: iter(next(fetches)), IMPORT_CACHE_SECONDS)["a"].comment == "second"


def test_write_during_a_listing_makes_it_stale_for_later_readers() -> None:
    cache = ListingCache()

    def listing_with_a_write_midway() -> Iterator[BlockedEntry]:
        yield entry("a", "before the write")
        cache.written()

    assert cache.entries(listing_with_a_write_midway)["a"].comment == "before the write"
    assert cache.entries(lambda: iter([entry("a", "after the write")]))["a"].comment == "after the write"
