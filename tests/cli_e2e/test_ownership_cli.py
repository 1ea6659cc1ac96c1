"""No ordinary Pulumi move unblocks a number, and no entry is claimed that the stack does not own: through the real
CLI, each step checked against what Zoom holds after it, not only what the engine printed.

A create that meets an entry already blocked takes it over only with `adopt` (or `pulumi import`): renames, `up
--replace`, moves between resources and doors, duplicates, the portal's entries and another stack's fail on one
line that tells the likely causes apart, and leave Zoom as it was. With `adopt`, the old holder's deletion leaves the
entry to the new one. Each test walks one stack through several moves, as a user would in a week of edits.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.cli_e2e.conftest import BLOCKED_NUMBER, PROGRAMS, Stack, calls, error_line, new_stack
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
NATIVE = "zoom:phone:BlockedNumber"
NATIVE_LIST = "zoom:phone:Blocklist"
ADOPTING = Path(__file__).resolve().parents[2] / "docs" / "guides" / "adopting.md"
TRACKING = re.compile(r"\(tracking id v=2\.0;clid=emulator;rid=EMU_[0-9a-f]{32}\)")
K1 = {"phone_number": "+19075550100", "comment": "INC-4411"}
K2 = {"phone_number": "+19075550101", "comment": "INC-4412"}


def causes(what: str, adopt: str, import_entry: str = "", replace_first: str = "") -> str:
    """The likely causes of a refused create, each with its fix, in a door's words."""
    elsewhere = f"{adopt[:1].upper()}{adopt[1:]} on {what}" + (f" (or {import_entry})" if import_entry else "")
    replaced = (
        f"Replacing it with `pulumi up --replace`? {replace_first[:1].upper()}{replace_first[1:]}, since Pulumi "
        "creates the new entry before it deletes the old one and Zoom keeps one entry per number. "
    )
    return (
        "Renamed it, or moved it from another resource of this program? Add its old name as an alias (in YAML, its old "
        "URN), or "
        f"{adopt} on {what} for this `pulumi up` so that the old resource's deletion leaves the entry to it. "
        f"{replaced if replace_first else ''}Made in the Zoom portal or by another stack? {elsewhere} to manage that "
        "entry here. Left by an interrupted `pulumi up` of this stack? Run `zoom-blocklist recover`, then `pulumi up` "
        "again"
    )


NATIVE_CAUSES = causes(
    "this BlockedNumber",
    "set adopt to true",
    "`pulumi import` the entry by its id",
    "set the resource option deleteBeforeReplace to true on it (delete_before_replace in Python)",
)
DYNAMIC_CAUSES = causes("this BlockedNumber", "set adopt=True")


def refused(entry_id: str, comment: str, fixes: str) -> str:
    """The end of the line a create refused by Zoom's 409 fails with."""
    return (
        f"Zoom already blocks it as entry {entry_id} (status active, comment {comment!r}), and nothing shows that this "
        f"BlockedNumber made it. {fixes}"
    )


def live(emu: Emulator) -> Counter[tuple[str, str]]:
    """Zoom's entries as (number, id), each counted: a duplicate or a lost entry shows at once."""
    return Counter((entry["phone_number"], entry["id"]) for entry in emu.admin.entries())


def one_id(emu: Emulator, number: str) -> str:
    (found,) = [entry["id"] for entry in emu.admin.entries() if entry["phone_number"] == number]
    return found


@pytest.fixture
def stack(pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path) -> Stack:
    return new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "native", {"rateLimit": "1000"})


def up(stack: Stack, ok: bool = True, *args: str, **declared: Any) -> str:
    stack.declare(**declared)
    return stack.run("up", "--yes", "--skip-preview", *args, ok=ok).stdout


def test_cli_native_renames_replaces_and_moves_never_unblock(stack: Stack, emu: Emulator) -> None:
    up(stack, numbers={"a": K1})
    first = one_id(emu, K1["phone_number"])
    # A rename without aliases: the new name's create meets the old name's entry, and the up stops before the old
    # resource's deletion could unblock it. The line is the one the adopting guide shows.
    failed = up(stack, False, numbers={"b": K1})
    shown = TRACKING.sub("(tracking id ...)", error_line(failed, f"{NATIVE} (b)"))
    assert shown == guide_line().replace("<id>", first)
    assert (live(emu), stack.ids(NATIVE)) == (Counter({(K1["phone_number"], first): 1}), {"a": first})
    # With the old name as an alias, the same rename changes nothing in Zoom.
    emu.admin.clear_requests()
    up(stack, numbers={"b": K1}, options={"b": {"aliases": ["a"]}})
    assert (calls(emu), stack.ids(NATIVE)) == ([], {"b": first})
    # `up --replace` creates before it deletes: refused, saying so; with deleteBeforeReplace it deletes first.
    urn = stack.resources(NATIVE)["b"]["urn"]
    failed = up(stack, False, "--replace", urn, numbers={"b": K1})
    assert error_line(failed, f"{NATIVE} (b)").endswith(refused(first, "INC-4411", NATIVE_CAUSES))
    assert live(emu) == Counter({(K1["phone_number"], first): 1})
    up(stack, True, "--replace", urn, numbers={"b": K1}, options={"b": {"delete_before_replace": True}})
    second = one_id(emu, K1["phone_number"])
    assert second != first
    assert stack.ids(NATIVE) == {"b": second}
    # Into a Blocklist: refused without adopt; with it, the entry keeps its id and b's deletion leaves it.
    failed = up(stack, False, lists={"l": [K1, K2]})
    # The engine prints a partial failure's reason on a line of its own, under "1 error occurred:".
    assert "\t* create failed for 1 of 2 entries (1 done): +19075550100/phoneNumber/inbound: " in failed
    assert stack.ids(NATIVE) == {"b": second}
    assert one_id(emu, K1["phone_number"]) == second
    emu.admin.clear_requests()
    up(stack, lists={"l": [{**K1, "adopt": True}, K2]})
    assert Counter(method for method, _ in calls(emu)) == {"POST": 1, "GET": 1}
    assert stack.ids(NATIVE) == {}
    assert one_id(emu, K1["phone_number"]) == second
    # And back out of the set into a BlockedNumber, which takes it before the set lets go (the set depends on it).
    emu.admin.clear_requests()
    up(stack, numbers={"c": {**K1, "adopt": True}}, lists={"l": [K2]}, options={"l": {"depends_on": ["c"]}})
    assert (stack.ids(NATIVE), one_id(emu, K1["phone_number"])) == ({"c": second}, second)
    assert "DELETE" not in {method for method, _ in calls(emu)}
    # Two declarations of one entry fail the preview, naming each other, before any call.
    stack.declare(lists={"l": [{**K1, "adopt": True}, K2]}, numbers={"c": K1})  # c holds K1 and l adds it again
    failed_preview = stack.run("preview", ok=False).stdout
    # The second of the two the engine checks names the first.
    named = [
        other
        for other in ("resource 'l' (zoom:phone:Blocklist)", "resource 'c' (zoom:phone:BlockedNumber)")
        if f"+19075550100/phoneNumber/inbound is declared by {other} too: Zoom keeps one entry per number, match "
        "type and block type, so declare it in one resource only" in failed_preview
    ]
    assert len(named) == 1, failed_preview
    assert len(emu.admin.entries()) == 2


def guide_line() -> str:
    """The error line of a refused create as the adopting guide shows it, `<id>` for the entry's id."""
    text = ADOPTING.read_text()
    (line,) = [line for line in text.splitlines() if line.startswith("error: create blocked number +19075550100")]
    return line.removeprefix("error: ")


def test_cli_a_rename_applied_with_target_and_a_replacement_on_changes_keep_the_entry(
    stack: Stack, emu: Emulator
) -> None:
    up(stack, numbers={"a": K1, "z": K2})
    first = one_id(emu, K1["phone_number"])
    stack.declare(numbers={"b": {**K1, "adopt": True}, "z": K2})
    target = stack.resources(NATIVE)["a"]["urn"].replace("::a", "::b")
    stack.run("up", "--yes", "--skip-preview", "--target", target)
    assert stack.ids(NATIVE) == {"a": first, "b": first, "z": one_id(emu, K2["phone_number"])}
    up(stack, numbers={"b": {**K1, "adopt": True}, "z": K2})
    assert stack.ids(NATIVE)["b"] == first
    assert one_id(emu, K1["phone_number"]) == first
    assert "a" not in stack.ids(NATIVE)
    # replaceOnChanges with adopt: the provider asks every replacement to delete first, so the new entry is the
    # only one, holding the new comment.
    replacing = {"b": {"replace_on_changes": ["comment"]}}
    up(stack, numbers={"b": {**K1, "comment": "INC-5000", "adopt": True}, "z": K2}, options=replacing)
    (entry,) = [entry for entry in emu.admin.entries() if entry["phone_number"] == K1["phone_number"]]
    assert (entry["comment"], stack.ids(NATIVE)["b"]) == ("INC-5000", entry["id"])


def test_cli_dynamic_renames_and_moves_never_unblock(stack: Stack, emu: Emulator) -> None:
    up(stack, dynamic={"x": K2})
    first = one_id(emu, K2["phone_number"])
    failed = up(stack, False, dynamic={"y": K2})
    assert error_line(failed, "pulumi-python:dynamic/zoom:BlockedNumber (y)").endswith(
        refused(first, "INC-4412", DYNAMIC_CAUSES)
    )
    # Moving to the native provider in one up: refused too, and the dynamic resource still holds the entry.
    failed = up(stack, False, numbers={"x": K2})
    assert error_line(failed, f"{NATIVE} (x)").endswith(refused(first, "INC-4412", NATIVE_CAUSES))
    assert (live(emu), stack.ids(BLOCKED_NUMBER)) == (Counter({(K2["phone_number"], first): 1}), {"x": first})
    # The dynamic resources delete first on `up --replace`.
    urn = stack.resources(BLOCKED_NUMBER)["x"]["urn"]
    up(stack, True, "--replace", urn, dynamic={"x": K2})
    assert one_id(emu, K2["phone_number"]) != first
    # A name prefix added to load_blocklist renames every resource of the file: refused, nothing unblocked.
    (stack.project / "list.csv").write_text("phone_number,comment\n+19075550102,INC-1\n")
    up(stack, dynamic={"x": K2}, files=[{"path": "list.csv"}])
    loaded = one_id(emu, "+19075550102")
    up(stack, False, dynamic={"x": K2}, files=[{"path": "list.csv", "name_prefix": "team-"}])
    assert one_id(emu, "+19075550102") == loaded
    assert len(emu.admin.entries()) == 2


def test_cli_entries_made_elsewhere_are_never_claimed(
    stack: Stack, emu: Emulator, tmp_path: Path, user_venv: Path
) -> None:
    # Made in the portal, with no comment: a declaration without one is refused, and a destroy leaves it.
    portal = emu.admin.add_entry(phone_number="+19075550103")
    failed = up(stack, False, numbers={"p": {"phone_number": "+19075550103"}})
    assert error_line(failed, f"{NATIVE} (p)").endswith(refused(portal, "", NATIVE_CAUSES))
    stack.run("destroy", "--yes", "--skip-preview")
    assert [entry["id"] for entry in emu.admin.entries()] == [portal]
    # Another stack's entry, with the very same comment: refused; that stack's destroy leaves it; this one sees no
    # change.
    up(stack, numbers={"mine": K1})
    mine = one_id(emu, K1["phone_number"])
    # The same program as a second stack of the same project (`pulumi stack init other` selects it).
    other = new_stack(stack.tools, user_venv, emu, tmp_path, stack.project, {"rateLimit": "1000"}, name="other",
                      copy=False)  # fmt: skip
    failed = other.run("up", "--yes", "--skip-preview", ok=False).stdout
    assert error_line(failed, f"{NATIVE} (mine)").endswith(refused(mine, "INC-4411", NATIVE_CAUSES))
    other.run("destroy", "--yes", "--skip-preview")
    other.run("stack", "select", "e2e")
    assert sorted(entry["id"] for entry in emu.admin.entries()) == sorted([portal, mine])
    stack.run("preview", "--expect-no-changes")
