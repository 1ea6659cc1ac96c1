"""A blocked-number entry as the user declares it and as Zoom stores it: enums, models, normalization.

`normalize()` is the one entry point for user input: it turns what a program wrote into a `BlockedNumberSpec`
holding the single normalized form (E.164 numbers, '+digits' prefixes, short-code digits, upper-case country),
or raises `SpecErrors` listing every problem at once. `BlockedEntry.from_api()` reads what Zoom returns. The
number rules live in `phone.py`. This module must never do I/O or import Pulumi or the Zoom client: `check`
and `diff` run it during preview.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from . import phone
from .fields import (
    ADOPT_DOC,
    ALLOW_EMERGENCY_DOC,
    BLOCK_TYPE_DOC,
    COMMENT_DOC,
    COMMENT_MAX,
    COUNTRY_DOC,
    MATCH_TYPE_DOC,
    PHONE_NUMBER_DOC,
    PHONE_NUMBER_MAX,
    STATUS_DOC,
    BlockType,
    MatchType,
    SpecError,
    SpecErrors,
    Status,
)
from .reading import (
    collect,
    kind_of,
    number_rule,
    read_comment,
    read_country,
    read_enum,
    read_text,
    sent_kind,
    shown,
    zoom_enum,
    zoom_text,
)

__all__ = [
    "ADOPT_DOC",
    "ALLOW_EMERGENCY_DOC",
    "FLAG_DOCS",
    "BlockType",
    "BlockedEntry",
    "BlockedNumberSpec",
    "EntryFlags",
    "MatchType",
    "SpecError",
    "SpecErrors",
    "Status",
    "kind_of",
    "normalize",
    "normalize_phone_number",
    "shown",
]


class EntryFlags(BaseModel, frozen=True, extra="forbid"):
    """What a declaration says beyond the entry itself: ours, never sent to Zoom."""

    adopt: bool = Field(default=False, description=ADOPT_DOC)
    allow_emergency: bool = Field(default=False, description=ALLOW_EMERGENCY_DOC)


FLAG_DOCS = {name: field.description or "" for name, field in EntryFlags.model_fields.items()}


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
        return None if value is None else number_rule("country", value, phone.to_region, value)

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
        entry_id = collect(errors, lambda: zoom_text("id", body.get("id")))
        number = collect(errors, lambda: zoom_text("phone_number", body.get("phone_number")))
        match_type = collect(errors, lambda: zoom_enum(MatchType, "match_type", body.get("match_type")))
        block_type = collect(errors, lambda: zoom_enum(BlockType, "block_type", body.get("block_type")))
        status = collect(errors, lambda: zoom_enum(Status, "status", body.get("status")))
        comment = body.get("comment")
        if comment is not None and not isinstance(comment, str):
            errors.append(SpecError("comment", comment, f"Zoom sent {sent_kind(comment)}, not text"))
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
    match_type = collect(errors, lambda: read_enum(MatchType.PHONE_NUMBER, "match_type", raw.get("match_type")))
    block_type = collect(errors, lambda: read_enum(BlockType.INBOUND, "block_type", raw.get("block_type")))
    status = collect(errors, lambda: read_enum(Status.ACTIVE, "status", raw.get("status")))
    comment = collect(errors, lambda: read_comment(raw.get("comment")))
    country = collect(errors, lambda: read_country(raw.get("country")))
    number = collect(errors, lambda: read_text("phone_number", raw.get("phone_number")))
    country_ok = not any(error.field == "country" for error in errors)
    # A number cannot be judged without knowing how it is matched and where it is from; those fields' own
    # errors already say what to fix.
    if number is not None and match_type is not None and country_ok:
        number = collect(errors, lambda: normalize_phone_number(number, match_type, country))
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


@functools.lru_cache(maxsize=65536)  # pure, and asked for every entry several times per run (check, then create)
def normalize_phone_number(value: str, match_type: MatchType, country: str | None) -> str:
    """E.164 for a number, '+digits' for a prefix, bare digits for a short code; raises SpecError."""
    if len(value) > PHONE_NUMBER_MAX:
        raise SpecError(
            "phone_number",
            value,
            f"{shown(value)} is {len(value)} characters long, and Zoom accepts at most {PHONE_NUMBER_MAX}; "
            f"{phone.E164_HINT}, without separators",
        )
    region = None if country is None else number_rule("country", country, phone.to_region, country)
    if match_type is MatchType.PREFIX:
        return number_rule("phone_number", value, lambda v: phone.to_prefix(v, region), country)
    return number_rule("phone_number", value, lambda v: phone.to_number(v, region), country)
