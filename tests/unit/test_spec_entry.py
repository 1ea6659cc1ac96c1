"""The entry as a whole: enums, comment, country, every problem at once, the API body, Zoom's responses."""

from __future__ import annotations

import pickle
from collections.abc import Mapping

import pydantic
import pytest

from zoom_blocklist_provider.core.spec import (
    BlockedEntry,
    BlockedNumberSpec,
    BlockType,
    MatchType,
    SpecError,
    SpecErrors,
    Status,
    normalize,
)

NUMBER = "+19075550100"
COUNTRY_HINT = "is not an ISO 3166-1 alpha-2 country code libphonenumber knows"
ZOOM_ENTRY = {
    "id": "2ypsHHwTTFK-fzZJkudYwA",
    "phone_number": NUMBER,
    "match_type": "phoneNumber",
    "block_type": "inbound",
    "status": "active",
    "comment": "robocaller",
}


def problems(raw: Mapping[str, object]) -> list[tuple[str, object, str]]:
    with pytest.raises(SpecErrors) as caught:
        normalize(raw)
    return [(error.field, error.value, error.reason) for error in caught.value.errors]


def zoom_problems(body: dict[str, object]) -> list[tuple[str, object, str]]:
    with pytest.raises(SpecErrors) as caught:
        BlockedEntry.from_api(body)
    return [(error.field, error.value, error.reason) for error in caught.value.errors]


def test_defaults_are_phone_number_inbound_active_no_comment() -> None:
    spec = normalize({"phone_number": NUMBER})
    assert spec == BlockedNumberSpec(
        phone_number=NUMBER,
        match_type=MatchType.PHONE_NUMBER,
        block_type=BlockType.INBOUND,
        status=Status.ACTIVE,
    )
    assert (spec.comment, spec.country) == ("", None)


def test_optional_fields_given_as_none_take_their_defaults() -> None:
    raw = {"phone_number": NUMBER, "match_type": None, "block_type": None, "status": None, "comment": None}
    assert normalize(raw) == normalize({"phone_number": NUMBER})


BLOCK_TYPES = "is not one of 'inbound', 'outbound', 'threat' (values are case-sensitive)"
MATCH_TYPES = "is not one of 'phoneNumber', 'prefix' (values are case-sensitive)"
QUOTE_IT = "quote it, like '+19075550100' (as a number it loses its + and leading zeros)"


@pytest.mark.parametrize(
    ("field", "written", "reason"),
    [
        ("block_type", "Inbound", f"'Inbound' {BLOCK_TYPES}; did you mean 'inbound'?"),
        ("block_type", "outbond", f"'outbond' {BLOCK_TYPES}; did you mean 'outbound'?"),
        ("match_type", "phonenumber", f"'phonenumber' {MATCH_TYPES}; did you mean 'phoneNumber'?"),
        ("match_type", "PREFIX", f"'PREFIX' {MATCH_TYPES}; did you mean 'prefix'?"),
        (
            "status",
            "enabled",
            "'enabled' is not one of 'active', 'inactive' (values are case-sensitive); use one of them, spelled exactly",
        ),
        ("status", True, "True is a boolean, not a string; use 'active' or 'inactive'"),
        ("status", "", "is empty; use 'active' or 'inactive', or leave status out for 'active'"),
        (
            "block_type",
            " ",
            "' ' is blank; use 'inbound', 'outbound' or 'threat', or leave block_type out for 'inbound'",
        ),
        ("match_type", 1, "1 is a number, not a string; use 'phoneNumber' or 'prefix'"),
    ],
)
def test_enum_values_are_case_sensitive_like_zoom(field: str, written: object, reason: str) -> None:
    assert problems({"phone_number": NUMBER, field: written}) == [(field, written, reason)]


def test_every_enum_value_zoom_accepts_is_accepted() -> None:
    spec = normalize({"phone_number": "+1907", "match_type": "prefix", "block_type": "threat", "status": "inactive"})
    assert spec.key() == ("+1907", "prefix", "threat")
    assert spec.status is Status.INACTIVE


def test_comment_of_255_characters_is_accepted_and_kept_verbatim() -> None:
    comment = " x" + "y" * 252 + " "
    assert normalize({"phone_number": NUMBER, "comment": comment}).comment == comment


def test_comment_of_256_characters_is_refused() -> None:
    comment = "y" * 256
    assert problems({"phone_number": NUMBER, "comment": comment}) == [
        (
            "comment",
            comment,
            f"'{'y' * 30}...' is 256 characters long, and Zoom accepts at most 255; shorten it by 1",
        )
    ]


@pytest.mark.parametrize(("comment", "code", "position"), [("INC-1\x00", "U+0000", 6), ("a\nb", "U+000A", 2)])
def test_comment_with_a_control_character_is_refused_naming_its_position(
    comment: str, code: str, position: int
) -> None:
    assert problems({"phone_number": NUMBER, "comment": comment}) == [
        (
            "comment",
            comment,
            f"{comment!r} holds the control character {code} at position {position}; a comment is one line of "
            "printable text: remove it (or write a space instead of a tab or line break)",
        )
    ]


def test_absent_and_empty_comment_are_the_same() -> None:
    assert normalize({"phone_number": NUMBER, "comment": None}) == normalize({"phone_number": NUMBER, "comment": ""})


@pytest.mark.parametrize(
    ("number", "written", "stored"),
    [("020 7946 0958", "gb", "GB"), ("(907) 555-0100", "Us", "US"), ("0412 345 678", "AU", "AU")],
)
def test_country_is_case_insensitive_and_stored_upper_case(number: str, written: str, stored: str) -> None:
    assert normalize({"phone_number": number, "country": written}).country == stored


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("UK", f"'UK' {COUNTRY_HINT} (the United Kingdom is 'GB'); write two letters like 'US' or 'GB'"),
        ("USA", f"'USA' {COUNTRY_HINT}; write two letters like 'US' or 'GB'"),
        ("ZZ", f"'ZZ' {COUNTRY_HINT}; write two letters like 'US' or 'GB'"),
        ("001", f"'001' {COUNTRY_HINT}; write two letters like 'US' or 'GB'"),
        ("u\u017f", f"'u\u017f' {COUNTRY_HINT}; write two letters like 'US' or 'GB'"),
        (" US", f"' US' {COUNTRY_HINT}; write two letters like 'US' or 'GB'"),
        (1, "1 is a number, not a string; write two letters like 'US' or 'GB'"),
        ("", "is empty; leave country out, or write two letters like 'US' or 'GB'"),
        ("  ", "'  ' is blank; leave country out, or write two letters like 'US' or 'GB'"),
    ],
)
def test_unknown_country_is_refused_naming_the_value(written: object, reason: str) -> None:
    assert problems({"phone_number": NUMBER, "country": written}) == [("country", written, reason)]


def test_every_problem_is_reported_at_once() -> None:
    raw = {"phone_number": "+1 907 555", "block_type": "Inbound", "status": "on", "comment": "y" * 300}
    assert [(field, value) for field, value, _ in problems(raw)] == [
        ("phone_number", "+1 907 555"),
        ("block_type", "Inbound"),
        ("status", "on"),
        ("comment", "y" * 300),
    ]


def test_all_problems_are_joined_in_one_message() -> None:
    with pytest.raises(SpecErrors) as caught:
        normalize({"phone_number": "abc", "status": "Active"})
    assert str(caught.value) == (
        "phone_number: 'abc' contains letters; write it in E.164 like +19075550100 (vanity letters are not "
        "translated); status: 'Active' is not one of 'active', 'inactive' (values are case-sensitive); "
        "did you mean 'active'?"
    )


def test_number_is_not_judged_when_its_match_type_or_country_is_wrong() -> None:
    # The number's rules depend on both; their own errors say what to fix.
    assert [field for field, _, _ in problems({"phone_number": "x", "match_type": "Prefix", "country": "XX"})] == [
        "match_type",
        "country",
    ]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (None, "is required; write it in E.164 like +19075550100"),
        (19075550100, f"19075550100 is a number, not a string; {QUOTE_IT}"),
        (1.5, f"1.5 is a number, not a string; {QUOTE_IT}"),
        (True, "True is a boolean, not a string; write it in E.164 like +19075550100"),
        (
            {"number": NUMBER},
            "{'number': '+19075550100'} is a mapping, not a string; write it in E.164 like +19075550100",
        ),
        (
            [NUMBER],
            "['+19075550100'] is a list, not a string; one BlockedNumber blocks one number or prefix: declare one for each",
        ),
        (b"+19075550100", "b'+19075550100' is of type bytes, not a string; write it in E.164 like +19075550100"),
    ],
)
def test_phone_number_of_the_wrong_type_is_a_spec_error(written: object, reason: str) -> None:
    assert problems({"phone_number": written}) == [("phone_number", written, reason)]


def test_comment_of_the_wrong_type_is_a_spec_error() -> None:
    assert problems({"phone_number": NUMBER, "comment": 42}) == [
        ("comment", 42, "42 is a number, not a string; write the note in quotes")
    ]


def test_spec_error_reads_as_field_and_reason() -> None:
    error = SpecError("country", "UK", "no such country")
    assert (str(error), error.field, error.value, error.reason) == (
        "country: no such country",
        "country",
        "UK",
        "no such country",
    )


def test_spec_errors_survive_pickling() -> None:
    errors = pickle.loads(pickle.dumps(SpecErrors([SpecError("status", "on", "bad")])))
    assert (str(errors), errors.errors[0].value) == ("status: bad", "on")


def test_api_body_carries_every_field_and_country_only_when_set() -> None:
    spec = normalize({"phone_number": "020 7946 0958", "country": "gb", "comment": "spam", "block_type": "outbound"})
    assert spec.api_body() == {
        "phone_number": "+442079460958",
        "match_type": "phoneNumber",
        "block_type": "outbound",
        "status": "active",
        "comment": "spam",
        "country": "GB",
    }
    assert "country" not in normalize({"phone_number": NUMBER}).api_body()


def test_key_is_number_match_type_and_block_type() -> None:
    spec = normalize({"phone_number": "+1907", "match_type": "prefix", "block_type": "outbound", "status": "inactive"})
    assert spec.key() == ("+1907", "prefix", "outbound")


def test_spec_built_directly_is_normalized_too() -> None:
    spec = BlockedNumberSpec(phone_number="1-907-555-0100", country="us", comment=None)  # type: ignore[arg-type]
    assert (spec.phone_number, spec.country, spec.comment) == (NUMBER, "US", "")


@pytest.mark.parametrize(
    "fields",
    [
        {"block_type": "Inbound"},
        {"phone_number": "abc"},
        {"country": "XX"},
        {"comment": "y" * 256},
        {"colour": "red"},
    ],
)
def test_spec_built_directly_with_bad_values_raises_validation_error(fields: dict[str, object]) -> None:
    with pytest.raises(pydantic.ValidationError):
        BlockedNumberSpec(**{"phone_number": NUMBER, **fields})  # type: ignore[arg-type]


def test_spec_is_frozen() -> None:
    spec = normalize({"phone_number": NUMBER})
    with pytest.raises(pydantic.ValidationError):
        spec.status = Status.INACTIVE  # type: ignore[misc]


def test_every_field_has_a_description_for_the_docs() -> None:
    for model in (BlockedNumberSpec, BlockedEntry):
        assert [name for name, info in model.model_fields.items() if not info.description] == []


def test_from_api_reads_zoom_entry() -> None:
    entry = BlockedEntry.from_api(ZOOM_ENTRY)
    assert entry == BlockedEntry(
        id="2ypsHHwTTFK-fzZJkudYwA",
        phone_number=NUMBER,
        match_type=MatchType.PHONE_NUMBER,
        block_type=BlockType.INBOUND,
        status=Status.ACTIVE,
        comment="robocaller",
    )
    assert entry.key() == normalize({"phone_number": "1-907-555-0100"}).key()


@pytest.mark.parametrize(
    "body", [{**ZOOM_ENTRY, "comment": None}, {k: v for k, v in ZOOM_ENTRY.items() if k != "comment"}]
)
def test_from_api_reads_null_or_missing_comment_as_empty(body: dict[str, object]) -> None:
    assert BlockedEntry.from_api(body).comment == ""


def test_from_api_ignores_fields_it_does_not_know() -> None:
    assert BlockedEntry.from_api({**ZOOM_ENTRY, "country": "US", "extra": 1}).id == "2ypsHHwTTFK-fzZJkudYwA"


@pytest.mark.parametrize(
    ("field", "sent", "reason"),
    [
        ("id", None, "Zoom sent nothing, expected a non-empty string"),
        ("id", "", "Zoom sent an empty string, expected a non-empty string"),
        ("id", 123, "Zoom sent 123 (int), expected a non-empty string"),
        ("phone_number", None, "Zoom sent nothing, expected a non-empty string"),
        ("match_type", "Prefix", "Zoom sent 'Prefix', which is not one of 'phoneNumber', 'prefix'"),
        ("block_type", "spam", "Zoom sent 'spam', which is not one of 'inbound', 'outbound', 'threat'"),
        ("status", None, "Zoom sent nothing, which is not one of 'active', 'inactive'"),
        ("status", 1, "Zoom sent 1 (int), which is not one of 'active', 'inactive'"),
        ("comment", ["a"], "Zoom sent ['a'] (list), not text"),
    ],
)
def test_from_api_refuses_what_zoom_would_never_send(field: str, sent: object, reason: str) -> None:
    assert zoom_problems({**ZOOM_ENTRY, field: sent}) == [(field, sent, reason)]


def test_from_api_names_every_bad_field() -> None:
    assert [field for field, _, _ in zoom_problems({"match_type": "phoneNumber"})] == [
        "id",
        "phone_number",
        "block_type",
        "status",
    ]
