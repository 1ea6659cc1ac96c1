"""What the engine shows of an error: the package's one line, a bug said on one line too, tracebacks on zoom:debug."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator

import pytest

from zoom_blocklist_provider.core.errors import BugError, ConflictError
from zoom_blocklist_provider.dynamic import door


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    yield
    door.configure_errors(debug=True)  # what the test process had: no tracebacklimit...
    logger = logging.getLogger("zoom_blocklist_provider")
    logger.removeHandler(door._HANDLER)  # ...and no handler sending the package's records to pulumi.log
    logger.setLevel(logging.NOTSET)


def formatted(work: object) -> str:
    """What the SDK's provider server sends the engine for an exception: `traceback.format_exc()`."""
    try:
        with door.one_line_errors("create blocked number +19075550100"):
            assert callable(work)
            work()
    except Exception:
        return traceback.format_exc()
    raise AssertionError("nothing was raised")


def conflict() -> None:
    try:
        raise ConflictError("Blocked number already exists.", operation="create blocked number", status=409, code=409)
    except ConflictError as first:
        raise first.with_hint("set adopt=True") from first


def test_an_expected_error_is_its_one_line() -> None:
    door.configure_errors(debug=False)
    assert formatted(conflict) == (
        "zoom_blocklist_provider.core.errors.ConflictError: create blocked number: HTTP 409, Zoom code 409: Blocked "
        "number already exists. Set adopt=True\n"
    )


def test_a_bug_is_one_line_saying_it_is_a_bug_and_how_to_see_it() -> None:
    door.configure_errors(debug=False)
    assert formatted(lambda: {}["phone_number"]) == (
        "zoom_blocklist_provider.core.errors.BugError: create blocked number +19075550100: unexpected KeyError: "
        "'phone_number'. This is a bug in zoom-blocklist-provider: set zoom:debug to true (`pulumi config set "
        "zoom:debug true`, or ZOOM_DEBUG=true) to see where, and report it with that traceback\n"
    )


def test_with_debug_a_bug_shows_its_traceback() -> None:
    door.configure_errors(debug=True)
    shown = formatted(lambda: {}["phone_number"])
    assert shown.startswith("Traceback (most recent call last):\n")
    assert shown.endswith("KeyError: 'phone_number'\n")
    assert not hasattr(sys, "tracebacklimit")


def test_a_bug_error_names_what_was_being_done() -> None:
    assert str(BugError.of(ValueError("x"), "read blocked-list entry abc")).startswith(
        "read blocked-list entry abc: unexpected ValueError: x. This is a bug"
    )
