"""How one written value becomes a field's value, or a SpecError that says what was written and how to fix it.

For what a user writes (`text`, `enum_value`, `comment`, `country`) and what Zoom sends (`zoom_text`,
`zoom_enum`). Pure: no I/O, no Pulumi.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from . import phone
from .fields import COMMENT_MAX, BlockType, MatchType, SpecError, Status

_E = TypeVar("_E", bound=enum.Enum)


def number_rule(field: str, value: str, rule: Callable[[str], str], country: str | None) -> str:
    try:
        return rule(value)
    except phone.NumberError as exc:
        # A rule may blame country (a mismatch); report the value the user wrote for that field.
        raise SpecError(exc.field, value if exc.field == field else country, exc.reason) from None


def collect(errors: list[SpecError], parse: Callable[[], object]) -> Any:
    """parse(), or None after recording its SpecError; Any, since callers only use it once errors is empty."""
    try:
        return parse()
    except SpecError as error:
        errors.append(error)
        return None


def sent_kind(value: object) -> str:
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


def read_text(field: str, value: object) -> str:
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


def read_comment(value: object) -> str:
    if value is None:
        return ""
    text = read_text("comment", value)
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


def read_country(value: object) -> str | None:
    if value is None:
        return None
    return number_rule("country", read_text("country", value), phone.to_region, None)


def read_enum(default: _E, field: str, value: object) -> _E:
    if value is None:
        return default
    text = read_text(field, value)
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


def zoom_text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        sent = "nothing" if value is None else "an empty string" if value == "" else sent_kind(value)
        raise SpecError(field, value, f"Zoom sent {sent}, expected a non-empty string")
    return value


def zoom_enum(cls: type[_E], field: str, value: object) -> _E:
    allowed = [str(member.value) for member in cls]
    if isinstance(value, str) and value in allowed:
        return cls(value)
    listed = ", ".join(f"'{name}'" for name in allowed)
    sent = "nothing" if value is None else sent_kind(value)
    raise SpecError(field, value, f"Zoom sent {sent}, which is not one of {listed}")
