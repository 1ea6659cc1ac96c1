"""A Blocklist's entries as Pulumi properties: a map keyed by what Zoom keeps unique, checked and compared.

The program writes a list; check turns it into a map from the entry's key ("+19075550100/phoneNumber/inbound":
number, match type and block type) to the rest of the entry ({status, comment, country?, adopt?}). Keys make the
engine's own display of a change show just the entries added, removed or changed, never a shifted list, and make
an entry's identity its content rather than its position. Everything here is pure: no client, no I/O, no Pulumi; it
runs in check and diff, during preview, where values may still be unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .entries import ENTRY_FIELDS, FLAG_FIELDS, INPUT_FIELDS, UNKNOWN, CheckFailure, comparable, is_unknown
from .safety import country_wide_warning, emergency_problem
from .spec import BlockedEntry, BlockedNumberSpec, SpecErrors, normalize

ENTRIES = "entries"
IDS = "__ids"  # key -> Zoom id; "__" keeps the engine from displaying it (resource.IsInternalPropertyKey)
KEY_FIELDS = ("phone_number", "match_type", "block_type")
VALUE_FIELDS = ("status", "comment", "country")
PATCHABLE = ("status", "comment", "country")


def key_of(spec: BlockedNumberSpec | BlockedEntry) -> str:
    """The entry's key in the set: "+19075550100/phoneNumber/inbound" (a number never holds a '/')."""
    return "/".join(spec.key())


def spec_of(key: str, value: Mapping[str, Any]) -> BlockedNumberSpec:
    """The spec of one checked (already normal) entry of the map."""
    phone_number, match_type, block_type = key.split("/")
    raw = {"phone_number": phone_number, "match_type": match_type, "block_type": block_type}
    return normalize({**raw, **{name: value.get(name) for name in VALUE_FIELDS}})


def entry_value(spec: BlockedNumberSpec, flags: Mapping[str, bool]) -> dict[str, Any]:
    """The map's value for one entry: status and comment always; country and the flags (adopt, allow_emergency)
    only when set, so the common entry reads as two fields."""
    value: dict[str, Any] = {"status": spec.status.value, "comment": spec.comment}
    if spec.country is not None:
        value["country"] = spec.country
    value.update({name: True for name in FLAG_FIELDS if flags.get(name)})
    return value


@dataclass(frozen=True)
class Checked:
    """The checked entries (UNKNOWN while any value is), every problem per `entries[i].field`, warnings, and the
    index in the program's list of each checked key."""

    entries: Any
    failures: list[CheckFailure]
    warnings: list[str]
    indexes: dict[str, int] = field(default_factory=dict)


def check_entries(raw: object) -> Checked:
    """Normalize every entry, report every problem at once, and refuse two entries with one key."""
    if raw is None:
        raw = []
    if is_unknown(raw):
        return Checked(UNKNOWN, [], [])
    if not isinstance(raw, list):
        failure = CheckFailure(ENTRIES, f"entries must be a list of entries, not {type(raw).__name__}")
        return Checked(raw, [failure], [])
    entries: dict[str, Any] = {}
    first_index: dict[str, int] = {}
    failures: list[CheckFailure] = []
    warnings: list[str] = []
    unknown = False
    for index, item in enumerate(raw):
        if is_unknown(item) or (isinstance(item, Mapping) and any(is_unknown(value) for value in item.values())):
            unknown = True  # judged at `up`, once the values it depends on are known
            continue
        checked = _check_item(index, item, failures, warnings)
        if checked is None:
            continue
        key, value = checked
        if key in first_index:
            failures.append(
                CheckFailure(
                    f"entries[{index}]",
                    f"entries[{first_index[key]}] and entries[{index}] are both {key}: Zoom keeps one entry per "
                    "number, match type and block type; remove one",
                )
            )
            continue
        first_index[key] = index
        entries[key] = value
    return Checked(UNKNOWN if unknown else entries, failures, warnings, first_index)


def _check_item(
    index: int, item: object, failures: list[CheckFailure], warnings: list[str]
) -> tuple[str, dict[str, Any]] | None:
    where = f"entries[{index}]"
    if not isinstance(item, Mapping):
        failures.append(CheckFailure(where, f"{where} must be a mapping with phone_number, not {item!r}"))
        return None
    found = len(failures)
    for name in sorted(set(item) - set(INPUT_FIELDS)):
        close = difflib.get_close_matches(str(name), INPUT_FIELDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        failures.append(
            CheckFailure(
                f"{where}.{name}", f"{where}: unknown field {name!r}: {hint}an entry takes {', '.join(INPUT_FIELDS)}"
            )
        )
    flags = {name: item.get(name) is True for name in FLAG_FIELDS}
    for name in FLAG_FIELDS:
        value = item.get(name)
        if value is not None and not isinstance(value, bool):
            failures.append(CheckFailure(f"{where}.{name}", f"{where}.{name} must be true or false, not {value!r}"))
    try:
        spec = normalize({name: item.get(name) for name in ENTRY_FIELDS})
    except SpecErrors as problems:
        failures.extend(
            CheckFailure(f"{where}.{error.field}", f"{where}.{error.field}: {error.reason}")
            for error in problems.errors
        )
        return None
    problem = None if flags["allow_emergency"] else emergency_problem(spec)
    if problem is not None:
        failures.append(CheckFailure(f"{where}.{problem.field}", f"{where}.{problem.field}: {problem.reason}"))
    if len(failures) > found:
        return None
    warning = country_wide_warning(spec)
    if warning is not None:
        warnings.append(f"{where}: {warning}")
    return key_of(spec), entry_value(spec, flags)


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Fields of one entry whose declared value differs (adopt never counts)."""
    return [name for name in PATCHABLE if comparable(old, name) != comparable(new, name)]


@dataclass(frozen=True)
class Plan:
    """What an update does: keys to add, keys whose fields changed, keys to remove."""

    added: list[str]
    changed: dict[str, list[str]]
    removed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def plan(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Plan:
    """Compare two entry maps key by key (sorted, so the work and any error list come out in one order)."""
    changed = {key: fields for key in sorted(set(olds) & set(news)) if (fields := changed_fields(olds[key], news[key]))}
    return Plan(sorted(set(news) - set(olds)), changed, sorted(set(olds) - set(news)))


def live_entries(
    live: Mapping[str, BlockedEntry], ids: Mapping[str, str], declared: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The set's own entries as Zoom holds them now (by id; gone ones drop out), keyed by their live key.

    Country is write-only and the flags are ours, so they are carried over from what was declared.
    """
    entries: dict[str, Any] = {}
    found: dict[str, str] = {}
    for key, entry_id in sorted(ids.items()):
        entry = live.get(entry_id)
        if entry is None:
            continue
        value: dict[str, Any] = {"status": entry.status.value, "comment": entry.comment}
        carried = ("country", *FLAG_FIELDS)  # what Zoom never returns
        value.update({name: declared[key][name] for name in carried if name in declared.get(key, {})})
        entries[key_of(entry)] = value
        found[key_of(entry)] = entry_id
    return entries, found
