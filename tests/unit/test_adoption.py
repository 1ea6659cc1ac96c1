"""A Blocklist's import id names a set of the account's entries; an entry the provider cannot declare as Zoom holds
it is refused with the reason export gives."""

from __future__ import annotations

import pytest

from zoom_blocklist_provider.core.adoption import NotDeclarable, Selection, declared_spec, selection
from zoom_blocklist_provider.core.spec import BlockedEntry, BlockType, MatchType, Status


def live(phone_number: str, comment: str = "", match_type: MatchType = MatchType.PHONE_NUMBER) -> BlockedEntry:
    return BlockedEntry(
        id="-liveEntry000000000000",
        phone_number=phone_number,
        match_type=match_type,
        block_type=BlockType.INBOUND,
        status=Status.ACTIVE,
        comment=comment,
    )


@pytest.mark.parametrize(
    ("import_id", "expected"),
    [
        ("all", Selection(None)),
        ("comment-starts-with:INC-", Selection("INC-")),
        ("comment-starts-with:CHG 22: x", Selection("CHG 22: x")),  # everything after the first colon, as written
        ("comment-starts-with:", None),  # no text: say so rather than take every entry
        ("ALL", None),
        ("comment:INC-", None),
        ("-Gq3xVbupBJK0K80cYmhMQ", None),  # a BlockedNumber's id is no set
    ],
)
def test_import_id_names_a_selection_or_none(import_id: str, expected: Selection | None) -> None:
    assert selection(import_id) == expected


def test_comment_selection_is_case_sensitive_and_matches_the_start_only() -> None:
    chosen = Selection("INC-")
    entries = [live("+19075550100", "INC-1"), live("+19075550101", "inc-2"), live("+19075550102", "see INC-3")]
    assert [entry.comment for entry in chosen.select(entries)] == ["INC-1"]


def test_an_entry_zoom_stores_in_another_form_is_not_declarable() -> None:
    with pytest.raises(NotDeclarable) as refused:
        declared_spec(live("+4402079460000"))
    assert str(refused.value) == (
        "Zoom stores '+4402079460000', which the provider writes as '+442079460000'; delete it in the Zoom portal "
        "and declare the number"
    )


def test_a_prefix_is_declared_as_zoom_holds_it() -> None:
    spec = declared_spec(live("+1900", "CHG-2201", MatchType.PREFIX))
    assert (spec.phone_number, spec.match_type, spec.comment) == ("+1900", MatchType.PREFIX, "CHG-2201")
