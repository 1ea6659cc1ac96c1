"""The provider's check over generated property bags: it never raises, only reports check failures.

Check runs on whatever a program, a YAML file or a computed Output hands it: any type in any field, unknown keys,
values that are not known yet. Whatever it gets, it answers with failures, never a traceback in `pulumi preview`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckResult
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.core.entries import INPUT_FIELDS, check_safety, is_unknown
from zoom_blocklist_provider.dynamic.blocked_number import BlockedNumberProvider
from zoom_blocklist_provider.operations import accounts

PLAUSIBLE = st.sampled_from(
    [
        *("+19075550100", "1-907-555-0100", "+1 907", "+44", "+1", "+1911", "+44 999", "+1 911 555 0100"),
        *("911", "112", "000", "88888", "12345", "(907) 555-0100", "020 7946 0958", "+800 1234 5678"),
        *("phoneNumber", "prefix", "Prefix", "inbound", "outbound", "threat", "active", "inactive", "on"),
        *("US", "gb", "AU", "DE", "FR", "UK", "XX", "", " ", "INC-4411"),
    ]
)
ANY_VALUE = st.one_of(
    PLAUSIBLE,
    st.none(),
    st.booleans(),
    st.just(UNKNOWN),
    st.builds(Unknown),
    st.text(max_size=60),
    st.integers(),
    st.floats(),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
KEYS = st.sampled_from([*INPUT_FIELDS, *INPUT_FIELDS, "colour", "phone", ""])
BAGS = st.dictionaries(KEYS, ANY_VALUE, max_size=9)
ENTRIES = st.sampled_from(
    [
        {"phone_number": "+19075550100"},
        {"phone_number": "1-907-555-0100"},
        {"phone_number": "(907) 555-0100", "country": "US"},
        {"phone_number": "020 7946 0958", "country": "gb"},
        {"phone_number": "+61 2 9876 5432", "country": "AU"},
        {"phone_number": "88888", "country": "US"},
        {"phone_number": "911", "country": "US", "allow_emergency": True},
        *({"phone_number": prefix, "match_type": "prefix"} for prefix in ("+1 907", "+44", "+1", "+61 2", "+49 30")),
    ]
)
OTHER_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "block_type": st.sampled_from(["inbound", "outbound", "threat", None]),
        "status": st.sampled_from(["active", "inactive", None]),
        "comment": st.one_of(st.none(), st.text(max_size=255)),
        "adopt": st.booleans(),
    },
)
VALID_BAGS = st.builds(lambda entry, other: {**entry, **other}, ENTRIES, OTHER_FIELDS)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True, scope="module")
def _stack_config() -> Iterator[None]:
    """The credentials in the provider's stack config, as a preview hands them over (without them every bag would
    fail on them alone)."""
    accounts.configure({"zoom:accountId": ACCOUNT_ID, "zoom:clientId": CLIENT_ID, "zoom:clientSecret": CLIENT_SECRET})
    yield
    accounts.reset()


def checked(bag: dict[str, Any]) -> CheckResult:
    result = BlockedNumberProvider().check({}, dict(bag))
    assert all(isinstance(failure.reason, str) and failure.reason for failure in result.failures)
    return result


@QUICK
@given(bag=BAGS)
def test_check_answers_any_property_bag_with_failures_only(bag: dict[str, Any]) -> None:
    result = checked(bag)
    properties = [failure.property for failure in result.failures]
    assert len(properties) == len(set(properties))  # one failure per property
    assert set(properties) <= {*bag, "phone_number"}


@QUICK
@given(bag=st.one_of(VALID_BAGS, BAGS))
def test_checking_checked_inputs_again_changes_nothing(bag: dict[str, Any]) -> None:
    # The engine checks stored inputs again on the next preview: that must neither fail nor change them.
    first = checked(bag)
    if first.failures or any(is_unknown(value) for value in first.inputs.values()):
        return
    again = checked(first.inputs)
    assert (again.inputs, again.failures) == (first.inputs, [])


def test_check_safety_waits_while_any_value_is_unknown() -> None:
    assert check_safety({"phone_number": "911", "country": "US"}, UNKNOWN) == ([], [])
    assert check_safety({"phone_number": UNKNOWN, "match_type": "prefix"}, False) == ([], [])


def test_check_safety_refuses_an_emergency_number_unless_allowed() -> None:
    entry = {"phone_number": "+1911", "match_type": "prefix"}
    [failure], warnings = check_safety(entry, False)
    assert (failure.property, failure.reason.split(":")[0], warnings) == ("phone_number", "phone_number", [])
    assert check_safety(entry, True) == ([], [])


def test_check_safety_warns_about_a_whole_country_even_when_emergency_numbers_are_allowed() -> None:
    assert check_safety({"phone_number": "+61", "match_type": "prefix"}, True) == (
        [],
        [
            "prefix +61 blocks every number in AU, CC, CX (inbound); if you meant only part of that, make the prefix longer"
        ],
    )
