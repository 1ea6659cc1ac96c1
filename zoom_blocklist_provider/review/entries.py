"""The entries a resource's properties hold, whichever door and resource wrote them.

Both doors store an entry's fields in their normal form (E.164 numbers, '+digits' prefixes); they differ only in
spelling: the dynamic resources use snake_case (`phone_number`, `allow_emergency`), the native ones camelCase
(`phoneNumber`, `allowEmergency`). A BlockedNumber holds one entry; a Blocklist a map from each entry's key
("+19075550100/phoneNumber/inbound") to the rest of it. Reading here is pure: the review and the policy pack call it
on what the engine printed or handed them, never on anything from Zoom.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from ..core.entries import UNKNOWN
from ..core.safety import country_wide, emergency_reached

BLOCKED_NUMBER = "BlockedNumber"
BLOCKLIST = "Blocklist"
# Each door's type token, to the resource it is.
TYPES = {
    "pulumi-python:dynamic/zoom:BlockedNumber": BLOCKED_NUMBER,
    "pulumi-python:dynamic/zoom:Blocklist": BLOCKLIST,
    "zoom:phone:BlockedNumber": BLOCKED_NUMBER,
    "zoom:phone:Blocklist": BLOCKLIST,
}
# A ticket reference as most trackers write one: INC-4411, CHG-2201, OPS-17.
TICKET = r"[A-Z][A-Z0-9]+-[0-9]+"
_SECRET = "[secret]"  # noqa: S105 - what `pulumi preview --json` prints in place of a secret value


class Unknown(Exception):
    """A value the preview does not know yet: it depends on a resource that `up` has not created."""


@dataclass(frozen=True)
class Entry:
    """One blocked-list entry as declared, in its normal form."""

    number: str
    match_type: str
    block_type: str
    status: str
    comment: str
    country: str | None = None
    allow_emergency: bool = False

    @property
    def key(self) -> str:
        """Zoom keeps one entry per number, match type and block type: "+19075550100/phoneNumber/inbound"."""
        return f"{self.number}/{self.match_type}/{self.block_type}"

    @property
    def is_prefix(self) -> bool:
        return self.match_type == "prefix"

    def readable(self) -> str:
        """The number as a person reads it: '+1 907-555-0100', a prefix as '+1 900…', a short code as '911'."""
        if not self.number.startswith("+"):
            return f"{self.number} (short code{', ' + self.country if self.country else ''})"
        if self.is_prefix:
            digits = self.number[1:]
            code = next((digits[:n] for n in (1, 2, 3) if _is_code(digits[:n])), None)
            rest = digits[len(code) :] if code else digits
            return f"+{code} {rest}…" if code and rest else f"+{digits}…"
        try:
            parsed = phonenumbers.parse(self.number, None)
        except phonenumbers.NumberParseException:
            return self.number
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def country_wide(self) -> list[str]:
        """The countries a prefix blocks whole, because it is only their calling code; [] for anything else."""
        return country_wide(self.number) if self.is_prefix else []

    def emergency(self) -> str | None:
        """How the entry reaches an emergency number (the rule check applies), or None."""
        return emergency_reached(self.number, self.is_prefix, self.country)

    def tickets(self, pattern: str = TICKET) -> list[str]:
        return re.findall(pattern, self.comment)


def _is_code(digits: str) -> bool:
    return bool(digits) and int(digits) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE


def resource_kind(type_: str) -> str | None:
    """BLOCKED_NUMBER, BLOCKLIST, or None for a type of neither door."""
    return TYPES.get(type_)


def entries_of(type_: str, props: Mapping[str, Any]) -> dict[str, Entry]:
    """The entries a resource of `type_` holds, by key; raises Unknown when the preview cannot know them yet.

    Only the properties that make an entry are read (a Blocklist's `ids`, unknown in a preview, never are)."""
    if TYPES[type_] == BLOCKED_NUMBER:
        entry = _entry(lambda name: _field(props, name))
        return {entry.key: entry}
    entries = _field(props, "entries")
    if entries is None:
        return {}
    if not isinstance(entries, Mapping):
        raise Unknown("entries")
    found = {}
    for key in entries:
        number, match_type, block_type = key.split("/")
        value = _known(entries[key])
        fixed = {"phone_number": number, "match_type": match_type, "block_type": block_type}
        found[key] = _entry(_map_field(fixed, value))
    return found


def _map_field(fixed: Mapping[str, str], value: Mapping[str, Any]) -> Callable[[str], Any]:
    """A Blocklist entry's field: from its key, or from the rest of it."""
    return lambda name: fixed[name] if name in fixed else _field(value, name)


def _field(props: Mapping[str, Any], name: str) -> Any:
    """A property under its snake_case name (the dynamic door's) or its camelCase one (the native door's)."""
    camel = re.sub(r"_([a-z])", lambda letter: letter.group(1).upper(), name)
    return props[name] if name in props else props.get(camel)


def _entry(field: Callable[[str], Any]) -> Entry:
    known = {name: _known(field(name)) for name in ("phone_number", "match_type", "block_type", "status")}
    comment = _known(field("comment")) or ""
    country = _known(field("country")) or None
    return Entry(
        number=str(known["phone_number"]),
        match_type=str(known["match_type"] or "phoneNumber"),
        block_type=str(known["block_type"] or "inbound"),
        status=str(known["status"] or "active"),
        comment=str(comment),
        country=str(country) if country else None,
        allow_emergency=_known(field("allow_emergency")) is True,
    )


def _known(value: Any) -> Any:
    if value in (UNKNOWN, _SECRET):
        raise Unknown(str(value))
    return value
