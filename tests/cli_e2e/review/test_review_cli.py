"""`zoom-blocklist review` on what the real CLI printed for one pull request: the whole Markdown, exactly.

The previews come from the shared build in conftest.py (both doors, every shape of change); each test runs the
command as a user does, the console script of the virtualenv that holds the project's wheel.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_e2e.review.conftest import BIG, PullRequest

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
HEADER = "| Number or prefix | E.164 | Type | Status | Comment | Resource |\n|---|---|---|---|---|---|\n"
TITLE = "**Zoom blocklist preview** of `zoom-blocklist-review/pr`\n"
COUNTS = "**4 to block · 4 to unblock · 4 to change · 2 to replace**\n"
SECOND_LOOKS = """\
**Needs a second look**

- prefix `+1911` (outbound) in `emergency` sets allowEmergency, reaches an emergency number: prefix '+1911' is 911, an emergency number in US, behind calling code +1
- prefix `+44` (inbound) in `spam` (Blocklist) blocks every number in GB, GG, IM, JE
- number `+19075550110` (inbound) in `fax-line` loses its ticket reference: `INC-6001` → `spoofs the fax line`
- number `+19075550101` (inbound) in `spam` (Blocklist) loses its comment `INC-4907`
- number `+19075550104` (threat) in `scam` is replaced (blockType inbound → threat: Zoom cannot update an entry to or from threat in place, so it is deleted, then created again); the number is unblocked in between
- number `+19075550112` (threat) in `spoofer` is replaced (blockType inbound → threat: Zoom cannot update an entry to or from threat in place, so it is deleted, then created again); the number is unblocked in between
"""
TO_BLOCK = f"""\
#### To block (4)

{HEADER}\
| +44 7700 900123 | `+447700900123` | outbound | active | `INC-6020` | `dyn-new` |
| +1 907-555-0123 | `+19075550123` | inbound | active | `INC-6013` | `dyn-spam` (Blocklist) |
| +1 911… (prefix) | `+1911` | outbound | active | *none* | `emergency` |
| +44… (prefix) | `+44` | inbound | active | `INC-5301` | `spam` (Blocklist) |
"""
TO_UNBLOCK = f"""\
#### To unblock (4)

{HEADER}\
| +1 907-555-0121 | `+19075550121` | inbound | active | `INC-6011` | `dyn-spam` (Blocklist) |
| +1 907-555-0111 | `+19075550111` | inbound | active | `INC-6002` | `old-fax` |
| +44 20 7946 0000 | `+442079460000` | outbound | active | `CHG-2240` | `old-vendor` |
| +1 907-555-0102 | `+19075550102` | inbound | active | `INC-5012` | `spam` (Blocklist) |
"""
TO_CHANGE = f"""\
#### To change (4)

{HEADER}\
| +1 907-555-0120 | `+19075550120` | inbound | active → inactive | `INC-6010` | `dyn-spam` (Blocklist) |
| +1 907-555-0110 | `+19075550110` | inbound | active | `INC-6001` → `spoofs the fax line` | `fax-line` |
| +1 907-555-0100 | `+19075550100` | inbound | active → inactive | `INC-4411` → `INC-4411, INC-4502` | `robocaller` |
| +1 907-555-0101 | `+19075550101` | inbound | active | `INC-4907` → *none* | `spam` (Blocklist) |
"""
TO_REPLACE = f"""\
#### To replace (2)

{HEADER}\
| +1 907-555-0104 | `+19075550104` | inbound → threat | active | `INC-5120` | `scam` |
| +1 907-555-0112 | `+19075550112` | inbound → threat | active | `INC-6003` | `spoofer` |
"""
TABLES = "\n".join([TO_BLOCK, TO_UNBLOCK, TO_CHANGE, TO_REPLACE])
RULE = "[A-Z][A-Z0-9]+-[0-9]+"
UNBLOCKED = "the update unblocks 6 of the stack's 13 entries (46%), over maxEntries 5 and maxPercent 40%"
FINDINGS = [
    ("comment-ticket", f"BlockedNumber emergency (prefix +1911, outbound) has no comment: no ticket reference matching {RULE}; put the ticket that asked for the block in its comment"),
    ("comment-ticket", f"BlockedNumber fax-line (+19075550110, inbound) has comment 'spoofs the fax line': no ticket reference matching {RULE}; put the ticket that asked for the block in its comment"),
    ("comment-ticket", f"Blocklist spam: entry +19075550101 (inbound) has no comment: no ticket reference matching {RULE}; put the ticket that asked for the block in its comment"),
    ("emergency-ticket", f"BlockedNumber emergency (prefix +1911, outbound) sets allowEmergency and has no comment: no ticket reference matching {RULE}; put the ticket that approved blocking an emergency number in its comment, or drop allowEmergency"),
    ("prefix-min-digits", "Blocklist spam: entry prefix +44 (inbound) is 2 digits long, shorter than 4; write the longer prefix you mean, or block the numbers one by one"),
    ("unblock-limit", f"BlockedNumber old-fax is deleted, unblocking +19075550111 (inbound); {UNBLOCKED}: if old-fax was renamed, give it an alias so nothing is unblocked; else unblock in smaller steps"),
    ("unblock-limit", f"BlockedNumber old-vendor is deleted, unblocking +442079460000 (outbound); {UNBLOCKED}: if old-vendor was renamed, give it an alias so nothing is unblocked; else unblock in smaller steps"),
    ("unblock-limit", f"BlockedNumber scam unblocks +19075550104 (inbound); {UNBLOCKED}: unblock in smaller steps"),
    ("unblock-limit", f"BlockedNumber spoofer unblocks +19075550112 (inbound); {UNBLOCKED}: unblock in smaller steps"),
    ("unblock-limit", f"Blocklist dyn-spam unblocks +19075550121 (inbound); {UNBLOCKED}: unblock in smaller steps"),
    ("unblock-limit", f"Blocklist spam unblocks +19075550102 (inbound); {UNBLOCKED}: unblock in smaller steps"),
]  # fmt: skip


def review(venv: Path, preview: Path, *options: str) -> str:
    """`zoom-blocklist review PREVIEW [options]`, as a user runs it; what it printed."""
    command = [str(venv / "bin" / "zoom-blocklist"), "review", str(preview), *options]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


def findings(level: str) -> str:
    lines = "".join(f"- **{level}** `{policy}`: `{said}`\n" for policy, said in FINDINGS)
    mandatory = len(FINDINGS) if level == "mandatory" else 0
    return f"**Policy violations** ({mandatory} mandatory, {len(FINDINGS) - mandatory} advisory):\n\n{lines}"


def test_review_of_a_preview_that_plans_nothing_is_one_line(pull_request: PullRequest, user_venv: Path) -> None:
    assert review(user_venv, pull_request.path("nothing.jsonl")) == (
        "**Zoom blocklist preview** of `zoom-blocklist-review/pr`: nothing to change. "
        "Policies: `zoom-blocklist-policies` found nothing.\n"
    )


def test_review_of_a_change_through_both_doors_is_counts_second_looks_then_tables(
    pull_request: PullRequest, user_venv: Path
) -> None:
    assert review(user_venv, pull_request.path("change.json")) == "\n".join([TITLE, COUNTS, SECOND_LOOKS, TABLES])


def tables(summary: str) -> dict[str, list[list[str]]]:
    """Each table's rows, split into cells, by its title ("To block")."""
    found: dict[str, list[list[str]]] = {}
    for section in summary.split("#### ")[1:]:
        title, _, body = section.partition(" (")
        rows = body.split(HEADER)[1].split("\n\n")[0].splitlines()
        found[title] = [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]
    return found


def test_blocked_numbers_created_updated_replaced_and_deleted_through_each_door(
    pull_request: PullRequest, user_venv: Path
) -> None:
    summary = review(user_venv, pull_request.path("change.json"))
    blocked_numbers = {
        title: [row[5] for row in rows if "Blocklist" not in row[5]] for title, rows in tables(summary).items()
    }
    assert blocked_numbers == {  # dynamic, then native
        "To block": ["`dyn-new`", "`emergency`"],
        "To unblock": ["`old-fax`", "`old-vendor`"],
        "To change": ["`fax-line`", "`robocaller`"],
        "To replace": ["`scam`", "`spoofer`"],
    }


def test_blocklist_entries_added_changed_and_removed_are_rows_of_their_own(
    pull_request: PullRequest, user_venv: Path
) -> None:
    summary = review(user_venv, pull_request.path("change.json"))
    entries = {
        title: [(row[5], row[1]) for row in rows if "Blocklist" in row[5]] for title, rows in tables(summary).items()
    }
    assert entries == {  # dyn-spam is the dynamic door's, spam the native one's
        "To block": [("`dyn-spam` (Blocklist)", "`+19075550123`"), ("`spam` (Blocklist)", "`+44`")],
        "To unblock": [("`dyn-spam` (Blocklist)", "`+19075550121`"), ("`spam` (Blocklist)", "`+19075550102`")],
        "To change": [("`dyn-spam` (Blocklist)", "`+19075550120`"), ("`spam` (Blocklist)", "`+19075550101`")],
        "To replace": [],
    }


def test_a_native_blocklists_rows_are_the_entries_of_its_detailed_diff(
    pull_request: PullRequest, user_venv: Path
) -> None:
    (step,) = [step for step in json.loads(pull_request.text("change.json"))["steps"] if step["urn"].endswith("::spam")]
    kinds = {"add": "To block", "delete": "To unblock", "update": "To change"}
    diffed = sorted(
        (kinds[diff["kind"]], path.split('"')[1].split("/")[0]) for path, diff in step["detailedDiff"].items()
    )
    summary = review(user_venv, pull_request.path("change.json"))
    rows = sorted(
        (title, row[1].strip("`")) for title, found in tables(summary).items() for row in found if "`spam`" in row[5]
    )
    assert rows == diffed == [("To block", "+44"), ("To change", "+19075550101"), ("To unblock", "+19075550102")]


def test_review_of_the_streamed_events_adds_each_policy_finding(pull_request: PullRequest, user_venv: Path) -> None:
    summary = review(user_venv, pull_request.path("advisory.jsonl"))
    assert summary == "\n".join([TITLE, COUNTS, SECOND_LOOKS, findings("advisory"), TABLES])


def test_review_of_a_preview_a_mandatory_policy_failed_says_up_would_stop(
    pull_request: PullRequest, user_venv: Path
) -> None:
    failed = (
        "**The preview failed**, so `pulumi up` would stop before changing anything:\n\n- `error: preview failed`\n"
    )
    summary = review(user_venv, pull_request.path("mandatory.jsonl"))
    assert summary == "\n".join([TITLE, COUNTS, failed, SECOND_LOOKS, findings("mandatory"), TABLES])


def big_rows() -> list[str]:
    return [
        f"| +1 907-555-{i:04d} | `+1907555{i:04d}` | inbound | active | `INC-{7000 + i}` | `big` (Blocklist) |"
        for i in range(BIG)
    ]


def test_review_of_1000_entries_folds_the_table_and_says_how_many_rows_it_leaves_out(
    pull_request: PullRequest, user_venv: Path
) -> None:
    summary = review(user_venv, pull_request.path("big.json"), "--full-list-url", "https://ci.example/run/42")
    head, table = summary.split(HEADER)
    shown = table.split("\n\n")[0].splitlines()
    assert head == (
        "**Zoom blocklist preview** of `zoom-blocklist-review/pr`\n\n"
        "**1,000 to block · 0 to unblock · 0 to change · 0 to replace**\n\n"
        "<details><summary><b>To block (1,000)</b></summary>\n\n"
    )
    assert shown == big_rows()[: len(shown)]
    left_out = f"*{BIG - len(shown)} more rows left out here, to stay within 65,000 characters; "
    assert table[len("\n".join(shown)) :] == f"\n\n{left_out}[all of them](https://ci.example/run/42).*\n\n</details>\n"
    assert 64_000 < len(summary) <= 65_000


def test_review_for_a_job_summary_lists_all_1000_entries(pull_request: PullRequest, user_venv: Path) -> None:
    summary = review(user_venv, pull_request.path("big.json"), "--max-chars", "1000000")
    assert summary.split(HEADER)[1] == "".join(row + "\n" for row in big_rows()) + "\n</details>\n"
