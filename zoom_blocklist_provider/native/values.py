"""Between the engine's PropertyValues under the schema's camelCase names and `operations/`' plain snake_case dicts.

Only property names are converted, and only where the schema puts them: the top level of a resource and the
fields of a Blocklist entry. A Blocklist's map keys ("+19075550100/phoneNumber/inbound") and every value stay as
they are. A value not known yet (computed) is `UNKNOWN` both ways: the protocol's own string for it. A secret
input makes its whole top-level output secret, so it never lands in the state in plaintext.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue

from ..core.entries import UNKNOWN

_SNAKE = re.compile(r"_([a-z])")
_CAMEL = re.compile(r"(?<=[a-z])([A-Z])")
# The names a message may mention, each as Python writes it and as the schema does.
_NAMES = ("phone_number", "match_type", "block_type", "allow_emergency")
_NAME_IN_TEXT = re.compile(r"\b(" + "|".join(_NAMES) + r")\b")
_PYTHON_FLAG = re.compile(r"\b(adopt|allow_emergency|allowEmergency)=(True|False)\b")


def camel(name: str) -> str:
    """`phone_number` -> `phoneNumber`."""
    return _SNAKE.sub(lambda match: match.group(1).upper(), name)


def snake(name: str) -> str:
    """`phoneNumber` -> `phone_number`."""
    return _CAMEL.sub(lambda match: "_" + match.group(1).lower(), name)


def in_schema_words(text: str) -> str:
    """A message of the core in the schema's words: `block_type` -> `blockType`, `adopt=True` -> `adopt: true`."""
    text = _NAME_IN_TEXT.sub(lambda match: camel(match.group(1)), text)
    return _PYTHON_FLAG.sub(lambda match: f"{camel(match.group(1))}: {match.group(2).lower()}", text)


def plain(value: PropertyValue) -> Any:
    """The Python value of a PropertyValue: computed as UNKNOWN, secrets unwrapped, numbers as floats."""
    inner = value.value
    if isinstance(inner, Computed):
        return UNKNOWN
    if isinstance(inner, Mapping):
        return {key: plain(item) for key, item in inner.items()}
    if isinstance(inner, tuple):
        return [plain(item) for item in inner]
    return inner


def wrap(value: Any, *, secret: bool = False) -> PropertyValue:
    """A PropertyValue of a plain value, ints as floats (Pulumi's one number type). UNKNOWN stays the string the
    protocol reads as computed: the SDK cannot send a Computed PropertyValue (it fails to marshal one)."""
    if isinstance(value, Mapping):
        wrapped = PropertyValue({key: wrap(item) for key, item in value.items()})
    elif isinstance(value, (list, tuple)):
        wrapped = PropertyValue([wrap(item) for item in value])
    elif isinstance(value, int) and not isinstance(value, bool):
        wrapped = PropertyValue(float(value))
    else:
        wrapped = PropertyValue(value)
    return wrapped.with_secret(True) if secret else wrapped


def secret_keys(values: Mapping[str, PropertyValue]) -> set[str]:
    """The top-level names whose value is, or holds, a secret."""
    return {key for key, value in values.items() if value.contains_secret()}


def top_level_in(values: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """camelCase PropertyValues -> plain values under snake_case names (top level only)."""
    return {snake(key): plain(value) for key, value in values.items()}


def top_level_out(values: Mapping[str, Any], secrets: Collection[str] = ()) -> dict[str, PropertyValue]:
    """Plain values under snake_case names -> camelCase PropertyValues, the `secrets` (camelCase) kept secret."""
    out = {camel(key): value for key, value in values.items()}
    return {key: wrap(value, secret=key in secrets) for key, value in out.items()}
