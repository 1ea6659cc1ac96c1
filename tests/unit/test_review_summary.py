"""The review's own rules, on small previews written here: text from a pull request shown as written and harmless,
numbers as people read them, entries a preview cannot know, and input that is no preview. The summaries of real
previews are tests/cli_e2e/review's."""

from __future__ import annotations

import json

from click.testing import CliRunner

from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.review import Entry, changes_of, read_preview, summary
from zoom_blocklist_provider.review.text import code

URN = "urn:pulumi:pr::blocklist::zoom:phone:BlockedNumber::"


def created(name: str, **inputs: object) -> dict[str, object]:
    props = {"phoneNumber": "+19075550100", "matchType": "phoneNumber", "blockType": "inbound", "status": "active"}
    return {
        "op": "create",
        "urn": URN + name,
        "newState": {"type": "zoom:phone:BlockedNumber", "inputs": {**props, **inputs}},
    }


def reviewed(*steps: dict[str, object]) -> str:
    preview = read_preview(json.dumps({"steps": list(steps), "diagnostics": []}))
    return summary(preview, changes_of(preview.steps))


def test_a_comment_is_a_code_span_that_links_mentions_and_breaks_nothing() -> None:
    shown = reviewed(created("x", comment="@ops see [INC-1](http://evil) | `rm` <b>"))
    row = shown.splitlines()[-1]
    assert (
        row
        == "| +1 907-555-0100 | `+19075550100` | inbound | active | ``@ops see [INC-1](http://evil) \\| `rm` <b>`` | `x` |"
    )


def test_a_code_span_is_fenced_by_more_backticks_than_its_text_holds() -> None:
    assert [code("a``b"), code("`a"), code("a|b"), code("a|b", in_table=True)] == [
        "```a``b```",
        "`` `a ``",
        "`a|b`",
        "`a\\|b`",
    ]


def test_numbers_prefixes_and_short_codes_read_as_people_write_them() -> None:
    entries = [
        Entry("+442079460000", "phoneNumber", "outbound", "active", ""),
        Entry("+1900", "prefix", "outbound", "active", ""),
        Entry("+44", "prefix", "inbound", "active", ""),
        Entry("911", "phoneNumber", "outbound", "active", "", country="US"),
    ]
    assert [entry.readable() for entry in entries] == ["+44 20 7946 0000", "+1 900…", "+44…", "911 (short code, US)"]


def test_entries_the_preview_cannot_know_are_named_not_guessed() -> None:
    secret = {"op": "create", "urn": URN.replace("BlockedNumber", "Blocklist") + "hidden",
              "newState": {"type": "zoom:phone:Blocklist", "inputs": {"entries": "[secret]"}}}  # fmt: skip
    assert reviewed(secret) == (
        "**Zoom blocklist preview** of `blocklist/pr`\n\n"
        "**0 to block · 0 to unblock · 0 to change · 0 to replace**\n\n"
        "**Needs a second look**\n\n"
        "- `hidden`: its entries are not in the preview (secret, or known only at `up`)\n"
    )


def test_review_says_what_is_wrong_with_input_that_is_no_preview() -> None:
    runner = CliRunner()
    said = [runner.invoke(main, ["review"], input=text) for text in ("", "{}", "not json\n")]
    assert [(result.exit_code, result.output) for result in said] == [
        (1, "Error: reading standard input: it is empty: the preview printed nothing (see its error output); give "
            "review what `pulumi preview --json` printed, e.g. pulumi preview --json > preview.json\n"),
        (1, "Error: reading standard input: it has neither `steps` nor engine events; give review what `pulumi "
            "preview --json` printed, e.g. pulumi preview --json > preview.json\n"),
        (1, "Error: reading standard input: line 1 is not JSON (Expecting value); give review what `pulumi preview "
            "--json` printed, e.g. pulumi preview --json > preview.json\n"),
    ]  # fmt: skip
