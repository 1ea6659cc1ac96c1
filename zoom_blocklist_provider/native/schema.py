"""The `zoom` package's Pulumi schema, made from the pydantic models and the settings, so each description is
written once: the provider serves it (GetSchema), `make sdk` writes it to sdk/schema.json and generates the SDKs
from it, and a test fails when that file and this code disagree.
"""

from __future__ import annotations

import enum
import json
import types
from typing import Any, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from ..core.fields import BlockType, MatchType, Status
from ..core.settings import KEYS
from ..core.spec import BlockedNumberSpec, EntryFlags
from .examples import BLOCKED_NUMBER_EXAMPLES, BLOCKLIST_EXAMPLES, PROVIDER_EXAMPLES, examples_markdown
from .release import installed
from .values import camel, in_schema_words

PACKAGE = "zoom"
VERSION, PLUGIN_DOWNLOAD_URL = installed()
BLOCKED_NUMBER = "zoom:phone:BlockedNumber"
BLOCKLIST = "zoom:phone:Blocklist"
ENTRY = "zoom:phone:BlocklistEntry"
ENTRY_STATE = "zoom:phone:BlocklistEntryState"
ENUMS: dict[type[enum.Enum], str] = {
    MatchType: "zoom:phone:MatchType",
    BlockType: "zoom:phone:BlockType",
    Status: "zoom:phone:Status",
}
_ENTRY_FIELDS = {**BlockedNumberSpec.model_fields, **EntryFlags.model_fields}
_STATE_FIELDS = ("status", "comment", "country", "adopt", "allow_emergency")
NODE_PACKAGE = "@zoom-blocklist-provider/zoom"
# The Go SDK's module: sdk/ of the release repository (sdk/go.mod), released by a tag sdk/v<version>; its package is
# <module>/go/zoom. scripts/release-check.sh holds it to the repository a release is built from.
GO_MODULE = "github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk"
# What the registry shows beside the package. No `repository`: the project names no public URL (pyproject.toml).
PUBLISHER = "zoom-blocklist-provider"
KEYWORDS = ["pulumi", "zoom", "zoom-phone", "category/network", "kind/native"]


def schema() -> dict[str, Any]:
    """The package schema, as a dict ready for json.dumps."""
    config = {key.input: _setting(key.kind, key.description, key.secret) for key in KEYS}
    return {
        "name": PACKAGE,
        "displayName": "Zoom Phone blocked list",
        "version": VERSION,
        "description": "The numbers and prefixes a Zoom Phone account blocks, as Pulumi resources.",
        "keywords": KEYWORDS,
        "publisher": PUBLISHER,
        "license": "Apache-2.0",
        "pluginDownloadURL": PLUGIN_DOWNLOAD_URL,
        "config": {"variables": config},
        "provider": {
            "description": (
                "The zoom provider: one Zoom account, reached with a Server-to-Server OAuth app. Each setting falls "
                "back to its ZOOM_* environment variable where pulumi runs (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_SECRET, "
                "...).\n\n" + examples_markdown(PROVIDER_EXAMPLES)
            ),
            "inputProperties": config,
        },
        "types": {**_enum_types(), ENTRY: _entry_type(), ENTRY_STATE: _entry_state_type()},
        "resources": {BLOCKED_NUMBER: _blocked_number(), BLOCKLIST: _blocklist()},
        "language": {
            "python": {"packageName": "pulumi_zoom", "respectSchemaVersion": True, "pyproject": {"enabled": True}},
            "nodejs": {"packageName": NODE_PACKAGE, "respectSchemaVersion": True},
            # Without importBasePath the generated imports point at example.com; without respectSchemaVersion the
            # resources register with no version, so the engine would not know which plugin to download.
            "go": {"importBasePath": f"{GO_MODULE}/go/{PACKAGE}", "respectSchemaVersion": True},
        },
    }


def schema_json() -> str:
    """The schema as the committed sdk/schema.json holds it."""
    return json.dumps(schema(), indent=2, sort_keys=True) + "\n"


def _setting(kind: str, description: str, secret: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": kind, "description": in_schema_words(description)}
    if secret:
        spec["secret"] = True
    return spec


def _enum_types() -> dict[str, Any]:
    return {
        token: {
            "type": "string",
            "description": in_schema_words(cls.__doc__ or ""),
            "enum": [{"name": _enum_name(member), "value": member.value} for member in cls],
        }
        for cls, token in ENUMS.items()
    }


def _enum_name(member: enum.Enum) -> str:
    return "".join(part.title() for part in member.name.split("_"))


def _property(field: FieldInfo) -> dict[str, Any]:
    """One property of an entry: its type (an enum type by reference) and its description."""
    annotation = field.annotation
    if get_origin(annotation) in (Union, types.UnionType):  # `str | None`
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    spec: dict[str, Any]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        spec = {"$ref": f"#/types/{ENUMS[annotation]}"}
    elif annotation is bool:
        spec = {"type": "boolean"}
    else:
        spec = {"type": "string"}
    spec["description"] = in_schema_words(field.description or "")
    return spec


def _entry_properties(names: tuple[str, ...] = tuple(_ENTRY_FIELDS)) -> dict[str, Any]:
    return {camel(name): _property(_ENTRY_FIELDS[name]) for name in names}


def _entry_type() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One entry of a Blocklist: the fields of a BlockedNumber.",
        "properties": _entry_properties(),
        "required": ["phoneNumber"],
    }


def _entry_state_type() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One entry of a Blocklist as applied, under its key (number, match type and block type).",
        "properties": _entry_properties(_STATE_FIELDS),
        "required": ["status", "comment"],
    }


def _blocked_number() -> dict[str, Any]:
    properties = _entry_properties()
    return {
        "description": (
            "A phone number or prefix blocked in Zoom Phone: one entry of the account's blocked list, whose id is "
            "Zoom's. `pulumi import zoom:phone:BlockedNumber <name> -- <id>` takes over an entry made elsewhere (the "
            "`--` keeps an id that begins with '-' from being read as a flag).\n\n"
            + examples_markdown(BLOCKED_NUMBER_EXAMPLES)
        ),
        "inputProperties": properties,
        "requiredInputs": ["phoneNumber"],
        "properties": properties,
        "required": ["phoneNumber", "matchType", "blockType", "status", "comment", "adopt", "allowEmergency"],
    }


def _blocklist() -> dict[str, Any]:
    return {
        "description": (
            "Many numbers and prefixes blocked in Zoom Phone as one resource, applied concurrently as fast as the "
            "account's rate limit allows. Each entry is keyed by number, match type and block type "
            "(`+19075550100/phoneNumber/inbound`), so a change shows just the entries added, removed or changed. "
            "`pulumi import zoom:phone:Blocklist <name> -- all` takes over every entry of the account, and "
            "`-- comment-starts-with:<text>` those whose comment starts with <text>.\n\n"
            + examples_markdown(BLOCKLIST_EXAMPLES)
        ),
        "inputProperties": {
            "entries": {
                "type": "array",
                "items": {"$ref": f"#/types/{ENTRY}"},
                "description": "The entries, each with the fields of a BlockedNumber; their order does not matter.",
            }
        },
        "properties": {
            "entries": {
                "type": "object",
                "additionalProperties": {"$ref": f"#/types/{ENTRY_STATE}"},
                "description": "The entries as applied, by key: `+19075550100/phoneNumber/inbound`.",
            },
            "ids": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Zoom's id of each entry, by key.",
            },
        },
        "required": ["entries", "ids"],
    }
