"""A platform team's own tool that applies a blocklist file to a Zoom account through Pulumi's Automation API.

    python apply.py --file blocklist.csv [--stack dev] [--preview | --destroy]

Each line of the CSV (a header naming its columns, in any order: phone_number, match_type, block_type, status,
comment, country; an empty cell leaves the field to the provider's default) becomes a zoom BlockedNumber of a program
held in this script, and Pulumi's engine plans, applies and records it as for any Pulumi project, with no project on
disk. The stack's state lives where PULUMI_BACKEND_URL says, and the zoom provider reads the account's credentials
from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET: the tool holds none. It needs the packages `pulumi` and
`pulumi_zoom`; `pulumi` and the zoom plugin are found as for any Pulumi command.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pulumi_zoom as zoom
from pulumi import automation as auto

PROJECT = "zoom-blocklist"
COLUMNS = ("phone_number", "match_type", "block_type", "status", "comment", "country")
ORDER = ("create", "update", "replace", "delete", "same")


def read_blocklist(path: Path) -> list[dict[str, str]]:
    """Each line of a CSV blocklist, by column name, empty cells left out."""
    with path.open(newline="") as opened:
        lines = csv.DictReader(opened)
        unknown = [column for column in lines.fieldnames or [] if column not in COLUMNS]
        if unknown:
            raise SystemExit(f"apply.py: unknown column {unknown[0]!r} in {path}; the columns are {', '.join(COLUMNS)}")
        return [{key: value.strip() for key, value in line.items() if value and value.strip()} for line in lines]


def name(entry: dict[str, str]) -> str:
    """What the entry blocks, so that sorting, inserting or deleting lines never touches another entry."""
    kind = "prefix" if entry.get("match_type") == "prefix" else "number"
    return f"{kind}-{re.sub(r'[^0-9]', '', entry['phone_number'])}-{entry.get('block_type', 'inbound')}"


def program(entries: list[dict[str, str]]) -> Callable[[], None]:
    """The inline program: one BlockedNumber per entry, its fields those of the file's line."""

    def declare() -> None:
        for entry in entries:
            zoom.phone.BlockedNumber(name(entry), **entry)

    return declare


def summary(changes: dict[str, int]) -> str:
    parts = [f"{changes[op]} {op}" for op in ORDER if changes.get(op)]
    return ", ".join(parts) or "nothing"


def main() -> None:
    parser = argparse.ArgumentParser(description="Apply a blocklist file to a Zoom account.")
    parser.add_argument("--file", type=Path, help="the blocklist, a CSV file")
    parser.add_argument("--stack", default="dev", help="the stack to apply it to, made if it does not exist")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--preview", action="store_true", help="only show what applying it would change")
    action.add_argument("--destroy", action="store_true", help="unblock every entry the stack holds")
    args = parser.parse_args()
    if args.file is None and not args.destroy:
        parser.error("--file is required: the blocklist to apply")
    entries = [] if args.destroy else read_blocklist(args.file)
    stack = auto.create_or_select_stack(stack_name=args.stack, project_name=PROJECT, program=program(entries))
    if args.destroy:
        destroyed = stack.destroy(on_output=print)
        print(f"destroyed: {summary(destroyed.summary.resource_changes or {})}")
    elif args.preview:
        planned = stack.preview(on_output=print)
        print(f"planned: {summary({str(op): count for op, count in planned.change_summary.items()})}")
    else:
        applied = stack.up(on_output=print)
        print(f"applied: {summary(applied.summary.resource_changes or {})}")


if __name__ == "__main__":
    sys.exit(main())
