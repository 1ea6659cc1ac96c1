"""A blocked-number entry as the user declares it and as Zoom stores it: enums, models, normalization.

`normalize()` is the one entry point for user input: it turns what a program wrote into a `BlockedNumberSpec`
holding the single normalized form (E.164 numbers, '+digits' prefixes, short-code digits, upper-case country),
or raises `SpecErrors` listing every problem at once. `BlockedEntry.from_api()` reads what Zoom returns. The
number rules live in `phone.py`. This module must never do I/O or import Pulumi or the Zoom client: `check`
and `diff` run it during preview.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, Field, field_validator, model_validator

from zoom_blocklist_provider import phone

PHONE_NUMBER_MAX = 50  # Zoom's limit on phone_number, applied to the text as written
COMMENT_MAX = 255  # Zoom's limit on comment


class MatchType(str, enum.Enum):
    """How phone_number is matched against a caller or a dialled number."""

    PHONE_NUMBER = "phoneNumber"
    PREFIX = "prefix"


class BlockType(str, enum.Enum):
    """Which calls the entry blocks; Zoom creates and reads 'threat' but will not PATCH to or from it."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    THREAT = "threat"


class Status(str, enum.Enum):
    """Whether the block is enforced."""

    ACTIVE = "active"
    INACTIVE = "inactive"


class SpecError(ValueError):
    """One problem with one field of an entry."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason

    def __reduce__(self) -> tuple[type[SpecError], tuple[str, object, str]]:
        return type(self), (self.field, self.value, self.reason)


class SpecErrors(ValueError):
    """Every problem of one entry, so a user fixes them in one pass instead of one per preview."""

    def __init__(self, errors: Sequence[SpecError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[type[SpecErrors], tuple[list[SpecError]]]:
        return type(self), (self.errors,)


PHONE_NUMBER_DOC = (
    "The number or prefix to block. A number may be written in any common form ('+1 (907) 555-0100', "
    "'1-907-555-0100', or a national form such as '(907) 555-0100' together with country) and is stored in "
    "E.164 ('+19075550100'); any number the country's numbering plan makes possible is accepted, assigned or "
    "not. With match_type 'prefix' it is stored as '+' and the leading digits, starting with a country calling "
    "code ('+1907'); written without '+' its digits start with the calling code ('1907'), or with country it is a "
    "national prefix ('907' and country 'US'). A short code such as '88888' or '911' needs country and is stored "
    "as its digits. At most 50 characters as written."
)
MATCH_TYPE_DOC = (
    "'phoneNumber' blocks exactly phone_number; 'prefix' blocks every number that starts with it. "
    "Case-sensitive, as Zoom spells it. Default 'phoneNumber'."
)
BLOCK_TYPE_DOC = (
    "'inbound' stops calls from the number reaching your users; 'outbound' stops your users calling it; "
    "'threat' marks it as a known threat. Changing to or from 'threat' replaces the entry, since Zoom cannot "
    "update that in place. Case-sensitive. Default 'inbound'."
)
STATUS_DOC = "'active' enforces the block; 'inactive' keeps the entry but lets calls through. Default 'active'."
COMMENT_DOC = (
    "A note for whoever reads the blocked list in the Zoom portal: one line of at most 255 characters, with no "
    "control characters. Absent and '' are the same."
)
COUNTRY_DOC = (
    "ISO 3166-1 alpha-2 code of the number's country ('US', 'GB'; any case, stored upper case). Needed for "
    "national forms and short codes; when given, it must agree with the number's or prefix's calling code. "
    "Zoom never returns it, so it is not compared on refresh."
)


class BlockedNumberSpec(BaseModel, frozen=True, extra="forbid"):
    """One blocked-list entry as declared, normalized: two specs are equal when Zoom would store the same."""

    phone_number: str = Field(max_length=PHONE_NUMBER_MAX, description=PHONE_NUMBER_DOC)
    match_type: MatchType = Field(default=MatchType.PHONE_NUMBER, description=MATCH_TYPE_DOC)
    block_type: BlockType = Field(default=BlockType.INBOUND, description=BLOCK_TYPE_DOC)
    status: Status = Field(default=Status.ACTIVE, description=STATUS_DOC)
    comment: str = Field(default="", max_length=COMMENT_MAX, description=COMMENT_DOC)
    country: str | None = Field(default=None, description=COUNTRY_DOC)

    @model_validator(mode="before")
    @classmethod
    def _normalize_number(cls, data: Any) -> Any:
        # Only when the fields it depends on are usable; otherwise the field validators report them.
        if not isinstance(data, dict) or not isinstance(data.get("phone_number"), str):
            return data
        country = data.get("country")
        try:
            match_type = MatchType(data.get("match_type", MatchType.PHONE_NUMBER))
        except ValueError:
            return data
        if country is not None and not isinstance(country, str):
            return data
        return {**data, "phone_number": normalize_phone_number(data["phone_number"], match_type, country)}

    @field_validator("comment", mode="before")
    @classmethod
    def _absent_comment_is_empty(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        return None if value is None else _number_rule("country", value, phone.to_region, value)

    def api_body(self) -> dict[str, str]:
        """The JSON body of Zoom's POST: every field, and country only when the user set it."""
        body = {
            "phone_number": self.phone_number,
            "match_type": self.match_type.value,
            "block_type": self.block_type.value,
            "status": self.status.value,
            "comment": self.comment,
        }
        if self.country is not None:
            body["country"] = self.country
        return body

    def key(self) -> tuple[str, str, str]:
        """What Zoom keeps unique: one entry per number, match type and block type."""
        return self.phone_number, self.match_type.value, self.block_type.value


class BlockedEntry(BaseModel, frozen=True):
    """One entry as Zoom returns it on read: the spec's fields and Zoom's id, but no (write-only) country."""

    id: str = Field(min_length=1, description="Zoom's identifier of the entry; it survives in-place updates.")
    phone_number: str = Field(description="The blocked number (E.164) or prefix, as Zoom stores it.")
    match_type: MatchType = Field(description=MATCH_TYPE_DOC)
    block_type: BlockType = Field(description=BLOCK_TYPE_DOC)
    status: Status = Field(description=STATUS_DOC)
    comment: str = Field(default="", description="The entry's note; '' when Zoom omits it or sends null.")

    @field_validator("comment", mode="before")
    @classmethod
    def _absent_comment_is_empty(cls, value: object) -> object:
        return "" if value is None else value

    @classmethod
    def from_api(cls, body: Mapping[str, object]) -> BlockedEntry:
        """Parse one entry of Zoom's response; a missing id or an unknown enum value raises SpecErrors."""
        errors: list[SpecError] = []
        entry_id = _collect(errors, lambda: _zoom_text("id", body.get("id")))
        number = _collect(errors, lambda: _zoom_text("phone_number", body.get("phone_number")))
        match_type = _collect(errors, lambda: _zoom_enum(MatchType, "match_type", body.get("match_type")))
        block_type = _collect(errors, lambda: _zoom_enum(BlockType, "block_type", body.get("block_type")))
        status = _collect(errors, lambda: _zoom_enum(Status, "status", body.get("status")))
        comment = body.get("comment")
        if comment is not None and not isinstance(comment, str):
            errors.append(SpecError("comment", comment, f"Zoom sent {_kind(comment)}, not text"))
        if errors:
            raise SpecErrors(errors)
        return cls(
            id=entry_id,
            phone_number=number,
            match_type=match_type,
            block_type=block_type,
            status=status,
            comment="" if comment is None else str(comment),
        )

    def key(self) -> tuple[str, str, str]:
        """What Zoom keeps unique: one entry per number, match type and block type."""
        return self.phone_number, self.match_type.value, self.block_type.value


def normalize(raw: Mapping[str, object]) -> BlockedNumberSpec:
    """The normalized spec of what a user wrote, or SpecErrors naming every problem (field, value, reason)."""
    errors: list[SpecError] = []
    match_type = _collect(errors, lambda: _user_enum(MatchType.PHONE_NUMBER, "match_type", raw.get("match_type")))
    block_type = _collect(errors, lambda: _user_enum(BlockType.INBOUND, "block_type", raw.get("block_type")))
    status = _collect(errors, lambda: _user_enum(Status.ACTIVE, "status", raw.get("status")))
    comment = _collect(errors, lambda: _comment(raw.get("comment")))
    country = _collect(errors, lambda: _country(raw.get("country")))
    number = _collect(errors, lambda: _user_text("phone_number", raw.get("phone_number")))
    country_ok = not any(error.field == "country" for error in errors)
    # A number cannot be judged without knowing how it is matched and where it is from; those fields' own
    # errors already say what to fix.
    if number is not None and match_type is not None and country_ok:
        number = _collect(errors, lambda: normalize_phone_number(number, match_type, country))
    if errors:
        order = list(BlockedNumberSpec.model_fields)
        raise SpecErrors(sorted(errors, key=lambda error: order.index(error.field)))
    return BlockedNumberSpec(
        phone_number=number,
        match_type=match_type,
        block_type=block_type,
        status=status,
        comment=comment,
        country=country,
    )


def normalize_phone_number(value: str, match_type: MatchType, country: str | None) -> str:
    """E.164 for a number, '+digits' for a prefix, bare digits for a short code; raises SpecError."""
    if len(value) > PHONE_NUMBER_MAX:
        raise SpecError(
            "phone_number",
            value,
            f"{shown(value)} is {len(value)} characters long, and Zoom accepts at most {PHONE_NUMBER_MAX}; "
            f"{phone.E164_HINT}, without separators",
        )
    region = None if country is None else _number_rule("country", country, phone.to_region, country)
    if match_type is MatchType.PREFIX:
        return _number_rule("phone_number", value, lambda v: phone.to_prefix(v, region), country)
    return _number_rule("phone_number", value, lambda v: phone.to_number(v, region), country)


_E = TypeVar("_E", bound=enum.Enum)


def _number_rule(field: str, value: str, rule: Callable[[str], str], country: str | None) -> str:
    try:
        return rule(value)
    except phone.NumberError as exc:
        # A rule may blame country (a mismatch); report the value the user wrote for that field.
        raise SpecError(exc.field, value if exc.field == field else country, exc.reason) from None


def _collect(errors: list[SpecError], parse: Callable[[], object]) -> Any:
    """parse(), or None after recording its SpecError; Any, since callers only use it once errors is empty."""
    try:
        return parse()
    except SpecError as error:
        errors.append(error)
        return None


def _kind(value: object) -> str:
    return repr(value) if isinstance(value, str) else f"{value!r} ({type(value).__name__})"


def shown(value: object) -> str:
    """The value as the user wrote it, cut short so one message stays one line."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)  # Pulumi sends every number as a float: the user wrote 19075550100, not 19075550100.0
    text = repr(value[:30] + "..." if isinstance(value, str) and len(value) > 30 else value)
    return text if len(text) <= 40 else text[:37] + "..."


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (str, "a string"),
    (bool, "a boolean"),  # before int: a bool is an int
    ((int, float), "a number"),
    ((list, tuple), "a list"),
    (dict, "a mapping"),
)


def kind_of(value: object) -> str:
    """What a value is, in the words of someone who wrote it in a program or a YAML file."""
    for types, kind in _KINDS:
        if isinstance(value, types):
            return kind
    return f"of type {type(value).__name__}"


def _either(names: Sequence[str]) -> str:
    return ", ".join(f"'{name}'" for name in names[:-1]) + f" or '{names[-1]}'"


def _expected(field: str) -> str:
    """How to write `field`, for the end of a message about a value of the wrong type."""
    enums: dict[str, type[enum.Enum]] = {"match_type": MatchType, "block_type": BlockType, "status": Status}
    if field in enums:
        return f"use {_either([str(member.value) for member in enums[field]])}"
    other = {"comment": "write the note in quotes", "country": "write two letters like 'US' or 'GB'"}
    return other.get(field, phone.E164_HINT)


def _user_text(field: str, value: object) -> str:
    if value is None:
        raise SpecError(field, value, f"is required; {phone.E164_HINT}")
    if isinstance(value, str):
        return value
    fix = _expected(field)
    if field == "phone_number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        fix = "quote it, like '+19075550100' (as a number it loses its + and leading zeros)"
    elif field == "phone_number" and isinstance(value, (list, tuple)):
        fix = "one BlockedNumber blocks one number or prefix: declare one for each"
    raise SpecError(field, value, f"{shown(value)} is {kind_of(value)}, not a string; {fix}")


def _comment(value: object) -> str:
    if value is None:
        return ""
    text = _user_text("comment", value)
    if len(text) > COMMENT_MAX:
        too_long = f"is {len(text)} characters long, and Zoom accepts at most {COMMENT_MAX}"
        raise SpecError("comment", value, f"{shown(text)} {too_long}; shorten it by {len(text) - COMMENT_MAX}")
    control = next((index for index, ch in enumerate(text) if unicodedata.category(ch) == "Cc"), None)
    if control is not None:
        code = f"U+{ord(text[control]):04X}"
        raise SpecError(
            "comment",
            value,
            f"{shown(text)} holds the control character {code} at position {control + 1}; a comment is one line of "
            "printable text: remove it (or write a space instead of a tab or line break)",
        )
    return text


def _country(value: object) -> str | None:
    if value is None:
        return None
    return _number_rule("country", _user_text("country", value), phone.to_region, None)


def _user_enum(default: _E, field: str, value: object) -> _E:
    if value is None:
        return default
    text = _user_text(field, value)
    cls = type(default)
    allowed = [str(member.value) for member in cls]
    if text in allowed:
        return cls(text)
    if not text.strip():
        blank = "is empty" if not text else f"{text!r} is blank"
        raise SpecError(field, value, f"{blank}; use {_either(allowed)}, or leave {field} out for '{default.value}'")
    same_letters = [name for name in allowed if name.lower() == text.lower()]
    guess = same_letters or difflib.get_close_matches(text, allowed, n=1)
    listed = ", ".join(f"'{name}'" for name in allowed)
    fix = f"did you mean '{guess[0]}'?" if guess else "use one of them, spelled exactly"
    raise SpecError(field, value, f"'{text}' is not one of {listed} (values are case-sensitive); {fix}")


def _zoom_text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        sent = "nothing" if value is None else "an empty string" if value == "" else _kind(value)
        raise SpecError(field, value, f"Zoom sent {sent}, expected a non-empty string")
    return value


def _zoom_enum(cls: type[_E], field: str, value: object) -> _E:
    allowed = [str(member.value) for member in cls]
    if isinstance(value, str) and value in allowed:
        return cls(value)
    listed = ", ".join(f"'{name}'" for name in allowed)
    sent = "nothing" if value is None else _kind(value)
    raise SpecError(field, value, f"Zoom sent {sent}, which is not one of {listed}")
