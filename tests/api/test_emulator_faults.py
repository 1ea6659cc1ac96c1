"""Faults queued through the admin path, and the --rate-limit 429, answer as a bad day at Zoom would."""

from __future__ import annotations

import datetime
import email.utils
import time
from collections.abc import Callable

import pytest
import requests

from tests.api.conftest import authorized_session
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig

LIST = "/v2/phone/blocked_list"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def test_status_fault_answers_500_once(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=500, method="GET", path=LIST)
    first, second = api.get(emu.url + LIST), api.get(emu.url + LIST)
    assert (first.status_code, first.json()) == (500, {"code": 500, "message": "Internal Server Error."})
    assert second.status_code == 200
    assert emu.admin.pending_faults() == 0


def test_429_fault_carries_rate_limit_headers_and_retry_after_seconds(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, retry_after="seconds", retry_after_seconds=2)
    response = api.get(emu.url + LIST)
    assert response.status_code == 429
    assert response.json() == {
        "code": 429,
        "message": "You have reached the maximum per-second rate limit for this API. Try again later.",
    }
    headers = {name: response.headers[name] for name in ("Retry-After", "X-RateLimit-Type", "X-RateLimit-Category")}
    assert headers == {"Retry-After": "2", "X-RateLimit-Type": "QPS", "X-RateLimit-Category": "Medium"}
    assert (response.headers["X-RateLimit-Limit"], response.headers["X-RateLimit-Remaining"]) == ("10", "0")


def test_429_fault_retry_after_as_http_date(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, retry_after="http-date", retry_after_seconds=30)
    value = api.get(emu.url + LIST).headers["Retry-After"]
    assert value.endswith(" GMT")
    delta = (email.utils.parsedate_to_datetime(value) - _now()).total_seconds()
    assert 28 <= delta <= 30


def test_429_fault_retry_after_as_iso_8601(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, retry_after="iso", retry_after_seconds=30)
    value = api.get(emu.url + LIST).headers["Retry-After"]
    when = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert 28 <= (when - _now()).total_seconds() <= 30


def test_429_fault_without_retry_after(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429)
    response = api.get(emu.url + LIST)
    assert (response.status_code, "Retry-After" in response.headers) == (429, False)


def test_daily_limit_fault(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, rate_limit_type="Daily-limit", retry_after="iso")
    response = api.post(emu.url + LIST, json={"phone_number": "+19075550100"})
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    assert response.headers["X-RateLimit-Category"] == "Light"
    assert response.json()["message"].startswith("You have reached the maximum daily rate limit for this API.")
    assert emu.admin.entries() == []


def test_bare_429_fault_has_no_rate_limit_headers(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=429, rate_limit_type=None)
    response = api.get(emu.url + LIST)
    assert [name for name in response.headers if name.lower().startswith("x-ratelimit")] == []


def test_delay_fault_slows_then_answers(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="delay", delay_ms=300)
    started = time.monotonic()
    response = api.get(emu.url + LIST)
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.3


def test_drop_fault_closes_without_answer_or_change(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="drop", method="POST")
    with pytest.raises(requests.ConnectionError):
        api.post(emu.url + LIST, json={"phone_number": "+19075550100"})
    assert emu.admin.entries() == []
    assert [call["status"] for call in emu.admin.api_calls()] == [None]


def test_drop_after_fault_makes_the_change_but_never_answers(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="drop_after", method="POST", path=LIST)
    with pytest.raises(requests.ConnectionError):
        api.post(emu.url + LIST, json={"phone_number": "+19075550100"})
    assert [entry["phone_number"] for entry in emu.admin.entries()] == ["+19075550100"]
    assert [call["status"] for call in emu.admin.api_calls()] == [201]


def test_raw_fault_answers_the_given_body(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", status=502, body="<html>Bad Gateway</html>", content_type="text/html")
    response = api.get(emu.url + LIST)
    assert (response.status_code, response.text) == (502, "<html>Bad Gateway</html>")
    assert response.headers["Content-Type"] == "text/html"


def test_fault_path_prefix_and_times(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=503, path=LIST + "/*", times=2)
    statuses = [api.get(f"{emu.url}{LIST}/x").status_code for _ in range(3)]
    assert statuses == [503, 503, 400]
    assert api.get(emu.url + LIST).status_code == 200


def test_faults_fire_first_in_first_out(api: requests.Session, emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=500)
    emu.admin.fault(kind="status", status=502)
    assert [api.get(emu.url + LIST).status_code for _ in range(3)] == [500, 502, 200]


def test_fault_without_path_leaves_the_token_endpoint_alone(emu: Emulator) -> None:
    emu.admin.fault(kind="status", status=500)
    grant = {"grant_type": "account_credentials", "account_id": "emulator-account"}
    response = requests.post(emu.oauth_url, data=grant, auth=("emulator-client", "emulator-secret"))
    assert response.status_code == 200
    assert emu.admin.pending_faults() == 1


def test_invalid_fault_is_refused(emu: Emulator) -> None:
    with pytest.raises(requests.HTTPError, match="retry_after must be one of seconds, http-date, iso or null"):
        emu.admin.fault(kind="status", status=429, retry_after="tomorrow")


def stopped_clock() -> Callable[[], float]:
    """The emulator's rate-limit clock, stopped: every request of a test comes in the same instant, so the bucket
    never refills and the 429 comes at the same request however slow the machine is."""
    now = time.monotonic()
    return lambda: now


def test_rate_limit_answers_429_past_the_configured_rate() -> None:
    # --rate-limit is the Light rate; a list is a Medium call, allowed half of it, as on every Zoom plan.
    with Emulator(EmulatorConfig(rate_limit=6)) as limited:
        limited.app.limiter.clock = stopped_clock()
        session = authorized_session(limited.oauth_url)
        responses = [session.get(limited.url + LIST) for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    refused = responses[-1]
    assert refused.json()["code"] == 429
    assert {name: refused.headers[name] for name in ("Retry-After", "X-RateLimit-Type", "X-RateLimit-Limit")} == {
        "Retry-After": "1",
        "X-RateLimit-Type": "QPS",
        "X-RateLimit-Limit": "3",
    }
    assert (refused.headers["X-RateLimit-Category"], refused.headers["X-RateLimit-Remaining"]) == (
        "Medium",
        "0",
    )


def test_light_and_medium_calls_are_limited_apart() -> None:
    with Emulator(EmulatorConfig(rate_limit=2)) as limited:
        limited.app.limiter.clock = stopped_clock()
        session = authorized_session(limited.oauth_url)
        lists = [session.get(limited.url + LIST).status_code for _ in range(2)]
        gets = [session.get(limited.url + LIST + "/nope").status_code for _ in range(3)]
    assert (lists, gets) == ([200, 429], [400, 400, 429])
