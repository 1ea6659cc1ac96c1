"""The summary a reviewer reads: counts, what deserves a second look, policy results, then one table a kind.

Large changes stay readable and within the size their destination takes (a GitHub comment holds 65,536
characters, a job summary 1 MiB): a table longer than `collapse_over` rows is folded into a <details> section, and
when the whole would still be too long, rows are left out from the end of the longest lists, each cut list saying
how many rows it leaves out, never silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .changes import BLOCK, CHANGE, KINDS, REPLACE, UNBLOCK, Change, Changes, second_looks
from .entries import TICKET, Entry
from .preview import Preview, Violation
from .text import code, count

TITLES = {BLOCK: "To block", UNBLOCK: "To unblock", CHANGE: "To change", REPLACE: "To replace"}
COLUMNS = ("Number or prefix", "E.164", "Type", "Status", "Comment", "Resource")
NONE = "*none*"


@dataclass(frozen=True)
class Options:
    """How the summary is laid out: where tables fold, the size it must fit in, where the full list is."""

    collapse_over: int = 20
    max_chars: int = 65_000
    full_list_url: str | None = None
    ticket: str = TICKET


def summary(preview: Preview, changes: Changes, options: Options | None = None) -> str:
    """The Markdown summary of one preview."""
    options = options or Options()
    title = f"**Zoom blocklist preview** of {code(f'{preview.project}/{preview.stack}')}"
    looks = second_looks(changes, options.ticket)
    nothing = not changes.changes and not looks and not preview.failed and not preview.violations
    if nothing:
        policies = f" Policies: {_packs(preview)} found nothing." if preview.policy_packs else ""
        return f"{title}: nothing to change.{policies}\n"
    lists = {"looks": [f"- {line}" for line in looks], **{kind: _rows(changes.of(kind)) for kind in KINDS}}
    shown = {name: len(rows) for name, rows in lists.items()}
    text = _render(title, preview, changes, lists, shown, options=options)
    while len(text) > options.max_chars and any(shown.values()):
        longest = max(shown, key=lambda name: (shown[name], name))
        per_row = max(1, sum(len(row) + 1 for row in lists[longest][: shown[longest]]) // shown[longest])
        cut = max(1, math.ceil((len(text) - options.max_chars) / per_row))
        shown[longest] = max(0, shown[longest] - min(cut, math.ceil(shown[longest] / 2)))
        text = _render(title, preview, changes, lists, shown, options=options)
    return text


def _render(
    title: str,
    preview: Preview,
    changes: Changes,
    lists: dict[str, list[str]],
    shown: dict[str, int],
    *,
    options: Options,
) -> str:
    counts = " · ".join(f"{len(changes.of(kind)):,} {TITLES[kind].lower()}" for kind in KINDS)
    parts = [f"{title}\n", f"**{counts}**\n"]
    if preview.failed:
        parts.append(_failure(preview.errors))
    if lists["looks"]:
        left = _left_out(len(lists["looks"]) - shown["looks"], "line", options)
        parts.append("**Needs a second look**\n\n" + "".join(f"{line}\n" for line in lists["looks"][: shown["looks"]]))
        parts[-1] += f"\n{left}\n" if left else ""
    if preview.violations or preview.policy_packs:
        parts.append(_policies(preview))
    for kind in KINDS:
        rows = lists[kind]
        if rows:
            parts.append(_table(kind, rows, shown[kind], options))
    return "\n".join(parts)


def _failure(errors: list[str]) -> str:
    said = "".join(f"- {code(line.strip())}\n" for error in errors for line in error.splitlines() if line.strip())
    return f"**The preview failed**, so `pulumi up` would stop before changing anything:\n\n{said}"


def _policies(preview: Preview) -> str:
    if not preview.violations:
        return f"**Policies**: {_packs(preview)} found nothing.\n"
    ordered = sorted(preview.violations, key=lambda found: (found.level != "mandatory", found.policy, found.lines))
    lines = "".join(_violation(violation) for violation in ordered)
    mandatory = sum(violation.level == "mandatory" for violation in preview.violations)
    tally = f"{mandatory:,} mandatory, {len(preview.violations) - mandatory:,} advisory"
    return f"**Policy violations** ({tally}):\n\n{lines}"


def _violation(violation: Violation) -> str:
    # CrossGuard's SDKs write the policy's description first, then what the policy reported.
    said = " ".join(violation.lines[1:] or violation.lines)
    return f"- **{violation.level}** {code(violation.policy)}: {code(said)}\n"


def _packs(preview: Preview) -> str:
    return ", ".join(code(pack) for pack in preview.policy_packs)


def _table(kind: str, rows: list[str], shown: int, options: Options) -> str:
    header = "| " + " | ".join(COLUMNS) + " |\n" + "|---" * len(COLUMNS) + "|\n"
    left = _left_out(len(rows) - shown, "row", options)
    body = header + "".join(row + "\n" for row in rows[:shown]) if shown else ""
    body += f"\n{left}\n" if left else ""
    title = f"{TITLES[kind]} ({len(rows):,})"
    if len(rows) > options.collapse_over:
        return f"<details><summary><b>{title}</b></summary>\n\n{body}\n</details>\n"
    return f"#### {title}\n\n{body}"


def _left_out(number: int, what: str, options: Options) -> str:
    if number <= 0:
        return ""
    where = f"; [all of them]({options.full_list_url})" if options.full_list_url else ""
    return f"*{count(number, 'more ' + what)} left out here, to stay within {options.max_chars:,} characters{where}.*"


def _rows(changes: list[Change]) -> list[str]:
    return ["| " + " | ".join(_cells(change)) + " |" for change in changes]


def _cells(change: Change) -> list[str]:
    old, new = change.old, change.new

    def cell(show: str) -> str:
        def one(entry: Entry) -> str:
            return _shown(entry, show)

        if old is not None and new is not None and one(old) != one(new):
            return f"{one(old)} → {one(new)}"
        return one(change.entry)

    resource = code(change.resource, in_table=True) + (" (Blocklist)" if change.resource_kind == "Blocklist" else "")
    return [cell("readable"), cell("e164"), cell("type"), cell("status"), cell("comment"), resource]


def _shown(entry: Entry, column: str) -> str:
    if column == "readable":
        return entry.readable() + (" (prefix)" if entry.is_prefix else "")
    if column == "e164":
        return code(entry.number, in_table=True)
    if column == "type":
        return entry.block_type
    if column == "status":
        return entry.status
    return code(entry.comment, in_table=True) if entry.comment else NONE
