"""Bad input stops at check, per property, with the fix, before any API call; unknown values wait for `up`."""

from __future__ import annotations

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from tests.engine.harness import CheckFailed, Engine
from zoom_blocklist_provider.emulator import Emulator

NUMBER = "+19075550100"
E164 = "write it in E.164 like +19075550100"

BAD_INPUTS = [
    (
        {"phone_number": "+1 907 555"},
        "phone_number",
        f"phone_number: '+1 907 555' is too short for a phone number in US; {E164}, or set match_type to 'prefix' to block every number starting with it",
    ),
    (
        {"phone_number": "call-me-now"},
        "phone_number",
        f"phone_number: 'call-me-now' contains letters; {E164} (vanity letters are not translated)",
    ),
    ({"phone_number": ""}, "phone_number", f"phone_number: is empty; {E164}"),
    ({}, "phone_number", f"phone_number: is required; {E164}"),
    (
        {"phone_number": "911"},
        "phone_number",
        f"phone_number: '911' has no country calling code; {E164} (+ and the country code), or set country (like 'US') for a national number or a short code",
    ),
    (
        {"phone_number": "+999", "match_type": "prefix"},
        "phone_number",
        "phone_number: '+999': no country uses calling code +999; write a prefix as + and the leading digits, starting with the country calling code, like +1907",
    ),
    (
        {"phone_number": NUMBER, "match_type": "exact"},
        "match_type",
        "match_type: 'exact' is not one of 'phoneNumber', 'prefix' (values are case-sensitive)",
    ),
    (
        {"phone_number": NUMBER, "block_type": "Inbound"},
        "block_type",
        "block_type: 'Inbound' is not one of 'inbound', 'outbound', 'threat' (values are case-sensitive); did you mean 'inbound'?",
    ),
    (
        {"phone_number": NUMBER, "status": "on"},
        "status",
        "status: 'on' is not one of 'active', 'inactive' (values are case-sensitive)",
    ),
    (
        {"phone_number": NUMBER, "comment": "x" * 256},
        "comment",
        "comment: is 256 characters long; Zoom accepts at most 255",
    ),
    (
        {"phone_number": NUMBER, "country": "GB"},
        "country",
        "country is GB (+44) but phone_number '+19075550100' is a number in US (+1); remove country or make the two agree",
    ),
    (
        {"phone_number": NUMBER, "colour": "red"},
        "colour",
        "unknown property 'colour': did you mean 'country'? BlockedNumber takes phone_number, match_type, block_type, status, comment, country, adopt",
    ),
    ({"phone_number": NUMBER, "adopt": "yes"}, "adopt", "adopt must be true or false, not 'yes'"),
]


@pytest.mark.parametrize(("inputs", "field", "reason"), BAD_INPUTS)
def test_bad_input_fails_check_on_its_property_without_api_call(
    engine: Engine, emu: Emulator, inputs: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.up({"bad": inputs})
    assert failed.value.failures == {field: reason}
    assert emu.admin.requests() == []


def test_every_problem_of_an_entry_is_reported_at_once(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.preview({"bad": {"phone_number": NUMBER, "status": "on", "block_type": "Inbound", "extra": 1}})
    assert sorted(failed.value.failures) == ["block_type", "extra", "status"]


def test_unknown_number_passes_check_and_plans_a_create(engine: Engine, emu: Emulator) -> None:
    checked = engine.check("later", {"phone_number": UNKNOWN, "comment": "INC-1"})
    assert isinstance(checked["phone_number"], Unknown)
    assert (checked["match_type"], checked["comment"]) == ("phoneNumber", "INC-1")
    assert emu.admin.requests() == []


def test_unknown_status_of_existing_entry_plans_an_update(engine: Engine, emu: Emulator) -> None:
    engine.up({"n": {"phone_number": NUMBER}})
    emu.admin.reset()
    assert engine.preview({"n": {"phone_number": NUMBER, "status": UNKNOWN}}) == {"n": "update"}
    assert emu.admin.requests() == []


def test_other_fields_are_still_checked_while_the_number_is_unknown(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.preview({"n": {"phone_number": UNKNOWN, "status": "on"}})
    assert list(failed.value.failures) == ["status"]
