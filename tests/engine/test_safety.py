"""Safety rails through the provider server: emergency numbers need allow_emergency, a whole country warns."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pulumi.runtime.rpc import UNKNOWN

from tests.engine.harness import CheckFailed, Engine, ProviderServer
from zoom_blocklist_provider.emulator import Emulator

NINE_ONE_ONE = {"phone_number": "911", "country": "US", "block_type": "outbound"}
REFUSED_911 = (
    "phone_number: '911' is an emergency number in US: blocking calls to an emergency service can stop people "
    "reaching help; check the number, or set allow_emergency=True on this entry if blocking it is intended"
)


def logged_during(server: ProviderServer, action: Callable[[], object]) -> str:
    """What the provider process wrote to its stderr log while `action` ran (the server is shared by the module)."""
    assert server.log_path is not None
    before = len(server.log_path.read_text())
    action()
    return server.log_path.read_text()[before:]


def test_emergency_short_code_is_refused_without_allow_emergency(engine: Engine, emu: Emulator) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.preview({"e": NINE_ONE_ONE})
    assert failed.value.failures == {"phone_number": REFUSED_911}
    assert emu.admin.requests() == []


def test_emergency_short_code_with_allow_emergency_is_created(engine: Engine, emu: Emulator) -> None:
    assert engine.up({"e": {**NINE_ONE_ONE, "allow_emergency": True}}) == {"e": "create"}
    assert [(e["phone_number"], e["block_type"]) for e in emu.admin.entries()] == [("911", "outbound")]
    assert engine.state["e"].outputs["allow_emergency"] is True


def test_dropping_allow_emergency_from_an_emergency_entry_fails_check(engine: Engine) -> None:
    engine.up({"e": {**NINE_ONE_ONE, "allow_emergency": True}})
    with pytest.raises(CheckFailed) as failed:
        engine.preview({"e": NINE_ONE_ONE})
    assert failed.value.failures == {"phone_number": REFUSED_911}


def test_allow_emergency_alone_never_causes_an_update(engine: Engine, emu: Emulator) -> None:
    engine.up({"n": {"phone_number": "+19075550100", "allow_emergency": True}})
    emu.admin.reset()
    assert engine.up({"n": {"phone_number": "+19075550100"}}) == {"n": "same"}
    assert emu.admin.requests() == []


def test_unknown_allow_emergency_waits_for_up(engine: Engine) -> None:
    assert engine.check("e", {**NINE_ONE_ONE, "allow_emergency": UNKNOWN})["phone_number"] == "911"


def test_whole_country_prefix_is_allowed_with_a_warning_in_the_provider_log(
    engine: Engine, server: ProviderServer
) -> None:
    logged = logged_during(server, lambda: engine.check("uk", {"phone_number": "+44", "match_type": "prefix"}))
    assert logged == (
        "warning: prefix +44 blocks every number in GB, GG, IM, JE (inbound); "
        "if you meant only part of that, make the prefix longer\n"
    )


def test_non_geographic_calling_code_prefix_warns_naming_the_code(engine: Engine, server: ProviderServer) -> None:
    prefix = {"phone_number": "+800", "match_type": "prefix", "block_type": "outbound"}
    logged = logged_during(server, lambda: engine.check("freephone", prefix))
    assert logged == (
        "warning: prefix +800 blocks every number with calling code +800 (outbound); "
        "if you meant only part of that, make the prefix longer\n"
    )


def test_prefix_longer_than_a_calling_code_logs_nothing(engine: Engine, server: ProviderServer) -> None:
    assert (
        logged_during(server, lambda: engine.check("london", {"phone_number": "+44 20", "match_type": "prefix"})) == ""
    )
