"""Zoom's checks on a blocked-list request body, and how Zoom stores the number it is given.

This is Zoom's side of the rules, written from API.md and the OpenAPI document alone. It must never import
the project's core.spec: a rule shared by client and emulator would agree with itself and no test could see it
wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import phonenumbers

from .reply import Reply, zoom_error

ENUMS: dict[str, tuple[str, ...]] = {
    "match_type": ("phoneNumber", "prefix"),
    "block_type": ("inbound", "outbound", "threat"),
    "status": ("active", "inactive"),
}
# PATCH cannot turn an entry into a threat or back: only the portal's threat feed makes those.
PATCH_ENUMS: dict[str, tuple[str, ...]] = {**ENUMS, "block_type": ("inbound", "outbound")}
MAX_LENGTHS = {"phone_number": 50, "comment": 255, "country": 50}
FIELDS = ("phone_number", "match_type", "block_type", "status", "comment", "country")

# The account's main country: what Zoom assumes for a number written without "+" and without a country.
ACCOUNT_COUNTRY = "US"

_FORMATTING = re.compile(r"[\s\-().]")
_DIGITS = re.compile(r"\+?[0-9]+")


class Refused(Exception):
    """A request Zoom refuses; `reply` is the exact answer it gives."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply

    @property
    def message(self) -> str:
        """Zoom's message in the error body."""
        return str(json.loads(self.reply.body)["message"])


def validation_failed(problems: list[tuple[str, str]]) -> Refused:
    """Zoom's code 300: the message names every field, the errors list holds each one."""
    text = "; ".join(f"{name}: {reason}" for name, reason in problems)
    errors = [{"field": name, "message": reason} for name, reason in problems]
    return Refused(zoom_error(400, 300, f"Validation Failed. {text}", errors))


def check_body(
    body: object,
    *,
    enums: Mapping[str, tuple[str, ...]] = ENUMS,
    required: tuple[str, ...] = ("phone_number",),
) -> dict[str, str]:
    """The known fields of a request body, or Refused listing every bad one.

    Creates require a phone_number; updates pass required=() and PATCH_ENUMS. Unknown keys are ignored and
    null means absent, as Zoom does. Enum values are case-sensitive.
    """
    if not isinstance(body, Mapping):
        raise Refused(zoom_error(400, 300, "Request Body should be a valid JSON object."))
    fields: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for name in FIELDS:
        value = body.get(name)
        if value is None:
            if name in required:
                problems.append((name, "is required"))
        elif not isinstance(value, str):
            problems.append((name, "must be a string"))
        elif name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
            problems.append((name, f"length must be at most {MAX_LENGTHS[name]}"))
        elif name in enums and value not in enums[name]:
            problems.append((name, f"must be one of {', '.join(enums[name])}, not '{value}'"))
        else:
            fields[name] = value
    if problems:
        raise validation_failed(problems)
    if "country" in fields:
        fields["country"] = check_country(fields["country"])
    return fields


def check_country(country: str) -> str:
    """An ISO 3166-1 alpha-2 code Zoom knows, stored upper case; else Zoom's "Invalid country."."""
    code = country.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise Refused(zoom_error(400, 300, "Invalid country."))
    return code


def stored_number(raw: str, match_type: str, country: str | None) -> str:
    """The number as Zoom stores and reads it back: E.164 whenever it can tell the country.

    Formatting characters go. With "+", the digits are kept as written. Without it, the country (or the
    account's) gives the calling code and its national prefix is dropped, as a dialled number would be.
    A short code (112, 88888) is no E.164 number and stays as digits.
    """
    compact = _FORMATTING.sub("", raw)
    if not _DIGITS.fullmatch(compact):
        raise validation_failed([("phone_number", f"'{raw}' is not a phone number or prefix")])
    if compact.startswith("+"):
        return compact
    region = country or ACCOUNT_COUNTRY
    if match_type == "phoneNumber":
        try:
            parsed = phonenumbers.parse(compact, region)
        except phonenumbers.NumberParseException:
            return compact
        if phonenumbers.is_valid_short_number_for_region(parsed, region):
            return compact
        if phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        return compact
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    national_prefix = metadata.national_prefix if metadata is not None else None
    if national_prefix and compact.startswith(national_prefix) and len(compact) > len(national_prefix):
        compact = compact[len(national_prefix) :]
    return f"+{phonenumbers.country_code_for_region(region)}{compact}"
