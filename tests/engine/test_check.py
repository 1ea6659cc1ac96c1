"""Bad input stops at check, per property, with the fix, before any API call; unknown values wait for `up`.

Each message is read as a platform engineer reads it in `pulumi preview`: it names the value, says what is expected
and how to fix it.
"""

from __future__ import annotations

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from tests.engine.harness import CheckFailed, Engine
from zoom_blocklist_provider.emulator import Emulator

NUMBER = "+19075550100"
E164 = "write it in E.164 like +19075550100"
PREFIX = "write a prefix as + and the leading digits, starting with the country calling code, like +1907"
OR_PREFIX = "or set match_type to 'prefix' to block every number starting with it"
NO_CODE = f"{E164} (+ and the country code), or set country (like 'US') for a national number or a short code"
AGREE = "remove country or make the two agree"
TAKES = "BlockedNumber takes phone_number, match_type, block_type, status, comment, country, adopt, allow_emergency"
CASE = "(values are case-sensitive)"
TWO_LETTERS = "write two letters like 'US' or 'GB'"
QUOTE_IT = "quote it, like '+19075550100' (as a number it loses its + and leading zeros)"
OVERRIDE = "check the number, or set allow_emergency=True on this entry if blocking it is intended"
TO_HELP = f"blocking calls to an emergency service can stop people reaching help; {OVERRIDE}"
CALLBACKS = f"blocking calls from an emergency service can stop it calling people back; {OVERRIDE}"

BAD_INPUTS = [
    # Enums: wrong case, unknown, empty, blank, wrong type.
    (
        {"match_type": "Prefix"},
        "match_type",
        f"match_type: 'Prefix' is not one of 'phoneNumber', 'prefix' {CASE}; did you mean 'prefix'?",
    ),
    (
        {"match_type": "exact"},
        "match_type",
        f"match_type: 'exact' is not one of 'phoneNumber', 'prefix' {CASE}; use one of them, spelled exactly",
    ),
    (
        {"block_type": "Inbound"},
        "block_type",
        f"block_type: 'Inbound' is not one of 'inbound', 'outbound', 'threat' {CASE}; did you mean 'inbound'?",
    ),
    (
        {"status": "Active"},
        "status",
        f"status: 'Active' is not one of 'active', 'inactive' {CASE}; did you mean 'active'?",
    ),
    (
        {"status": "on"},
        "status",
        f"status: 'on' is not one of 'active', 'inactive' {CASE}; use one of them, spelled exactly",
    ),
    (
        {"match_type": ""},
        "match_type",
        "match_type: is empty; use 'phoneNumber' or 'prefix', or leave match_type out for 'phoneNumber'",
    ),
    (
        {"block_type": ""},
        "block_type",
        "block_type: is empty; use 'inbound', 'outbound' or 'threat', or leave block_type out for 'inbound'",
    ),
    ({"status": ""}, "status", "status: is empty; use 'active' or 'inactive', or leave status out for 'active'"),
    (
        {"block_type": "  "},
        "block_type",
        "block_type: '  ' is blank; use 'inbound', 'outbound' or 'threat', or leave block_type out for 'inbound'",
    ),
    ({"status": 1}, "status", "status: 1 is a number, not a string; use 'active' or 'inactive'"),
    # Numbers and prefixes.
    (
        {"phone_number": "call-me-now"},
        "phone_number",
        f"phone_number: 'call-me-now' contains letters; {E164} (vanity letters are not translated)",
    ),
    (
        {"phone_number": "1-800-FLOWERS"},
        "phone_number",
        f"phone_number: '1-800-FLOWERS' contains letters; {E164} (vanity letters are not translated)",
    ),
    (
        {"phone_number": "+1 907 555 0100 #2"},
        "phone_number",
        f"phone_number: '+1 907 555 0100 #2' contains '#', which a phone number cannot hold; {E164}",
    ),
    (
        {"phone_number": "0907 555", "match_type": "prefix"},
        "phone_number",
        f"phone_number: '0907 555': no country uses calling code +0; {PREFIX}",
    ),
    (
        {"phone_number": "999 12", "match_type": "prefix"},
        "phone_number",
        f"phone_number: '999 12': no country uses calling code +999; {PREFIX}",
    ),
    (
        {"phone_number": "+1 907 555 0100 " + "0" * 35},
        "phone_number",
        f"phone_number: '+1 907 555 0100 00000000000000...' is 51 characters long, and Zoom accepts at most 50; {E164}, without separators",
    ),
    (
        {"phone_number": "+1907555010012345", "match_type": "prefix"},
        "phone_number",
        f"phone_number: '+1907555010012345' has 16 digits, more than a whole number can have (15); {PREFIX}",
    ),
    (
        {"phone_number": "+35", "match_type": "prefix"},
        "phone_number",
        f"phone_number: '+35' is not a whole country calling code (+350, +351, +352, ... start with it); {PREFIX}",
    ),
    (
        {"phone_number": "+999 123 4567"},
        "phone_number",
        f"phone_number: '+999 123 4567': no country uses calling code +999; {E164}",
    ),
    (
        {"phone_number": "+1 907 555"},
        "phone_number",
        f"phone_number: '+1 907 555' is too short for a phone number in US; {E164}, {OR_PREFIX}",
    ),
    (
        {"phone_number": "555-0100", "country": "US"},
        "phone_number",
        f"phone_number: '555-0100' is a local number in US without its area code; {E164}",
    ),
    ({"phone_number": "88888"}, "phone_number", f"phone_number: '88888' has no country calling code; {NO_CODE}"),
    (
        {"phone_number": "12345", "country": "US"},
        "phone_number",
        f"phone_number: '12345' is too short for a phone number in US and is not a short code known in US; {E164}, {OR_PREFIX}",
    ),
    ({"phone_number": ""}, "phone_number", f"phone_number: is empty; {E164}"),
    ({"phone_number": "   "}, "phone_number", f"phone_number: '   ' is blank; {E164}"),
    ({}, "phone_number", f"phone_number: is required; {E164}"),
    ({"phone_number": 19075550100}, "phone_number", f"phone_number: 19075550100 is a number, not a string; {QUOTE_IT}"),
    (
        {"phone_number": [NUMBER]},
        "phone_number",
        "phone_number: ['+19075550100'] is a list, not a string; one BlockedNumber blocks one number or prefix: declare one for each",
    ),
    (
        {"phone_number": {"number": NUMBER}},
        "phone_number",
        f"phone_number: {{'number': '+19075550100'}} is a mapping, not a string; {E164}",
    ),
    ({"phone_number": True}, "phone_number", f"phone_number: True is a boolean, not a string; {E164}"),
    # Comment.
    (
        {"comment": "x" * 256},
        "comment",
        "comment: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is 256 characters long, and Zoom accepts at most 255; shorten it by 1",
    ),
    ({"comment": ["INC-1"]}, "comment", "comment: ['INC-1'] is a list, not a string; write the note in quotes"),
    # Country.
    (
        {"country": "GB"},
        "country",
        f"country is GB (+44) but phone_number '+19075550100' is a number in US (+1); {AGREE}",
    ),
    (
        {"phone_number": "+44", "match_type": "prefix", "country": "US"},
        "country",
        f"country is US (+1) but prefix '+44' starts with calling code +44 (in GB); {AGREE}",
    ),
    (
        {"country": "UK"},
        "country",
        f"country: 'UK' is not an ISO 3166-1 alpha-2 country code libphonenumber knows (the United Kingdom is 'GB'); {TWO_LETTERS}",
    ),
    ({"country": ""}, "country", f"country: is empty; leave country out, or {TWO_LETTERS}"),
    ({"country": "  "}, "country", f"country: '  ' is blank; leave country out, or {TWO_LETTERS}"),
    ({"country": 1}, "country", f"country: 1 is a number, not a string; {TWO_LETTERS}"),
    # Properties BlockedNumber does not take, and flags that are not booleans.
    ({"colour": "red"}, "colour", f"unknown property 'colour': did you mean 'country'? {TAKES}"),
    ({"zzz": 1}, "zzz", f"unknown property 'zzz': remove it; {TAKES}"),
    (
        {"adopt": "yes"},
        "adopt",
        "adopt: 'yes' is a string, not true or false; write adopt=True or adopt=False (without quotes)",
    ),
    ({"adopt": 1}, "adopt", "adopt: 1 is a number, not true or false; write adopt=True or adopt=False"),
    (
        {"allow_emergency": "true"},
        "allow_emergency",
        "allow_emergency: 'true' is a string, not true or false; write allow_emergency=True or allow_emergency=False (without quotes)",
    ),
    # Safety rails: emergency numbers.
    (
        {"phone_number": "911", "country": "US", "block_type": "outbound"},
        "phone_number",
        f"phone_number: '911' is an emergency number in US: {TO_HELP}",
    ),
    (
        {"phone_number": "112", "country": "DE"},
        "phone_number",
        f"phone_number: '112' is an emergency number in DE: {CALLBACKS}",
    ),
    (
        {"phone_number": "+1911", "match_type": "prefix", "block_type": "outbound"},
        "phone_number",
        f"phone_number: prefix '+1911' is 911, an emergency number in US, behind calling code +1: {TO_HELP}",
    ),
    (
        {"phone_number": "+1 911 555 0100", "block_type": "outbound"},
        "phone_number",
        f"phone_number: '+19115550100' is no assigned number, and dialled in US as 9115550100 it starts with 911, an emergency number there: {TO_HELP}",
    ),
]


@pytest.mark.parametrize(("inputs", "field", "reason"), BAD_INPUTS, ids=[reason[:50] for _, _, reason in BAD_INPUTS])
def test_bad_input_fails_check_on_its_property_without_api_call(
    engine: Engine, emu: Emulator, inputs: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(CheckFailed) as failed:
        engine.up({"bad": {"phone_number": NUMBER, **inputs}} if inputs else {"bad": {}})
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


def test_two_resources_declaring_one_entry_fail_the_check_naming_each_other(engine: Engine, emu: Emulator) -> None:
    # The SDK's server hands the provider no URN: the door finds it in the call it serves (dynamic/call.py).
    with pytest.raises(CheckFailed) as failure:
        engine.preview({"robocaller": {"phone_number": "+19075550100"}, "again": {"phone_number": "1-907-555-0100"}})
    assert failure.value.failures == {
        "phone_number": "+19075550100/phoneNumber/inbound is declared by resource 'robocaller' "
        "(pulumi-python:dynamic/zoom:BlockedNumber) too: Zoom keeps one entry per number, match type and block type, "
        "so declare it in one resource only"
    }
    assert emu.admin.requests() == []
