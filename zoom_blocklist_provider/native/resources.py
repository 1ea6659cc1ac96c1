"""The two resources of the `zoom` plugin in the engine's terms, each step one call to `operations/`.

`BlockedNumberResource` and `BlocklistResource` turn PropertyValues under the schema's names into the plain dicts
`operations/` takes, call it, and turn its answer into the engine's responses: check failures under the schema's
names, a detailed diff naming each changed property (and the one that replaces), planned outputs for a preview
without any call, import by id. They run on the provider's worker threads; nothing here is async.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import CheckFailure, PropertyDiff, PropertyDiffKind

from ..core import entries
from ..core.entry_set import ENTRIES, IDS
from ..operations import blocked_number, blocklist
from ..operations.accounts import Account
from ..operations.apply import Incomplete
from ..operations.conflicts import Words
from .partial import PartialState
from .values import camel, in_schema_words, plain, secret_keys, snake, top_level_in, top_level_out, wrap

WORDS = Words(
    adopt="set adopt to true",
    replace_first="set the resource option deleteBeforeReplace to true on it (delete_before_replace in Python)",
    import_entry="`pulumi import` the entry by its id",
)
Props = dict[str, PropertyValue]


@dataclass
class Checked:
    inputs: Props
    failures: list[CheckFailure]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Diffed:
    changes: bool | None
    replaces: list[str]
    detailed: dict[str, PropertyDiff]
    reason: str = ""


def _failures(found: list[entries.CheckFailure], path: Callable[[str], str]) -> list[CheckFailure]:
    return [CheckFailure(path(failure.property), in_schema_words(failure.reason)) for failure in found]


class BlockedNumberResource:
    """zoom:phone:BlockedNumber: one entry of the account's blocked list."""

    def check(self, urn: str, olds: Props, news: Props) -> Checked:
        checked = blocked_number.check(top_level_in(news), urn=urn)
        return Checked(
            top_level_out(checked.inputs, secret_keys(news)),
            _failures(checked.failures, camel),
            [in_schema_words(warning) for warning in checked.warnings],
        )

    def diff(self, urn: str, entry_id: str, olds: Props, news: Props) -> Diffed:
        found = blocked_number.diff(top_level_in(olds), top_level_in(news), urn=urn, entry_id=entry_id)
        replaced = set(found.replaces)
        detailed = {
            camel(name): PropertyDiff(
                PropertyDiffKind.UPDATE_REPLACE if name in replaced else PropertyDiffKind.UPDATE, input_diff=True
            )
            for name in found.changed
        }
        reason = in_schema_words(found.reason)
        return Diffed(bool(found.changed), [camel(name) for name in found.replaces], detailed, reason)

    def create(self, account: Account, urn: str, news: Props, preview: bool) -> tuple[str, Props]:
        if preview:  # the checked inputs are the outputs to be: nothing to ask Zoom
            return "", top_level_out(top_level_in(news), secret_keys(news))
        entry_id, outputs = blocked_number.create(account, top_level_in(news), words=WORDS, urn=urn)
        return entry_id, top_level_out(outputs, secret_keys(news))

    def read(self, account: Account, entry_id: str, state: Props, inputs: Props) -> tuple[Props, Props] | None:
        if not state and not inputs:  # `pulumi import` or the import option: Zoom is all there is to go on
            declared = blocked_number.import_entry(account, entry_id)  # a missing id is an error, never "gone"
            return top_level_out(declared), top_level_out(declared)
        live = blocked_number.read(account, entry_id, top_level_in(state))
        if live is None:
            return None
        secrets = secret_keys(state)
        return top_level_out(live, secrets), top_level_out(live, secrets)

    def update(self, account: Account, urn: str, entry_id: str, olds: Props, news: Props, *, preview: bool) -> Props:
        if preview:
            return top_level_out(top_level_in(news), secret_keys(news))
        outputs = blocked_number.update(account, entry_id, top_level_in(olds), top_level_in(news))
        return top_level_out(outputs, secret_keys(news))

    def delete(self, account: Account, urn: str, entry_id: str, state: Props) -> None:
        blocked_number.delete(account, entry_id, urn=urn)


def _entry_in(value: Any) -> Any:
    """One entry (a list item, or a value of the keyed map) under snake_case names; anything else as it is."""
    if isinstance(value, Mapping):
        return {snake(key): item for key, item in value.items()}
    return value


def _entry_out(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {camel(key): item for key, item in value.items()}
    return value


def _set_in(props: Props) -> dict[str, Any]:
    """A Blocklist's properties as `operations.blocklist` takes them: entries (list or keyed map), __ids."""
    values: dict[str, Any] = {}
    for name, value in props.items():
        raw = plain(value)
        if name == ENTRIES and isinstance(raw, list):
            values[ENTRIES] = [_entry_in(item) for item in raw]
        elif name == ENTRIES and isinstance(raw, Mapping):
            values[ENTRIES] = {key: _entry_in(item) for key, item in raw.items()}
        elif name == "ids":
            values[IDS] = raw
        else:
            values[name] = raw
    return values


def _set_out(values: Mapping[str, Any], secret: bool) -> Props:
    out: Props = {}
    for name, value in values.items():
        if name == ENTRIES and isinstance(value, Mapping):
            out[ENTRIES] = wrap({key: _entry_out(item) for key, item in value.items()}, secret=secret)
        elif name == ENTRIES and isinstance(value, list):  # entries as a program lists them (an import's inputs)
            out[ENTRIES] = wrap([_entry_out(item) for item in value], secret=secret)
        elif name == IDS:
            out["ids"] = wrap(value)
        else:
            out[name] = wrap(value, secret=secret)
    return out


def _entry_path(path: str) -> str:
    """`entries[3].phone_number` -> `entries[3].phoneNumber`."""
    head, dot, tail = path.partition(".")
    return f"{head}.{camel(tail)}" if dot else head


def _key_path(key: str) -> str:
    return f'{ENTRIES}["{key}"]'


class BlocklistResource:
    """zoom:phone:Blocklist: many entries as one resource, keyed by number, match type and block type."""

    def check(self, urn: str, olds: Props, news: Props) -> Checked:
        checked = blocklist.check(_set_in(news), urn=urn)
        return Checked(
            _set_out(checked.inputs, bool(secret_keys(news))),
            _failures(checked.failures, _entry_path),
            [in_schema_words(warning) for warning in checked.warnings],
        )

    def diff(self, urn: str, set_id: str, olds: Props, news: Props) -> Diffed:
        found = blocklist.diff(_set_in(olds), _set_in(news), urn=urn)
        steps = found.plan
        detailed = {_key_path(key): PropertyDiff(PropertyDiffKind.ADD, input_diff=True) for key in steps.added}
        detailed.update(
            {_key_path(key): PropertyDiff(PropertyDiffKind.DELETE, input_diff=True) for key in steps.removed}
        )
        for key, fields in steps.changed.items():
            for name in fields:
                detailed[f"{_key_path(key)}.{camel(name)}"] = PropertyDiff(PropertyDiffKind.UPDATE, input_diff=True)
        return Diffed(found.changes, [], detailed)

    def create(self, account: Account, urn: str, news: Props, preview: bool) -> tuple[str, Props]:
        secret = bool(secret_keys(news))
        if preview:
            return "", _set_out({**_set_in(news), IDS: entries.UNKNOWN}, secret)
        try:
            set_id, outputs = blocklist.create(account, _set_in(news), words=WORDS, urn=urn)
        except Incomplete as failed:
            raise PartialState(failed.error, failed.set_id, _set_out(failed.outputs, secret)) from None
        return set_id, _set_out(outputs, secret)

    def read(self, account: Account, set_id: str, state: Props, inputs: Props) -> tuple[Props, Props] | None:
        if not state and not inputs:  # `pulumi import`: the id names a set of the account's entries
            found, declared = blocklist.import_set(account, set_id)
            return _set_out(found, secret=False), _set_out({ENTRIES: declared}, secret=False)
        outputs = blocklist.read(account, _set_in(state))
        secret = bool(secret_keys(state))
        return _set_out(outputs, secret), _set_out({ENTRIES: outputs[ENTRIES]}, secret)

    def update(self, account: Account, urn: str, set_id: str, olds: Props, news: Props, *, preview: bool) -> Props:
        secret = bool(secret_keys(news))
        if preview:
            return _set_out({**_set_in(news), IDS: entries.UNKNOWN}, secret)
        try:
            outputs = blocklist.update(account, set_id, _set_in(olds), _set_in(news), words=WORDS, urn=urn)
        except Incomplete as failed:
            raise PartialState(failed.error, set_id, _set_out(failed.outputs, secret)) from None
        return _set_out(outputs, secret)

    def delete(self, account: Account, urn: str, set_id: str, state: Props) -> None:
        blocklist.delete(account, _set_in(state), urn=urn)
