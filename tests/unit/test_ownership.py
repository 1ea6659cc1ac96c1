"""What one command's calls prove about who holds an entry: duplicates, moves, and deletions that must not unblock."""

from __future__ import annotations

import pytest

from zoom_blocklist_provider.operations.ownership import Holder, Ownership, begin, named, record

A = "urn:pulumi:dev::blocklist::zoom:phone:BlockedNumber::a"
B = "urn:pulumi:dev::blocklist::zoom:phone:BlockedNumber::b"
SET = "urn:pulumi:dev::blocklist::zoom:phone:Blocklist::spam"
KEY = "+19075550100/phoneNumber/inbound"


def test_two_resources_declaring_one_key_name_each_other() -> None:
    seen = Ownership()
    assert seen.checked(A, [KEY]) == {}
    assert seen.checked(B, [KEY]) == {KEY: A}
    assert seen.checked(A, [KEY]) == {KEY: B}


def test_a_resource_checked_twice_is_no_duplicate() -> None:
    seen = Ownership()
    seen.checked(A, [KEY])
    assert seen.checked(A, [KEY]) == {}


def test_a_deletion_leaves_an_entry_another_resource_keeps() -> None:
    seen = Ownership()
    seen.kept(B, ["X"])
    assert seen.keeper(A, "X") == Holder(B, "keeps")
    assert seen.keeper(B, "X") is None  # its own record: a replacement that deletes first


def test_a_deletion_leaves_an_entry_a_create_of_this_command_took_even_for_the_same_name() -> None:
    seen = Ownership()
    seen.kept(A, ["X"])
    with seen.taking(A, "X") as present:  # `up --replace` with adopt: the new resource takes its predecessor's entry
        assert present
    with seen.deleting(A, "X") as keeper:
        assert keeper == Holder(A, "took")


def test_an_entry_given_up_in_this_command_is_deleted_unless_taken() -> None:
    seen = Ownership()
    seen.released(SET, ["X"])
    assert seen.keeper(A, "X") is None
    with seen.taking(B, "X"):
        pass
    seen.released(SET, ["X"])  # a later diff does not undo a take
    assert seen.keeper(SET, "X") == Holder(B, "took")


def test_a_take_that_comes_after_the_holders_delete_makes_the_entry_anew() -> None:
    seen = Ownership()
    seen.released(SET, ["X"])
    with seen.deleting(SET, "X") as keeper:
        assert keeper is None
    with seen.taking(B, "X") as present:
        assert not present
    assert seen.holder("X") == Holder(SET, "releases")


def test_a_delete_that_fails_is_no_delete_for_a_take_after_it() -> None:
    seen = Ownership()
    with pytest.raises(ConnectionError), seen.deleting(SET, "X"):
        raise ConnectionError("the DELETE did not go through")
    with seen.taking(B, "X") as present:
        assert present


def test_a_holder_is_named_by_its_name_and_type() -> None:
    assert named(SET) == "resource 'spam' (zoom:phone:Blocklist)"
    assert named("") == "another resource of this stack"


@pytest.mark.parametrize("token", [object(), {}])
def test_a_new_command_starts_a_new_record_and_the_same_one_keeps_it(token: object) -> None:
    begin(token)
    record().kept(A, ["X"])
    begin(token)
    assert record().holder("X") == Holder(A, "keeps")
    begin(object())
    assert record().holder("X") is None
