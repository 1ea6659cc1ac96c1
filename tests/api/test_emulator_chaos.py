"""The emulator's fault kinds for stress tests: chaos, processed faults, expiring tokens, echoing proxies."""

from __future__ import annotations

import pytest
import requests

from zoom_blocklist_provider.emulator import Emulator

LIST = "/v2/phone/blocked_list"
BODY = {"phone_number": "+19075550100"}


def statuses(api: requests.Session, emu: Emulator, count: int) -> list[int]:
    return [api.get(emu.url + LIST).status_code for _ in range(count)]


def test_chaos_faults_a_seeded_share_of_requests_the_same_way_each_time(api: requests.Session, emu: Emulator) -> None:
    runs = []
    for _ in range(2):
        emu.admin.chaos(0.3, seed=7, faults=[{"kind": "status", "status": 503}])
        runs.append(statuses(api, emu, 40))
    assert runs[0] == runs[1]
    assert 6 <= runs[0].count(503) <= 18
    assert set(runs[0]) == {200, 503}


def test_chaos_is_switched_off_by_rate_0_and_by_reset(api: requests.Session, emu: Emulator) -> None:
    emu.admin.chaos(1.0, faults=[{"kind": "status", "status": 500}])
    assert statuses(api, emu, 2) == [500, 500]
    emu.admin.chaos(0)
    assert statuses(api, emu, 2) == [200, 200]
    emu.admin.chaos(1.0, faults=[{"kind": "status", "status": 500}])
    emu.admin.reset()
    assert statuses(api, emu, 2) == [200, 200]


def test_invalid_chaos_is_refused(emu: Emulator) -> None:
    with pytest.raises(requests.HTTPError, match="Invalid chaos: rate must be a number from 0 to 1"):
        emu.admin.chaos(2, faults=[{"kind": "drop"}])


def test_processed_status_fault_makes_the_change_then_answers_the_error(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=502, method="POST", processed=True)
    assert api.post(emu.url + LIST, json=BODY).status_code == 502
    assert [entry["phone_number"] for entry in emu.admin.entries()] == ["+19075550100"]


def test_expire_tokens_fault_expires_every_token_as_the_request_arrives(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="expire_tokens")
    response = api.get(emu.url + LIST)
    assert (response.status_code, response.json()) == (401, {"code": 124, "message": "Access token is expired."})


def test_raw_fault_can_echo_the_authorization_header_as_some_proxies_do(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", status=502, body="you sent {authorization}")
    assert api.get(emu.url + LIST).text == f"you sent {api.headers['Authorization']}"


def test_issued_tokens_lists_the_tokens_handed_out(api: requests.Session, emu: Emulator) -> None:
    assert str(api.headers["Authorization"]).removeprefix("Bearer ") in emu.admin.issued_tokens()


def test_reset_waits_for_a_slow_request_so_it_cannot_land_after(emu: Emulator, api: requests.Session) -> None:
    emu.admin.fault(kind="delay", delay_ms=400, method="POST")
    with pytest.raises(requests.Timeout):
        api.post(emu.url + LIST, json=BODY, timeout=0.1)
    # On a loaded machine the handler may start after the client gave up: reset waits for requests the emulator
    # holds, so first see it hold this one (it has taken the delay fault).
    while emu.admin.pending_faults():
        pass
    emu.admin.reset()
    assert (emu.admin.entries(), emu.app.peak_in_flight) == ([], 0)
