"""Answers Zoom should never send, through the provider server: one clear line each, and never a wrong id in state.

Each test asserts the last line of the provider's traceback, which is what `pulumi up` shows the user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.engine.conftest import stack_config
from tests.engine.harness import Engine, ProviderCallError, ProviderServer, assert_matches_declaration
from zoom_blocklist_provider.emulator import Emulator

LIST = "/v2/phone/blocked_list"
JSON = "application/json;charset=UTF-8"
TRACKING = r" \(tracking id v=2\.0;clid=emulator;rid=EMU_[0-9a-f]{32}\)"
ROBOCALLER = {"robocaller": {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"}}
PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
AMBIGUOUS = (
    "Zoom may have blocked the number before the failure: if the next attempt finds it already blocked, that entry is "
    "this one (adopt it rather than delete it)"
)


@pytest.fixture(scope="module")
def server(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderServer]:
    running = ProviderServer(log=tmp_path_factory.mktemp("provider") / "provider.log")
    running.configure({**stack_config(emulator), "zoom:rateLimit": "1000", "zoom:retryBudget": "1"})
    yield running
    running.close()


def last_line(failure: pytest.ExceptionInfo[ProviderCallError], error: str, before: str, after: str = "") -> None:
    """The traceback ends in exactly `error: before (tracking id ...)after`."""
    pattern = re.escape(f"zoom_blocklist_provider.core.errors.{error}: {before}") + TRACKING + re.escape(after)
    assert re.fullmatch(pattern, failure.value.last_line), failure.value.last_line


def listing(*entries: dict[str, str]) -> str:
    return json.dumps({"blocked_list": list(entries), "next_page_token": "", "page_size": 100, "total_records": 1})


def test_malformed_json_on_refresh_is_one_line_and_keeps_the_state(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    before = dict(engine.state)
    emu.admin.fault(kind="raw", method="GET", status=200, body='{"blocked_list": [{"id', content_type=JSON)
    with pytest.raises(ProviderCallError) as failure:
        engine.refresh()
    last_line(
        failure,
        "ZoomResponseError",
        """list blocked numbers: HTTP 200: the answer is not Zoom's JSON: 22 bytes of """
        """application/json;charset=UTF-8: '{"blocked_list": [{"id'""",
    )
    assert engine.state == before
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_one_html_502_from_a_proxy_is_retried(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", method="POST", status=502, body=PROXY_PAGE)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_html_502s_from_a_proxy_past_the_budget_are_one_line(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", method="POST", status=502, body=PROXY_PAGE, times=100)
    with pytest.raises(ProviderCallError) as failure:
        engine.up(ROBOCALLER)
    shown = "'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>'"
    last_line(
        failure,
        "ZoomResponseError",
        f"create blocked number +19075550100: HTTP 502: the answer is not Zoom's JSON: 93 bytes of text/html: {shown}",
        f". {AMBIGUOUS}",
    )
    assert_matches_declaration(emu, engine, {})


def test_201_without_an_id_is_one_line_and_writes_no_state(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", method="POST", status=201, body='{"ok": true}', content_type=JSON)
    with pytest.raises(ProviderCallError) as failure:
        engine.up(ROBOCALLER)
    last_line(
        failure,
        "ZoomResponseError",
        "create blocked number +19075550100: HTTP 201: Zoom confirmed the entry without its id",
        f". {AMBIGUOUS}",
    )
    assert_matches_declaration(emu, engine, {})


def test_201_without_an_id_for_an_entry_zoom_made_tracks_the_real_id(engine: Engine, emu: Emulator) -> None:
    emu.admin.fault(kind="raw", method="POST", status=201, body="{}", content_type=JSON, processed=True)
    assert engine.up(ROBOCALLER) == {"robocaller": "create"}
    assert_matches_declaration(emu, engine, ROBOCALLER)


def test_unknown_enum_value_on_refresh_is_one_line_naming_it(engine: Engine, emu: Emulator) -> None:
    engine.up(ROBOCALLER)
    before = dict(engine.state)
    odd = {"id": engine.state["robocaller"].id, "phone_number": "+19075550100", "match_type": "phoneNumber"}
    odd.update(block_type="spam", status="active")
    emu.admin.fault(kind="raw", method="GET", status=200, body=listing(odd), content_type=JSON)
    with pytest.raises(ProviderCallError) as failure:
        engine.refresh()
    last_line(
        failure,
        "ZoomResponseError",
        "list blocked numbers: HTTP 200: Zoom sent an entry this client cannot read: block_type: Zoom sent 'spam', "
        "which is not one of 'inbound', 'outbound', 'threat'",
    )
    assert engine.state == before


def test_unknown_enum_value_of_someone_elses_entry_does_not_stop_an_adopt(engine: Engine, emu: Emulator) -> None:
    existing = emu.admin.add_entry(phone_number="+19075550100", comment="by hand")
    odd = {"id": "x", "phone_number": "+19075550199", "match_type": "phoneNumber", "block_type": "spam"}
    mine = {"id": existing, "phone_number": "+19075550100", "match_type": "phoneNumber", "block_type": "inbound"}
    page = listing({**odd, "status": "active"}, {**mine, "status": "active", "comment": "by hand"})
    emu.admin.fault(kind="raw", method="GET", path=LIST, status=200, body=page, content_type=JSON)
    program = {"robocaller": {**ROBOCALLER["robocaller"], "adopt": True}}
    assert engine.up(program) == {"robocaller": "create"}
    assert engine.state["robocaller"].id == existing
    assert_matches_declaration(emu, engine, program)
