"""The policy pack through the real CLI: each rule passes an account that keeps it and fails the change that breaks
it, as advisory (reported, the preview passes) and as mandatory (the preview fails, and `up` stops before anything
reaches Zoom).

The runs come from the shared build in conftest.py: the pack given to --policy-pack as the console script the
`policies` extra installs, the findings read from the engine's streamed events.
"""

from __future__ import annotations

import json

import pytest

from tests.cli_e2e.review.conftest import PullRequest
from tests.cli_e2e.review.test_review_cli import FINDINGS
from tests.docs_samples import checked_sample

pytestmark = [pytest.mark.cli, pytest.mark.timeout(300)]
PACK = "zoom-blocklist-policies"


def events(pull_request: PullRequest, name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in pull_request.text(name).splitlines()]


def found(pull_request: PullRequest, name: str, policy: str) -> list[tuple[str, str, str]]:
    """Each finding of `policy`: its level, the resource it is reported on, and what it says (after the policy's
    description, which the SDK puts first)."""
    reported = [event["policyEvent"] for event in events(pull_request, name) if "policyEvent" in event]
    return sorted(
        (
            str(item["enforcementLevel"]),
            str(item["resourceUrn"]).rsplit("::", 1)[1],
            str(item["message"]).splitlines()[1],
        )
        for item in reported
        if isinstance(item, dict) and item["policyName"] == policy
    )


def expected(policy: str, level: str, on: list[str]) -> list[tuple[str, str, str]]:
    said = [message for name, message in FINDINGS if name == policy]
    return sorted(zip([level] * len(said), on, said, strict=True))


def outcome(pull_request: PullRequest, name: str) -> tuple[str, list[str]]:
    """How the preview ended, as its summary event says, and the policy packs it ran."""
    summary = next(event["summaryEvent"] for event in events(pull_request, name) if "summaryEvent" in event)
    assert isinstance(summary, dict)
    return summary["result"], sorted(key.split("|")[0] for key in summary["PolicyPacks"])


@pytest.mark.parametrize("policy", ["comment-ticket", "prefix-min-digits", "unblock-limit", "emergency-ticket"])
def test_every_rule_passes_an_account_that_keeps_it_even_when_mandatory(pull_request: PullRequest, policy: str) -> None:
    assert found(pull_request, "nothing.jsonl", policy) == []
    assert pull_request.result("nothing.jsonl")["returncode"] == 0
    assert outcome(pull_request, "nothing.jsonl") == ("succeeded", [PACK])


def test_comment_ticket_reports_each_entry_without_a_ticket(pull_request: PullRequest) -> None:
    on = ["emergency", "fax-line", "spam"]
    assert found(pull_request, "advisory.jsonl", "comment-ticket") == expected("comment-ticket", "advisory", on)
    assert found(pull_request, "mandatory.jsonl", "comment-ticket") == expected("comment-ticket", "mandatory", on)


def test_prefix_min_digits_reports_a_prefix_shorter_than_allowed(pull_request: PullRequest) -> None:
    on = ["spam"]
    assert found(pull_request, "advisory.jsonl", "prefix-min-digits") == expected("prefix-min-digits", "advisory", on)
    assert found(pull_request, "mandatory.jsonl", "prefix-min-digits") == expected("prefix-min-digits", "mandatory", on)


def test_emergency_ticket_reports_allow_emergency_without_a_ticket(pull_request: PullRequest) -> None:
    on = ["emergency"]
    assert found(pull_request, "advisory.jsonl", "emergency-ticket") == expected("emergency-ticket", "advisory", on)
    assert found(pull_request, "mandatory.jsonl", "emergency-ticket") == expected("emergency-ticket", "mandatory", on)


def test_unblock_limit_names_each_resource_that_unblocks_when_the_update_is_over_the_limit(
    pull_request: PullRequest,
) -> None:
    # A deleted resource's finding is the stack's: the engine takes findings only on resources the update keeps.
    on = ["zoom-blocklist-review-pr", "zoom-blocklist-review-pr", "scam", "spoofer", "dyn-spam", "spam"]
    assert found(pull_request, "advisory.jsonl", "unblock-limit") == expected("unblock-limit", "advisory", on)
    assert found(pull_request, "mandatory.jsonl", "unblock-limit") == expected("unblock-limit", "mandatory", on)


def test_advisory_findings_let_the_preview_pass(pull_request: PullRequest) -> None:
    assert pull_request.result("advisory.jsonl")["returncode"] == 0
    assert outcome(pull_request, "advisory.jsonl") == ("succeeded", [PACK])


def test_a_mandatory_finding_fails_the_preview(pull_request: PullRequest) -> None:
    assert pull_request.result("mandatory.jsonl")["returncode"] == 1
    assert outcome(pull_request, "mandatory.jsonl") == ("failed", [PACK])


def test_a_mandatory_finding_stops_up_before_anything_reaches_zoom(pull_request: PullRequest) -> None:
    up = pull_request.result("up.txt")
    assert (up["returncode"], up["stderr"]) == (1, "")
    assert json.loads(pull_request.text("requests.json")) == []  # not even a token request


def test_the_ci_guide_shows_a_finding_as_the_cli_prints_it(pull_request: PullRequest) -> None:
    sample = checked_sample("docs/guides/ci-previews.md", "tests/cli_e2e/review/test_policies_cli.py")
    shown = [line.strip() for line in sample.splitlines()]
    printed = [line.strip() for line in pull_request.result("up.txt")["stdout"].splitlines()]
    first = printed.index(shown[0])
    assert printed[first : first + len(shown)] == shown
