"""The emulator's state: kept across requests, saved atomically to --state, and its admin path and log."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import requests

from tests.api.conftest import authorized_session
from zoom_blocklist_provider.emulator import Emulator, EmulatorAdmin, EmulatorConfig

LIST = "/v2/phone/blocked_list"


def test_state_file_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Emulator(EmulatorConfig(state_file=str(state))) as first:
        body = {"phone_number": "+19075550100", "country": "US", "comment": "spam"}
        entry_id = authorized_session(first.oauth_url).post(first.url + LIST, json=body).json()["id"]
    with Emulator(EmulatorConfig(state_file=str(state))) as second:
        assert second.admin.entries() == [
            {
                "id": entry_id,
                "phone_number": "+19075550100",
                "match_type": "phoneNumber",
                "block_type": "inbound",
                "status": "active",
                "comment": "spam",
                "country": "US",
            }
        ]


def test_state_file_is_written_on_every_change_without_leftovers(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Emulator(EmulatorConfig(state_file=str(state))) as emu:
        entry_id = emu.admin.add_entry(phone_number="+19075550100")
        assert [entry["id"] for entry in json.loads(state.read_text())["entries"]] == [entry_id]
        emu.admin.delete_entry(entry_id)
        assert json.loads(state.read_text())["entries"] == []
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_entries_added_after_a_restart_list_after_the_old_ones(tmp_path: Path) -> None:
    state = str(tmp_path / "state.json")
    with Emulator(EmulatorConfig(state_file=state)) as first:
        old = first.admin.add_entry(phone_number="+19075550100")
    with Emulator(EmulatorConfig(state_file=state)) as second:
        new = second.admin.add_entry(phone_number="+19075550101")
        listed = authorized_session(second.oauth_url).get(second.url + LIST).json()["blocked_list"]
    assert [entry["id"] for entry in listed] == [old, new]


def test_admin_edit_changes_an_entry_out_of_band(emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="+19075550100", comment="portal")
    emu.admin.edit_entry(entry_id, block_type="threat", status="inactive")
    [entry] = emu.admin.entries()
    assert (entry["id"], entry["block_type"], entry["status"], entry["comment"]) == (
        entry_id,
        "threat",
        "inactive",
        "portal",
    )


def test_admin_add_applies_zoom_rules(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100")
    with pytest.raises(requests.HTTPError, match="HTTP 409"):
        emu.admin.add_entry(phone_number="19075550100")


def test_admin_requests_are_not_logged(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100")
    emu.admin.entries()
    emu.admin.fault(kind="delay", delay_ms=1)
    assert emu.admin.requests() == []


def test_reset_clears_entries_log_and_faults(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100")
    emu.admin.fault(kind="drop")
    authorized_session(emu.oauth_url)
    emu.admin.reset()
    assert (emu.admin.entries(), emu.admin.requests(), emu.admin.pending_faults()) == ([], [], 0)


def test_clearing_the_request_log_keeps_entries_and_faults(emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="+19075550100")
    emu.admin.fault(kind="drop")
    authorized_session(emu.oauth_url)
    emu.admin.clear_requests()
    assert (emu.admin.requests(), [e["id"] for e in emu.admin.entries()], emu.admin.pending_faults()) == (
        [],
        [entry_id],
        1,
    )


def test_request_log_keeps_every_concurrent_request(emu: Emulator) -> None:
    session_token = authorized_session(emu.oauth_url).headers["Authorization"]

    def call_many() -> None:
        session = requests.Session()
        session.headers["Authorization"] = session_token
        for _ in range(25):
            session.get(emu.url + LIST)

    threads = [threading.Thread(target=call_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(emu.admin.api_calls()) == 200


def test_admin_works_against_any_url(emu: Emulator) -> None:
    EmulatorAdmin(emu.url + "/").add_entry(phone_number="+19075550100")
    assert len(emu.admin.entries()) == 1


def test_stopped_emulator_refuses_connections() -> None:
    emulator = Emulator().start()
    url = emulator.url
    emulator.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + LIST, timeout=2)
