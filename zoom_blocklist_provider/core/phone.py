"""The number rules: how a written number, prefix, short code or country becomes the one form Zoom stores.

Every judgement about a number (which calling codes exist, which lengths a country's numbers can have, which
short codes it has) comes from libphonenumber's data through the `phonenumbers` package: nothing here encodes
a numbering plan by hand. This module must never import pydantic, Pulumi or the Zoom client, and does no I/O;
`spec.py` turns its `NumberError` into the user-facing `SpecError`.
"""

from __future__ import annotations

import functools
import unicodedata

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneMetadata,
    PhoneNumber,
    ValidationResult,
    shortnumberinfo,
)

E164_HINT = "write it in E.164 like +19075550100"
PREFIX_HINT = "write a prefix as + and the leading digits, starting with the country calling code, like +1907"
# E.164 caps a whole number at 15 digits, so no longer prefix can ever match a caller.
MAX_PREFIX_DIGITS = 15
# What people put between digits; anything else (letters, '#', ';ext=', '*') is refused, not guessed at.
_SEPARATORS = frozenset(" \t\u00a0\u2009\u202f-.()/\u2010\u2011\u2012\u2013\u2014\u2212")
_NON_GEOGRAPHIC = ("001", "ZZ")


class NumberError(ValueError):
    """A number, prefix or country that cannot be used; `field` names the input to fix."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason

    def __reduce__(self) -> tuple[type[NumberError], tuple[str, str]]:
        return type(self), (self.field, self.reason)


def to_region(value: str) -> str:
    """An ISO 3166-1 alpha-2 code libphonenumber knows, in upper case."""
    if not value.strip():
        blank = "is empty" if not value else f"'{value}' is blank"
        raise NumberError("country", f"{blank}; leave country out, or write two letters like 'US' or 'GB'")
    upper = value.upper()
    # isascii: str.upper() maps some non-ASCII letters onto ASCII ones (U+017F, long s, becomes 'S').
    if value.isascii() and upper in phonenumbers.SUPPORTED_REGIONS:
        return upper
    hint = " (the United Kingdom is 'GB')" if upper == "UK" else ""
    raise NumberError(
        "country",
        f"'{value}' is not an ISO 3166-1 alpha-2 country code libphonenumber knows{hint}; "
        "write two letters like 'US' or 'GB'",
    )


def visible(value: str, hint: str) -> str:
    """`value` without the invisible format characters copy-paste brings (U+200E, U+200B, U+FEFF, ...), with the
    fullwidth plus East Asian input methods type (U+FF0B, which libphonenumber reads as '+') as '+', and with a '+'
    written after an opening parenthesis ('(+44) 20 ...') moved to the front; a '+' anywhere else is refused.
    """
    text = "".join(ch for ch in value if unicodedata.category(ch) != "Cf").replace("\uff0b", "+")
    plus = text.count("+")
    if not plus:
        return text
    lead = next((index for index, ch in enumerate(text) if ch not in _SEPARATORS), len(text))
    if plus > 1 or text.index("+") != lead:
        where = f"{plus} '+' signs" if plus > 1 else "a '+' in the middle"
        raise NumberError(
            "phone_number",
            f"'{value}' has {where}; a '+' may stand only once, in front of the country calling code "
            f"('+1 907 555 0100', '(+1) 907 555 0100'); {hint}",
        )
    return "+" + text.replace("+", "", 1)


def to_number(value: str, region: str | None) -> str:
    """A whole number in E.164, or a short code's digits; `region` is an upper-case code from `to_region`."""
    value = visible(value, E164_HINT)
    _check_characters(value, E164_HINT)
    international = value.strip().startswith("+")
    if not international and region is None:
        # '1-907-555-0100' is how people write +1 numbers; try it as international before asking for more.
        parsed, problem = _parse("+" + value.strip(), None)
        if parsed is None or problem is not None:
            raise NumberError(
                "phone_number",
                f"'{value}' has no country calling code; {E164_HINT} (+ and the country code), "
                "or set country (like 'US') for a national number or a short code",
            )
        return _e164(value, parsed)
    parsed, problem = _parse(value, region)
    # A real (valid) whole number wins over a short code; a short code wins over a number that is merely
    # possible, since the short-number data names actual ranges while "possible" only counts digits
    # (Germany's 11880 directory service would otherwise become +4911880).
    if (
        not international
        and region is not None
        and _is_short_code(value, region)
        and (parsed is None or not phonenumbers.is_valid_number(parsed))
    ):
        return phonenumbers.normalize_digits_only(value)
    if parsed is None or problem is not None:
        raise NumberError("phone_number", _problem_reason(value, parsed, problem, region, international))
    if region is not None:
        _check_same_country(value, parsed, region)
    return _e164(value, parsed)


def to_prefix(value: str, region: str | None) -> str:
    """'+' and the digits of a prefix that starts with a real calling code (of `region`, when given)."""
    value = visible(value, PREFIX_HINT)
    _check_characters(value, PREFIX_HINT)
    digits = phonenumbers.normalize_digits_only(value)
    if not value.strip().startswith("+"):
        # Written without '+': with country it is a national prefix ('020 7946' in GB is +44207946, '907' in US is
        # +1907); without, its digits start with the calling code ('1907' is +1907), as Zoom's own form reads them.
        digits = _international_prefix(digits, region)[1:] if region else digits
    if len(digits) > MAX_PREFIX_DIGITS:
        raise NumberError(
            "phone_number",
            f"'{value}' has {len(digits)} digits, more than a whole number can have "
            f"({MAX_PREFIX_DIGITS}); {PREFIX_HINT}",
        )
    code = _calling_code(value, digits)
    if region is not None and phonenumbers.country_code_for_region(region) != code:
        raise NumberError(
            "country",
            f"country is {region} (+{phonenumbers.country_code_for_region(region)}) but prefix '{value}' "
            f"starts with calling code +{code} ({_where(code)}); remove country or make the two agree",
        )
    return "+" + digits


def _international_prefix(digits: str, region: str) -> str:
    """A national prefix of `region` ('020' in GB) written with its calling code and without the trunk prefix."""
    metadata = PhoneMetadata.metadata_for_region(region)
    trunk = (metadata.national_prefix if metadata is not None else None) or ""
    national = digits[len(trunk) :] if trunk and digits.startswith(trunk) and len(digits) > len(trunk) else digits
    return f"+{phonenumbers.country_code_for_region(region)}{national}"


def _e164(value: str, parsed: PhoneNumber) -> str:
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    # Runs of zeros ('0000000' in DE) parse to a number whose E.164 form reads back as another number; storing
    # it would make every refresh disagree with the program, so it is refused as no number at all.
    again, problem = _parse(e164, None)
    if again is None or problem is not None or e164 != phonenumbers.format_number(again, 0):
        raise NumberError("phone_number", f"'{value}' is not a phone number {_where(parsed.country_code)}; {E164_HINT}")
    return e164


def _check_characters(value: str, hint: str) -> None:
    body = value.strip()
    if not body:
        raise NumberError("phone_number", f"{'is empty' if not value else repr(value) + ' is blank'}; {hint}")
    body = body.removeprefix("+")
    if any(ch.isalpha() for ch in body):
        raise NumberError("phone_number", f"'{value}' contains letters; {hint} (vanity letters are not translated)")
    stray = sorted({ch for ch in body if not ch.isdecimal() and ch not in _SEPARATORS})
    if stray:
        listed = ", ".join(repr(ch) for ch in stray)
        raise NumberError("phone_number", f"'{value}' contains {listed}, which a phone number cannot hold; {hint}")
    if not any(ch.isdecimal() for ch in body):
        raise NumberError("phone_number", f"'{value}' has no digits; {hint}")


def _parse(text: str, region: str | None) -> tuple[PhoneNumber | None, int | None]:
    """The parsed number (None if it does not parse) and its ValidationResult problem (None if possible)."""
    try:
        parsed = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return None, ValidationResult.INVALID_COUNTRY_CODE
        if exc.error_type == NumberParseException.TOO_LONG:
            return None, ValidationResult.TOO_LONG
        # NOT_A_NUMBER and the TOO_SHORT kinds: the characters are already checked, so too few digits remain.
        return None, ValidationResult.TOO_SHORT
    result = phonenumbers.is_possible_number_with_reason(parsed)
    return parsed, None if result == ValidationResult.IS_POSSIBLE else result


def _is_short_code(value: str, region: str) -> bool:
    # Valid, not merely possible: a possible short number is only a length check (any 3 to 6 digits in the
    # US, '12345' included), so a whole number cut short by a typo would silently become a short code that
    # blocks nothing. The short-number data lists each country's real emergency, service and premium ranges
    # (911, 88888, 3654 in FR); a code outside them is refused with a message saying so, not kept as a guess.
    try:
        parsed = phonenumbers.parse(value, region)
    except NumberParseException:
        return False
    return bool(shortnumberinfo.is_valid_short_number_for_region(parsed, region))


def _problem_reason(
    value: str, parsed: PhoneNumber | None, problem: int | None, region: str | None, international: bool
) -> str:
    if problem == ValidationResult.INVALID_COUNTRY_CODE:
        digits = phonenumbers.normalize_digits_only(value)
        return f"'{value}': {_no_calling_code(digits)}; {E164_HINT}"
    if parsed is not None and parsed.country_code:
        where = _where(parsed.country_code)
    elif not international and region is not None:
        where = f"in {region}"
    else:
        where = _where(known_code(phonenumbers.normalize_digits_only(value)))
    if problem == ValidationResult.TOO_LONG:
        return f"'{value}' is too long for a phone number {where}; {E164_HINT}"
    if problem == ValidationResult.INVALID_LENGTH:
        return f"'{value}' has a length no phone number {where} has; {E164_HINT}"
    if problem == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return f"'{value}' is a local number {where} without its area code; {E164_HINT}"
    not_short = "" if international or region is None else f" and is not a short code known {where}"
    return (
        f"'{value}' is too short for a phone number {where}{not_short}; {E164_HINT}, "
        "or set match_type to 'prefix' to block every number starting with it"
    )


def _check_same_country(value: str, parsed: PhoneNumber, region: str) -> None:
    region_code = phonenumbers.country_code_for_region(region)
    code = parsed.country_code or 0
    # +1 is shared by the US, Canada and the Caribbean: a valid number also has to belong to `region` itself.
    if region_code == code and (
        not phonenumbers.is_valid_number(parsed) or phonenumbers.is_valid_number_for_region(parsed, region)
    ):
        return
    owner = phonenumbers.region_code_for_number(parsed) or phonenumbers.region_code_for_country_code(code)
    raise NumberError(
        "country",
        f"country is {region} (+{region_code}) but phone_number '{value}' is a number "
        f"{'in ' + owner if owner not in _NON_GEOGRAPHIC else 'of no country'} (+{code}); "
        "remove country or make the two agree",
    )


def _calling_code(value: str, digits: str) -> int:
    """The calling code `digits` start with; calling codes are 1 to 3 digits, none a prefix of another."""
    code = known_code(digits)
    if code is not None:
        return code
    start = digits[:3]
    longer = sorted(c for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE if str(c).startswith(start))
    if longer and len(start) < 3:
        examples = ", ".join(f"+{c}" for c in longer[:3])
        raise NumberError(
            "phone_number",
            f"'{value}' is not a whole country calling code ({examples}, ... start with it); {PREFIX_HINT}",
        )
    raise NumberError("phone_number", f"'{value}': {_no_calling_code(digits)}; {PREFIX_HINT}")


@functools.cache
def _calling_codes() -> frozenset[str]:
    """Every calling code as text, built once: each entry's check asks several times (about 40 us a set)."""
    return frozenset(str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def known_code(digits: str) -> int | None:
    """The country calling code `digits` start with, or None."""
    codes = _calling_codes()
    # Compared as text: int('01') would find +1 in a prefix that starts with 0.
    return next((int(digits[:n]) for n in (1, 2, 3) if len(digits) >= n and digits[:n] in codes), None)


def _no_calling_code(digits: str) -> str:
    """Names the shortest start of `digits` no calling code begins with (or the 3 digits a code would be)."""
    codes = [str(c) for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE]
    for length in (1, 2, 3):
        start = digits[:length]
        if not any(code.startswith(start) for code in codes):
            return f"no country uses calling code +{start}"
    return f"no country uses calling code +{digits[:3]}"


def _where(code: int | None) -> str:
    if code is None:
        return "in any country"
    region = phonenumbers.region_code_for_country_code(code)
    return f"with calling code +{code}" if region in _NON_GEOGRAPHIC else f"in {region}"
