"""The policy pack's rules on their own, on entries written here: the limits each setting sets, and what the pack
says when it cannot judge. The rules through the real CLI are tests/cli_e2e/review/test_policies_cli.py's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zoom_blocklist_provider.policies import rules
from zoom_blocklist_provider.policies.pack import _pattern, policies, report_unblocks
from zoom_blocklist_provider.review import Entry

SPAM = rules.Resource("spam", "Blocklist")
ENTRIES = {f"+1907555010{i}/phoneNumber/inbound": Entry(f"+1907555010{i}", "phoneNumber", "inbound", "active", "") for i in range(4)}  # fmt: skip


def unblocked(count: int) -> list[rules.Unblocked]:
    before = {"urn:spam": (SPAM, ENTRIES)}
    kept = dict(list(ENTRIES.items())[count:])
    return rules.unblocked(before, {"urn:spam": kept})


def test_each_limit_holds_on_its_own_and_without_either_nothing_is_found() -> None:
    assert [
        bool(rules.unblock_limit(unblocked(2), 4, max_entries, max_percent))
        for max_entries, max_percent in [(1, None), (2, None), (None, 49), (None, 50), (None, None)]
    ] == [True, False, True, False, False]


def test_an_unblock_finding_names_three_entries_and_counts_the_rest() -> None:
    (line,) = rules.unblock_limit(unblocked(4), 4, 2, None)
    assert line == (
        "Blocklist spam unblocks +19075550100 (inbound), +19075550101 (inbound), +19075550102 (inbound) and 1 more; "
        "the update unblocks 4 of the stack's 4 entries (100%), over maxEntries 2: unblock in smaller steps"
    )


def test_the_pack_reports_nothing_for_an_unblock_under_the_limits_and_each_resource_over_them() -> None:
    reported: list[tuple[str, str | None]] = []
    report_unblocks(unblocked(1), 4, {"maxEntries": 2.0, "maxPercent": 50.0}, lambda *found: reported.append(found))
    assert reported == []
    report_unblocks(unblocked(3), 4, {"maxEntries": 2.0, "maxPercent": 50.0}, lambda *found: reported.append(found))
    assert [urn for _, urn in reported] == ["urn:spam"]


def test_entries_the_preview_cannot_know_yet_are_not_counted() -> None:
    assert rules.unblocked({"urn:spam": (SPAM, ENTRIES)}, {"urn:spam": None}) == []


def test_a_ticket_pattern_of_the_platform_teams_own() -> None:
    entries = {"k": Entry("+19075550100", "phoneNumber", "inbound", "active", "INC-1: robocaller")}
    assert rules.comment_ticket(SPAM, entries, "CHG-[0-9]+") == [
        "Blocklist spam: entry +19075550100 (inbound) has comment 'INC-1: robocaller': no ticket reference matching "
        "CHG-[0-9]+; put the ticket that asked for the block in its comment"
    ]


def test_a_pattern_that_is_no_regular_expression_is_a_finding_that_names_the_fix() -> None:
    with pytest.raises(ValueError, match=r"^the pack's config gives pattern '\(INC', which is no regular expression"):
        _pattern({"pattern": "(INC"})


def test_the_pack_has_four_policies_each_advisory_until_configured() -> None:
    found = {policy.name: (policy.enforcement_level, sorted(policy.config_schema.properties)) for policy in policies()}
    assert found == {
        "comment-ticket": (None, ["pattern"]),
        "prefix-min-digits": (None, ["minDigits"]),
        "unblock-limit": (None, ["maxEntries", "maxPercent"]),
        "emergency-ticket": (None, ["pattern"]),
    }


def test_the_pack_without_pulumi_policy_says_how_to_install_it() -> None:
    code = "import sys; sys.modules['pulumi_policy'] = None; from zoom_blocklist_provider.policies.pack import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        "zoom-blocklist-policies needs Pulumi's pulumi-policy package, which is not installed: "
        "pip install 'zoom-blocklist-provider[policies]'\n",
    )
