"""A Blocklist through the real CLI: a change costs one call per entry changed, and the diff names just those."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.cli_e2e.conftest import BLOCKLIST, PROGRAMS, Stack, calls, new_stack, plain
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
ENTRIES = [
    {"phone_number": "+1 (907) 555-0100", "comment": "INC-4411"},
    {"phone_number": "+1 (907) 555-0101"},
    {"phone_number": "+1 (907) 555-0102", "comment": "INC-4502"},
    {"phone_number": "+1 900", "match_type": "prefix", "block_type": "outbound"},
]


def ids(stack: Stack) -> dict[str, str]:
    """The set's Zoom ids by key."""
    ids: dict[str, str] = plain(stack.resources(BLOCKLIST)["spam"]["outputs"]["__ids"])
    return ids


def test_cli_blocklist_up_posts_each_entry_once(declared: Stack, emu: Emulator) -> None:
    declared.declare(lists={"spam": ENTRIES})
    declared.run("up", "--yes")
    assert Counter(method for method, _ in calls(emu)) == {"POST": 4}
    assert sorted(ids(declared).values()) == sorted(entry["id"] for entry in emu.admin.entries())
    declared.run("preview", "--expect-no-changes")


def test_cli_blocklist_change_calls_only_for_the_entries_changed(declared: Stack, emu: Emulator) -> None:
    declared.declare(lists={"spam": ENTRIES})
    declared.run("up", "--yes", "--skip-preview")  # the stage only: nothing of it is counted
    before = ids(declared)
    changed = [
        {**ENTRIES[0], "status": "inactive"},  # changed
        ENTRIES[1],
        # ENTRIES[2] removed
        ENTRIES[3],
        {"phone_number": "+44 20 7946 0018", "block_type": "outbound"},  # added
    ]
    declared.declare(lists={"spam": list(reversed(changed))})  # the order of the list is no change
    preview = declared.run("preview", "--diff")
    # The engine prints every key of the map; a dynamic provider cannot send it a detailed diff, so the unchanged
    # ones come unmarked, and the marked ones are exactly the entries added, removed and changed.
    keys = [
        line.replace(":", " ").split()[:2]
        for line in preview.stdout.splitlines()
        if line.strip().startswith(("+ +", "- +", "~ +"))
    ]
    assert keys == [
        ["~", "+19075550100/phoneNumber/inbound"],
        ["-", "+19075550102/phoneNumber/inbound"],
        ["+", "+442079460018/phoneNumber/outbound"],
    ]
    emu.admin.clear_requests()
    declared.run("up", "--yes")
    assert sorted(calls(emu)) == sorted(
        [
            ("DELETE", f"/v2/phone/blocked_list/{before['+19075550102/phoneNumber/inbound']}"),
            ("PATCH", f"/v2/phone/blocked_list/{before['+19075550100/phoneNumber/inbound']}"),
            ("POST", "/v2/phone/blocked_list"),
        ]
    )
    after = ids(declared)
    assert {key: after[key] for key in before if key in after} == {
        key: value for key, value in before.items() if key != "+19075550102/phoneNumber/inbound"
    }
    declared.run("preview", "--expect-no-changes")


@pytest.mark.parametrize("door", ["dynamic", "native"])
def test_cli_a_blocklist_that_fails_part_way_records_what_it_created(
    door: str, pulumi_tools: Path, user_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    stack = new_stack(pulumi_tools, user_venv, emu, tmp_path, PROGRAMS / "native", {"rateLimit": "1000"})
    lists = "dynamic_lists" if door == "dynamic" else "lists"
    kind = BLOCKLIST if door == "dynamic" else "zoom:phone:Blocklist"
    three = [{"phone_number": f"+1907555010{i}"} for i in range(3)]
    emu.admin.fault(kind="status", status=400, method="POST", times=1)
    stack.declare(**{lists: {"spam": three}})
    failed = stack.run("up", "--yes", "--skip-preview", ok=False)
    assert "create failed for 1 of 3 entries (2 done): " in failed.stdout
    made = sorted(entry["id"] for entry in emu.admin.entries())
    recorded = plain(stack.resources(kind)["spam"]["outputs"]["__ids" if door == "dynamic" else "ids"])
    assert (len(made), sorted(recorded.values())) == (2, made)
    # Neither a trimmed list nor a destroy leaves an entry blocked that no state records.
    stack.declare(**{lists: {"spam": three[:1]}})
    stack.run("up", "--yes", "--skip-preview")
    assert [entry["phone_number"] for entry in emu.admin.entries()] == ["+19075550100"]
    stack.run("destroy", "--yes", "--skip-preview")
    assert emu.admin.entries() == []
