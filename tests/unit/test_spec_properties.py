"""Properties of normalization over generated input: it fails only with SpecErrors, and it is idempotent."""

from __future__ import annotations

import phonenumbers
from hypothesis import example, given
from hypothesis import strategies as st

from zoom_blocklist_provider.core.spec import BlockedNumberSpec, SpecErrors, normalize

MATCH_TYPES = st.sampled_from([None, "phoneNumber", "prefix", "Prefix"])
COUNTRIES = st.sampled_from([None, "US", "gb", "AU", "DE", "IN", "FR", "UK", "XX", ""])
PHONE_CHARS = st.text(alphabet="0123456789+-() .#x", max_size=30)
ANY_VALUE = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.lists(st.integers(), max_size=2))


def outcome(raw: dict[str, object]) -> BlockedNumberSpec | SpecErrors:
    """What normalize() returns or raises; any other exception fails the test."""
    try:
        return normalize(raw)
    except SpecErrors as errors:
        return errors


def assert_explained(result: BlockedNumberSpec | SpecErrors) -> None:
    if isinstance(result, SpecErrors):
        assert result.errors != []
        assert all(error.reason for error in result.errors)


@given(number=st.one_of(st.text(max_size=60), PHONE_CHARS), match_type=MATCH_TYPES, country=COUNTRIES)
@example(number="+\x1c1", match_type=None, country=None)
@example(number="\u0661\u0662\u0663", match_type=None, country="US")
def test_normalize_fails_only_with_spec_errors_on_any_text(
    number: str, match_type: str | None, country: str | None
) -> None:
    assert_explained(outcome({"phone_number": number, "match_type": match_type, "country": country}))


@given(number=ANY_VALUE, comment=ANY_VALUE, country=ANY_VALUE, status=ANY_VALUE)
def test_normalize_fails_only_with_spec_errors_on_any_type(
    number: object, comment: object, country: object, status: object
) -> None:
    assert_explained(outcome({"phone_number": number, "comment": comment, "country": country, "status": status}))


@given(
    region=st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS)),
    kind=st.sampled_from([phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE]),
)
def test_normalizing_a_normalized_number_returns_it_unchanged(region: str, kind: int) -> None:
    sample = phonenumbers.example_number_for_type(region, kind)
    if sample is None:
        return
    e164 = phonenumbers.format_number(sample, phonenumbers.PhoneNumberFormat.E164)
    once = normalize({"phone_number": e164, "country": region})
    assert once.phone_number == e164
    assert normalize(once.model_dump()).phone_number == e164


@given(number=PHONE_CHARS, match_type=MATCH_TYPES, country=COUNTRIES)
def test_normalize_is_idempotent(number: str, match_type: str | None, country: str | None) -> None:
    try:
        once = normalize({"phone_number": number, "match_type": match_type, "country": country})
    except SpecErrors:
        return
    assert normalize(once.model_dump()) == once
