"""Safety rails on normalized entries: which ones reach an emergency number, and which prefixes cover a country."""

from __future__ import annotations

import pytest

from zoom_blocklist_provider.core.safety import country_wide, country_wide_warning, emergency_problem, emergency_reached
from zoom_blocklist_provider.core.spec import normalize

OVERRIDE = "check the number, or set allow_emergency=True on this entry if blocking it is intended"


@pytest.mark.parametrize(
    ("value", "is_prefix", "country", "reason"),
    [
        ("911", False, "US", "'911' is an emergency number in US"),
        ("999", False, "GB", "'999' is an emergency number in GB"),
        ("000", False, "AU", "'000' is an emergency number in AU"),
        ("112", False, "DE", "'112' is an emergency number in DE"),
        ("15", False, "FR", "'15' is an emergency number in FR"),
        ("9112", False, "US", "'9112' starts with 911, an emergency number in US, and dialling it reaches 911"),
        ("+1911", True, None, "prefix '+1911' is 911, an emergency number in US, behind calling code +1"),
        ("+44999", True, None, "prefix '+44999' is 999, an emergency number in GB, behind calling code +44"),
        ("+61000", True, "AU", "prefix '+61000' is 000, an emergency number in AU, behind calling code +61"),
        ("+55112", True, None, "prefix '+55112' is 112, an emergency number in BR, behind calling code +55"),
        (
            "+19112",
            True,
            None,
            "prefix '+19112' blocks the numbers dialled in US as 9112..., which start with 911, an emergency number there",
        ),
        (
            "+19115550100",
            False,
            None,
            "'+19115550100' is no assigned number, and dialled in US as 9115550100 it starts with 911, "
            "an emergency number there",
        ),
    ],
)
def test_entry_reaching_an_emergency_number_says_how(
    value: str, is_prefix: bool, country: str | None, reason: str
) -> None:
    assert emergency_reached(value, is_prefix, country) == reason


@pytest.mark.parametrize(
    ("value", "is_prefix", "country"),
    [
        ("88888", False, "US"),  # an SMS short code
        ("11880", False, "DE"),  # directory enquiries
        ("911", False, None),  # a short code is only one with its country
        ("+19075550100", False, None),
        ("+33158123456", False, None),  # Paris: dialled 01 58..., not France's 15
        ("+33158", True, None),
        ("+449", True, None),  # UK premium rate, dialled 09...
        ("+191", True, None),  # shorter than 911: a range, not an emergency call
        ("+551129", True, None),  # Brazil connects only an exact 112
        ("+44", True, None),  # a whole country: a warning, not a refusal
    ],
)
def test_entry_reaching_no_emergency_number_is_left_alone(value: str, is_prefix: bool, country: str | None) -> None:
    assert emergency_reached(value, is_prefix, country) is None


@pytest.mark.parametrize(
    ("block_type", "why"),
    [
        ("outbound", "blocking calls to an emergency service can stop people reaching help"),
        ("inbound", "blocking calls from an emergency service can stop it calling people back"),
        (
            "threat",
            "marking an emergency service as a threat can stop people reaching help and the service calling them back",
        ),
    ],
)
def test_emergency_problem_says_why_for_its_block_type_and_how_to_override(block_type: str, why: str) -> None:
    problem = emergency_problem(normalize({"phone_number": "112", "country": "DE", "block_type": block_type}))
    assert problem is not None
    assert (problem.field, problem.value, problem.reason) == (
        "phone_number",
        "112",
        f"'112' is an emergency number in DE: {why}; {OVERRIDE}",
    )


@pytest.mark.parametrize(
    ("prefix", "regions"),
    [("+44", ["GB", "GG", "IM", "JE"]), ("+61", ["AU", "CC", "CX"]), ("+800", ["001"]), ("+4420", []), ("+1907", [])],
)
def test_country_wide_names_every_region_a_calling_code_covers(prefix: str, regions: list[str]) -> None:
    assert country_wide(prefix) == regions


def test_country_wide_covers_every_nanp_country_for_plus_one() -> None:
    assert country_wide("+1")[:3] == ["US", "AG", "AI"]
    assert len(country_wide("+1")) == 25


def test_country_wide_warning_is_only_for_prefixes() -> None:
    assert country_wide_warning(normalize({"phone_number": "+44", "match_type": "prefix"})) == (
        "prefix +44 blocks every number in GB, GG, IM, JE (inbound); "
        "if you meant only part of that, make the prefix longer"
    )
    assert country_wide_warning(normalize({"phone_number": "+19075550100"})) is None
