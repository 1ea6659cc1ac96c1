"""Numbers, prefixes and short codes: each written form becomes the one form Zoom stores, or a clear error."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from zoom_blocklist_provider.core.spec import MatchType, SpecError, SpecErrors, normalize, normalize_phone_number

E164 = "write it in E.164 like +19075550100"
PREFIX = "write a prefix as + and the leading digits, starting with the country calling code, like +1907"
OR_PREFIX = "or set match_type to 'prefix' to block every number starting with it"
AGREE = "remove country or make the two agree"
PLUS = "a '+' may stand only once, in front of the country calling code ('+1 907 555 0100', '(+1) 907 555 0100')"
NO_CODE = f"{E164} (+ and the country code), or set country (like 'US') for a national number or a short code"


def problems(raw: Mapping[str, object]) -> list[tuple[str, object, str]]:
    with pytest.raises(SpecErrors) as caught:
        normalize(raw)
    return [(error.field, error.value, error.reason) for error in caught.value.errors]


@pytest.mark.parametrize(
    ("written", "country", "stored"),
    [
        ("+1 (907) 555-0100", None, "+19075550100"),
        ("1-907-555-0100", None, "+19075550100"),
        ("+19075550100", None, "+19075550100"),
        ("1.907.555.0100", None, "+19075550100"),
        ("(907) 555-0100", "US", "+19075550100"),
        ("907 555 0100", "us", "+19075550100"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        ("\uff10\uff12\uff10 \uff17\uff19\uff14\uff16 \uff10\uff19\uff15\uff18", "GB", "+442079460958"),
        ("+1 416 555 0199", "CA", "+14165550199"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+44 20 7946 0958", None, "+442079460958"),
        ("00 44 20 7946 0958", "GB", "+442079460958"),
        ("07700 900123", "GB", "+447700900123"),
        ("(02) 9876 5432", "AU", "+61298765432"),
        ("0412 345 678", "AU", "+61412345678"),
        ("+61 412 345 678", "AU", "+61412345678"),
        ("030 123456", "DE", "+4930123456"),
        ("+49 30 1234567", None, "+49301234567"),
        ("098765 43210", "IN", "+919876543210"),
        ("+91 98765 43210", None, "+919876543210"),
        ("+800 1234 5678", None, "+80012345678"),
        ("06 1234 5678", "IT", "+390612345678"),
        ("(+1) 907 555 0100", None, "+19075550100"),
        ("(+44) 20 7946 0958", None, "+442079460958"),
        # Invisible format characters that copy-paste brings: marks of direction, zero-width space, a BOM.
        ("\u200e+1 907 555 0100\u200f", None, "+19075550100"),
        ("\ufeff+19075550100", None, "+19075550100"),
        ("+1\u200b907\u200b555\u200b0100", None, "+19075550100"),
        # The fullwidth plus East Asian input methods type, as libphonenumber reads it.
        ("\uff0b1 907 555 0100", None, "+19075550100"),
        ("(\uff0b44) 20 7946 0958", None, "+442079460958"),
    ],
)
def test_number_written_any_common_way_is_stored_in_e164(written: str, country: str | None, stored: str) -> None:
    assert normalize({"phone_number": written, "country": country}).phone_number == stored


@pytest.mark.parametrize("written", ["+1 999 555 0100", "+1 201 011 1234", "+61 1 0000 0000"])
def test_possible_but_unassigned_number_is_accepted(written: str) -> None:
    # Spam comes from unassigned ranges: a number only has to be possible, not valid.
    assert normalize({"phone_number": written}).phone_number == written.replace(" ", "")


@pytest.mark.parametrize(
    ("written", "country", "stored"),
    [
        ("911", "US", "911"),
        ("999", "GB", "999"),
        ("000", "AU", "000"),
        ("112", "DE", "112"),
        ("88888", "US", "88888"),
        ("3654", "FR", "3654"),
        ("36 65", "fr", "3665"),
        ("11880", "DE", "11880"),
    ],
)
def test_short_code_with_country_is_kept_as_digits(written: str, country: str, stored: str) -> None:
    spec = normalize({"phone_number": written, "country": country})
    assert (spec.phone_number, spec.country) == (stored, country.upper())


@pytest.mark.parametrize(
    ("written", "country", "stored"),
    [
        ("+1 (907)", None, "+1907"),
        ("+61", None, "+61"),
        ("+44 20", "GB", "+4420"),
        ("+1 907", "CA", "+1907"),
        ("+353 1", "ie", "+3531"),
        ("+49-30-12", None, "+493012"),
        ("\uff0b1 900", None, "+1900"),
        ("+123456789012345", None, "+123456789012345"),
    ],
)
def test_prefix_is_stored_as_plus_and_digits(written: str, country: str | None, stored: str) -> None:
    spec = normalize({"phone_number": written, "match_type": "prefix", "country": country})
    assert spec.phone_number == stored


@pytest.mark.parametrize(
    ("written", "country", "field", "reason"),
    [
        (
            "+1 907 555",
            None,
            "phone_number",
            f"'+1 907 555' is too short for a phone number in US; {E164}, {OR_PREFIX}",
        ),
        ("+12", None, "phone_number", f"'+12' is too short for a phone number in US; {E164}, {OR_PREFIX}"),
        (
            "12345",
            "US",
            "phone_number",
            f"'12345' is too short for a phone number in US and is not a short code known in US; {E164}, {OR_PREFIX}",
        ),
        (
            "+1 907 555 0100 0000",
            None,
            "phone_number",
            f"'+1 907 555 0100 0000' is too long for a phone number in US; {E164}",
        ),
        (
            "555 0100",
            "US",
            "phone_number",
            f"'555 0100' is a local number in US without its area code; {E164}",
        ),
        (
            "1-800-FLOWERS",
            None,
            "phone_number",
            f"'1-800-FLOWERS' contains letters; {E164} (vanity letters are not translated)",
        ),
        (
            "+1 907 555 0100 #22",
            None,
            "phone_number",
            f"'+1 907 555 0100 #22' contains '#', which a phone number cannot hold; {E164}",
        ),
        (
            "+1 907 + 555",
            None,
            "phone_number",
            f"'+1 907 + 555' has 2 '+' signs; {PLUS}; {E164}",
        ),
        ("++19075550100", None, "phone_number", f"'++19075550100' has 2 '+' signs; {PLUS}; {E164}"),
        ("1 907+555 0100", None, "phone_number", f"'1 907+555 0100' has a '+' in the middle; {PLUS}; {E164}"),
        ("+1 907\uff0b555", None, "phone_number", f"'+1 907\uff0b555' has 2 '+' signs; {PLUS}; {E164}"),
        (
            "+999 1234 567",
            None,
            "phone_number",
            f"'+999 1234 567': no country uses calling code +999; {E164}",
        ),
        ("9075550100", None, "phone_number", f"'9075550100' has no country calling code; {NO_CODE}"),
        ("911", None, "phone_number", f"'911' has no country calling code; {NO_CODE}"),
        ("0000000", "DE", "phone_number", f"'0000000' is not a phone number in DE; {E164}"),
        ("", None, "phone_number", f"is empty; {E164}"),
        ("  ", None, "phone_number", f"'  ' is blank; {E164}"),
        ("( - )", None, "phone_number", f"'( - )' has no digits; {E164}"),
        (
            "+" + "1" * 50,
            None,
            "phone_number",
            f"'+{'1' * 29}...' is 51 characters long, and Zoom accepts at most 50; {E164}, without separators",
        ),
        (
            "+44 20 7946 0958",
            "US",
            "country",
            "country is US (+1) but phone_number '+44 20 7946 0958' is a number in GB (+44); "
            "remove country or make the two agree",
        ),
        (
            "011 44 20 7946 0958",
            "US",
            "country",
            "country is US (+1) but phone_number '011 44 20 7946 0958' is a number in GB (+44); "
            "remove country or make the two agree",
        ),
        (
            "+1 416 555 0199",
            "US",
            "country",
            "country is US (+1) but phone_number '+1 416 555 0199' is a number in CA (+1); "
            "remove country or make the two agree",
        ),
        (
            "+800 1234 5678",
            "US",
            "country",
            "country is US (+1) but phone_number '+800 1234 5678' is a number of no country (+800); "
            "remove country or make the two agree",
        ),
    ],
)
def test_impossible_number_is_refused_with_the_expected_form(
    written: str, country: str | None, field: str, reason: str
) -> None:
    value = written if field == "phone_number" else country
    assert problems({"phone_number": written, "country": country}) == [(field, value, reason)]


@pytest.mark.parametrize(
    ("written", "country", "field", "reason"),
    [
        ("+999", None, "phone_number", f"'+999': no country uses calling code +999; {PREFIX}"),
        ("+0 12", None, "phone_number", f"'+0 12': no country uses calling code +0; {PREFIX}"),
        (
            "+35",
            None,
            "phone_number",
            f"'+35' is not a whole country calling code (+350, +351, +352, ... start with it); {PREFIX}",
        ),
        (
            "+1234567890123456",
            None,
            "phone_number",
            f"'+1234567890123456' has 16 digits, more than a whole number can have (15); {PREFIX}",
        ),
        (
            "+1 907 x",
            None,
            "phone_number",
            f"'+1 907 x' contains letters; {PREFIX} (vanity letters are not translated)",
        ),
        (
            "+44 20",
            "US",
            "country",
            f"country is US (+1) but prefix '+44 20' starts with calling code +44 (in GB); {AGREE}",
        ),
    ],
)
def test_bad_prefix_is_refused(written: str, country: str | None, field: str, reason: str) -> None:
    value = written if field == "phone_number" else country
    assert problems({"phone_number": written, "match_type": "prefix", "country": country}) == [(field, value, reason)]


@pytest.mark.parametrize(
    ("written", "country", "prefix"),
    [
        ("1907", None, "+1907"),
        ("61 2", None, "+612"),
        ("907", "US", "+1907"),
        ("1907", "us", "+1907"),
        ("020 7946", "GB", "+44207946"),
        ("06", "IT", "+3906"),
    ],
)
def test_prefix_without_plus_starts_with_its_calling_code_or_is_national_with_country(
    written: str, country: str | None, prefix: str
) -> None:
    spec = normalize({"phone_number": written, "match_type": "prefix", "country": country})
    assert spec.phone_number == prefix


def test_normalize_phone_number_raises_one_spec_error() -> None:
    with pytest.raises(SpecError) as caught:
        normalize_phone_number("+1 907 555", MatchType.PHONE_NUMBER, None)
    assert str(caught.value) == f"phone_number: '+1 907 555' is too short for a phone number in US; {E164}, {OR_PREFIX}"


def test_normalize_phone_number_blames_country_it_does_not_know() -> None:
    with pytest.raises(SpecError) as caught:
        normalize_phone_number("911", MatchType.PHONE_NUMBER, "XX")
    assert (caught.value.field, caught.value.value) == ("country", "XX")
