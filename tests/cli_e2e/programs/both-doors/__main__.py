"""A program for the CLI suite: BlockedNumbers and Blocklists of both doors, as declared.json holds them.

{"native": {"numbers": {"<name>": {<arguments>}}, "lists": {"<name>": [<entries>]}}, "dynamic": {...the same...}};
arguments in Python's names. A test rewrites the file between commands, as a pull request edits a program.
"""

import json
from pathlib import Path

import pulumi_zoom as zoom

from zoom_blocklist_provider import BlockedNumber, Blocklist

declared = json.loads((Path(__file__).parent / "declared.json").read_text())
native, dynamic = declared.get("native", {}), declared.get("dynamic", {})
for name, args in native.get("numbers", {}).items():
    zoom.phone.BlockedNumber(name, **args)
for name, entries in native.get("lists", {}).items():
    zoom.phone.Blocklist(name, entries=[zoom.phone.BlocklistEntryArgs(**entry) for entry in entries])
for name, args in dynamic.get("numbers", {}).items():
    BlockedNumber(name, **args)
for name, entries in dynamic.get("lists", {}).items():
    Blocklist(name, entries=entries)
