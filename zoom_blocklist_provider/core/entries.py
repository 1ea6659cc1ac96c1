"""Between property bags and spec models: check failures, normalized outputs, and the fields that differ.

A property bag is a plain dict under the snake_case names of `BlockedNumberSpec` (each door converts its own
names). Everything here is pure: no client, no I/O, no Pulumi. It runs in check and diff, during preview, with
values that may still be unknown (`UNKNOWN`, Pulumi's wire form of one) because they come from resources not
created yet.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .safety import country_wide_warning, emergency_problem
from .spec import BlockedEntry, BlockedNumberSpec, SpecError, SpecErrors, kind_of, normalize, shown

# A value computed by a resource not created yet, as Pulumi's protocol writes it; each door turns its own
# representation (the SDK's Unknown, a computed PropertyValue) into this and back.
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

ENTRY_FIELDS = ("phone_number", "match_type", "block_type", "status", "comment", "country")
FLAG_FIELDS = ("adopt", "allow_emergency")  # ours, never sent to Zoom, never a change on their own
INPUT_FIELDS = (*ENTRY_FIELDS, *FLAG_FIELDS)
PROVIDER_KEY = "__provider"
_NUMBER_FIELDS = {"phone_number", "match_type", "country"}
_STAND_IN = "+19075550100"  # valid as a number and as a prefix


@dataclass(frozen=True)
class CheckFailure:
    """One problem with one input: the property it concerns and the whole reason, which names the fix."""

    property: str
    reason: str


def is_unknown(value: object) -> bool:
    """An input computed by a resource not created yet."""
    return isinstance(value, str) and value == UNKNOWN


def unexpected_property_failures(props: Mapping[str, Any], allowed: tuple[str, ...]) -> list[CheckFailure]:
    """One failure per property the resource does not take, with the closest name it does take."""
    failures = []
    for key in sorted(set(props) - set(allowed) - {PROVIDER_KEY}):
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else "remove it; "
        failures.append(CheckFailure(key, f"unknown property {key!r}: {hint}BlockedNumber takes {', '.join(allowed)}"))
    return failures


def check_flag(props: Mapping[str, Any], name: str) -> tuple[Any, list[CheckFailure]]:
    """A true/false input (adopt, allow_emergency): absent is False, an unknown waits for `up`."""
    value = props.get(name)
    if value is None:
        return False, []
    if isinstance(value, bool) or is_unknown(value):
        return value, []
    quotes = " (without quotes)" if isinstance(value, str) else ""
    fix = f"write {name}=True or {name}=False{quotes}"
    return value, [CheckFailure(name, f"{name}: {shown(value)} is {kind_of(value)}, not true or false; {fix}")]


def check_safety(checked: Mapping[str, Any], allow_emergency: Any) -> tuple[list[CheckFailure], list[str]]:
    """The safety rails of an entry that passed check_entry: failures (an emergency number), warnings (a country).

    An entry with an unknown field is judged at `up`, once every value is known.
    """
    if any(is_unknown(value) for value in (*checked.values(), allow_emergency)):
        return [], []
    spec = spec_of(checked)
    problem = None if allow_emergency is True else emergency_problem(spec)
    warning = country_wide_warning(spec)
    failures = [] if problem is None else [CheckFailure(problem.field, _reason(problem))]
    return failures, [] if warning is None else [warning]


def check_entry(props: Mapping[str, Any]) -> tuple[dict[str, Any], list[CheckFailure]]:
    """Normalize the entry's fields; unknown values pass through and are judged at `up`, once known."""
    unknown = {name for name in ENTRY_FIELDS if is_unknown(props.get(name))}
    raw = {name: None if name in unknown else props.get(name) for name in ENTRY_FIELDS}
    # The number's normal form needs phone_number, match_type and country all known; until then a stand-in number
    # lets every other field be judged now, and the number itself goes on as written.
    pending = {"phone_number", "country"} if unknown & _NUMBER_FIELDS else set()
    if pending:
        raw.update(phone_number=_STAND_IN, country=None, match_type=raw["match_type"] or "phoneNumber")
    try:
        checked, errors = entry_outputs(normalize(raw)), []
    except SpecErrors as problems:
        checked, errors = {name: value for name, value in raw.items() if value is not None}, problems.errors
    for name in unknown | pending:
        if props.get(name) is None:
            checked.pop(name, None)
        else:
            checked[name] = props[name]
    failures = [CheckFailure(error.field, _reason(error)) for error in errors if error.field not in pending]
    return checked, failures


def _reason(error: SpecError) -> str:
    """The reason as the engine shows it, apart from the property name: so it names the field itself."""
    return error.reason if error.reason.startswith(error.field) else f"{error.field}: {error.reason}"


def entry_outputs(spec: BlockedNumberSpec) -> dict[str, Any]:
    """The normalized entry as Pulumi properties: comment always present, country only when set."""
    values: dict[str, Any] = spec.model_dump(mode="json")
    if values.get("country") is None:
        values.pop("country", None)
    return values


def live_outputs(entry: BlockedEntry, declared: Mapping[str, Any]) -> dict[str, Any]:
    """What Zoom holds now, plus what Zoom never returns (country is write-only; the flags are ours)."""
    values: dict[str, Any] = entry.model_dump(mode="json", exclude={"id"})
    for name in ("country", *FLAG_FIELDS):
        if declared.get(name) is not None:
            values[name] = declared[name]
    return values


def spec_of(props: Mapping[str, Any]) -> BlockedNumberSpec:
    """The spec of checked inputs or stored outputs (already normal; normalizing again changes nothing)."""
    return normalize({name: props.get(name) for name in ENTRY_FIELDS})


def comparable(props: Mapping[str, Any], name: str) -> Any:
    value = props.get(name)
    if name == "comment" and value is None:
        return ""  # an absent comment and an empty one are the same value
    return value


def changed_fields(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Entry fields whose declared value differs from the stored one (the flags and __provider never count)."""
    return [name for name in ENTRY_FIELDS if comparable(olds, name) != comparable(news, name)]
