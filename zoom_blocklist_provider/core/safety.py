"""Safety rails: entries that would block calls to or from emergency services, and prefixes that block a country.

An entry that reaches an emergency number is refused at check time unless it says `allow_emergency=True`; a prefix
that is only a calling code is allowed, with a warning. Which numbers are emergency numbers comes from
libphonenumber's short-number data for the entry's country, never from a list kept here. Like `spec.py`, this
module must never do I/O or import Pulumi: check runs it during preview.
"""

from __future__ import annotations

import functools

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber, PhoneNumberFormat, shortnumberinfo

from .phone import known_code
from .spec import BlockedNumberSpec, BlockType, MatchType, SpecError

_NON_GEOGRAPHIC = "001"
_WHY = {
    BlockType.INBOUND: "blocking calls from an emergency service can stop it calling people back",
    BlockType.OUTBOUND: "blocking calls to an emergency service can stop people reaching help",
    BlockType.THREAT: (
        "marking an emergency service as a threat can stop people reaching help and the service calling them back"
    ),
}
OVERRIDE = "check the number, or set allow_emergency=True on this entry if blocking it is intended"


def emergency_problem(spec: BlockedNumberSpec) -> SpecError | None:
    """The check failure of an entry that would block an emergency number, saying why it matters and how to override."""
    reached = emergency_reached(spec.phone_number, spec.match_type is MatchType.PREFIX, spec.country)
    if reached is None:
        return None
    return SpecError("phone_number", spec.phone_number, f"{reached}: {_WHY[spec.block_type]}; {OVERRIDE}")


def country_wide_warning(spec: BlockedNumberSpec) -> str | None:
    """The warning for a prefix that is only a calling code, naming every country it blocks; None for any other."""
    regions = country_wide(spec.phone_number) if spec.match_type is MatchType.PREFIX else []
    if not regions:
        return None
    where = f"with calling code {spec.phone_number}" if regions == [_NON_GEOGRAPHIC] else "in " + ", ".join(regions)
    return (
        f"prefix {spec.phone_number} blocks every number {where} ({spec.block_type.value}); "
        "if you meant only part of that, make the prefix longer"
    )


def emergency_reached(value: str, is_prefix: bool, region: str | None) -> str | None:
    """How a normalized number, prefix or short code would block an emergency number, or None.

    It reaches one when it is one (the short code '911' in US), when it is one behind its country's calling code
    ('+1911', '+44999': how such a call could be written), or when numbers it blocks, dialled in the country with its
    trunk prefix, start with one and so connect to it ('+19112', or '+1 911 555 0100', which is no assigned number).
    The trunk prefix keeps Paris's '01 58' apart from France's emergency number 15. `region` is the entry's country.
    """
    if not value.startswith("+"):
        return _short_code_reaches(value, region) if region is not None else None
    digits = value[1:]
    code = known_code(digits)
    national = digits[len(str(code)) :] if code is not None else ""
    if code is None or not national:
        return None  # a whole calling code gets country_wide_warning(), not a refusal
    parsed = None if is_prefix else _parse(value)
    # A valid number is a subscriber's, whatever it starts with; only unassigned ones can be an emergency call.
    assigned = parsed is not None and phonenumbers.is_valid_number(parsed)
    for candidate in _regions_to_judge(parsed, code, region):
        written = "prefix " if is_prefix else ""
        if shortnumberinfo.is_emergency_number(national, candidate):
            return f"{written}'{value}' is {national}, an emergency number in {candidate}, behind calling code +{code}"
        dialled = _trunk(candidate) + national
        emergency = None if assigned else _emergency_start(dialled, candidate)
        if emergency is not None and is_prefix:
            return (
                f"prefix '{value}' blocks the numbers dialled in {candidate} as {dialled}..., "
                f"which start with {emergency}, an emergency number there"
            )
        if emergency is not None:
            return (
                f"'{value}' is no assigned number, and dialled in {candidate} as {dialled} it starts with "
                f"{emergency}, an emergency number there"
            )
    return None


def country_wide(value: str) -> list[str]:
    """The regions a prefix blocks entirely because it is only a calling code ('+44': GB, GG, IM, JE), or []."""
    digits = value.removeprefix("+")
    code = known_code(digits)
    if not value.startswith("+") or code is None or str(code) != digits:
        return []
    return list(phonenumbers.region_codes_for_country_code(code))


def _short_code_reaches(value: str, region: str) -> str | None:
    emergency = _emergency_start(value, region)
    if emergency is None:
        return None
    if value == emergency:
        return f"'{value}' is an emergency number in {region}"
    return f"'{value}' starts with {emergency}, an emergency number in {region}, and dialling it reaches {emergency}"


def _emergency_start(dialled: str, region: str) -> str | None:
    """The emergency number that dialling `dialled` in `region` reaches (libphonenumber's rule), or None."""
    if not shortnumberinfo.connects_to_emergency_number(dialled, region):
        return None
    starts = (dialled[:n] for n in range(1, len(dialled) + 1))
    return next((start for start in starts if shortnumberinfo.is_emergency_number(start, region)), dialled)


def _parse(value: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(value, None)
    except NumberParseException:
        return None


def _regions_to_judge(parsed: PhoneNumber | None, code: int, region: str | None) -> list[str]:
    if region is not None:
        return [region]
    owner = phonenumbers.region_code_for_number(parsed) if parsed is not None else None
    # A valid number belongs to one country; an unassigned one, or a prefix, could be dialled in any country that
    # shares its calling code.
    regions = [owner] if owner else phonenumbers.region_codes_for_country_code(code)
    return [name for name in regions if name != _NON_GEOGRAPHIC]


@functools.cache
def _trunk(region: str) -> str:
    """The trunk prefix people in `region` dial before a national number ('0' in GB, '' in the US)."""
    metadata = PhoneMetadata.metadata_for_region(region)
    example = phonenumbers.example_number(region)
    trunk = (metadata.national_prefix if metadata is not None else None) or ""
    if not trunk or example is None:
        return ""
    # Some countries have a trunk prefix but leave it out of the national format (NANP's '1'): follow the format.
    national = phonenumbers.normalize_digits_only(phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL))
    return trunk if national == trunk + phonenumbers.national_significant_number(example) else ""
